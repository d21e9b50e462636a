// A kiosk joined to a reachable city hall: the ticket drawn on the resident's forms is the site's number the hall
// issued for the visit, so the printed paper, the PDF the hall's desks open, the done screen and the queue all say the
// same 受付番号 (they said the kiosk's own `K…-001` on paper and the hall's `1` on the screen). Real pcscd, real
// PostgreSQL, a real hall over TLS.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../contract/kiosk';
import { pdfWords } from '../../forms/reference-pages';
import { joinHall } from '../../hall/join';
import type { HallServer } from '../../hall/server';
import { startHallRig, type HallRig } from '../../hall/test/hall-rig';
import { startKioskRig, type KioskRig } from './kiosk-rig';

let rig: HallRig;
let hall: HallServer;
let kiosk: KioskRig;
let dataDir: string;

beforeAll(async () => {
  rig = await startHallRig('joined-ticket');
  hall = await rig.start();
  const device = await hall.stores.registry.add('kiosk', 'honcho', '1階 A');
  await hall.stores.registry.issueCode(device.id, 'TICKETCODE01', Date.now() + 60_000);
  dataDir = join(rig.dir, 'kiosk-data');
  await joinHall({ hall: `https://localhost:${hall.port}`, code: 'TICKETCODE01', ca: rig.tls.ca, dataDir });
  // A long wait for the hall's answers: a loaded test machine must not turn this into the offline case.
  kiosk = await startKioskRig({ outputDir: dataDir, hall: { ackWithinMs: 10_000, retryMs: 200 } });
  // Another kiosk of the site took the day's first number: the hall's sequence is the site's, not this kiosk's.
  await hall.stores.tickets.next('honcho', '2025-06-02', 'another-kiosk');
}, 180_000);

afterAll(async () => {
  await kiosk?.close();
  await hall?.close().catch(() => undefined);
  await rig?.remove();
});

const answers: Record<string, AnswerValue> = { kana: 'みほん はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1, 'juminhyo.purpose': '就職先への提出' };
const pdfText = (pdf: Uint8Array) => pdfWords(pdf).map((w) => w.text).join('').replace(/\s/g, '');

describe('a kiosk joined to a reachable hall', () => {
  it('draws the hall\'s ticket on the forms it prints and sends: paper, desk and screen say the same number', async () => {
    await kiosk.service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
    await kiosk.insert('demo');
    expect(await kiosk.service.request('card.read', { pin: '1234' })).toMatchObject({ ok: true });
    await kiosk.remove();
    await kiosk.service.request('session.answer', { answers });
    // Before it is issued the number is unknown: the preview's 受付番号 box is empty, not the kiosk's own count.
    expect(pdfText(Buffer.from((await kiosk.service.request('session.preview', {})).forms[0]!.pdfBase64, 'base64'))).not.toMatch(/K[0-9A-F]{4,8}-\d{3}/);

    const submitted = await kiosk.service.request('session.submit', { print: true, toClerk: true });
    // The site's second number of the day (the other kiosk took the first), not the kiosk's own K…-001.
    expect(submitted).toMatchObject({ ticketNumber: '2', printed: true, sentToClerk: true });
    expect(submitted).not.toHaveProperty('offlineTicket');
    await kiosk.service.request('session.end', { reason: 'done' });

    // The hall stored the visit under that number, with one ticket issued for it (none taken twice).
    const stored = await hall.stores.queue.list({ site: 'honcho' });
    expect(stored.map((s) => s.ticketNumber)).toEqual(['2']);
    expect((await hall.stores.tickets.list('honcho', '2025-06-02')).map((t) => [t.number, t.offline])).toEqual([[1, false], [2, false]]);
    // The PDF the hall's desks open carries it: 受付番号 2, and no number of the kiosk's own.
    const opened = await hall.stores.queue.open(stored[0]!.id, { kind: 'clerk', id: 'sato' });
    const atHall = pdfText(opened.reveal()[0]!.pdf);
    expect(atHall).toMatch(/受付番号2(?!\d)/);
    expect(atHall).not.toMatch(/K[0-9A-F]{4,8}-\d{3}/);
    // And so does the paper the resident took (the demo's print folder).
    const prints = readdirSync(join(dataDir, 'print')).filter((f) => f.endsWith('.pdf'));
    expect(prints).toHaveLength(1);
    expect(pdfText(readFileSync(join(dataDir, 'print', prints[0]!)))).toMatch(/受付番号2(?!\d)/);
  }, 120_000);
});
