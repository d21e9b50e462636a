// One question per screen, with the control its field type brings; the answer is checked by the service.
import { useEffect, useState } from 'react';
import type { AnswerValue } from '../../../src-main/contract/kiosk';
import type { InputWord } from '../../../src-main/forms/field-types/kiosk-input';
import type { MessageKey } from '../../i18n';
import { useFlow, useKiosk, useKioskShallow } from '../context';
import { kioskInputs } from '../input-registry';
import { selectCurrentQuestion, selectQuestions } from '../store';
import { useWords } from '../words';

const today = () => new Date().toISOString().slice(0, 10);

export function QuestionScreen() {
  const flow = useFlow();
  const { t, say, local, language } = useWords();
  const question = useKiosk(selectCurrentQuestion);
  const asked = useKioskShallow(selectQuestions);
  const index = useKiosk((s) => s.answers.index);
  const given = useKiosk((s) => (question ? s.answers.values[question.key] : undefined));
  const problem = useKiosk((s) => s.answers.problems.find((p) => p.key === question?.key));
  const returnToReview = useKiosk((s) => s.answers.returnToReview);
  const busy = useKiosk((s) => s.busy);
  const [draft, setDraft] = useState<AnswerValue>(given ?? null);
  useEffect(() => setDraft(given ?? null), [question?.key, given]);
  if (!question) return null;

  const Input = kioskInputs[question.type];
  const isLast = index + 1 >= asked.length;
  return (
    <section
      className="screen screen-question"
      aria-labelledby="screen-title"
      data-question-key={question.key}
      data-question-type={question.type}
    >
      <p className="question-count">{t('questions.title', { n: index + 1, total: asked.length })}</p>
      <h1 id="screen-title" lang={language === 'ja' || language === 'easy' ? 'ja' : 'en'}>
        {local(question.label)}
      </h1>
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
          value={draft}
          onChange={setDraft}
          word={(w: InputWord) => t(`input.${w}` as MessageKey)}
          wordText={(w: InputWord) => say(`input.${w}` as MessageKey)}
          localize={local}
          today={today()}
        />
      </div>
      <div className="nav-row">
        <button type="button" className="btn btn-secondary btn-large" onClick={() => flow.back()} disabled={index === 0 && !returnToReview}>
          {t('app.back')}
        </button>
        <button type="button" className="btn btn-go btn-large" disabled={busy} onClick={() => void flow.answer(question.key, draft)}>
          {returnToReview || isLast ? t('questions.toReview') : t('app.next')}
        </button>
      </div>
    </section>
  );
}
