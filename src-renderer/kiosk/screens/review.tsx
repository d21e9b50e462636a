// The exact pages that will be printed, as images, zoomable; every answer editable from here; characters no
// font can print called out, since the clerk writes those by hand.
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Localized, PreviewForm, Question, QuestionGroup } from '../../../src-main/contract/kiosk';
import { personCardKeys } from '../../../src-main/contract/kiosk';
import { dateAnswerText } from '../../field-types/date/input';
import { answerText } from '../answer-text';
import { useFlow, useKiosk, useKioskShallow } from '../context';
import { openPdfPages } from '../../ui/pdf-pages';
import { selectMissingGlyphs, selectAskedQuestions, selectScreens } from '../store';
import { useWords } from '../words';
import { PersonCardRead } from './person-card-read';

const PAGE_CSS_WIDTH = 900;
/** The card records sex as an ISO/IEC 5218 code; the resident reads the word the form prints. */
const sexOnCard: Record<string, string> = { '1': '男', '2': '女', '9': '—' };

/**
 * A form's pages: the first drawn at once, each further one when its place scrolls near the view. The document stays
 * open while the form is on screen; a page drawn after it left is freed, never shown.
 */
function FormPages(props: { form: PreviewForm }) {
  const flow = useFlow();
  const { t, say, local } = useWords();
  const urls = useKiosk((s) => s.review.pageImages[props.form.templateId]);
  const zoom = useKiosk((s) => s.review.zoom);
  const request = useRef<(index: number) => void>(() => {});
  const drawn = useRef(urls);
  drawn.current = urls;
  const [aspect, setAspect] = useState<number | undefined>(undefined);
  const { templateId, pdfBase64 } = props.form;
  useEffect(() => {
    let closed = false;
    const asked = new Set<number>();
    const opened = openPdfPages(pdfBase64);
    request.current = (index) => {
      if (asked.has(index) || drawn.current?.[index]) return;
      asked.add(index);
      void opened
        .then((pages) => pages.page(index + 1, PAGE_CSS_WIDTH))
        .then((url) => (closed ? URL.revokeObjectURL(url) : flow.setPageImage(templateId, index, url)))
        .catch(() => {}); // a wipe closed the document mid-draw
    };
    void opened.then((pages) => pages.aspect(1)).then((a) => !closed && setAspect(a)).catch(() => {});
    request.current(0);
    return () => {
      closed = true;
      request.current = () => {};
      void opened.then((pages) => pages.close()).catch(() => {});
    };
  }, [flow, templateId, pdfBase64]);
  const title = local(props.form.title);
  const pageCount = props.form.pageCount;
  return (
    <article className="review-form">
      <h2>{title}</h2>
      {/* Zoomed in, the pages pan sideways in their own strip: the answers beside them stay put. */}
      <div className="review-pages" data-zoom={zoom} {...(zoom > 1 ? { tabIndex: 0, role: 'group', 'aria-label': title } : {})}>
        {!urls?.[0] && (
          <p className="reader-state" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('review.preparing')}
          </p>
        )}
        {urls?.[0] &&
          Array.from({ length: pageCount }, (_, i) => {
            const url = urls[i];
            return url ? (
              <img key={url} className="review-page" src={url} alt={say('review.page', { title, n: i + 1 })} width={PAGE_CSS_WIDTH * zoom} />
            ) : (
              <PagePlace key={`place-${i}`} index={i} aspect={aspect} width={PAGE_CSS_WIDTH * zoom} request={request} />
            );
          })}
      </div>
    </article>
  );
}

/**
 * What a form's checks found, each where the resident can act: the question's label, why (the rule's own words
 * when it has them) and a button to that question. What no answer of hers gives is left to the clerk, and said so.
 */
