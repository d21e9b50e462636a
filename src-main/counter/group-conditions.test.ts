// Screens, questions, rules and forms asked only for the answers that need them (`equals`, `in`, `notEquals`), as a 住民記録・介護・防災 clerk reads the forms.
import { describe, expect, it } from 'vitest';
import { bindValues } from '../forms/binding/bind';
import { checkValues } from '../forms/binding/check-values';
import { loadLibrary } from '../forms/load';
import { Bundle } from '../forms/model/bundle';
import { ResidentInfo } from '../../card-reader/personal-data';
import { LANGUAGES } from '../contract/kiosk';
import { buildCatalogue } from './catalogue';
import { ResidentSession } from './resident-session';

const library = loadLibrary();
const catalogue = buildCatalogue(library);

function liveWith(procedureId: string, answers: Record<string, string>): Set<string> {
  const session = new ResidentSession(catalogue.plans.get(procedureId)!, 'ja');
  for (const [k, v] of Object.entries(answers)) session.answers.set(k, v);
  return session.liveKeys();
}

describe('screens asked for the answers that need them', () => {
  it('介護 認定: the previous certification for a renewal and for a change of level, never for a first application', () => {
    for (const kind of ['renew', 'change']) expect(liveWith('care-certification', { 'care.kind': kind })).toContain('care.previousLevel');
    expect(liveWith('care-certification', { 'care.kind': 'new' })).not.toContain('care.previousLevel');
  });

  it('介護 認定: the office that submits is named only when one does', () => {
    for (const agency of ['center', 'careManager', 'facility']) expect(liveWith('care-certification', { 'care.agency': agency })).toContain('care.agencyName');
    expect(liveWith('care-certification', { 'care.agency': 'none' })).not.toContain('care.agencyName');
  });

  it('罹災証明: the affected person is asked for a household member or an agent, not when it is the resident herself', () => {
    for (const relation of ['household', 'agent']) expect(liveWith('disaster-certificate', { 'risai.relation': relation })).toContain('risai.victimName');
    expect(liveWith('disaster-certificate', { 'risai.relation': 'self' })).not.toContain('risai.victimName');
  });

  it('住民票: the copies and what the copy shows are one screen', () => {
    const plan = catalogue.plans.get('juminhyo-request')!;
    const groupOf = (key: string) => plan.questions.find((q) => q.key === key)?.group;
    expect([groupOf('copies.all'), groupOf('juminhyo.honseki')]).toEqual(['copies', 'copies']);
  });
});

function issuesWith(templateId: string, answers: Record<string, string | boolean>): string[] {
  const template = catalogue.plans.get(templateId)!.templates[0]!;
  const values = bindValues(template, { answers, today: '2026-12-05', session: { ticketNumber: '', cityName: '', windowName: '' } });
  return checkValues(template, values, '2026-12-05').map((i) => `${i.fieldId}:${i.code}`);
}

