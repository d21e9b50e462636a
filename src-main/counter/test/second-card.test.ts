// A family member's own My Number Card read during the visitor's session, on the real PC/SC stack: the visitor's card
// leaves the reader, the spouse's card is read with the spouse's own PIN and guard, and the forms print the spouse's
// kanji name (read back from the PDFs) while the visitor's read, answers and session stay as they were.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../contract/kiosk';
import { repoRoot } from '../../forms/load';
import { pdfWords } from '../../forms/reference-pages';
import { hallMirror } from '../../contract/hall';
import { startKioskRig, TEST_DESK, type KioskRig } from './kiosk-rig';

let kiosk: KioskRig;
beforeAll(async () => {
  kiosk = await startKioskRig();
});
afterAll(async () => {
  await kiosk?.close();
});

const squash = (s: string) => s.replace(/\s/g, '');
const pdfText = (base64: string) => squash(pdfWords(Buffer.from(base64, 'base64')).map((w) => w.text).join(''));

const { 'move.signature': signature, 'move.kind': _kind, ...moveAnswers } = JSON.parse(readFileSync(join(repoRoot, 'fixtures/answers/resident-move.json'), 'utf8')) as Record<string, AnswerValue>;
const answers: Record<string, AnswerValue> = {
  ...moveAnswers,
  movedOn: '2025-05-20',
  pension: 'employees',
  'account.method': 'public',
  'juminhyo.relation': 'self',
  'copies.all': 1,
  needsJuminhyo: true,
  'linked.childAllowance': true,
  'linked.nursery': false,
  // The spouse: the reading typed, the rest from their card.
  'household.1.relationship': 'spouse',
  'household.1.kana': 'みほん へいた',
  'household.1.living': 'together',
  // The child, typed as before.
  'household.2.relationship': 'child',
  'household.2.kana': 'みほん さくら',
  'household.2.birthDate': '2024-05-01',
  'household.2.sex': '2',
  'household.2.living': 'together',
};

async function visitorRead(): Promise<void> {
  const { service } = kiosk;
  await service.request('session.start', { procedureId: 'moving-in', language: 'ja' });
  await kiosk.insert('demo');
  expect(await service.request('card.read', { pin: '1234' })).toMatchObject({ ok: true, resident: { name: '見本　花子' } });
  await kiosk.remove();
}

