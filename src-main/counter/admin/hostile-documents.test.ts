// What a hostile template or background does to a real counter service's admin desk (real SQLite, real files, the
// real engine): refused with the field or the file named, never stored, and the service keeps answering.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminParams, AdminRequestName, AdminResult } from '../../contract/admin';
import { startCounterService, type CounterService } from '../index';
import { decompressionBombPdf } from '../../forms/engine/hostile-pdf';
import { sha256Hex } from './backgrounds';
import { writePackage } from './template-package';

const WHO = '情報 太郎';
let dir: string;
let service: CounterService;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kakanai-hostile-'));
  service = await startCounterService({ reader: { socketPath: join(dir, 'no-pcscd.sock') }, outputDir: join(dir, 'data'), watchTemplates: false });
});
afterAll(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

function admin<N extends AdminRequestName>(name: N, params: AdminParams<N>): Promise<AdminResult<N>> {
  return service.admin.request(WHO, name, params);
}

const loc = (ja: string) => ({ ja, easy: ja, en: ja });

function testForm(id: string, pattern: string, background?: string) {
  return {
    id,
    version: 1,
    title: loc('攻撃テスト届'),
    category: 'other',
    legalBasis: '香取市事務処理規則',
    myNumberUse: false,
    ...(background ? { background: { pdf: background } } : {}),
    layout: [],
    fields: [
      { id: 'applicant.name', type: 'text', label: loc('氏名'), source: 'card.name', at: [20, 30, 120, 12] },
      { id: 'member.code', type: 'text', label: loc('番号'), at: [20, 50, 120, 12], validation: { pattern } },
    ],
  };
}

describe('a catastrophic pattern', () => {
  it('is refused by the designer’s save, naming the field, and nothing is stored', async () => {
    const r = await admin('documents.save', { kind: 'template', document: testForm('pattern-form', '(a+)+b'), basedOn: null });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { path: ['fields', 1, 'validation', 'pattern'], fieldId: 'member.code', message: expect.stringMatching(/^fields\[1\] \(id "member\.code"\)\.validation\.pattern: a repeated group contains a variable repeat/) },
    ]);
    await expect(admin('documents.versions', { kind: 'template', id: 'pattern-form' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('is refused by import, naming the field', async () => {
    const text = writePackage('template', testForm('pattern-import', '(x|x)*'), null);
    const r = await admin('documents.import', { fileName: 'pattern-import-v1.kakanai.json', text });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.file).toBe('pattern-import-v1.kakanai.json');
    expect(r.issues).toEqual([
      { path: ['document', 'fields', 1, 'validation', 'pattern'], fieldId: 'member.code', message: expect.stringMatching(/^document\.fields\[1\] \(id "member\.code"\)\.validation\.pattern: a repeated group has alternatives/) },
    ]);
  });

  it('a safe pattern is saved', async () => {
    expect(await admin('documents.save', { kind: 'template', document: testForm('pattern-ok', '[A-Z]{2}[0-9]{4}'), basedOn: null })).toMatchObject({ ok: true, version: 1 });
  });
});

describe('a decompression-bomb background', () => {
  let bomb: Uint8Array;
  beforeAll(async () => {
    bomb = await decompressionBombPdf();
  });

  it('is refused when added, as too large, and is not stored', async () => {
    const before = service.admin.store.auditLog().length;
    await expect(admin('backgrounds.add', { fileName: 'bomb.pdf', pdfBase64: Buffer.from(bomb).toString('base64') })).rejects.toMatchObject({ code: 'too-large' });
    expect(service.admin.store.auditLog().length).toBe(before);
  });

  it('is refused by import, naming the file', async () => {
    const text = writePackage('template', testForm('bomb-import', '[0-9]+', 'designer/x.pdf'), { fileName: '申請書.pdf', bytes: bomb });
    const r = await admin('documents.import', { fileName: 'bomb-import-v1.kakanai.json', text });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([{ path: ['background', 'pdfBase64'], message: 'background.pdfBase64: 申請書.pdf: decodes to more than 64 MiB (a compressed stream that expands enormously)' }]);
    await expect(admin('documents.versions', { kind: 'template', id: 'bomb-import' })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('a hostile render', () => {
  it('ends in the designer’s worker with a refusal naming the background, while the service keeps answering', async () => {
    // A background stored before the limits existed: the check when added never saw it.
    const bomb = await decompressionBombPdf();
    const hash = sha256Hex(bomb);
    service.admin.store.addBackground({ hash, bytes: bomb, pagesMm: [{ widthMm: 210, heightMm: 297 }] }, WHO);
    let settled = false;
    const hostile = admin('preview.render', { document: testForm('bomb-preview', '[0-9]+', `designer/${hash}.pdf`), residentId: 'demo' }).finally(() => {
      settled = true;
    });
    const started = performance.now();
    const info = await service.request('kiosk.info', {});
    expect(info).toBeDefined();
    const residents = await admin('preview.residents', {});
    expect(residents.residents.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(500);
    expect(settled).toBe(false);
    const r = await hostile;
    expect(r).toMatchObject({ pdfBase64: null, issues: [{ path: ['background', 'pdf'], message: `background.pdf: designer/${hash}.pdf: decodes to more than 64 MiB (a compressed stream that expands enormously)` }] });
  }, 30_000);
});
