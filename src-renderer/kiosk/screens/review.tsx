// The exact pages that will be printed, as images, zoomable; every answer editable from here; characters no
// font can print called out, since the clerk writes those by hand.
import { useEffect, useRef } from 'react';
import type { AnswerValue, PreviewForm, Question } from '../../../src-main/contract/kiosk';
import { dateAnswerText } from '../../../src-main/forms/field-types/date/input';
import { useFlow, useKiosk, useKioskShallow } from '../context';
import { renderPdfPages } from '../pdf-pages';
import { selectMissingGlyphs, selectQuestions } from '../store';
import { useWords } from '../words';

const PAGE_CSS_WIDTH = 900;
/** The card records sex as an ISO/IEC 5218 code; the resident reads the word the form prints. */
const sexOnCard: Record<string, string> = { '1': '男', '2': '女', '9': '—' };

function FormPages(props: { form: PreviewForm }) {
  const flow = useFlow();
  const { t, say, local } = useWords();
  const urls = useKiosk((s) => s.review.pageImages[props.form.templateId]);
  const zoom = useKiosk((s) => s.review.zoom);
  const started = useRef(false);
  useEffect(() => {
    if (started.current || urls) return;
    started.current = true;
    void renderPdfPages(props.form.pdfBase64, PAGE_CSS_WIDTH).then((u) => flow.setPageImages(props.form.templateId, u));
  }, [flow, props.form, urls]);
  const title = local(props.form.title);
  return (
    <article className="review-form">
      <h2>{title}</h2>
      {props.form.problems.length > 0 && <p className="notice">{t('review.formProblem')}</p>}
      <div className="review-pages" data-zoom={zoom}>
        {!urls && (
          <p className="reader-state" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('review.preparing')}
          </p>
        )}
        {urls?.map((url, i) => (
          <img key={url} className="review-page" src={url} alt={say('review.page', { title, n: i + 1 })} width={PAGE_CSS_WIDTH * zoom} />
        ))}
      </div>
    </article>
  );
}

function answerText(q: Question, v: AnswerValue | undefined, yes: string, no: string, local: (l: Question['label']) => string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v ? yes : no;
  if (q.type === 'date' && typeof v === 'string') return dateAnswerText(v);
  const option = q.options?.find((o) => o.value === v);
  return option ? local(option.label) : String(v);
}

export function ReviewScreen() {
  const flow = useFlow();
  const { t, say, local } = useWords();
  const forms = useKiosk((s) => s.review.forms);
  const resident = useKiosk((s) => s.card.resident);
  const questions = useKioskShallow(selectQuestions);
  const values = useKiosk((s) => s.answers.values);
  const missing = useKioskShallow(selectMissingGlyphs);
  const zoom = useKiosk((s) => s.review.zoom);
  return (
    <section className="screen screen-review" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('review.title')}</h1>
      {missing.map((c) => (
        <p key={c} className="notice">
          {t('review.missingGlyph', { char: c })}
        </p>
      ))}
      <div className="review-layout">
        <div className="review-answers">
          {resident && (
            <>
              <h2>{t('review.fromCard')}</h2>
              <dl className="answer-list" lang="ja">
                <div><dt>{t('review.name')}</dt><dd>{resident.name}</dd></div>
                <div><dt>{t('review.address')}</dt><dd>{resident.address}</dd></div>
                <div><dt>{t('review.birthDate')}</dt><dd>{dateAnswerText(resident.birthDate)}</dd></div>
                <div><dt>{t('review.sex')}</dt><dd>{sexOnCard[resident.sex] ?? resident.sex}</dd></div>
              </dl>
            </>
          )}
          {questions.length > 0 && (
            <>
              <h2>{t('review.answers')}</h2>
              <dl className="answer-list">
                {questions.map((q) => {
                  const text = answerText(q, values[q.key], say('input.yes'), say('input.no'), local);
                  return (
                    <div key={q.key}>
                      <dt>{local(q.label)}</dt>
                      <dd lang="ja">{text ?? <span className="not-answered">{t('review.notAnswered')}</span>}</dd>
                      <dd>
                        <button type="button" className="btn btn-secondary" aria-label={`${say('review.edit')}: ${local(q.label)}`} onClick={() => flow.editAnswer(q.key)}>
                          {t('review.edit')}
                        </button>
                      </dd>
                    </div>
                  );
                })}
              </dl>
            </>
          )}
        </div>
        <div className="review-preview">
          <div className="zoom-row" role="group">
            <button type="button" className="btn btn-secondary" disabled={zoom <= 1} onClick={() => flow.zoom(-0.5)}>
              − {t('review.zoomOut')}
            </button>
            <span className="zoom-value" aria-live="polite">{Math.round(zoom * 100)}%</span>
            <button type="button" className="btn btn-secondary" disabled={zoom >= 3} onClick={() => flow.zoom(0.5)}>
              + {t('review.zoomIn')}
            </button>
          </div>
          {/* Focusable so the pages can be scrolled from a keyboard too (axe: scrollable-region-focusable). */}
          <div className="review-scroll" tabIndex={0} role="region" aria-label={say('review.title')}>
            {!forms && (
              <p className="reader-state" role="status" aria-live="polite">
                <span className="spinner" aria-hidden="true" />
                {t('review.preparing')}
              </p>
            )}
            {forms?.map((f) => <FormPages key={f.templateId} form={f} />)}
          </div>
        </div>
      </div>
      <div className="nav-row">
        <button type="button" className="btn btn-go btn-large" disabled={!forms} onClick={() => flow.confirmReview()}>
          {t('review.ok')}
        </button>
      </div>
    </section>
  );
}
