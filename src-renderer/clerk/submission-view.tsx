// The opened submission as the paper reads it: each form's title, its fields grouped by person and address with
// their labels, option names and dates in 和暦 and 西暦; the kanji the clerk writes with the desk's own keyboard; a
// correction of any field (staged until confirmed); the staff area; and the form as it would print now.
import { useContext, useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { DeskField, DeskForm, IdDocument, SubmissionView } from '../../src-main/contract/clerk';
import { renderPdfPages } from '../ui/pdf-pages';
import { DeskContext } from './app';
import { paperErrorWord, paperWord } from './paper-words';
import { StaffArea } from './staff-area';
import type { ClerkLanguage } from './words';
import './paper.css';

type Said = { text: string; error?: boolean } | null;

/** The requests the paper view makes: a desk paired with a kiosk asks its kiosk, a desk on the hall asks the hall. */
export interface PaperRequests {
  correct(position: number, fields: Record<string, string | boolean | null>): Promise<SubmissionView>;
  staffArea(idDocument: IdDocument): Promise<SubmissionView>;
  confirmCorrections(): Promise<SubmissionView>;
}

/** The paired desk's paper view: the submission its store holds, the requests to its kiosk. */
export function SubmissionPaper({ language }: { language: ClerkLanguage }) {
  const desk = useContext(DeskContext)!;
  const paper = useStore(desk.store, (s) => s.paper);
  const status = useStore(desk.store, (s) => s.opened?.item.status);
  if (!paper) return null;
  const id = paper.item.id;
  const requests: PaperRequests = {
    correct: (position, fields) => desk.flow.call('queue.correct', { id, position, fields }),
    staffArea: (idDocument) => desk.flow.call('queue.staffArea', { id, idDocument }),
    confirmCorrections: () => desk.flow.call('queue.confirmCorrections', { id }),
  };
  return <PaperView language={language} paper={paper} editable={status === 'submitted' || status === 'confirmed'} requests={requests} onView={(view) => desk.store.getState().set({ paper: view })} />;
}

/**
 * The opened submission as the paper reads it, for either desk. `editable`: corrections and the staff area may be
 * made (a hall desk's clerk who does not hold the claim reads only); `onView` keeps each answer; a refusal is said in
 * this view's own words.
 */
export function PaperView(props: { language: ClerkLanguage; paper: SubmissionView; editable: boolean; requests: PaperRequests; onView(view: SubmissionView): void }) {
  const { language, paper, editable, requests } = props;
  const [said, say] = useState<Said>(null);
  const act = async (request: () => Promise<SubmissionView>, done: Parameters<typeof paperWord>[1]): Promise<boolean> => {
    try {
      props.onView(await request());
      say({ text: paperWord(language, done) });
      return true;
    } catch (e) {
      const code = typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'internal';
      say({ text: paperErrorWord(language, code) ?? `${paperWord(language, 'paper.cancel')}: ${code}`, error: true });
      return false;
    }
  };
  const w = (key: Parameters<typeof paperWord>[1], params?: Record<string, string | number>) => paperWord(language, key, params);
  const pending = paper.forms.some((f) => f.pending);
  return (
    <div className="desk-paper">
      {said && (
        <p className={said.error ? 'desk-notice desk-notice-error' : 'desk-notice'} role={said.error ? 'alert' : 'status'}>
          {said.text}
        </p>
      )}
      {paper.kanjiPending.length > 0 && (
        <p className="desk-kanji-pending" role="alert">{w('paper.kanjiPending', { n: paper.kanjiPending.length })}</p>
      )}
      {pending && (
        <p className="desk-pending" role="status">
          {w('paper.pending')}{' '}
          {editable && (
            <button type="button" className="desk-primary" onClick={() => void act(() => requests.confirmCorrections(), 'paper.confirmed')}>
              {w('paper.confirmCorrections')}
            </button>
          )}
        </p>
      )}
      <StaffArea language={language} paper={paper} editable={editable} onRecord={(idDocument) => act(() => requests.staffArea(idDocument), 'staff.recorded')} />
      {paper.forms.map((form) => (
        <PaperForm key={form.position} form={form} language={language} editable={editable} onCorrect={(fields) => act(() => requests.correct(form.position, fields), 'paper.corrected')} />
      ))}
    </div>
  );
}

function PaperForm(props: { form: DeskForm; language: ClerkLanguage; editable: boolean; onCorrect(fields: Record<string, string | boolean | null>): Promise<boolean> }) {
  const { form, language } = props;
  const title = localized(form.title, language);
  return (
    <article className="desk-form" data-template={form.templateId} data-pending={form.pending}>
      <h3>{title}</h3>
      {form.feeYen !== null && (
        <p className="desk-fee">
          {paperWord(language, 'paper.fee')}: {form.feeYen === 0 ? paperWord(language, 'paper.noFee') : paperWord(language, 'paper.yen', { n: form.feeYen.toLocaleString('ja-JP') })}
        </p>
      )}
      <div className="desk-paper-body">
        <div className="desk-paper-fields">
          {/* The paper's own groups first (persons, addresses, copies), the loose items after them. */}
          {[...form.groups.filter((g) => g.label), ...form.groups.filter((g) => !g.label)].map((group) => (
            <fieldset key={group.id || 'other'} className="desk-group" data-group={group.id}>
              <legend>{group.label ? localized(group.label, language) : paperWord(language, 'paper.other')}</legend>
              <dl className="desk-paper-values">
                {group.fields.map((field) => (
                  <PaperField key={field.id} field={field} language={language} editable={props.editable} onCorrect={props.onCorrect} />
                ))}
              </dl>
            </fieldset>
          ))}
        </div>
        <PaperPages title={title} pdfBase64={form.pdfBase64} language={language} />
      </div>
    </article>
  );
}

function PaperField(props: { field: DeskField; language: ClerkLanguage; editable: boolean; onCorrect(fields: Record<string, string | boolean | null>): Promise<boolean> }) {
  const { field, language } = props;
  const kanjiToWrite = field.kanji !== undefined && !field.kanji.written;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const label = localized(field.label, language);
  const start = () => {
    setDraft(kanjiToWrite ? '' : field.value === null ? '' : String(field.value));
    setEditing(true);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const value = field.type === 'checkbox' ? draft === 'true' : draft.trim() === '' ? null : draft;
    if (await props.onCorrect({ [field.id]: value })) setEditing(false);
  };
  return (
    <div className={kanjiToWrite ? 'desk-field desk-field-kanji' : 'desk-field'} data-field={field.id}>
      <dt>{label}</dt>
      <dd>
        <span className="desk-field-value">{shownValue(field, language)}</span>
        {field.kanji && <span className={field.kanji.written ? 'desk-badge' : 'desk-badge desk-badge-kanji'}>{paperWord(language, field.kanji.written ? 'paper.kanjiWritten' : 'paper.kanji')}</span>}
        {field.fromPersonCard && <span className="desk-badge desk-badge-card">{paperWord(language, 'paper.fromPersonCard')}</span>}
        {props.editable && !editing && !field.image && (
          <button type="button" className="desk-small" onClick={start} aria-label={`${paperWord(language, 'paper.correct')}: ${label}`}>
            {paperWord(language, 'paper.correct')}
          </button>
        )}
        {editing && (
          <form className="desk-correct" onSubmit={(e) => void save(e)}>
            {kanjiToWrite && <span className="desk-hint">{paperWord(language, 'paper.kanjiHint')}</span>}
            <FieldInput field={field} label={label} value={draft} onChange={setDraft} language={language} />
            <button type="submit" className="desk-primary">{paperWord(language, 'paper.save')}</button>
            <button type="button" onClick={() => setEditing(false)}>{paperWord(language, 'paper.cancel')}</button>
          </form>
        )}
      </dd>
    </div>
  );
}

function FieldInput(props: { field: DeskField; label: string; value: string; onChange(v: string): void; language: ClerkLanguage }) {
  const { field } = props;
  if (field.type === 'checkbox')
    return (
      <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="true">{paperWord(props.language, 'paper.yes')}</option>
        <option value="false">{paperWord(props.language, 'paper.no')}</option>
      </select>
    );
  if (field.type === 'date') return <input type="date" aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)} autoFocus />;
  // lang="ja": the desk's own IME writes the kanji (the kiosk has no kanji keyboard).
  return <input lang="ja" aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)} autoFocus />;
}

