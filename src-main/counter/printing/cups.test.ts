import { describe, expect, it } from 'vitest';
import { printPdf } from './cups';

describe('printPdf', () => {
  it('refuses a job title that is not a plain id (it names the cups-pdf file and sits in the CUPS log)', async () => {
    await expect(printPdf(new Uint8Array(1), { title: '見本 花子' })).rejects.toMatchObject({ code: 'bad-title' });
    await expect(printPdf(new Uint8Array(1), { title: '../x' })).rejects.toMatchObject({ code: 'bad-title' });
  });

  it('says no-cups when there is no lp to run', async () => {
    await expect(printPdf(new Uint8Array(1), { title: 'x', lpPath: '/nonexistent/lp' })).rejects.toMatchObject({ code: 'no-cups' });
  });
});
