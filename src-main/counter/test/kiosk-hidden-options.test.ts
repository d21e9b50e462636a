// Options a form prints but the kiosk does not offer ("kiosk": false: □代理人, whose card would print as the
// principal's): an answer crafted with such a value is refused by the counter service exactly as an unknown option
// is, on every path that takes an answer — the resident's screen, a life event's shared question, the clerk's
// correction through the mirror — and a visit holding one is never submitted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../contract/kiosk';
import { startKioskRig, TEST_DESK, type KioskRig } from './kiosk-rig';

let kiosk: KioskRig;
beforeAll(async () => {
  kiosk = await startKioskRig();
});
afterAll(async () => {
  await kiosk?.close();
});

/** Each procedure (a form, or a life event sharing the form's question) and the answer whose agent option is hidden. */
const hidden = [
  ['pregnancy-notification', 'pregnancy.notifier'],
  ['care-card-reissue', 'careCard.applicant'],
  ['inkan-certificate', 'inkan.applicantKind'],
  ['resident-move', 'move.notifier'],
  ['moving-in', 'move.notifier'],
] as const;

/** The problems the service reports for one answer, in a fresh session of the procedure. */
async function problemsFor(procedureId: string, answers: Record<string, AnswerValue>) {
  const { service } = kiosk;
  await service.request('session.start', { procedureId, language: 'ja' });
  try {
    return (await service.request('session.answer', { answers })).problems;
  } finally {
    await service.request('session.end', { reason: 'cancel' });
  }
}

describe('an option the kiosk does not offer', () => {
  it.each(hidden)('%s: %s = "agent" is refused as an unknown option is, and "self" is taken', async (procedureId, key) => {
    const { service } = kiosk;
    const started = await service.request('session.start', { procedureId, language: 'ja' });
    await service.request('session.end', { reason: 'cancel' });
    // The screen never offers it…
    const options = started.questions.find((q) => q.key === key)?.options?.map((o) => o.value);
    expect(options).toContain('self');
    expect(options).not.toContain('agent');
    // …and a crafted answer with it gets the unknown option's refusal, on that key.
    const unknown = await problemsFor(procedureId, { [key]: 'no-such-option' });
    expect(unknown).toContainEqual({ key, code: 'pattern' });
    expect((await problemsFor(procedureId, { [key]: 'agent' })).filter((p) => p.key === key)).toEqual(unknown.filter((p) => p.key === key));
    expect((await problemsFor(procedureId, { [key]: 'self' })).filter((p) => p.key === key)).toEqual([]);
  });

  it('leaves a pick list with その他 alone: a typed 続柄 not in the list is taken (it was refused after the two changes met)', async () => {
    expect((await problemsFor('moving-in', { 'move.previousRelationship': 'おい' })).filter((p) => p.key === 'move.previousRelationship')).toEqual([]);
  });

  it("is refused through the clerk's correction on the mirror too, and the mirror keeps offering only what the kiosk offers", async () => {
    const { service } = kiosk;
    await service.request('session.start', { procedureId: 'inkan-certificate', language: 'ja' });
    const { problems } = await service.clerk.request(TEST_DESK, 'mirror.correct', { key: 'inkan.applicantKind', value: 'agent' });
    expect(problems).toContainEqual({ key: 'inkan.applicantKind', code: 'pattern' });
    const mirror = await service.clerk.request(TEST_DESK, 'mirror.get', {});
    expect(mirror.session?.questions.find((q) => q.key === 'inkan.applicantKind')?.options?.map((o) => o.value)).toEqual(['self']);
    expect(mirror.session?.problems).toContainEqual({ key: 'inkan.applicantKind', code: 'pattern' });
    await service.request('session.end', { reason: 'cancel' });
  });

  it('a visit holding one is never submitted: nothing reaches the printer or the clerk', async () => {
    const { service } = kiosk;
    await service.request('session.start', { procedureId: 'inkan-certificate', language: 'ja' });
    await kiosk.insert('demo');
    expect(await service.request('card.read', { pin: '1234' })).toMatchObject({ ok: true });
    await kiosk.remove();
    // Complete as the paper would take it: the agent's own items given too.
    const answers: Record<string, AnswerValue> = {
      kana: 'みほん はなこ',
      phone: '0478-54-1111',
      'inkan.applicantKind': 'agent',
      'inkan.agentName': '代理 太郎',
      'inkan.agentAddress': '千葉県香取市佐原イ1番地',
      'inkan.agentPhone': '0478-00-0000',
      'inkan.registrationNumber': 'K-2024-77',
      'inkan.copies': 1,
    };
    const asked = new Set((await service.clerk.request(TEST_DESK, 'mirror.get', {})).session?.questions.map((q) => q.key));
    const given = Object.fromEntries(Object.entries(answers).filter(([k]) => asked.has(k)));
    await service.request('session.answer', { answers: given });
    await expect(service.request('session.submit', { print: true, toClerk: true })).rejects.toMatchObject({ code: 'answers-refused' });
    // Answered as the kiosk offers it, the same visit goes through.
    expect((await service.request('session.answer', { answers: { 'inkan.applicantKind': 'self' } })).problems).toEqual([]);
    await expect(service.request('session.submit', { print: false, toClerk: false })).resolves.toMatchObject({ printed: false });
    await service.request('session.end', { reason: 'done' });
  });
});
