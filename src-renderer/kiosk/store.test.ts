import { describe, expect, it } from 'vitest';
import type { Procedure, Question } from '../../src-main/contract/kiosk';
import {
  createKioskStore,
  firstQuestionToOpen,
  initialSession,
  nextQuestionToOpen,
  onWipe,
  selectCardLeftOnReader,
  selectCurrentQuestion,
  selectHoldsResidentData,
  selectMissingGlyphs,
  selectPinMode,
  selectAskedQuestions,
  selectQuestions,
  selectScreens,
  selectStepNumber,
  keysSkippedWith,
  postalCodeOfArea,
  visibleProblem,
} from './store';
import type { QuestionGroup } from '../../src-main/contract/kiosk';

const procedure: Procedure = {
  id: 'juminhyo-request',
  kind: 'form',
  title: { ja: '住民票の写し', easy: 'じゅうみんひょう', en: 'Residence record' },
  category: 'certificates',
  templateIds: ['juminhyo-request'],
  usesMyNumber: false,
  needsSignature: true,
};
const question = (key: string): Question => ({ key, type: 'text', label: { ja: key, easy: key, en: key }, required: true, usedBy: [] });

function storeMidSession() {
  const store = createKioskStore();
  store.getState().setKiosk({ info: null, reader: { service: true, reader: true, card: 'empty' }, connected: true });
  store.getState().set({
    step: 'review',
    language: 'vi',
    largeText: true,
    session: { id: 's1', procedure, questions: [question('furigana'), question('phone')], groups: [] },
    card: { triesLeft: 3, reading: null, error: null, resident: { name: '山田 太郎', address: '東京都', birthDate: '1980-01-02', sex: '男' }, clerkCalled: false, clerkAnswer: null },
    answers: { values: { furigana: 'やまだ たろう' }, problems: [{ key: 'phone', code: 'required' }], index: 1, returnToReview: true, gates: {} },
    review: {
      forms: [{ templateId: 't', title: procedure.title, pdfBase64: '', pageCount: 1, missingGlyphs: [{ fieldId: 'name', codePoint: 'U+9AD9' }], problems: [] }],
      pageImages: { t: ['blob:page-1'] },
      zoom: 2,
    },
    signature: { given: true, onPaper: false },
    submission: { ticketNumber: 'A-012', printed: true, sentToClerk: false, forms: [] },
  });
  return store;
}

