// The review's forms are rendered in the background as soon as the answers are complete, so session.preview answers
// at once; what was rendered belongs to the session (counted by session.memory, wiped with it) and never goes stale.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AnswerValue } from '../../contract/kiosk';
import { pdfWords } from '../../forms/reference-pages';
import { startKioskRig, type KioskRig } from './kiosk-rig';

let kiosk: KioskRig;
beforeAll(async () => {
  kiosk = await startKioskRig();
});
afterAll(async () => {
  await kiosk?.close();
});

const answers: Record<string, AnswerValue> = { kana: 'みほん はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1, 'juminhyo.purpose': '就職先への提出' };
const pdfText = (base64: string) => pdfWords(Buffer.from(base64, 'base64')).map((w) => w.text).join('').replace(/\s/g, '');
const renderedForms = async () => (await kiosk.service.request('session.memory', {})).renderedForms;

async function readDemoCard(): Promise<void> {
  await kiosk.service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
  await kiosk.insert('demo');
  expect(await kiosk.service.request('card.read', { pin: '1234' })).toMatchObject({ ok: true });
  await kiosk.remove();
}

describe('the background render', () => {
  it('renders the forms once the answers are complete, without a preview asked; the wipe drops them', async () => {
    await readDemoCard();
    const { kana, ...rest } = answers;
    await kiosk.service.request('session.answer', { answers: { kana: kana! } });
    expect(await renderedForms()).toBe(0); // incomplete: nothing to render yet
    await kiosk.service.request('session.answer', { answers: rest });
    await vi.waitFor(async () => expect(await renderedForms()).toBe(1), { timeout: 20_000, interval: 20 });
    await kiosk.service.request('session.end', { reason: 'cancel' });
    expect(await kiosk.service.request('session.memory', {})).toEqual({ hasSession: false, hasResident: false, hasMyNumber: false, answerCount: 0, renderedForms: 0, personCards: 0, personMyNumbers: 0 });
  });

  it('a changed answer drops the background render: the preview shows the new value, not the old one', async () => {
    await readDemoCard();
    await kiosk.service.request('session.answer', { answers });
    await vi.waitFor(async () => expect(await renderedForms()).toBe(1), { timeout: 20_000, interval: 20 });
    await kiosk.service.request('session.answer', { answers: { 'juminhyo.purpose': '銀行口座の開設' } });
    const { forms } = await kiosk.service.request('session.preview', {});
    const text = pdfText(forms[0]!.pdfBase64);
    expect(text).toContain('銀行口座の開設');
    expect(text).not.toContain('就職先への提出');
    await kiosk.service.request('session.end', { reason: 'cancel' });
  });

  it('a preview asked while the background render runs joins it: one ticket, the same bytes as the submission', async () => {
    await readDemoCard();
    await kiosk.service.request('session.answer', { answers });
    const [a, b] = await Promise.all([kiosk.service.request('session.preview', {}), kiosk.service.request('session.preview', {})]);
    expect(a.forms[0]!.pdfBase64).toBe(b.forms[0]!.pdfBase64);
    const submission = await kiosk.service.request('session.submit', { print: false, toClerk: false });
    expect(pdfText(a.forms[0]!.pdfBase64)).toContain(submission.ticketNumber);
    await kiosk.service.request('session.end', { reason: 'cancel' });
  });
});
