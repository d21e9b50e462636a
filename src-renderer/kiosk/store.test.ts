import { describe, expect, it } from 'vitest';
import type { Procedure, Question } from '../../src-main/contract/kiosk';
import {
  createKioskStore,
  initialSession,
  onWipe,
  selectCardLeftOnReader,
  selectCurrentQuestion,
  selectHoldsResidentData,
  selectMissingGlyphs,
  selectPinMode,
  selectQuestions,
  selectStepNumber,
} from './store';

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
    session: { id: 's1', procedure, questions: [question('furigana'), question('phone')] },
    card: { triesLeft: 3, reading: null, error: null, resident: { name: '山田 太郎', address: '東京都', birthDate: '1980-01-02', sex: '男' }, clerkCalled: false },
    answers: { values: { furigana: 'やまだ たろう' }, problems: [{ key: 'phone', code: 'required' }], index: 1, returnToReview: true },
    review: {
      forms: [{ templateId: 't', title: procedure.title, pdfBase64: '', pageCount: 1, missingGlyphs: [{ fieldId: 'name', codePoint: 'U+9AD9' }], problems: [] }],
      pageImages: { t: ['blob:page-1'] },
      zoom: 2,
    },
    signature: { given: true, onPaper: false },
    submission: { ticketNumber: 'A-012', printed: true, sentToClerk: false },
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

  it('holds resident data mid-session, by the same selector the wipe test uses', () => {
    expect(selectHoldsResidentData(storeMidSession().getState())).toBe(true);
  });

  it('derives the current question, the step number and the glyphs the clerk writes', () => {
    const s = storeMidSession().getState();
    expect(selectCurrentQuestion(s)?.key).toBe('phone');
    // procedure, card, pin, take-card, questions, review, signature, submit, done
    expect(selectStepNumber(s)).toEqual({ n: 6, total: 9 });
    expect(selectMissingGlyphs(s)).toEqual(['髙']);
  });

  it('asks a life event question only when its condition holds, and leaves signatures to the signature step', () => {
    const store = createKioskStore();
    const spouse: Question = { ...question('spouseName'), when: { key: 'hasSpouse', equals: true } };
    const signature: Question = { ...question('sign'), type: 'signature' };
    store.getState().set({ session: { id: 's', procedure, questions: [question('hasSpouse'), spouse, signature] } });
    expect(selectQuestions(store.getState()).map((q) => q.key)).toEqual(['hasSpouse']);
    store.getState().set({ answers: { ...initialSession().answers, values: { hasSpouse: true } } });
    expect(selectQuestions(store.getState()).map((q) => q.key)).toEqual(['hasSpouse', 'spouseName']);
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
});
