// A ticket is issued when a visit is submitted: visits cancelled after their preview take no number, and the
// number a preview showed is the one the submission gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../contract/kiosk';
import { pdfWords } from '../../forms/reference-pages';
import { startKioskRig, TEST_DESK, type KioskRig } from './kiosk-rig';

let kiosk: KioskRig;
beforeAll(async () => {
  kiosk = await startKioskRig();
});
afterAll(async () => {
  await kiosk?.close();
});

const answers: Record<string, AnswerValue> = { kana: 'みほん はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1, 'juminhyo.purpose': '就職先への提出' };
const pdfText = (base64: string) => pdfWords(Buffer.from(base64, 'base64')).map((w) => w.text).join('').replace(/\s/g, '');

async function visitToPreview(): Promise<string> {
  await kiosk.service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
  await kiosk.insert('demo');
  expect(await kiosk.service.request('card.read', { pin: '1234' })).toMatchObject({ ok: true });
  await kiosk.remove();
  await kiosk.service.request('session.answer', { answers });
  const { forms } = await kiosk.service.request('session.preview', {});
  return pdfText(forms[0]!.pdfBase64);
}

describe('tickets issued at submission', () => {
  it('numbers submitted visits without gaps after visits cancelled on their review', async () => {
    for (const reason of ['cancel', 'inactivity'] as const) {
      expect(await visitToPreview()).toContain('A-001');
      await kiosk.service.request('session.end', { reason });
    }
    const shown = await visitToPreview();
    const first = await kiosk.service.request('session.submit', { print: false, toClerk: true });
    expect(first.ticketNumber).toBe('A-001');
    expect(shown).toContain('A-001');
    // A retried submit is the same submission: no second number.
    expect((await kiosk.service.request('session.submit', { print: false, toClerk: true })).ticketNumber).toBe('A-001');
    await kiosk.service.request('session.end', { reason: 'done' });
    await visitToPreview();
    expect((await kiosk.service.request('session.submit', { print: false, toClerk: true })).ticketNumber).toBe('A-002');
    await kiosk.service.request('session.end', { reason: 'done' });
    const { items } = await kiosk.service.clerk.request(TEST_DESK, 'queue.list', {});
    expect(items.map((i) => i.ticketNumber)).toEqual(['A-001', 'A-002']);
  });
});
