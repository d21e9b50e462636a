// A kiosk joined to a city hall that is out of reach: the resident's submission is durable in the kiosk's outbox, she
// gets the kiosk's own ticket (its prefix and count) marked offline, and nothing is lost.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../contract/kiosk';
import { credentialFile, type HallCredential } from '../../hall/join';
import { offlineTicketPrefix } from '../../hall/kiosk-link';
import { pdfWords } from '../../forms/reference-pages';
import { startKioskRig, TEST_DESK, type KioskRig } from './kiosk-rig';

let kiosk: KioskRig;
let dir: string;
let credential: HallCredential;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kakanai-joined-offline-'));
  // A port nobody listens on: the hall is down.
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as { port: number };
      probe.close(() => resolve(p));
    });
  });
  const dataDir = join(dir, 'data');
  credential = { version: 1, hall: `https://127.0.0.1:${port}`, deviceId: '6f0b2a4e-0000-4000-8000-00000000000a', kind: 'kiosk', site: 'honcho', name: '1階 A', credential: 'not-a-real-credential', ca: null };
  mkdirSync(join(dataDir, 'hall'), { recursive: true, mode: 0o700 });
  writeFileSync(credentialFile(dataDir), JSON.stringify(credential), { mode: 0o600 });
  kiosk = await startKioskRig({ outputDir: dataDir, hall: { ackWithinMs: 1_500, retryMs: 200 } });
});
afterAll(async () => {
  await kiosk?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const answers: Record<string, AnswerValue> = { kana: 'みほん はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1, 'juminhyo.purpose': '就職先への提出' };
const pdfText = (base64: string) => pdfWords(Buffer.from(base64, 'base64')).map((w) => w.text).join('').replace(/\s/g, '');

describe('a joined kiosk whose hall is out of reach', () => {
  it('acknowledges the submission once durable with its own ticket, marked offline, and keeps it in the outbox', async () => {
    await kiosk.service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
    await kiosk.insert('demo');
    expect(await kiosk.service.request('card.read', { pin: '1234' })).toMatchObject({ ok: true });
    await kiosk.remove();
    await kiosk.service.request('session.answer', { answers });
    const own = `${offlineTicketPrefix(credential)}-001`;
    // The preview cannot know which number the visit gets (the hall's, or the kiosk's own): its box is empty.
    expect(pdfText((await kiosk.service.request('session.preview', {})).forms[0]!.pdfBase64)).not.toContain(offlineTicketPrefix(credential));

    const began = Date.now();
    const submitted = await kiosk.service.request('session.submit', { print: false, toClerk: true });
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(submitted).toMatchObject({ ticketNumber: own, offlineTicket: true, sentToClerk: true });
    await kiosk.service.request('session.end', { reason: 'done' });
    await new Promise((r) => setTimeout(r, 600));
    const { items } = await kiosk.service.clerk.request(TEST_DESK, 'queue.list', {});
    expect(items.map((i) => [i.ticketNumber, i.status])).toEqual([[own, 'submitted']]);
  });
});