describe("a family member's own card, read in the visitor's session", () => {
  it("survives the card swap: the spouse's card is read with the spouse's PIN, the forms print the spouse's kanji name and My Number", async () => {
    const { service } = kiosk;
    await visitorRead();
    // Outside the person's card step, nothing reads a card for a person.
    await expect(service.request('person.card.read', { pin: '0108' })).rejects.toMatchObject({ code: 'invalid-request' });
    await service.request('person.card.begin', { person: 1 });
    // The clerk's mirror says whose card the step is for (the person's number; their role is an answer it has).
    const during = await service.clerk.request(TEST_DESK, 'mirror.get', {});
    expect(during.session?.personCard).toEqual({ person: 1 });
    // The hall relays the same mirror to its desks: its schema takes it as it is (it refused a 個人番号 question and
    // an option offered by age until both were in its schema: every mirror of a 転入 would have been dropped).
    expect(hallMirror.safeParse(during).success).toBe(true);
    await kiosk.insert('heisei-first-day');
    // The visitor's read is never replaced by the card now on the reader.
    await expect(service.request('card.read', { pin: '0108' })).rejects.toMatchObject({ code: 'invalid-request' });
    expect(await service.request('card.tries', {})).toEqual({ triesLeft: 3 });
    expect(await service.request('person.card.read', { pin: '9999' })).toEqual({ ok: false, error: 'WrongPin', triesLeft: 2 });
    expect(await service.request('card.tries', {})).toEqual({ triesLeft: 2 });
    expect(await service.request('person.card.read', { pin: '0108' })).toEqual({
      ok: true,
      person: { person: 1, name: '見本　平太', address: '千葉県香取市見本町九丁目１０番１１号', birthDate: '1989-01-08', sex: '1', myNumberRead: true },
    });
    await kiosk.remove();
    expect(await service.request('session.memory', {})).toMatchObject({ hasSession: true, hasResident: true, hasMyNumber: true, personCards: 1 });
    // Read: no card step runs; the mirror says what the card gave only as answers (never the My Number).
    const after = await service.clerk.request(TEST_DESK, 'mirror.get', {});
    expect(after.session?.personCard).toBeNull();
    expect(JSON.stringify(after)).not.toContain('101010101019');

    // The screen does not send the card's items; a typed one sent anyway does not replace them.
    expect((await service.request('session.answer', { answers: { ...answers, 'household.1.birthDate': '2000-01-01' } })).problems).toEqual([]);
    await service.request('session.signature', { pngDataUrl: signature as string });
    const { forms } = await service.request('session.preview', {});
    const text = new Map(forms.map((f) => [f.templateId, pdfText(f.pdfBase64)]));
    const move = text.get('resident-move')!;
    const claim = text.get('jido-teate-nintei')!;
    // The visitor is still the card holder of every form.
    for (const t of [move, claim]) expect(t).toContain('見本花子');
    // The spouse's name in kanji, from their card: no reading waiting for the clerk's kanji, for the spouse.
    for (const t of [move, claim]) expect(t).toContain('見本平太');
    expect(move).toContain('平成元年1月8日');
    expect(move).not.toContain('2000');
    expect(move).not.toContain('よみ：みほんへいた');
    expect(claim).not.toContain('よみ：みほんへいた');
    // The child typed in kana still waits for the clerk.
    expect(move).toContain('よみ：みほんさくら（漢字は職員が記入）');
    // The 児童手当 prints the spouse's My Number (read from their card); the 異動届 prints nobody's.
    expect(claim).toContain('101010101019');
    expect(move).not.toContain('101010101019');

    await service.request('session.end', { reason: 'cancel' });
    expect(await service.request('session.memory', {})).toMatchObject({ hasSession: false, personCards: 0 });
  });

  it("keeps the second card's own guard: one try left stops before the last try, a blocked card and a wrong card are refused, and nothing entered is lost", async () => {
    const { service } = kiosk;
    await visitorRead();
    const typed = { 'household.1.relationship': 'spouse', 'household.1.kana': 'みほん かずえ' } as const;
    await service.request('session.answer', { answers: typed });
    await service.request('person.card.begin', { person: 1 });

    await kiosk.insert('one-try-left');
    expect(await service.request('card.tries', {})).toEqual({ triesLeft: 1 });
    expect(await service.request('person.card.read', { pin: '1111' })).toEqual({ ok: false, error: 'PinGuard', triesLeft: 1 });
    // The last try was not spent.
    expect(await service.request('card.tries', {})).toEqual({ triesLeft: 1 });

    await kiosk.insert('pin-blocked');
    expect(await service.request('card.tries', {})).toEqual({ triesLeft: 0 });
    expect(await service.request('person.card.read', { pin: '2222' })).toMatchObject({ ok: false, error: 'PinBlocked' });

    await kiosk.insert('not-my-number-card');
    expect(await service.request('person.card.read', { pin: '1234' })).toMatchObject({ ok: false, error: 'NotMyNumberCard' });

    // The visitor's own card placed again is not taken for the spouse.
    await kiosk.insert('demo');
    expect(await service.request('person.card.read', { pin: '1234' })).toEqual({ ok: false, error: 'VisitorCard' });
    await kiosk.remove();

    // Back to typing: the visitor's read and every answer are as they were; the mirror's card step ends.
    expect((await service.clerk.request(TEST_DESK, 'mirror.get', {})).session?.personCard).toEqual({ person: 1 });
    await service.request('person.card.cancel', {});
    expect((await service.clerk.request(TEST_DESK, 'mirror.get', {})).session?.personCard).toBeNull();
    expect(await service.request('session.memory', {})).toMatchObject({ hasSession: true, hasResident: true, personCards: 0 });
    const { problems } = await service.request('session.answer', { answers: { 'household.1.birthDate': '1990-02-03', 'household.1.sex': '2' } });
    expect(problems).toEqual([]);
    await expect(service.request('person.card.read', { pin: '1111' })).rejects.toMatchObject({ code: 'invalid-request' });
    await service.request('session.end', { reason: 'cancel' });
  });

  it("drops a family member's My Number the moment their relationship changes so that no form needs it, and keeps their card", async () => {
    const { service } = kiosk;
    await visitorRead();
    await service.request('session.answer', { answers: { 'linked.childAllowance': true, 'household.1.relationship': 'spouse' } });
    await service.request('person.card.begin', { person: 1 });
    await kiosk.insert('heisei-first-day');
    expect(await service.request('person.card.read', { pin: '0108' })).toMatchObject({ ok: true, person: { myNumberRead: true } });
    await kiosk.remove();
    expect(await service.request('session.memory', {})).toMatchObject({ personCards: 1, personMyNumbers: 1 });
    // A child: the 児童手当 takes a child's My Number too — kept.
    await service.request('session.answer', { answers: { 'household.1.relationship': 'child' } });
    expect(await service.request('session.memory', {})).toMatchObject({ personCards: 1, personMyNumbers: 1 });
    // A parent: no form of the visit takes their My Number any more. Dropped now; the card's other items stay.
    await service.request('session.answer', { answers: { 'household.1.relationship': 'parent', 'household.1.kana': 'みほん へいた', 'household.1.living': 'together' } });
    expect(await service.request('session.memory', {})).toMatchObject({ personCards: 1, personMyNumbers: 0 });
    const { forms } = await service.request('session.preview', {});
    for (const f of forms) expect(pdfText(f.pdfBase64)).not.toContain('101010101019');
    await service.request('session.end', { reason: 'cancel' });
  });

  it("goes back to typing for a person read from their card: what the card gave is dropped, the wipe leaves nothing", async () => {
    const { service } = kiosk;
    await visitorRead();
    await service.request('person.card.begin', { person: 1 });
    await kiosk.insert('heisei-first-day');
    expect(await service.request('person.card.read', { pin: '0108' })).toMatchObject({ ok: true });
    await kiosk.remove();
    await service.request('person.card.forget', { person: 1 });
    expect(await service.request('session.memory', {})).toMatchObject({ personCards: 0, answerCount: 1 }); // move.kind, the bundle's own
    await service.request('person.card.begin', { person: 1 });
    await kiosk.insert('heisei-first-day');
    expect(await service.request('person.card.read', { pin: '0108' })).toMatchObject({ ok: true });
    await kiosk.remove();
    // Inactivity's wipe, as the screen asks it.
    await service.request('session.end', { reason: 'inactivity' });
    expect(await service.request('session.memory', {})).toEqual({ hasSession: false, hasResident: false, hasMyNumber: false, answerCount: 0, renderedForms: 0, personCards: 0, personMyNumbers: 0 });
  });
});
