// The counter service on the real PC/SC stack: a private pcscd, the vpcd driver and a virtual My Number Card.
// Whole visits end with the values read from the produced PDFs (pdftotext), as the printer would receive them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadResidentFixture, residentFixturePath } from '../../../card-reader/virtual-card/resident-fixture';
import type { AnswerValue, KioskEvent } from '../../contract/kiosk';
import { formatWareki } from '../../forms/binding/wareki';
import { loadLibrary, repoRoot } from '../../forms/load';
import { pdfWords } from '../../forms/reference-pages';
import { answerCondition } from '../catalogue';
import { startCounterService } from '../index';
import { ClerkQueue, keyFolderStore } from '../queue';
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

/** Images placed in a PDF (pdfimages -list prints two header lines, then one line per image). */
function pdfImageCount(base64: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-images-'));
  try {
    writeFileSync(join(dir, 'form.pdf'), Buffer.from(base64, 'base64'));
    return execFileSync('pdfimages', ['-list', join(dir, 'form.pdf')], { encoding: 'utf8', timeout: 60_000 }).trim().split('\n').length - 2;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const common: Record<string, AnswerValue> = { kana: 'みほん はなこ', phone: '0478-54-1111' };
const answersFor: Record<string, Record<string, AnswerValue>> = {
  'juminhyo-request': { ...common, 'juminhyo.relation': 'self', 'copies.all': 2, 'juminhyo.purpose': '就職先への提出' },
  'inkan-certificate': { ...common, 'inkan.applicantKind': 'self', 'inkan.registrationNumber': 'K-2024-77', 'inkan.copies': 1 },
  'jido-teate-nintei': {
    ...common,
    pension: 'employees',
    'account.method': 'public',
    // The child, entered once on the people screen (the 異動届 of a 転入 takes the same answers).
    'household.1.relationship': 'child',
    'household.1.kana': 'みほん さくら',
    'household.1.birthDate': '2024-05-01',
    'household.1.sex': '2',
    'household.1.living': 'together',
  },
};

async function visit(residentId: string, procedureId: string, answers: Record<string, AnswerValue>) {
  const resident = loadResidentFixture(residentFixturePath(residentId));
  const { service } = kiosk;
  const started = await service.request('session.start', { procedureId, language: 'ja' });
  await kiosk.insert(residentId);
  expect(await service.request('card.tries', {})).toEqual({ triesLeft: resident.pinTriesLeft ?? 3 });
  kiosk.events.length = 0;
  const read = await service.request('card.read', { pin: resident.pin });
  // With the card holder's age on the visit day, for questions asked only at some ages.
  expect(read).toEqual({ ok: true, resident: { name: resident.name, address: resident.address, birthDate: resident.birthDate, sex: resident.sex }, facts: { 'computed.age': expect.any(Number) } });
  const progress = kiosk.events.filter((e): e is Extract<KioskEvent, { type: 'card-read-progress' }> => e.type === 'card-read-progress');
  expect(progress.length).toBeGreaterThanOrEqual(started.procedure.usesMyNumber ? 8 : 6);
  expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
  await kiosk.remove();
  const { problems } = await service.request('session.answer', { answers });
  expect(problems).toEqual([]);
  const preview = await service.request('session.preview', {});
  const submission = await service.request('session.submit', { print: true, toClerk: false });
  return { resident, started, preview, submission };
}

describe('a whole visit at the kiosk', () => {
  const cases = [
    ['demo', 'juminhyo-request'],
    ['old-kanji', 'inkan-certificate'],
    ['heisei-first-day', 'jido-teate-nintei'],
  ] as const;

  it.each(cases)('resident %s gets %s filled from the card and the answers, printed with a ticket number', async (residentId, procedureId) => {
    const { resident, started, preview, submission } = await visit(residentId, procedureId, answersFor[procedureId]!);
    expect(started.procedure.templateIds).toEqual([procedureId]);
    expect(started.questions.map((q) => q.key)).toEqual(expect.arrayContaining(Object.keys(answersFor[procedureId]!)));
    expect(started.questions.some((q) => q.usedBy.some((u) => u.fieldId.endsWith('.name') && u.fieldId.startsWith('applicant')))).toBe(false);
    expect(preview.forms).toHaveLength(1);
    const form = preview.forms[0]!;
    expect(form.missingGlyphs).toEqual([]);
    const text = pdfText(form.pdfBase64);
    expect(text).toContain(squash(resident.name));
    expect(text).toContain(squash(resident.address));
    expect(text).toContain(squash(formatWareki(resident.birthDate)!));
    expect(text).toContain(squash(formatWareki('2025-06-02')!));
    expect(text).toContain('0478-54-1111');
    expect(text).toContain(submission.ticketNumber);
    // Printing only was asked; a family member's name is a reading only (the people screen asks no kanji), so the
    // visit goes to the clerk too, who writes the kanji.
    const reading = procedureId === 'jido-teate-nintei';
    expect(submission).toMatchObject({ ticketNumber: expect.stringMatching(/^A-\d{3}$/), printed: true, sentToClerk: reading });
    expect(submission.kanjiByClerk).toBe(reading ? true : undefined);
    // 番号利用事務: the My Number is in the PDF, and only there.
    const myNumberPrinted = text.includes(resident.myNumber);
    expect(myNumberPrinted).toBe(started.procedure.usesMyNumber);
    expect(JSON.stringify({ started, form: { ...form, pdfBase64: '' } })).not.toContain(resident.myNumber);
    const printed = readdirSync(join(kiosk.outputDir, 'print')).filter((f) => f.includes(submission.ticketNumber));
    expect(printed).toEqual([`2025-06-02_${submission.ticketNumber}_${procedureId}.pdf`]);
    expect(Buffer.from(readFileSync(join(kiosk.outputDir, 'print', printed[0]!))).toString('base64')).toBe(form.pdfBase64);
    await kiosk.service.request('session.end', { reason: 'done' });
  });

  it('numbers tickets per day, one after the other', async () => {
    const a = await visit('demo', 'juminhyo-request', answersFor['juminhyo-request']!);
    await kiosk.service.request('session.end', { reason: 'done' });
    const b = await visit('demo', 'juminhyo-request', answersFor['juminhyo-request']!);
    await kiosk.service.request('session.end', { reason: 'done' });
    expect(Number(b.submission.ticketNumber.slice(2))).toBe(Number(a.submission.ticketNumber.slice(2)) + 1);
  });

  it('fills a life-event bundle: each shared answer asked once, forms added by earlier answers, the signature embedded', async () => {
    const { service } = kiosk;
    const bundle = loadLibrary().bundles.get('moving-in')!;
    const whenOf = new Map(bundle.templates.map((r) => [r.id, r.when]));
    const started = await service.request('session.start', { procedureId: 'moving-in', language: 'easy' });
    expect(started.procedure).toMatchObject({ kind: 'life-event', templateIds: bundle.templates.map((r) => r.id), usesMyNumber: true });
    expect(started.questions.slice(0, bundle.ask.length).map((q) => q.key)).toEqual(bundle.ask.map((a) => a.key));
    const keys = started.questions.map((q) => q.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(started.questions.find((q) => q.key === 'kana')!.usedBy.map((u) => u.templateId)).toEqual(expect.arrayContaining(['resident-move', 'juminhyo-request']));
    expect(started.questions.find((q) => q.key === 'kana')!.when).toBeUndefined();
    const onlyChildAllowance = started.questions.find((q) => !q.key.startsWith('household.') && q.usedBy.length > 0 && q.usedBy.every((u) => u.templateId === 'jido-teate-nintei'))!;
    const childWhen = whenOf.get('jido-teate-nintei')!;
    expect(onlyChildAllowance.when).toEqual(answerCondition(childWhen));
    // A person's item only the 児童手当 prints (同居/別居) is asked for a child or spouse, once that form is chosen.
    expect(started.questions.find((q) => q.key === 'household.1.living')).toMatchObject({
      when: { key: 'household.1.relationship', in: ['spouse', 'child'] },
      also: answerCondition(childWhen),
    });

    const resident = loadResidentFixture(residentFixturePath('demo'));
    const { 'move.signature': signature, ...moveAnswers } = JSON.parse(readFileSync(join(repoRoot, 'fixtures/answers/resident-move.json'), 'utf8')) as Record<string, AnswerValue>;
    moveAnswers['movedOn'] = '2025-05-20'; // before the test's visit day: a move is notified after it happened
    delete moveAnswers['move.kind']; // the moving-in bundle gives it (転入): never asked, so not an answer the kiosk takes
    await kiosk.insert('demo');
    expect(await service.request('card.read', { pin: resident.pin })).toMatchObject({ ok: true });
    await kiosk.remove();
    expect((await service.request('session.memory', {})).hasMyNumber).toBe(true);

    // Answers that leave out every conditional form leave out the 番号利用事務 forms, and with them the My Number.
    const none = { ...moveAnswers, 'linked.childAllowance': false, 'linked.nursery': false, needsJuminhyo: false };
    expect((await service.request('session.answer', { answers: none })).problems).toEqual([]);
    expect((await service.request('session.memory', {})).hasMyNumber).toBe(false);
    expect((await service.request('session.preview', {})).forms.map((f) => f.templateId)).toEqual(['resident-move']);

    await service.request('session.end', { reason: 'cancel' });
    await service.request('session.start', { procedureId: 'moving-in', language: 'en' });
    await kiosk.insert('demo');
    await service.request('card.read', { pin: resident.pin });
    await kiosk.remove();
    const answers = {
      ...moveAnswers,
      ...answersFor['juminhyo-request']!,
      ...answersFor['jido-teate-nintei']!,
      'linked.childAllowance': true,
      'linked.nursery': false,
      needsJuminhyo: true,
    };
    expect((await service.request('session.answer', { answers })).problems).toEqual([]);
    expect(pdfImageCount((await service.request('session.preview', {})).forms[0]!.pdfBase64)).toBe(0); // no signature yet
    await service.request('session.signature', { pngDataUrl: signature as string });
    const { forms } = await service.request('session.preview', {});
    expect(forms.map((f) => f.templateId)).toEqual(['resident-move', 'jido-teate-nintei', 'juminhyo-request']);
    const [move, jidoTeate, juminhyo] = forms.map((f) => pdfText(f.pdfBase64)) as [string, string, string];
    for (const text of [move, jidoTeate, juminhyo]) expect(text).toContain(squash(resident.name));
    expect(move).toContain(squash(moveAnswers['move.newAddress'] as string));
    expect(juminhyo).toContain('みほんはなこ');
    expect(jidoTeate).toContain(resident.myNumber);
    // The child entered once is on both forms: the reading in the 氏名 box's note (the clerk writes the kanji), the 続柄.
    for (const text of [move, jidoTeate]) expect(text).toContain('みほんさくら');
    expect(move).toMatch(/子/);
    expect(move).not.toContain(resident.myNumber);
    expect(juminhyo).not.toContain(resident.myNumber);
    expect(pdfImageCount(forms[0]!.pdfBase64)).toBeGreaterThanOrEqual(1); // the captured signature
    const submission = await service.request('session.submit', { print: false, toClerk: true });
    expect(submission).toMatchObject({ printed: false, sentToClerk: true });
    // The clerk queue the service opened in its data folder (a second connection; WAL allows it).
    const queue = new ClerkQueue({ dir: join(kiosk.outputDir, 'queue'), keys: keyFolderStore(kiosk.keysDir) });
    const queued = queue.list().filter((s) => s.ticketNumber === submission.ticketNumber);
    queue.close();
    expect(queued.map((s) => s.forms.map((f) => f.templateId))).toEqual([['resident-move', 'jido-teate-nintei', 'juminhyo-request']]);
    await service.request('session.end', { reason: 'done' });
  });

  it('reports answers the forms refuse, by code, for the keys given so far', async () => {
    const { service } = kiosk;
    await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
    const { problems } = await service.request('session.answer', { answers: { phone: '12345', kana: '𠮷だ', 'copies.all': 99 } });
    expect(problems).toEqual(
      expect.arrayContaining([
        { key: 'phone', code: 'pattern' },
        { key: 'kana', code: 'pattern' },
        { key: 'copies.all', code: 'range' },
      ]),
    );
    expect(problems.every((p) => ['phone', 'kana', 'copies.all'].includes(p.key))).toBe(true);
    await expect(service.request('session.answer', { answers: { notAQuestion: 'x' } })).rejects.toMatchObject({ code: 'invalid-request' });
    await service.request('session.end', { reason: 'cancel' });
  });

  it('refuses to submit while a required answer is missing, and nothing reaches the printer or the clerk', async () => {
    const { service } = kiosk;
    const resident = loadResidentFixture(residentFixturePath('demo'));
    await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
    await kiosk.insert('demo');
    expect(await service.request('card.read', { pin: resident.pin })).toMatchObject({ ok: true });
    const { phone: _phone, ...withoutPhone } = answersFor['juminhyo-request']!;
    expect((await service.request('session.answer', { answers: withoutPhone })).problems).toEqual([]);
    await expect(service.request('session.submit', { print: true, toClerk: true })).rejects.toMatchObject({ code: 'invalid-request' });
    await service.request('session.answer', { answers: { phone: '0478-54-1111' } });
    await expect(service.request('session.submit', { print: false, toClerk: false })).resolves.toMatchObject({ printed: false, sentToClerk: false });
    await service.request('session.end', { reason: 'done' });
    await kiosk.remove();
  });

  it("shows what is being typed on the clerk's mirror, drops it when answered or wiped, and never prints it", async () => {
    const { service } = kiosk;
    await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
    await service.request('session.typing', { answers: { kana: 'みほ' } });
    await expect(service.clerk.request(TEST_DESK, 'mirror.get', {})).resolves.toMatchObject({ session: { typing: { kana: 'みほ' }, answers: {} } });
    await expect(service.request('session.typing', { answers: { notAQuestion: 'x' } })).rejects.toMatchObject({ code: 'invalid-request' });
    await service.request('session.answer', { answers: { kana: 'みほん' } });
    const answered = await service.clerk.request(TEST_DESK, 'mirror.get', {});
    expect(answered.session).toMatchObject({ typing: {}, answers: { kana: 'みほん' } });
    await service.request('session.typing', { answers: { phone: '0478' } });
    expect((await service.request('session.memory', {})).answerCount).toBe(1); // typing is not an answer
    await service.request('session.end', { reason: 'cancel' });
    expect((await service.clerk.request(TEST_DESK, 'mirror.get', {})).session).toBeNull();
  });

  it('an optional value typed wrong, then cleared, stops being a problem and does not reach the form', async () => {
    const { service } = kiosk;
    await service.request('session.start', { procedureId: 'resident-move', language: 'ja' });
    const wrong = await service.request('session.answer', { answers: { 'move.person1.code': 'みほ' } });
    expect(wrong.problems).toContainEqual({ key: 'move.person1.code', code: 'pattern' });
    const cleared = await service.request('session.answer', { answers: { 'move.person1.code': null } });
    expect(cleared.problems.filter((p) => p.key === 'move.person1.code')).toEqual([]);
    expect(await service.request('session.memory', {})).toMatchObject({ answerCount: 0 });
    await service.request('session.end', { reason: 'cancel' });
  });

  it('a skipped optional group (all its answers sent as null) and a group whose condition fails leave no problem and print nothing', async () => {
    const { service } = kiosk;
    const started = await service.request('session.start', { procedureId: 'resident-move', language: 'ja' });
    const person2 = started.questions.filter((q) => q.group === 'household-1').map((q) => q.key);
    expect(person2.length).toBeGreaterThanOrEqual(4);
    expect(started.groups.find((g) => g.id === 'household-1')?.optional).toBeDefined();
    await service.request('session.answer', { answers: { 'household.1.birthDate': '2999-01-01', 'move.kind': 'out', 'move.plannedOn': '1999-99-99' } });
    const skipped = await service.request('session.answer', { answers: { ...Object.fromEntries(person2.map((k) => [k, null])), 'move.kind': 'in' } });
    // move.plannedOn is asked only for a move out: with 転入 its (bad) date is neither checked nor printed
    expect(skipped.problems).toEqual([]);
    await service.request('session.end', { reason: 'cancel' });
  });
});

describe('what the card says', () => {
  it('a wrong PIN costs one try, says how many are left, and is never retried', async () => {
    const { service } = kiosk;
    await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
    await kiosk.insert('demo');
    expect(await service.request('card.read', { pin: '0000' })).toEqual({ ok: false, error: 'WrongPin', triesLeft: 2 });
    expect(await service.request('card.tries', {})).toEqual({ triesLeft: 2 });
    expect((await service.request('session.memory', {})).hasResident).toBe(false);
    expect(await service.request('card.read', { pin: '1234' })).toMatchObject({ ok: true });
    await kiosk.remove();
    await service.request('session.end', { reason: 'cancel' });
  });

  it('with one try left the guard keeps the PIN off the card (the clerk decides)', async () => {
    const { service } = kiosk;
    await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
    const resident = loadResidentFixture(residentFixturePath('one-try-left'));
    await kiosk.insert('one-try-left');
    expect(await service.request('card.tries', {})).toEqual({ triesLeft: 1 });
    expect(await service.request('card.read', { pin: resident.pin })).toEqual({ ok: false, error: 'PinGuard', triesLeft: 1 });
    expect(await service.request('card.tries', {})).toEqual({ triesLeft: 1 });
    await kiosk.remove();
    await service.request('session.end', { reason: 'cancel' });
  });

  it('a blocked card is reported as blocked, with no PIN sent', async () => {
    const { service } = kiosk;
    await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
    await kiosk.insert('pin-blocked');
    expect(await service.request('card.tries', {})).toEqual({ triesLeft: 0 });
    expect(await service.request('card.read', { pin: '2222' })).toEqual({ ok: false, error: 'PinBlocked', triesLeft: 0 });
    await kiosk.remove();
    await service.request('session.end', { reason: 'cancel' });
  });

  it('a card taken off in the middle of reading gives CardRemoved and leaves nothing in the session', async () => {
    const { service } = kiosk;
    await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
    const client = await kiosk.insert('demo', 5);
    client.removeOnNextApdu((apdu) => apdu[1] === 0xb0); // the first READ BINARY, after the PIN was accepted
    expect(await service.request('card.read', { pin: '1234' })).toEqual({ ok: false, error: 'CardRemoved' });
    expect(await service.request('session.memory', {})).toMatchObject({ hasResident: false, hasMyNumber: false });
    await kiosk.remove();
    await service.request('session.end', { reason: 'cancel' });
  });

  it('a card that is not a My Number Card is named as such, by the tries probe and by the read', async () => {
    const { service } = kiosk;
    await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
    await kiosk.insert('not-my-number-card');
    expect(await service.request('card.tries', {})).toEqual({ triesLeft: null, error: 'NotMyNumberCard' });
    expect(await service.request('card.read', { pin: '1234' })).toEqual({ ok: false, error: 'NotMyNumberCard' });
    await kiosk.remove();
    await service.request('session.end', { reason: 'cancel' });
  });

  it('with no card on the reader the read says NoCard', async () => {
    const { service } = kiosk;
    await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
    expect(await service.request('card.read', { pin: '1234' })).toEqual({ ok: false, error: 'NoCard' });
    await service.request('session.end', { reason: 'cancel' });
  });

  it('tells every screen when a card comes and goes', async () => {
    kiosk.events.length = 0;
    await kiosk.insert('demo');
    await kiosk.remove();
    const cards = kiosk.events.flatMap((e) => (e.type === 'reader' ? [e.state.card] : []));
    expect(cards).toEqual(['present', 'empty']);
  });
});

describe('the wipe', () => {
  it('session.end leaves nothing of the resident: no card data, no answers, no rendered forms', async () => {
    const { service } = kiosk;
    await service.request('session.start', { procedureId: 'jido-teate-nintei', language: 'ja' });
    await kiosk.insert('demo');
    await service.request('card.read', { pin: '1234' });
    await kiosk.remove();
    await service.request('session.answer', { answers: answersFor['jido-teate-nintei']! });
    await service.request('session.preview', {});
    expect(await service.request('session.memory', {})).toEqual({ hasSession: true, hasResident: true, hasMyNumber: true, answerCount: 9, renderedForms: 1, personCards: 0, personMyNumbers: 0 });
    await service.request('session.end', { reason: 'cancel' });
    expect(await service.request('session.memory', {})).toEqual({ hasSession: false, hasResident: false, hasMyNumber: false, answerCount: 0, renderedForms: 0, personCards: 0, personMyNumbers: 0 });
    await expect(service.request('session.preview', {})).rejects.toMatchObject({ code: 'no-session' });
  });

  it('a new session wipes the one before it and tells the screens', async () => {
    const { service } = kiosk;
    await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
    await service.request('session.answer', { answers: { kana: 'みほん' } });
    kiosk.events.length = 0;
    await service.request('session.start', { procedureId: 'inkan-certificate', language: 'ja' });
    expect(kiosk.events).toContainEqual({ type: 'session-ended', reason: 'cancel' });
    expect((await service.request('session.memory', {})).answerCount).toBe(0);
    await service.request('session.end', { reason: 'cancel' });
  });

  it('the inactivity backstop wipes a session no screen talks to any more, and says so', async () => {
    const service = await startCounterService({
      reader: { socketPath: kiosk.rig.socketPath },
      outputDir: kiosk.outputDir,
      keys: { dir: kiosk.keysDir },
      watchTemplates: false,
      inactivity: { warnAfterMs: 50, wipeAfterMs: 100, backstopMs: 200 },
    });
    try {
      const ended = new Promise<KioskEvent>((resolve) => service.onEvent((e) => e.type === 'session-ended' && resolve(e)));
      await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
      await service.request('session.answer', { answers: { kana: 'みほん' } });
      expect(await ended).toEqual({ type: 'session-ended', reason: 'inactivity' });
      expect(await service.request('session.memory', {})).toEqual({ hasSession: false, hasResident: false, hasMyNumber: false, answerCount: 0, renderedForms: 0, personCards: 0, personMyNumbers: 0 });
    } finally {
      await service.close();
    }
  });

  it('refuses malformed requests and unknown procedures with a code', async () => {
    const { service } = kiosk;
    await expect(service.request('session.start', { procedureId: 'no-such-form', language: 'ja' })).rejects.toMatchObject({ code: 'unknown-procedure' });
    await expect(service.request('session.start', { procedureId: 'juminhyo-request', language: 'xx' } as never)).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(service.request('card.read', { pin: '1234' })).rejects.toMatchObject({ code: 'no-session' });
    await expect(service.request('nope' as never, {} as never)).rejects.toMatchObject({ code: 'invalid-request' });
  });
});

describe('kiosk.info', () => {
  it('offers every form and life event, marking the ones that read the My Number', async () => {
    const info = await kiosk.service.request('kiosk.info', {});
    const byId = new Map(info.procedures.map((p) => [p.id, p]));
    expect(byId.get('juminhyo-request')).toMatchObject({ kind: 'form', usesMyNumber: false });
    expect(byId.get('jido-teate-nintei')).toMatchObject({ kind: 'form', usesMyNumber: true });
    expect(byId.get('moving-in')).toMatchObject({ kind: 'life-event' });
    expect(byId.has('example-request')).toBe(false);
    expect(info.templatesVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(existsSync(kiosk.outputDir)).toBe(true);
  });
});