describe('one condition shape (equals, in, notEquals) for groups, questions, rules and bundles', () => {
  it('住民票: 個人番号 is offered to the resident and the household, never to an agent or a third party', () => {
    for (const relation of ['self', 'household']) expect(liveWith('juminhyo-request', { 'juminhyo.relation': relation })).toContain('juminhyo.myNumber');
    for (const relation of ['agent', 'third-party']) expect(liveWith('juminhyo-request', { 'juminhyo.relation': relation })).not.toContain('juminhyo.myNumber');
  });

  it('住民票: an agent who ticked 個人番号 before changing the answer to 代理人 does not get it printed', () => {
    const session = new ResidentSession(catalogue.plans.get('juminhyo-request')!, 'ja');
    session.answers.set('juminhyo.relation', 'self');
    session.answers.set('juminhyo.myNumber', true);
    expect(session.effectiveAnswers().get('juminhyo.myNumber')).toBe(true);
    session.answers.set('juminhyo.relation', 'agent');
    expect(session.effectiveAnswers().has('juminhyo.myNumber')).toBe(false);
  });

  it('住民票: the address of the person whose record is asked for is required of an agent and a third party', () => {
    for (const relation of ['agent', 'third-party']) expect(issuesWith('juminhyo-request', { 'juminhyo.relation': relation })).toContain('subject.address:required');
    for (const relation of ['self', 'household']) expect(issuesWith('juminhyo-request', { 'juminhyo.relation': relation })).not.toContain('subject.address:required');
  });

  it('介護 認定: the previous level is required for a renewal and a change (one rule with "in")', () => {
    for (const kind of ['renew', 'change']) expect(issuesWith('care-certification', { 'care.kind': kind })).toContain('previous:required');
    expect(issuesWith('care-certification', { 'care.kind': 'new' })).not.toContain('previous:required');
    expect(issuesWith('care-certification', { 'care.agency': 'facility' })).toContain('agencyName:required');
    expect(issuesWith('care-certification', { 'care.agency': 'none' })).not.toContain('agencyName:required');
    expect(issuesWith('care-certification', {})).not.toContain('agencyName:required');
  });

  it('罹災証明: the affected person is required unless it is the resident; their address only of an agent', () => {
    expect(issuesWith('disaster-certificate', { 'risai.relation': 'household' })).toContain('victim.name:required');
    expect(issuesWith('disaster-certificate', { 'risai.relation': 'household' })).not.toContain('victim.address:required');
    expect(issuesWith('disaster-certificate', { 'risai.relation': 'agent' })).toEqual(expect.arrayContaining(['victim.name:required', 'victim.address:required']));
    expect(issuesWith('disaster-certificate', { 'risai.relation': 'self' })).not.toContain('victim.name:required');
  });

  it('罹災証明: an agent is not offered "the place is my address" (it would be the agent\'s address)', () => {
    expect(liveWith('disaster-certificate', { 'risai.relation': 'self' })).toContain('risai.samePlace');
    expect(liveWith('disaster-certificate', { 'risai.relation': 'agent' })).not.toContain('risai.samePlace');
  });

  it('罹災証明: own house or rented is required for a 住家', () => {
    expect(issuesWith('disaster-certificate', { 'risai.building': 'house' })).toContain('ownership:required');
    expect(issuesWith('disaster-certificate', { 'risai.building': 'other' })).not.toContain('ownership:required');
  });

  it('保育: the hours of care are required for 2号 and 3号, not for 1号 (education only)', () => {
    for (const category of ['2', '3']) expect(issuesWith('nursery-application', { 'nursery.category': category })).toContain('hours:required');
    expect(issuesWith('nursery-application', { 'nursery.category': '1' })).not.toContain('hours:required');
  });

  it('a bundle includes a form for one of several answers (in) or for any answer but one (notEquals)', () => {
    const bundle = Bundle.parse({
      id: 'test-bundle', event: 'other', title: library.bundles.get('disaster')!.title,
      templates: [
        { id: 'disaster-certificate' },
        { id: 'juminhyo-request', when: { answer: 'risai.relation', in: ['self', 'household'] } },
        { id: 'care-card-reissue', when: { answer: 'risai.relation', notEquals: 'agent' } },
      ],
    });
    const plans = buildCatalogue({ ...library, bundles: new Map([['test-bundle', bundle]]) }).plans;
    const session = new ResidentSession(plans.get('test-bundle')!, 'ja');
    const included = () => session.includedTemplates().map((t) => t.id);
    expect(included()).toEqual(['disaster-certificate']);
    session.answers.set('risai.relation', 'household');
    expect(included()).toEqual(['disaster-certificate', 'juminhyo-request', 'care-card-reissue']);
    session.answers.set('risai.relation', 'agent');
    expect(included()).toEqual(['disaster-certificate']);
    expect(plans.get('test-bundle')!.questions.find((q) => q.key === 'juminhyo.purpose')?.when).toEqual({ key: 'risai.relation', in: ['self', 'household'] });
  });
});

describe('the agent cases: a form whose principal is the card holder is filed at the kiosk by the principal only', () => {
  const cases = [
    ['pregnancy-notification', 'pregnancy.notifier', ['pregnancy.agentName', 'pregnancy.agentRelationship', 'pregnancy.agentAddress']],
    ['care-card-reissue', 'careCard.applicant', ['careCard.agentName', 'careCard.agentRelationship', 'careCard.agentAddress', 'careCard.agentPhone']],
    ['inkan-certificate', 'inkan.applicantKind', ['inkan.agentName', 'inkan.agentAddress', 'inkan.agentPhone']],
  ] as const;

  it.each(cases)('%s: 代理人 is not offered, its lines are never asked, and the list says which counter takes agents', (id, who, agentKeys) => {
    const plan = catalogue.plans.get(id)!;
    expect(plan.questions.find((q) => q.key === who)?.options?.map((o) => o.value)).toEqual(['self']);
    const live = liveWith(id, { [who]: 'self' });
    for (const key of agentKeys) expect(live).not.toContain(key);
    expect(Object.keys(plan.procedure.description ?? {}).sort()).toEqual([...LANGUAGES].sort());
    expect(plan.procedure.description?.ja).toMatch(/代理/);
    // The paper keeps its □代理人 and agent lines for a counter that files an agent's request.
    expect(plan.templates[0]!.fields.find((f) => f.id === 'agent.name')).toBeDefined();
  });

  it('住民異動届: 代理人 is not offered (the card holder prints as the first person who moves); 本人 and 世帯主 are', () => {
    const notifier = catalogue.plans.get('resident-move')!.questions.find((q) => q.key === 'move.notifier')!;
    expect(notifier.options?.map((o) => o.value)).toEqual(['self', 'householder']);
    expect(notifier.help?.ja).toMatch(/1人目.*市民課/);
  });

  it('介護 認定: the list says the applicant\'s own card and PIN are needed, and where a family alone goes', () => {
    const description = catalogue.plans.get('care-certification')!.procedure.description;
    expect(Object.keys(description ?? {}).sort()).toEqual([...LANGUAGES].sort());
    expect(description?.ja).toMatch(/暗証番号.*窓口/);
  });
});