function shownValue(field: DeskField, language: ClerkLanguage): string {
  if (field.image) return paperWord(language, field.image.present ? 'paper.signed' : 'paper.notSigned');
  if (field.value === null || field.value === '') return paperWord(language, 'paper.empty');
  if (field.option) return localized(field.option, language);
  if (field.date) return `${field.date.wareki}（${field.date.seireki}）`;
  if (typeof field.value === 'boolean') return field.value ? '✓' : '—';
  return field.value;
}

function localized(text: { ja: string; en: string }, language: ClerkLanguage): string {
  return language === 'ja' ? text.ja : text.en;
}

/** The form as it would print now (the corrected one while a correction waits). */
function PaperPages({ title, pdfBase64, language }: { title: string; pdfBase64: string; language: ClerkLanguage }) {
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    let stale = false;
    let made: string[] = [];
    void renderPdfPages(pdfBase64, 720).then((u) => {
      if (stale) return u.forEach((x) => URL.revokeObjectURL(x));
      made = u;
      setUrls(u);
    });
    return () => {
      stale = true;
      made.forEach((x) => URL.revokeObjectURL(x));
    };
  }, [pdfBase64]);
  return (
    <div className="desk-pages">
      {urls.map((url, i) => (
        <img key={url} src={url} alt={paperWord(language, 'paper.page', { title, n: i + 1 })} className="desk-page" />
      ))}
    </div>
  );
}
