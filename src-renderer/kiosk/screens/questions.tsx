// A screen of questions: a group's few related questions together (an optional group first asks whether to fill it
// in), or one question alone. Each control comes from its field type; the answers are checked by the service.
// On a group's screen one question is open at a time: its keyboard or keypad shows, the others collapse to their
// value as a large field to touch, so an elderly resident meets one keyboard, never three stacked up.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AnswerProblem, AnswerValue, PersonCardView, Question } from '../../../src-main/contract/kiosk';
import { personCardKeys } from '../../../src-main/contract/kiosk';
import type { InputWord } from '../../field-types/kiosk-input';
import type { MessageKey } from '../../i18n';
import { answerText } from '../answer-text';
import { useFlow, useKiosk } from '../context';
import { browserTypes } from '../../field-types';
import { PersonCardRead } from './person-card-read';
import { firstQuestionToOpen, isAnswered, nextQuestionToOpen, postalCodeOfArea, postalQuestionAfter, screenQuestions, selectScreens, visibleProblem } from '../store';
import { useWords } from '../words';

const today = () => new Date().toISOString().slice(0, 10);
const idOf = (key: string) => `question-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
/** Where focus goes when "next" finds nothing left to answer: the screen's own Next button. */
const SCREEN_NEXT = '\u0000next';

export function QuestionScreen() {
  const flow = useFlow();
  const { t, local, language } = useWords();
  const session = useKiosk((s) => s.session);
  const answers = useKiosk((s) => s.answers);
  const busy = useKiosk((s) => s.busy);
  const screens = useMemo(() => selectScreens({ session, answers }), [session, answers]);
  const screen = screens[answers.index];
  // A group's screen is one screen whatever it shows; a lone question is its key.
  const keysId = screen?.group ? `group:${screen.group.id}` : (screen?.questions.map((q) => q.key).join('\n') ?? '');
  // Drafts belong to one screen and to the answers the service holds: either changing drops them (a clerk's
  // correction shows at once).
  // Back from reading a person's own card: the drafts typed before it come back (the card's own items excepted).
  const person = screen?.group?.person;
  const fromCard = useKiosk((s) => (person === undefined ? undefined : s.people[person]));
  const cardKeys = fromCard ? personCardKeys(fromCard.person) : [];
  const [drafts, setDrafts] = useState<{ screen: string; base: Record<string, AnswerValue>; values: Record<string, AnswerValue> } | null>(() => {
    const stash = flow.draftStash();
    if (stash?.screen !== keysId) return null;
    return { screen: keysId, base: answers.values, values: Object.fromEntries(Object.entries(stash.values).filter(([k]) => !cardKeys.includes(k))) };
  });
  useEffect(() => flow.takeDraftStash(), []); // taken once, on the way back
  const current = drafts?.screen === keysId && drafts.base === answers.values ? drafts.values : {};
  // An answer chosen on this screen shows the questions that depend on it at once (a child's 同居・別居). A person's
  // items their card gave are shown read-only in the card's box, never as questions.
  const questions = (screen ? screenQuestions({ session, answers }, screen, current) : []).filter((q) => !cardKeys.includes(q.key));
  const keys = questions.map((q) => q.key);
  // The open question: chosen by the resident on this screen, else the first to open (refreshed when the service
  // refuses an answer, so the refused one opens). `opened` remembers each one opened, so "next" never goes round.
  const [chosen, setChosen] = useState<{ screen: string; problems: AnswerProblem[]; key: string | undefined; opened: string[] } | null>(null);
  const stamp = `${answers.index}\n${keysId}`;
  const ours = chosen?.screen === stamp && chosen.problems === answers.problems ? chosen : null;
  const openKey = ours ? ours.key : firstQuestionToOpen({ answers }, questions);
  const opened = ours ? ours.opened : openKey === undefined ? [] : [openKey];
  const blocks = useRef(new Map<string, HTMLElement>());
  const nextButton = useRef<HTMLButtonElement>(null);
  const moveFocusTo = useRef<string | null>(null);
  useLayoutEffect(() => {
    const target = moveFocusTo.current;
    if (target === null) return;
    moveFocusTo.current = null;
    const element = target === SCREEN_NEXT ? nextButton.current : blocks.current.get(target);
    element?.focus({ preventScroll: true });
    element?.scrollIntoView({ block: 'nearest' });
  });
  // A refused answer: its question comes into view with the focus, where the notice says why.
  const refused = keys.find((k) => answers.problems.some((p) => p.key === k));
  useLayoutEffect(() => {
    const element = refused === undefined ? undefined : blocks.current.get(refused);
    element?.focus({ preventScroll: true });
    element?.scrollIntoView({ block: 'nearest' });
  }, [answers.problems]); // only when the service answers, not on every render
  // The clerk's mirror follows the resident's typing: the drafts, at most every 150 ms, before Next sends them.
  useEffect(() => {
    if (drafts === null) return;
    const timer = setTimeout(() => flow.typing(current), 150);
    return () => clearTimeout(timer);
  }, [drafts]); // `current` is derived from drafts
  if (!screen) return null;

  const { group } = screen;
  const draftOf = (key: string): AnswerValue => (key in current ? current[key]! : (answers.values[key] ?? null));
  // Functional: an address found by postal code sets its answer and then its 〒 within one tap.
  const update = (changes: (of: (k: string) => AnswerValue) => Record<string, AnswerValue>) =>
    setDrafts((prev) => {
      const base = prev?.screen === keysId && prev.base === answers.values ? prev.values : {};
      return { screen: keysId, base: answers.values, values: { ...base, ...changes((k) => (k in base ? base[k]! : (answers.values[k] ?? null))) } };
    });
  const setDraft = (key: string, value: AnswerValue) =>
    update((of) => {
      const postal = postalCodeOfArea(questions, key, value, of);
      return { [key]: value, ...(postal ? { [postal.key]: postal.value } : {}) };
    });
  // The 〒 box after an address takes the code the address was found by, unless the resident filled it.
  const fillPostalAfter = (key: string, code: string) =>
    update((of) => {
      const after = postalQuestionAfter(questions, key);
      return after && !isAnswered(of(after.key)) ? { [after.key]: code } : {};
    });
  // Template texts come in the resident's language (やさしい日本語 is Japanese).
  const textLang = language === 'easy' ? 'ja' : language;
  const isLast = answers.index + 1 >= screens.length;
  const undecided = group?.optional !== undefined && screen.gate === undefined;
  const goOn = () => {
    // An optional group left undecided is skipped: nothing of it was asked, so nothing of it is kept.
    if (undecided) return void flow.skipGroup(group.id);
    // `keys` leaves out a card's own items: the card gave them, the screen never sends them.
    void flow.answerScreen(Object.fromEntries(keys.map((k) => [k, draftOf(k)])));
  };
  const single = group === undefined ? screen.questions[0] : undefined;
  const open = (key: string | undefined, focus: boolean) => {
    setChosen({ screen: stamp, problems: answers.problems, key, opened: key === undefined || opened.includes(key) ? opened : [...opened, key] });
    moveFocusTo.current = focus ? (key ?? SCREEN_NEXT) : null;
  };
  const answeredBesides = (key: string) => (k: string) => k === key || isAnswered(draftOf(k));
  const nextAfter = (key: string) => nextQuestionToOpen(questions, key, answeredBesides(key), opened);

  return (
    <section className={group ? 'screen screen-question screen-question-group' : 'screen screen-question'} aria-labelledby="screen-title">
      {/* The questions scroll; the actions below them never do, so a keyboard can never push Next off the screen. */}
      <div className="screen-scroll">
        <h1 id="screen-title" lang={textLang}>
          {group ? local(group.label) : single ? local(single.label) : null}
        </h1>
        {group?.optional && (
          <div className="group-gate" role="radiogroup" aria-labelledby="group-gate-question">
            <p id="group-gate-question" className="group-gate-question" lang={textLang}>
              {local(group.optional.ask)}
            </p>
            <div className="group-gate-choices">
              <button type="button" role="radio" aria-checked={screen.gate === true} className="choice" onClick={() => flow.openGroup(group.id)}>
                {t('questions.groupYes')}
              </button>
              <button type="button" role="radio" aria-checked={screen.gate === false} className="choice" disabled={busy} onClick={() => void flow.skipGroup(group.id)}>
                {t('questions.groupSkip')}
              </button>
            </div>
            {screen.gate === false && <p className="notice">{t('questions.groupSkipped')}</p>}
          </div>
        )}
        {person !== undefined && (!group?.optional || screen.gate === true) && (
          <PersonCardChoice
            view={fromCard}
            busy={busy}
            onHave={() => void flow.beginPersonCard(person, { screen: keysId, values: current })}
            onTypeInstead={() => void flow.forgetPersonCard(person)}
          />
        )}
        {single && (
          <QuestionBlock
            question={single}
            value={draftOf(single.key)}
            onChange={(v) => setDraft(single.key, v)}
            onPostalCode={(code) => fillPostalAfter(single.key, code)}
            problem={visibleProblem({ answers }, single.key, draftOf(single.key))}
          />
        )}
        {group &&
          questions.map((question) => {
            const key = question.key;
            const inline = browserTypes.isInline(question.type);
            return (
              <QuestionBlock
                key={key}
                // A name read from the card is in kanji: the note that a clerk writes the kanji does not apply.
                question={fromCard && question.kanjiByClerk ? { ...question, kanjiByClerk: undefined } : question}
                inGroup={{
                  open: openKey === key,
                  inline,
                  blockRef: (element) => void (element ? blocks.current.set(key, element) : blocks.current.delete(key)),
                  onOpen: () => open(key, true),
                  hasNext: nextAfter(key) !== undefined,
                  onNext: () => open(nextAfter(key), true),
                }}
                value={draftOf(key)}
                onChange={(v) => {
                  setDraft(key, v);
                  // A choice is answered in one tap: the next unanswered required question opens (focus stays on the choice).
                  if (inline && isAnswered(v)) open(nextAfter(key), false);
                }}
                onPostalCode={(code) => fillPostalAfter(key, code)}
                problem={visibleProblem({ answers }, key, draftOf(key))}
              />
            );
          })}
      </div>
      <div className="nav-row nav-bar">
        <button type="button" className="btn btn-secondary btn-large" onClick={() => flow.back()} disabled={answers.index === 0 && !answers.returnToReview}>
          {t('app.back')}
        </button>
        <button ref={nextButton} type="button" className="btn btn-go btn-large" disabled={busy} onClick={goOn}>
          {answers.returnToReview || isLast ? t('questions.toReview') : t('app.next')}
        </button>
      </div>
    </section>
  );
}

/** A household person's screen: their own My Number Card instead of typing, or what it gave, read-only and marked. */
function PersonCardChoice(props: { view: PersonCardView | undefined; busy: boolean; onHave(): void; onTypeInstead(): void }) {
  const { t } = useWords();
  const { view } = props;
  if (!view)
    return (
      <div className="person-card-offer">
        <button type="button" className="btn btn-primary btn-large person-card-have" disabled={props.busy} onClick={props.onHave}>
          {t('personCard.have')}
        </button>
        <p className="subtitle">{t('personCard.haveHint')}</p>
      </div>
    );
  return (
    <PersonCardRead view={view}>
      <button type="button" className="btn btn-link person-card-type" disabled={props.busy} onClick={props.onTypeInstead}>
        {t('personCard.typeInstead')}
      </button>
    </PersonCardRead>
  );
}

/** How a question sits on a group's screen: open (its control shown) or collapsed to its value. */
interface InGroup {
  open: boolean;
  /** A choice's buttons are its value: always shown. */
  inline: boolean;
  blockRef(element: HTMLElement | null): void;
  onOpen(): void;
  /** Another question of the screen is still unanswered: "next" goes there, else it closes this one. */
  hasNext: boolean;
  onNext(): void;
}

function QuestionBlock(props: { question: Question; inGroup?: InGroup; value: AnswerValue; onChange(v: AnswerValue): void; onPostalCode(code: string): void; problem: AnswerProblem | undefined }) {
  const { t, say, local, language } = useWords();
  const flow = useFlow();
  const { question, problem, inGroup } = props;
  const Input = browserTypes.inputOf(question.type)!;
  const labelId = idOf(question.key);
  // Template texts come in the resident's language (やさしい日本語 is Japanese).
  const textLang = language === 'easy' ? 'ja' : language;
  const shown = !inGroup || inGroup.open || inGroup.inline;
  const typed = browserTypes.typesText(question.type);
  const className = !inGroup ? 'question' : `question question-in-group ${inGroup.open ? 'question-open' : shown ? 'question-inline' : 'question-collapsed'}`;
  const tags = (
    <p className="question-meta">
      <span className={question.required ? 'tag tag-required' : 'tag'}>{t(question.required ? 'questions.required' : 'questions.optional')}</span>
      {typed && shown && <span className="tag">{t('questions.valuesInJapanese')}</span>}
    </p>
  );
  const problemNotice = problem && (
    <p className="notice notice-error" role="alert">
      {problem.message ? <span lang={textLang}>{local(problem.message)}</span> : t(`problem.${problem.code}` as MessageKey)}
      {problem.detail && <span lang="ja"> {String.fromCodePoint(parseInt(problem.detail.replace(/^U\+/i, ''), 16))}</span>}
    </p>
  );
  return (
    <div
      ref={inGroup?.blockRef}
      className={className}
      data-question-key={question.key}
      data-question-type={question.type}
      {...(inGroup ? { role: 'group', 'aria-labelledby': labelId, tabIndex: -1 } : {})}
    >
      {inGroup && (
        <div className="question-head">
          <h2 id={labelId} className="question-label" lang={textLang}>
            {local(question.label)}
          </h2>
          {tags}
        </div>
      )}
      {shown && question.help && <p className="subtitle">{local(question.help)}</p>}
      {shown && question.kanjiByClerk && <p className="subtitle question-kanji-note">{t('questions.kanjiByClerk')}</p>}
      {!inGroup && tags}
      {problemNotice}
      {shown ? (
        <div className="question-input">
          <Input
            key={question.key}
            question={question}
            value={props.value}
            onChange={props.onChange}
            word={(w: InputWord) => t(`input.${w}` as MessageKey)}
            wordText={(w: InputWord) => say(`input.${w}` as MessageKey)}
            localize={local}
            today={today()}
            {...(question.postalLookup ? { lookupTowns: flow.towns, onPostalCode: props.onPostalCode } : {})}
          />
        </div>
      ) : (
        <CollapsedField question={question} value={props.value} labelId={labelId} onOpen={inGroup!.onOpen} />
      )}
      {inGroup?.open && !inGroup.inline && (
        <div className="question-actions">
          <button type="button" className="btn btn-primary btn-large question-done" onClick={inGroup.onNext}>
            {t(inGroup.hasNext ? 'questions.nextField' : 'questions.closeField')}
          </button>
        </div>
      )}
    </div>
  );
}

/** A collapsed question: its answer, large, in a field the resident touches to open its keyboard again. */
function CollapsedField(props: { question: Question; value: AnswerValue; labelId: string; onOpen(): void }) {
  const { t, say, local } = useWords();
  const text = answerText(props.question, props.value, { yes: say('input.yes'), no: say('input.no') }, local);
  const id = props.labelId;
  return (
    <button type="button" className="question-field" aria-expanded={false} aria-labelledby={`${id} ${id}-value ${id}-action`} onClick={props.onOpen}>
      <span id={`${id}-value`} className={text === undefined ? 'question-field-value question-field-empty' : 'question-field-value'} lang={text === undefined ? undefined : 'ja'}>
        {text ?? t('review.notAnswered')}
      </span>
      <span id={`${id}-action`} className="question-field-action">
        <span aria-hidden="true">✎ </span>
        {t(text === undefined ? 'questions.enterField' : 'questions.changeField')}
      </span>
    </button>
  );
}
