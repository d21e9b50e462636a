// A screen of questions: a group's few related questions together (an optional group first asks whether to fill it
// in), or one question alone. Each control comes from its field type; the answers are checked by the service.
import { useEffect, useMemo, useState } from 'react';
import type { AnswerProblem, AnswerValue, Question } from '../../../src-main/contract/kiosk';
import type { InputWord } from '../../../src-main/forms/field-types/kiosk-input';
import type { MessageKey } from '../../i18n';
import { useFlow, useKiosk } from '../context';
import { kioskInputs } from '../input-registry';
import { selectScreens, visibleProblem } from '../store';
import { useWords } from '../words';

const today = () => new Date().toISOString().slice(0, 10);

export function QuestionScreen() {
  const flow = useFlow();
  const { t, local, language } = useWords();
  const session = useKiosk((s) => s.session);
  const answers = useKiosk((s) => s.answers);
  const busy = useKiosk((s) => s.busy);
  const screens = useMemo(() => selectScreens({ session, answers }), [session, answers]);
  const screen = screens[answers.index];
  const keys = screen?.questions.map((q) => q.key) ?? [];
  const [drafts, setDrafts] = useState<Record<string, AnswerValue>>({});
  const keysId = keys.join('\n');
  useEffect(() => {
    setDrafts(Object.fromEntries(keysId.split('\n').filter(Boolean).map((k) => [k, answers.values[k] ?? null])));
  }, [keysId, answers.values]);
  if (!screen) return null;

  const { group } = screen;
  const draftOf = (key: string): AnswerValue => (key in drafts ? drafts[key]! : (answers.values[key] ?? null));
  const textLang = language === 'ja' || language === 'easy' ? 'ja' : 'en';
  const isLast = answers.index + 1 >= screens.length;
  const undecided = group?.optional !== undefined && screen.gate === undefined;
  const goOn = () => {
    // An optional group left undecided is skipped: nothing of it was asked, so nothing of it is kept.
    if (undecided) return void flow.skipGroup(group.id);
    void flow.answerScreen(Object.fromEntries(keys.map((k) => [k, draftOf(k)])));
  };
  const single = group === undefined ? screen.questions[0] : undefined;

  return (
    <section className={group ? 'screen screen-question screen-question-group' : 'screen screen-question'} aria-labelledby="screen-title">
      <p className="question-count">{t('questions.title', { n: answers.index + 1, total: screens.length })}</p>
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
      {screen.questions.map((question) => (
        <QuestionBlock
          key={question.key}
          question={question}
          titled={group !== undefined}
          value={draftOf(question.key)}
          onChange={(v) => setDrafts((d) => ({ ...d, [question.key]: v }))}
          problem={visibleProblem({ answers }, question.key, draftOf(question.key))}
        />
      ))}
      <div className="nav-row">
        <button type="button" className="btn btn-secondary btn-large" onClick={() => flow.back()} disabled={answers.index === 0 && !answers.returnToReview}>
          {t('app.back')}
        </button>
        <button type="button" className="btn btn-go btn-large" disabled={busy} onClick={goOn}>
          {answers.returnToReview || isLast ? t('questions.toReview') : t('app.next')}
        </button>
      </div>
    </section>
  );
}

function QuestionBlock(props: { question: Question; titled: boolean; value: AnswerValue; onChange(v: AnswerValue): void; problem: AnswerProblem | undefined }) {
  const { t, say, local, language } = useWords();
  const { question, problem } = props;
  const Input = kioskInputs[question.type];
  const labelId = `question-${question.key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  return (
    <div
      className={props.titled ? 'question question-in-group' : 'question'}
      data-question-key={question.key}
      data-question-type={question.type}
      {...(props.titled ? { role: 'group', 'aria-labelledby': labelId } : {})}
    >
      {props.titled && (
        <h2 id={labelId} className="question-label" lang={language === 'ja' || language === 'easy' ? 'ja' : 'en'}>
          {local(question.label)}
        </h2>
      )}
      {question.help && <p className="subtitle">{local(question.help)}</p>}
      <p className="question-meta">
        <span className={question.required ? 'tag tag-required' : 'tag'}>{t(question.required ? 'questions.required' : 'questions.optional')}</span>
        {['text', 'multiline', 'kana'].includes(question.type) && <span className="tag">{t('questions.valuesInJapanese')}</span>}
      </p>
      {problem && (
        <p className="notice notice-error" role="alert">
          {t(`problem.${problem.code}` as MessageKey)}
          {problem.detail && <span lang="ja"> {String.fromCodePoint(parseInt(problem.detail.replace(/^U\+/i, ''), 16))}</span>}
        </p>
      )}
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
        />
      </div>
    </div>
  );
}
