// The resident's flow: each action asks the service, then moves the store to the next step. The screens call
// these; they never call the service themselves.
import type { AnswerValue, ConditionFacts, EndReason, KioskEvent, Language, PostalTown } from '../../src-main/contract/kiosk';
import type { KioskConnection } from './service-client';
import { personCardKeys } from '../../src-main/contract/kiosk';
import { isAnswered, keysSkippedWith, revokePageImages, selectScreens, type KioskStore, type PersonCardStep, type SessionState, type State } from './store';

export type Flow = ReturnType<typeof createFlow>;

export function createFlow(api: KioskConnection, store: KioskStore) {
  const get = () => store.getState();
  const set = (patch: Partial<SessionState>) => get().set(patch);

  /** Runs one request-backed action; a failure shows the calm "try again" line instead of a stack trace. */
  async function guarded(action: () => Promise<void>): Promise<void> {
    set({ busy: true, failed: false });
    try {
      await action();
      set({ busy: false });
    } catch {
      set({ busy: false, failed: true });
    }
  }

  async function refreshKiosk() {
    const [info, reader] = await Promise.all([api.request('kiosk.info', {}), api.request('reader.state', {})]);
    get().setKiosk({ info, reader });
  }

  /** The card holder's age the service computed with the read: questions asked only at some ages test it. */
  function withFacts(facts: ConditionFacts | undefined): Partial<SessionState> {
    const session = get().session;
    return session && facts ? { session: { ...session, facts } } : {};
  }

  function onServiceEvent(e: KioskEvent) {
    if (e.type === 'reader') get().setKiosk({ reader: e.state });
    else if (e.type === 'card-read-progress') set({ card: { ...get().card, reading: { done: e.done, total: e.total } } });
    else if (e.type === 'session-ended') {
      if (get().session) get().wipe();
    } else if (e.type === 'templates-changed') void refreshKiosk().catch(() => {});
    else if (e.type === 'clerk-correction') onClerkCorrection(e.key, e.value);
    else if (e.type === 'clerk-card-read') {
      // The clerk read the card with 照合番号B: continue exactly as after the resident's own read.
      if (get().step !== 'card' && get().step !== 'pin') return;
      set({ step: 'take-card', card: { ...get().card, resident: e.resident, error: null, reading: null }, ...withFacts(e.facts) });
      if (get().reader.card === 'empty') afterCardTaken();
    } else if (e.type === 'last-try-allowed') set({ card: { ...get().card, lastTryAllowed: true, error: null } });
  }

  /** A clerk fixed an answer: the store takes it, and the review shows the forms again with it. */
  function onClerkCorrection(key: string, value: AnswerValue) {
    if (!get().session) return;
    set({ answers: { ...get().answers, values: { ...get().answers.values, [key]: value } } });
    if (get().step === 'review') void toReview();
  }

  async function askTries() {
    await guarded(async () => {
      const { triesLeft, error } = await api.request('card.tries', {});
      if (get().step !== 'card') return;
      if (error) set({ card: { ...get().card, error } });
      else set({ step: 'pin', card: { ...get().card, triesLeft, error: null } });
    });
  }

  /** Steps that follow the reader by themselves: a placed card opens the PIN pad, a taken card the questions. */
  function followReader(s: State, prev: State) {
    if (s.reader === prev.reader && s.step === prev.step) return;
    // "The card left mid-read" stays up until a card is placed again; other card errors clear once it is taken.
    const lifted = s.card.error === 'CardRemoved' || s.card.error === 'NoCard';
    if (s.step === 'card' && s.reader.card === 'present' && !s.busy && (s.card.error === null || (lifted && prev.reader.card !== 'present'))) void askTries();
    if (s.step === 'card' && s.reader.card === 'empty' && s.card.error !== null && !lifted) set({ card: { ...s.card, error: null } });
    if (s.step === 'take-card' && s.reader.card === 'empty') afterCardTaken();
    // The card taken away from the PIN screen (a blocked card, a wrong card, changing their mind): back to "place the
    // card", so the next card is read afresh and the blocked or guard message never stays for another card.
    if (s.step === 'pin' && s.reader.card === 'empty' && prev.reader.card === 'present' && s.card.reading === null && !s.busy) {
      set({ step: 'card', card: { ...s.card, error: null, triesLeft: undefined, lastTryAllowed: false, forgotPin: false } });
    }
    if (s.step === 'person-card' && s.personCard) followPersonCard(s, prev, s.personCard);
  }

  /** A household person's card: the visitor's card taken off (their session stays), the person's placed, read, taken. */
  function followPersonCard(s: State, prev: State, step: PersonCardStep) {
    const placed = s.reader.card === 'present';
    if (step.phase === 'take-own' && !placed) setPersonCard({ phase: 'place' });
    else if (step.phase === 'place' && placed && !s.busy) void askPersonTries();
    // A refused or wrong card taken away: the next card is read afresh, the message never stays for it.
    else if ((step.phase === 'pin' || step.phase === 'refused') && !placed && prev.reader.card === 'present' && s.card.reading === null && !s.busy) {
      setPersonCard({ phase: 'place', error: null, triesLeft: undefined });
    } else if (step.phase === 'take' && !placed) backToPerson();
  }

  function setPersonCard(patch: Partial<PersonCardStep>) {
    const current = get().personCard;
    if (current) set({ personCard: { ...current, ...patch } });
  }

  /** The person's card's own tries, spending none (the visitor's count is not touched). */
  async function askPersonTries() {
    await guarded(async () => {
      const { triesLeft, error } = await api.request('card.tries', {});
      if (get().step !== 'person-card' || get().personCard?.phase !== 'place') return;
      if (error === 'CardRemoved' || error === 'NoCard') return;
      if (error) setPersonCard({ phase: 'refused', error });
      else setPersonCard({ phase: 'pin', triesLeft, error: null });
    });
  }

  /** Back to the person's screen as it was: its drafts come back from the stash (QuestionScreen). */
  function backToPerson() {
    set({ step: 'questions', personCard: null });
  }

  function afterCardTaken() {
    if (selectScreens(get()).length > 0) set({ step: 'questions', answers: { ...get().answers, index: 0 } });
    else void afterQuestions();
  }

  /** The signature comes before the final review, so the resident checks the very pages that will be signed. */
  async function afterQuestions() {
    const s = get();
    if (s.session?.procedure.needsSignature && !s.signature.given && !s.signature.onPaper) set({ step: 'signature' });
    else await toReview();
  }

  async function toReview() {
    revokePageImages(get());
    set({ step: 'review', review: { ...get().review, forms: null, pageImages: {} }, answers: { ...get().answers, returnToReview: false, editing: undefined } });
    await guarded(async () => {
      const { forms } = await api.request('session.preview', {});
      if (get().step === 'review') set({ review: { ...get().review, forms } });
    });
  }

  /** The answers of one screen, checked together; the next screen only when none of them has a problem. */
  async function answerScreen(answers: Record<string, AnswerValue>) {
    const keys = Object.keys(answers);
    await guarded(async () => {
      const { problems } = await api.request('session.answer', { answers });
      // A required question of this screen left empty is refused here, before the resident moves on (the service
      // judges only the answers it was given; it also refuses to submit while one is missing).
      const questions = get().session?.questions ?? [];
      const missing = keys
        .filter((k) => !isAnswered(answers[k]) && questions.some((q) => q.key === k && q.required && q.type !== 'signature'))
        .filter((k) => !problems.some((p) => p.key === k))
        .map((key) => ({ key, code: 'required' as const }));
      set({ answers: { ...get().answers, values: { ...get().answers.values, ...answers }, problems: [...problems, ...missing] } });
    });
    const s = get();
    if (s.failed || s.answers.problems.some((p) => keys.includes(p.key))) return;
    await toNextScreen();
  }

  async function toNextScreen() {
    const s = get();
    const next = s.answers.index + 1;
    if (s.answers.returnToReview) await toReview();
    else if (next >= selectScreens(s).length) await afterQuestions();
    else set({ answers: { ...s.answers, index: next } });
  }

  /** The only way out of a session: the screen forgets first, then the service is told to forget too. */
  async function end(reason: EndReason) {
    const hadSession = get().session !== null;
    get().wipe();
    if (hadSession) await api.request('session.end', { reason }).catch(() => {});
  }

  return {
    start() {
      const offEvents = api.onEvent(onServiceEvent);
      const offConnection = api.onConnection((connected) => {
        get().setKiosk({ connected });
        if (connected) void refreshKiosk().catch(() => {});
      });
      const offStore = store.subscribe(followReader);
      // The clerk's mirror follows the screens; a lost report only leaves the mirror one step behind.
      const offStep = store.subscribe((s, prev) => {
        if (s.step !== prev.step) void api.request('session.step', { step: s.step }).catch(() => {});
      });
      return () => (offEvents(), offConnection(), offStore(), offStep());
    },

    begin() {
      set({ step: 'language' });
    },

    async chooseLanguage(language: Language) {
      set({ language });
      if (get().session) await guarded(() => api.request('session.language', { language }).then(() => {}));
      else set({ step: 'procedure' });
    },

    toggleLargeText() {
      set({ largeText: !get().largeText });
    },

    async chooseProcedure(procedureId: string) {
      await guarded(async () => {
        const started = await api.request('session.start', { procedureId, language: get().language });
        const session = { id: started.sessionId, procedure: started.procedure, questions: started.questions, groups: started.groups ?? [] };
        set({ step: 'card', session });
      });
      const s = get();
      if (s.step === 'card' && s.reader.card === 'present') await askTries();
    },

    /** Sends the PIN once; the caller clears its digits whatever happens. */
    async readCard(pin: string) {
      set({ card: { ...get().card, reading: { done: 0, total: 1 }, error: null } });
      await guarded(async () => {
        const outcome = await api.request('card.read', { pin });
        const card = { ...get().card, reading: null, lastTryAllowed: false }; // the override is one-shot
        if (outcome.ok) {
          set({ step: 'take-card', card: { ...card, resident: outcome.resident, error: null }, ...withFacts(outcome.facts) });
          if (get().reader.card === 'empty') afterCardTaken();
        } else if (outcome.error === 'WrongPin' || outcome.error === 'PinGuard' || outcome.error === 'PinBlocked') {
          const triesLeft = outcome.error === 'PinBlocked' ? 0 : outcome.error === 'PinGuard' ? 1 : (outcome.triesLeft ?? null);
          set({ card: { ...card, error: outcome.error, triesLeft } });
        } else {
          set({ step: 'card', card: { ...card, error: outcome.error } });
        }
      });
      if (get().card.reading) set({ card: { ...get().card, reading: null } });
    },

    /** 「この方のマイナンバーカードがあります」: the screen's unsent drafts are kept for its return. */
    async beginPersonCard(person: number, drafts: { screen: string; values: Record<string, AnswerValue> }) {
      await guarded(async () => {
        // The clerk's mirror names whose card it is by the relationship chosen on this screen, even if not yet sent.
        await api.request('session.typing', { answers: drafts.values }).catch(() => {});
        await api.request('person.card.begin', { person });
        const phase = get().reader.card === 'present' ? 'take-own' : 'place';
        set({ step: 'person-card', draftStash: drafts, personCard: { person, phase, triesLeft: undefined, error: null } });
      });
    },

    /** The person's own PIN, sent once on their own card; the caller clears its digits whatever happens. */
    async readPersonCard(pin: string) {
      set({ card: { ...get().card, reading: { done: 0, total: 1 } } });
      await guarded(async () => {
        const outcome = await api.request('person.card.read', { pin });
        const step = get().personCard;
        set({ card: { ...get().card, reading: null } });
        if (get().step !== 'person-card' || !step) return;
        if (outcome.ok) {
          const view = outcome.person;
          const [birthDate, sex] = personCardKeys(view.person) as [string, string];
          const given = { [birthDate]: view.birthDate, ...(view.sex === '1' || view.sex === '2' ? { [sex]: view.sex } : {}) };
          set({ people: { ...get().people, [view.person]: view }, answers: { ...get().answers, values: { ...get().answers.values, ...given } }, personCard: { ...step, phase: 'take', error: null } });
          if (get().reader.card === 'empty') backToPerson();
        } else if (outcome.error === 'WrongPin') setPersonCard({ phase: 'pin', error: 'WrongPin', triesLeft: outcome.triesLeft ?? null });
        else if (outcome.error === 'PinGuard') setPersonCard({ phase: 'pin', error: null, triesLeft: 1 });
        else if (outcome.error === 'PinBlocked') setPersonCard({ phase: 'pin', error: null, triesLeft: 0 });
        else setPersonCard({ phase: 'refused', error: outcome.error });
      });
      if (get().card.reading) set({ card: { ...get().card, reading: null } });
    },

    /** Cancel at any step: back to the person's screen as it was; nothing of the session changes. */
    async cancelPersonCard() {
      await api.request('person.card.cancel', {}).catch(() => {});
      backToPerson();
    },

    /** Back to typing for a person read from their card: what the card gave is dropped, the rest stays. */
    async forgetPersonCard(person: number) {
      await guarded(async () => {
        await api.request('person.card.forget', { person });
        const keys = personCardKeys(person);
        const { [person]: _dropped, ...people } = get().people;
        const values = Object.fromEntries(Object.entries(get().answers.values).filter(([k]) => !keys.includes(k)));
        set({ people, answers: { ...get().answers, values } });
      });
    },

    /** The drafts kept for a person's screen while their card was read (null when none). */
    draftStash() {
      return get().draftStash;
    },

    /** The person's screen took its drafts back. */
    takeDraftStash() {
      if (get().draftStash !== null) set({ draftStash: null });
    },

    /** DEMO: the virtual demo card stays on its reader, so the resident goes on without taking it. */
    continueWithDemoCard() {
      if (get().info?.demo && get().step === 'take-card') afterCardTaken();
    },

    /** Calls a clerk; the screen promises one only when the service says a desk is paired, else it names the counter. */
    callClerk() {
      set({ card: { ...get().card, clerkCalled: true, clerkAnswer: null } });
      void api
        .request('session.callClerk', {})
        .then(({ deskPaired }) => set({ card: { ...get().card, clerkAnswer: deskPaired ? 'coming' : 'no-desk' } }))
        .catch(() => set({ card: { ...get().card, clerkAnswer: 'no-desk' } }));
    },

    /** "I forgot my PIN": the clerk's read by 照合番号B is offered, with the call button. */
    forgotPin() {
      set({ card: { ...get().card, forgotPin: true } });
    },

    answerScreen,

    /** The screen's unsent drafts, for the clerk's live mirror (the service neither checks nor keeps them as answers). */
    typing(answers: Record<string, AnswerValue>) {
      if (get().session === null) return;
      void api.request('session.typing', { answers }).catch(() => {});
    },

    /** The towns of a postal code anywhere in Japan, for the address picker (public data; nothing of the resident kept). */
    async towns(postalCode: string): Promise<PostalTown[]> {
      return (await api.request('address.towns', { postalCode })).towns;
    },

    /** One answer on its own (a screen of one question). */
    async answer(key: string, value: AnswerValue) {
      await answerScreen({ [key]: value });
    },

    /** An optional group's "yes": its questions appear on the same screen. */
    openGroup(groupId: string) {
      set({ answers: { ...get().answers, gates: { ...get().answers.gates, [groupId]: true } } });
    },

    /** An optional group's "no": its answers (and those of the groups offered only after it) are cleared. */
    async skipGroup(groupId: string) {
      const { groups, keys } = keysSkippedWith(get(), groupId);
      const cleared = Object.fromEntries(keys.map((k) => [k, null]));
      await guarded(async () => {
        const { problems } = keys.length > 0 ? await api.request('session.answer', { answers: cleared }) : { problems: get().answers.problems };
        const gates = { ...get().answers.gates, ...Object.fromEntries(groups.map((g) => [g, false])) };
        set({ answers: { ...get().answers, values: { ...get().answers.values, ...cleared }, problems, gates } });
      });
      if (!get().failed) await toNextScreen();
    },

    editAnswer(key: string) {
      const s = get();
      const question = s.session?.questions.find((q) => q.key === key);
      const gates = question?.group === undefined ? s.answers.gates : { ...s.answers.gates, [question.group]: true };
      const index = selectScreens({ ...s, answers: { ...s.answers, gates } }).findIndex((screen) => screen.questions.some((q) => q.key === key));
      if (index >= 0) set({ step: 'questions', answers: { ...s.answers, gates, index, returnToReview: true, editing: key } });
    },

    /** A page drawn for the review; a page of forms no longer on screen is freed at once. */
    setPageImage(templateId: string, index: number, url: string) {
      const review = get().review;
      if (!review.forms?.some((f) => f.templateId === templateId) || review.pageImages[templateId]?.[index]) return URL.revokeObjectURL(url);
      set({ review: { ...review, pageImages: { ...review.pageImages, [templateId]: { ...review.pageImages[templateId], [index]: url } } } });
    },

    zoom(by: number) {
      const zoom = Math.min(3, Math.max(1, Math.round((get().review.zoom + by) * 4) / 4));
      set({ review: { ...get().review, zoom } });
    },

    confirmReview() {
      set({ step: 'submit' });
    },

    /** Signing again from the review: the pad opens, and the review shows the new signature after. */
    resign() {
      if (get().session?.procedure.needsSignature) set({ step: 'signature' });
    },

    async sign(pngDataUrl: string | null) {
      await guarded(async () => {
        await api.request('session.signature', { pngDataUrl });
        set({ signature: { given: pngDataUrl !== null, onPaper: pngDataUrl === null } });
      });
      if (!get().failed) await toReview();
    },

    async submit(print: boolean, toClerk: boolean) {
      await guarded(async () => {
        const submission = await api.request('session.submit', { print, toClerk });
        set({ step: 'done', submission });
      });
    },

    askCancel(confirming: boolean) {
      set({ confirmingCancel: confirming });
    },

    end,

    back() {
      const s = get();
      if (s.step === 'language') void end('cancel');
      else if (s.step === 'procedure') set({ step: 'language' });
      else if (s.step === 'questions') {
        if (s.answers.returnToReview) void toReview();
        else if (s.answers.index > 0) set({ answers: { ...s.answers, index: s.answers.index - 1 } });
      }
      else if (s.step === 'review' && s.session?.procedure.needsSignature) set({ step: 'signature' });
      else if (s.step === 'review' || s.step === 'signature') {
        const screens = selectScreens(s);
        if (screens.length > 0) set({ step: 'questions', answers: { ...s.answers, index: screens.length - 1, returnToReview: false } });
      } else if (s.step === 'submit') set({ step: 'review' });
      else if (s.step === 'person-card') void api.request('person.card.cancel', {}).catch(() => {}).then(backToPerson);
    },

    retryAfterError() {
      set({ failed: false });
    },

    /** The 職員用 corner, behind a clerk's sign-in: pairing a clerk's desk, listing and revoking desks. */
    staff: {
      signIn: (name: string, passphrase: string) => api.request('staff.signIn', { name, passphrase }),
      signOut: (staff: string) => api.request('staff.signOut', { staff }),
      pairingCode: (staff: string) => api.request('kiosk.pairingCode', { staff }),
      desks: (staff: string) => api.request('desks.list', { staff }),
      revoke: (staff: string, deskId: string) => api.request('desks.revoke', { staff, deskId }),
    },
  };
}