describe('conditions on the card holder\'s age (computed.age), known once the card is read', () => {
  function sessionAged(procedureId: string, birthDate: string): ResidentSession {
    const session = new ResidentSession(catalogue.plans.get(procedureId)!, 'ja', '2026-12-05');
    session.resident = new ResidentInfo({ name: '見本　花子', address: '千葉県香取市佐原ロ２１２７番地', birthDate, sex: '2' });
    return session;
  }

  it('介護 認定: the health insurance and 特定疾病 screen is asked of a 40〜64-year-old (required), never of 65 and over', () => {
    const plan = catalogue.plans.get('care-certification')!;
    expect(plan.groups.find((g) => g.id === 'healthInsurance')).toMatchObject({ when: { key: 'computed.age', between: [40, 64] } });
    expect(plan.groups.find((g) => g.id === 'healthInsurance')?.optional).toBeUndefined();
    const fifty = sessionAged('care-certification', '1976-06-01');
    expect(fifty.conditionFacts()).toEqual({ 'computed.age': 50 });
    expect(fifty.liveKeys()).toContain('care.disease');
    expect(plan.questions.find((q) => q.key === 'care.disease')?.required).toBe(true);
    const eighty = sessionAged('care-certification', '1946-06-01');
    expect(eighty.liveKeys()).not.toContain('care.disease');
    eighty.answers.set('care.disease', '関節リウマチ');
    expect(eighty.effectiveAnswers().has('care.disease')).toBe(false);
    // 64 on the day before the 65th birthday, 65 on it.
    expect(sessionAged('care-certification', '1961-12-06').liveKeys()).toContain('care.disease');
    expect(sessionAged('care-certification', '1961-12-05').liveKeys()).not.toContain('care.disease');
  });

  it('災害: "did you lose your care insurance card" is asked from 40 (only they hold one), and chooses no form below', () => {
    const young = sessionAged('disaster', '1989-01-08');
    expect(young.liveKeys()).not.toContain('lostCareCard');
    young.answers.set('lostCareCard', true);
    expect(young.effectiveAnswers().has('lostCareCard')).toBe(false);
    expect(sessionAged('disaster', '1955-07-07').liveKeys()).toContain('lostCareCard');
    // Before the card is read the age is unknown: the question waits, it is not asked of everyone.
    const unread = new ResidentSession(catalogue.plans.get('disaster')!, 'ja', '2026-12-05');
    expect(unread.liveKeys()).not.toContain('lostCareCard');
  });
});

describe('a source chosen by the visit (sourceIf): the 新世帯主 is the card holder when the 届出人 is the 世帯主', () => {
  const template = () => catalogue.plans.get('resident-move')!.templates[0]!;
  const bound = (answers: Record<string, string>) =>
    bindValues(template(), {
      resident: new ResidentInfo({ name: '見本　太郎', address: '千葉県香取市佐原ロ２１２７番地', birthDate: '1980-05-05', sex: '1' }),
      answers: { 'move.kind': 'in', ...answers },
      today: '2026-12-05',
    });

  it('prints the card\'s name in kanji as 世帯主 and 続柄 世帯主, and does not ask them, when the 世帯主 files', () => {
    const values = bound({ 'move.notifier': 'householder', 'move.newHouseholder': 'べつの ひと' });
    expect(values.get('newHouseholder')).toBe('見本　太郎');
    expect([values.get('newRelationship'), values.get('p1.relationship')]).toEqual(['世帯主', '世帯主']);
    const live = liveWith('resident-move', { 'move.notifier': 'householder' });
    expect(live).not.toContain('move.newHouseholder');
    expect(live).not.toContain('move.newRelationship');
  });

  it('asks them (as a reading, for the clerk\'s kanji) when the resident files as 本人', () => {
    expect(catalogue.plans.get('resident-move')!.questions.find((q) => q.key === 'move.newHouseholder')?.also).toEqual({ key: 'move.notifier', notEquals: 'householder' });
    const live = liveWith('resident-move', { 'move.notifier': 'self' });
    expect(live).toContain('move.newHouseholder');
    expect(bound({ 'move.notifier': 'self', 'move.newHouseholder': 'みほん はなこ' }).get('newHouseholder')).toBe('みほん はなこ');
  });
});