describe('kiosk store', () => {
  it('wipe restores the initial session state and keeps what the kiosk knows', () => {
    const store = storeMidSession();
    const revoked: string[] = [];
    const realRevoke = URL.revokeObjectURL;
    URL.revokeObjectURL = (url: string) => void revoked.push(url);
    let cacheCleared = false;
    const unregister = onWipe(() => (cacheCleared = true));
    try {
      store.getState().wipe();
    } finally {
      URL.revokeObjectURL = realRevoke;
      unregister();
    }
    const { set: _s, setKiosk: _k, wipe: _w, info: _i, reader, connected, ...session } = store.getState();
    expect(session).toEqual(initialSession());
    expect(selectHoldsResidentData(store.getState())).toBe(false);
    expect(revoked).toEqual(['blob:page-1']);
    expect(cacheCleared).toBe(true);
    expect(reader.service).toBe(true);
    expect(connected).toBe(true);
  });

  it("holds a household person's card data (read, or drafts kept while it is read) until the wipe", () => {
    const store = createKioskStore();
    store.getState().set({ people: { 1: { person: 1, name: '見本　平太', address: '千葉県香取市', birthDate: '1989-01-08', sex: '1', myNumberRead: true } } });
    expect(selectHoldsResidentData(store.getState())).toBe(true);
    store.getState().wipe();
    store.getState().set({ draftStash: { screen: 'group:household-1', values: { 'household.1.kana': 'みほん' } } });
    expect(selectHoldsResidentData(store.getState())).toBe(true);
    store.getState().wipe();
    expect(store.getState().people).toEqual({});
    expect(store.getState().draftStash).toBeNull();
    expect(selectHoldsResidentData(store.getState())).toBe(false);
  });

  it('holds resident data mid-session, by the same selector the wipe test uses', () => {
    expect(selectHoldsResidentData(storeMidSession().getState())).toBe(true);
  });

  it('derives the current question, the step number and the glyphs the clerk writes', () => {
    const s = storeMidSession().getState();
    expect(selectCurrentQuestion(s)?.key).toBe('phone');
    // procedure, card, pin, take-card, two question screens, signature, review, submit, done
    expect(selectStepNumber(s)).toEqual({ n: 8, total: 10 });
    const asking = (index: number) => ({ ...s, step: 'questions' as const, answers: { ...s.answers, index } });
    expect([selectStepNumber(asking(0)), selectStepNumber(asking(1))]).toEqual([{ n: 5, total: 10 }, { n: 6, total: 10 }]);
    expect(selectStepNumber({ ...s, step: 'pin' })).toEqual({ n: 3, total: 10 });
    expect(selectMissingGlyphs(s)).toEqual(['髙']);
  });

  it('asks a life event question only when its condition holds, and leaves signatures to the signature step', () => {
    const store = createKioskStore();
    const spouse: Question = { ...question('spouseName'), when: { key: 'hasSpouse', equals: true } };
    const signature: Question = { ...question('sign'), type: 'signature' };
    store.getState().set({ session: { id: 's', procedure, questions: [question('hasSpouse'), spouse, signature], groups: [] } });
    expect(selectQuestions(store.getState()).map((q) => q.key)).toEqual(['hasSpouse']);
    store.getState().set({ answers: { ...initialSession().answers, values: { hasSpouse: true } } });
    expect(selectQuestions(store.getState()).map((q) => q.key)).toEqual(['hasSpouse', 'spouseName']);
  });

  it('asks a question for an age only once the card read told the age, and for one of several answers (in, notEquals)', () => {
    const store = createKioskStore();
    const insurer: Question = { ...question('insurer'), when: { key: 'computed.age', between: [40, 64] } };
    const myNumber: Question = { ...question('myNumber'), also: { key: 'relation', in: ['self', 'household'] } };
    const victim: Question = { ...question('victim'), when: { key: 'relation', notEquals: 'self' } };
    const session = { id: 's', procedure, questions: [question('relation'), insurer, myNumber, victim], groups: [] };
    const keys = () => selectQuestions(store.getState()).map((q) => q.key);
    store.getState().set({ session });
    expect(keys()).toEqual(['relation']);
    store.getState().set({ session: { ...session, facts: { 'computed.age': 52 } }, answers: { ...initialSession().answers, values: { relation: 'self' } } });
    expect(keys()).toEqual(['relation', 'insurer', 'myNumber']);
    store.getState().set({ session: { ...session, facts: { 'computed.age': 70 } }, answers: { ...initialSession().answers, values: { relation: 'agent' } } });
    expect(keys()).toEqual(['relation', 'victim']);
  });

  it('shows the PIN pad with tries left, the guard at one, blocked at none', () => {
    const store = createKioskStore();
    const mode = (triesLeft: number | null) => {
      store.getState().set({ card: { ...initialSession().card, triesLeft } });
      return selectPinMode(store.getState());
    };
    expect(mode(3)).toBe('enter');
    expect(mode(2)).toBe('enter');
    expect(mode(1)).toBe('guard');
    expect(mode(0)).toBe('blocked');
    expect(mode(null)).toBe('unknown');
    store.getState().set({ card: { ...initialSession().card, triesLeft: 3, error: 'PinBlocked' } });
    expect(selectPinMode(store.getState())).toBe('blocked');
  });

  it('calls out a card left on the reader on the attract screen and after the read, not while it is needed', () => {
    const store = createKioskStore();
    store.getState().setKiosk({ reader: { service: true, reader: true, card: 'present' } });
    const leftOn = (step: ReturnType<typeof initialSession>['step']) => {
      store.getState().set({ step });
      return selectCardLeftOnReader(store.getState());
    };
    expect(leftOn('attract')).toBe(true);
    expect(leftOn('questions')).toBe(true);
    expect(leftOn('card')).toBe(false);
    expect(leftOn('pin')).toBe(false);
    expect(leftOn('take-card')).toBe(false);
  });

  it('does not call out the demo card, which lives on the DEMO kiosk\'s virtual reader', () => {
    const store = createKioskStore();
    const info = { demo: true, cityName: '香取市', procedures: [], sections: [], inactivity: { warnAfterMs: 1, wipeAfterMs: 2 }, templatesVersion: 'v' };
    store.getState().setKiosk({ info, reader: { service: true, reader: true, card: 'present' } });
    expect(selectCardLeftOnReader(store.getState())).toBe(false);
    store.getState().setKiosk({ info: { ...info, demo: false } });
    expect(selectCardLeftOnReader(store.getState())).toBe(true);
  });

  describe('question screens', () => {
    const label = (ja: string) => ({ ja, easy: ja, en: ja });
    const groups: QuestionGroup[] = [
      { id: 'you', label: label('あなた') },
      { id: 'spouse', label: label('配偶者'), optional: { ask: label('配偶者について記入しますか') } },
      { id: 'child2', label: label('2人目'), optional: { ask: label('2人目') } },
      { id: 'child3', label: label('3人目'), optional: { ask: label('3人目'), after: 'child2' } },
      { id: 'moveOut', label: label('転出'), when: { key: 'kind', equals: 'out' } },
    ];
    const inGroup = (key: string, group: string): Question => ({ ...question(key), group });
    const questions = [
      inGroup('kana', 'you'),
      inGroup('kind', 'you'),
      question('purpose'),
      inGroup('spouse.name', 'spouse'),
      inGroup('plannedOn', 'moveOut'),
      inGroup('spouse.job', 'spouse'),
      inGroup('child2.name', 'child2'),
      inGroup('child3.name', 'child3'),
      inGroup('phone', 'you'),
    ];
    function planStore(values: Record<string, string | boolean | null> = {}, gates: Record<string, boolean> = {}) {
      const store = createKioskStore();
      store.getState().set({ session: { id: 's', procedure, questions, groups }, answers: { ...initialSession().answers, values, gates } });
      return store.getState();
    }
    const layout = (s: ReturnType<typeof planStore>) => selectScreens(s).map((sc) => `${sc.group?.id ?? '-'}:${sc.questions.map((q) => q.key).join(',')}`);

    it('puts a group on one screen where its first question comes, and an ungrouped question on its own', () => {
      expect(layout(planStore())).toEqual(['you:kana,kind,phone', '-:purpose', 'spouse:', 'child2:']);
    });

    it('shows an optional group as its yes / no question first, its questions after "yes", none after "no"', () => {
      expect(selectScreens(planStore())[2]).toMatchObject({ group: { id: 'spouse' }, questions: [] });
      expect(selectScreens(planStore())[2]!.gate).toBeUndefined();
      expect(layout(planStore({}, { spouse: true }))[2]).toBe('spouse:spouse.name,spouse.job');
      expect(selectScreens(planStore({}, { spouse: false }))[2]).toMatchObject({ gate: false, questions: [] });
      // an answer already given (coming back from the review) opens the group
      expect(layout(planStore({ 'spouse.job': '会社員' }))[2]).toBe('spouse:spouse.name,spouse.job');
    });

    it('offers a group with "after" only once the group before it was not skipped', () => {
      expect(layout(planStore({}, { child2: true }))).toEqual(['you:kana,kind,phone', '-:purpose', 'spouse:', 'child2:child2.name', 'child3:']);
      expect(layout(planStore({}, { child2: false }))).not.toContain('child3:');
      expect(keysSkippedWith(planStore(), 'child2')).toEqual({ groups: ['child2', 'child3'], keys: ['child2.name', 'child3.name'] });
    });

    it('asks a group with a condition only while the earlier answer says so', () => {
      expect(layout(planStore({ kind: 'in' }))).not.toContain('moveOut:plannedOn');
      expect(layout(planStore({ kind: 'out' }))).toContain('moveOut:plannedOn');
    });

    it('lists for the review only the questions asked: not a skipped group, not a group whose condition fails', () => {
      const asked = (answers: Record<string, string | boolean | null>, gates: Record<string, boolean>) => selectAskedQuestions(planStore(answers, gates)).map((q) => q.key);
      expect(asked({ kind: 'in' }, { spouse: false, child2: false })).not.toEqual(expect.arrayContaining(['plannedOn']));
      expect(asked({ kind: 'in' }, { spouse: false, child2: false })).not.toContain('spouse.name');
      expect(asked({ kind: 'in' }, { spouse: false, child2: false })).not.toContain('child2.name');
      expect(asked({ kind: 'out' }, { spouse: true })).toEqual(expect.arrayContaining(['plannedOn', 'spouse.name']));
    });

    it('stops showing a problem once the resident changes or clears the value it was about', () => {
      const s = planStore({ 'move.code': 'みほ' });
      const answers = { ...s.answers, problems: [{ key: 'move.code', code: 'pattern' as const }] };
      expect(visibleProblem({ answers }, 'move.code', 'みほ')).toEqual({ key: 'move.code', code: 'pattern' });
      expect(visibleProblem({ answers }, 'move.code', null)).toBeUndefined();
      expect(visibleProblem({ answers }, 'move.code', '12345678901')).toBeUndefined();
    });

    it('opens one question of a group first: a refused one, else the one edited from the review, else the first unanswered required one', () => {
      const keys = [{ key: 'kana', required: true }, { key: 'kind', required: true }, { key: 'note', required: false }, { key: 'phone', required: true }];
      const answers = (values: Record<string, string>, more: Partial<ReturnType<typeof initialSession>['answers']> = {}) => ({
        answers: { ...initialSession().answers, values, ...more },
      });
      expect(firstQuestionToOpen(answers({}), keys)).toBe('kana');
      expect(firstQuestionToOpen(answers({ kana: 'みほん', kind: '' }), keys)).toBe('kind');
      // an optional question never opens by itself
      expect(firstQuestionToOpen(answers({ kana: 'みほん', kind: 'in' }), keys)).toBe('phone');
      expect(firstQuestionToOpen(answers({ kana: 'みほん', kind: 'in', phone: '0478' }), keys)).toBeUndefined();
      expect(firstQuestionToOpen(answers({ kana: 'みほん', kind: 'in', phone: '0478' }, { editing: 'phone' }), keys)).toBe('phone');
      expect(firstQuestionToOpen(answers({ kana: 'みほん', kind: 'in', phone: '0478' }, { editing: 'note' }), keys)).toBe('note');
      expect(firstQuestionToOpen(answers({ kana: 'みほん' }, { editing: 'elsewhere' }), keys)).toBe('kind');
      expect(firstQuestionToOpen(answers({ kana: 'みほ' }, { editing: 'kana', problems: [{ key: 'phone', code: 'required' }] }), keys)).toBe('phone');
    });

    it('moves "next" only to unanswered required questions not yet opened, and to none (the screen\'s Next) when none is left', () => {
      const keys = ['a', 'b', 'c', 'd'].map((key) => ({ key, required: key !== 'c' }));
      const answered = (done: string[]) => (k: string) => done.includes(k);
      expect(nextQuestionToOpen(keys, 'a', answered(['a']))).toBe('b');
      expect(nextQuestionToOpen(keys, 'b', answered(['b']))).toBe('d');
      expect(nextQuestionToOpen(keys, 'c', answered(['c', 'd']))).toBe('a');
      expect(nextQuestionToOpen(keys, 'd', answered(keys.map((q) => q.key)))).toBeUndefined();
      expect(nextQuestionToOpen(keys, undefined, answered(['a']))).toBe('b');
      // left empty, a question opened once is not offered again: "next" never goes round
      expect(nextQuestionToOpen(keys, 'b', answered(['b']), ['a', 'b'])).toBe('d');
      expect(nextQuestionToOpen(keys, 'd', answered(['d']), ['a', 'b', 'd'])).toBeUndefined();
      // only optional ones left: none, whatever is empty
      expect(nextQuestionToOpen(keys, 'a', answered(['a', 'b', 'd']))).toBeUndefined();
    });
  });

  it('fills the postal code question after an address from the 町字 picked, never over a code the resident typed', () => {
    const addressList = {
      prefecture: '千葉県',
      city: '香取市',
      areas: [
        { name: '佐原', reading: 'さわら', postalCode: '287-0001' },
        { name: '佐原イ', reading: 'さわらい', postalCode: '287-0003' },
      ],
    };
    const questions: Question[] = [
      { ...question('move.newAddress'), type: 'address', addressList },
      question('move.newKatagaki'),
      { ...question('postalCode'), type: 'postal-code' },
    ];
    const drafts = (values: Record<string, string>) => (k: string) => values[k] ?? null;
    // the longest listed 町字 wins: 佐原イ, not 佐原
    expect(postalCodeOfArea(questions, 'move.newAddress', '千葉県香取市佐原イ12', drafts({}))).toEqual({ key: 'postalCode', value: '287-0003' });
    // another 町字 picked after one: its code replaces the one the list gave
    expect(postalCodeOfArea(questions, 'move.newAddress', '千葉県香取市佐原3', drafts({ postalCode: '287-0003' }))).toEqual({ key: 'postalCode', value: '287-0001' });
    // a code the resident typed stays; so does the same code
    expect(postalCodeOfArea(questions, 'move.newAddress', '千葉県香取市佐原イ12', drafts({ postalCode: '100-0001' }))).toBeUndefined();
    expect(postalCodeOfArea(questions, 'move.newAddress', '千葉県香取市佐原イ12', drafts({ postalCode: '287-0003' }))).toBeUndefined();
    // a typed reading (not in the list), another question, or no postal code question after it: nothing
    expect(postalCodeOfArea(questions, 'move.newAddress', 'さわらい12', drafts({}))).toBeUndefined();
    expect(postalCodeOfArea(questions, 'move.newKatagaki', '千葉県香取市佐原イ12', drafts({}))).toBeUndefined();
    expect(postalCodeOfArea(questions.slice(0, 2), 'move.newAddress', '千葉県香取市佐原イ12', drafts({}))).toBeUndefined();
  });
});