function FormProblems({ form }: { form: PreviewForm }) {
  const flow = useFlow();
  const { t, say, local } = useWords();
  const questions = useKiosk((s) => s.session?.questions);
  const seen = new Set<string>();
  const linked = form.problems.flatMap((p) => {
    const q = p.key === undefined ? undefined : questions?.find((x) => x.key === p.key);
    if (!q || seen.has(q.key)) return [];
    seen.add(q.key);
    return [{ q, text: p.message ? local(p.message) : say(`problem.${p.problem}`) }];
  });
  const forClerk = form.problems.some((p) => p.key === undefined || !questions?.some((x) => x.key === p.key));
  return (
    <div className="notice notice-warning review-problems" role="group" aria-label={`${local(form.title)}: ${say('review.problemsTitle')}`}>
      <p>
        {local(form.title)}: {t('review.problemsTitle')}
      </p>
      {linked.length > 0 && (
        <ul>
          {linked.map(({ q, text }) => (
            <li key={q.key}>
              <span className="review-problem-label">{local(q.label)}</span> — <span>{text}</span>{' '}
              <button type="button" className="btn btn-secondary" aria-label={`${say('review.edit')}: ${local(q.label)}`} onClick={() => flow.editAnswer(q.key)}>
                {t('review.edit')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {forClerk && <p>{t('review.formProblem')}</p>}
    </div>
  );
}

/** The place of a page not drawn yet: asks for it once it comes within a screen of the view. */
function PagePlace(props: { index: number; aspect: number | undefined; width: number; request: RefObject<(index: number) => void> }) {
  const place = useRef<HTMLDivElement>(null);
  const { index, request } = props;
  useEffect(() => {
    const element = place.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && request.current(index), { rootMargin: '100% 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [index, request]);
  return <div ref={place} className="review-page review-page-place" aria-hidden="true" style={{ width: props.width, aspectRatio: props.aspect ?? 1 / Math.SQRT2 }} />;
}

/** The answers in runs of one screen's group, each titled with that screen's label (which person, which part of the form). */
function sectionsOf(questions: readonly Question[], groups: readonly QuestionGroup[] | undefined): { key: string; title?: Localized; person?: number; questions: Question[] }[] {
  const sections: { key: string; title?: Localized; person?: number; questions: Question[] }[] = [];
  for (const q of questions) {
    const last = sections.at(-1);
    if (last && (last.key === (q.group ?? '') || (q.group === undefined && last.title === undefined))) last.questions.push(q);
    else {
      const group = groups?.find((g) => g.id === q.group);
      sections.push({ key: q.group ?? `${q.key}-alone`, ...(group ? { title: group.label } : {}), ...(group?.person !== undefined ? { person: group.person } : {}), questions: [q] });
    }
  }
  return sections;
}

export function ReviewScreen() {
  const flow = useFlow();
  const { t, say, local } = useWords();
  const forms = useKiosk((s) => s.review.forms);
  const resident = useKiosk((s) => s.card.resident);
  // Only what was asked: a skipped group (2人目 when nobody moved with her) or one whose condition failed is not listed.
  const questions = useKioskShallow(selectAskedQuestions);
  const values = useKiosk((s) => s.answers.values);
  const groups = useKiosk((s) => s.session?.groups);
  const people = useKiosk((s) => s.people);
  const missing = useKioskShallow(selectMissingGlyphs);
  const zoom = useKiosk((s) => s.review.zoom);
  const hasQuestions = useKiosk((s) => selectScreens(s).length > 0);
  const needsSignature = useKiosk((s) => s.session?.procedure.needsSignature === true);
  return (
    <section className="screen screen-review" aria-labelledby="screen-title">
      {/* One scroll area holds the answers and the exact pages (focusable, so a keyboard scrolls it too: axe's
          scrollable-region-focusable); Back and Go stay below it, never scrolled away or cut. */}
      <div className="screen-scroll review-scroll" tabIndex={0} role="region" aria-labelledby="screen-title">
        <h1 id="screen-title">{t('review.title')}</h1>
        {missing.map((c) => (
          <p key={c} className="notice">
            {t('review.missingGlyph', { char: c })}
          </p>
        ))}
        {/* What the forms' checks found comes first, before the answers and the pages, so it is never scrolled past. */}
        {forms?.filter((f) => f.problems.length > 0).map((f) => <FormProblems key={f.templateId} form={f} />)}
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
                {sectionsOf(questions, groups).map((section) => {
                  // A person read from their own card: what the card gave, marked, in place of those answers.
                  const fromCard = section.person === undefined ? undefined : people[section.person];
                  const cardKeys = fromCard ? personCardKeys(fromCard.person) : [];
                  return (
                  <section key={section.key} className="answer-section">
                  {section.title && <h3 className="answer-section-title">{local(section.title)}</h3>}
                  {/* Their My Number is said to be printed only while a form still takes it (the service drops it otherwise). */}
                  {fromCard && <PersonCardRead view={{ ...fromCard, myNumberRead: fromCard.myNumberRead && section.questions.some((q) => cardKeys.includes(q.key) && q.key.endsWith('.myNumber')) }} />}
                <dl className="answer-list">
                  {section.questions.filter((q) => !cardKeys.includes(q.key)).map((q) => {
                    const text = answerText(q, values[q.key], { yes: say('input.yes'), no: say('input.no') }, local);
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
                  </section>
                  );
                })}
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
      <div className="nav-row nav-bar">
        <button type="button" className="btn btn-secondary btn-large" disabled={!hasQuestions && !needsSignature} onClick={() => flow.back()}>
          {t('app.back')}
        </button>
        {needsSignature && (
          <button type="button" className="btn btn-secondary btn-large" onClick={() => flow.resign()}>
            {t('signature.redo')}
          </button>
        )}
        <button type="button" className="btn btn-go btn-large" disabled={!forms} onClick={() => flow.confirmReview()}>
          {t('review.ok')}
        </button>
      </div>
    </section>
  );
}
