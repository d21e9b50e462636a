// The clerk's desk screen: the pairing page until paired; then the queue, the opened submission, and the live
// mirror of the kiosk with corrections, the 照合番号B read and the PIN-guard override. Desk-sized, mouse and keyboard.
import { createContext, useContext, useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { RETURN_REASONS, type Mirror, type MirrorQuestion, type QueueItem, type ReturnReason } from '../../src-main/contract/clerk';
import type { AnswerValue } from '../../src-main/contract/kiosk';
import { renderPdfPages } from '../ui/pdf-pages';
import { NotificationSwitch, useCallBell } from './call-bell';
import { DayList } from './day-list';
import type { DeskFlow } from './desk-flow';
import { personCardLine } from './mirror-words';
import { bothCalendars } from './paper-words';
import { PrinterPick } from './printer-pick';
import { SubmissionPaper } from './submission-view';
import { selectClosedQueue, selectOpenQueue, type DeskActions, type DeskState, type DeskStore } from './store';
import { clerkWord, type ClerkLanguage, type ClerkMessageKey } from './words';

export const DeskContext = createContext<{ store: DeskStore; flow: DeskFlow } | null>(null);
export const LanguageContext = createContext<ClerkLanguage>('ja');

function useDesk<T>(selector: (s: DeskState & DeskActions) => T): T {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('desk screens render inside <DeskContext.Provider>');
  return useStore(desk.store, useShallow(selector));
}
function useFlow(): DeskFlow {
  return useContext(DeskContext)!.flow;
}
export function useT() {
  const language = useContext(LanguageContext);
  return (key: ClerkMessageKey, params?: Record<string, string | number>) => clerkWord(language, key, params);
}

export function ClerkApp() {
  const [language, setLanguage] = useState<ClerkLanguage>('ja');
  const paired = useDesk((s) => s.paired);
  useEffect(() => void (document.documentElement.lang = language), [language]);
  return (
    <LanguageContext.Provider value={language}>
      <div className="desk">
        <Header language={language} onLanguage={setLanguage} />
        {paired === false && <PairingPage />}
        {paired === true && <Desk />}
      </div>
    </LanguageContext.Provider>
  );
}

function Header(props: { language: ClerkLanguage; onLanguage(l: ClerkLanguage): void }) {
  const t = useT();
  const flow = useFlow();
  const paired = useDesk((s) => s.paired);
  const connected = useDesk((s) => s.connected);
  return (
    <header className="desk-header">
      <h1>{t('app.title')}</h1>
      {paired && !connected && <span className="desk-offline" role="status">{t('app.offline')}</span>}
      <div className="desk-header-actions">
        {paired && <NotificationSwitch t={t} />}
        <button type="button" onClick={() => props.onLanguage(props.language === 'ja' ? 'en' : 'ja')} lang={props.language === 'ja' ? 'en' : 'ja'}>
          {props.language === 'ja' ? 'English' : '日本語'}
        </button>
        {paired && (
          <button type="button" className="desk-logout" onClick={() => void flow.logout()}>
            {t('app.logout')}
          </button>
        )}
      </div>
    </header>
  );
}

function Notice() {
  const t = useT();
  const notice = useDesk((s) => s.notice);
  if (!notice) return null;
  return (
    <p className={notice.error ? 'desk-notice desk-notice-error' : 'desk-notice'} role={notice.error ? 'alert' : 'status'}>
      {t(notice.key as ClerkMessageKey, notice.params)}
    </p>
  );
}

function PairingPage() {
  const t = useT();
  const flow = useFlow();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void flow.pair(code, name, passphrase);
    setCode('');
    setPassphrase('');
  };
  return (
    <main className="desk-pairing">
      <form onSubmit={submit} className="desk-card">
        <h2>{t('pair.title')}</h2>
        <p>{t('pair.lead')}</p>
        <label htmlFor="pairing-code">{t('pair.code')}</label>
        <input id="pairing-code" name="pairing-code" inputMode="numeric" autoComplete="off" pattern="\d{6}" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} autoFocus />
        <label htmlFor="staff-name">{t('pair.name')}</label>
        <input id="staff-name" name="staff-name" autoComplete="username" autoCapitalize="off" maxLength={32} value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="staff-passphrase">{t('pair.passphrase')}</label>
        <input id="staff-passphrase" name="staff-passphrase" type="password" autoComplete="current-password" maxLength={1024} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        <button type="submit" className="desk-primary" disabled={code.length !== 6 || name.trim() === '' || passphrase === ''}>
          {t('pair.submit')}
        </button>
        <Notice />
      </form>
    </main>
  );
}

function Desk() {
  const opened = useDesk((s) => s.opened !== null);
  const t = useT();
  const flow = useFlow();
  const language = useContext(LanguageContext);
  const queue = useDesk((s) => s.queue);
  useCallBell(useDesk((s) => s.mirror?.session?.clerkCalled ?? false), t);
  return (
    <main className="desk-main">
      <section className="desk-column">
        <Notice />
        {opened ? <OpenedSubmission /> : <QueuePanel />}
        {!opened && <DayList request={flow.request} t={t} language={language} queue={queue} />}
      </section>
      <aside className="desk-column desk-side">
        <MirrorPanel />
      </aside>
    </main>
  );
}

function StatusBadge({ item }: { item: QueueItem }) {
  const t = useT();
  return (
    <span className={`desk-status desk-status-${item.status}`}>
      {t(`status.${item.status}`)}
      {item.returnReason && ` · ${t(`reason.${item.returnReason}`)}`}
    </span>
  );
}

function QueueTable({ items }: { items: QueueItem[] }) {
  const t = useT();
  const flow = useFlow();
  return (
    <table className="desk-queue">
      <thead>
        <tr>
          <th scope="col">{t('queue.ticket')}</th>
          <th scope="col">{t('queue.procedure')}</th>
          <th scope="col">{t('queue.time')}</th>
          <th scope="col">{t('queue.status')}</th>
          <th scope="col"><span className="visually-hidden">{t('queue.open')}</span></th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} data-ticket={item.ticketNumber}>
            <td className="desk-ticket">{item.ticketNumber}</td>
            <td>{item.procedureTitle?.ja ?? item.procedureId ?? item.templateIds.join(', ')}</td>
            <td>{new Date(item.createdAt).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit' })}</td>
            <td><StatusBadge item={item} /></td>
            <td><button type="button" onClick={() => void flow.open(item.id)}>{t('queue.open')}</button></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function QueuePanel() {
  const t = useT();
  const open = useDesk(selectOpenQueue);
  const closed = useDesk(selectClosedQueue);
  return (
    <section className="desk-card" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('queue.title')}</h2>
      {open.length + closed.length === 0 ? <p>{t('queue.empty')}</p> : <QueueTable items={[...open, ...closed]} />}
    </section>
  );
}

function PdfPages({ templateId, pdfBase64 }: { templateId: string; pdfBase64: string }) {
  const flow = useFlow();
  const urls = useDesk((s) => s.opened?.pageImages[templateId] ?? []);
  useEffect(() => {
    let stale = false;
    void renderPdfPages(pdfBase64, 720).then((u) => (stale ? u.forEach((x) => URL.revokeObjectURL(x)) : flow.setPageImages(templateId, u)));
    return () => void (stale = true);
  }, [flow, templateId, pdfBase64]);
  return (
    <div className="desk-pages">
      {urls.map((url, i) => (
        <img key={url} src={url} alt={`${templateId} p.${i + 1}`} className="desk-page" />
      ))}
    </div>
  );
}

function OpenedSubmission() {
  const t = useT();
  const flow = useFlow();
  const opened = useDesk((s) => s.opened)!;
  const hasPaper = useDesk((s) => s.paper !== null);
  const language = useContext(LanguageContext);
  const [reason, setReason] = useState<ReturnReason>('needs-correction');
  const { item } = opened;
  const final = item.status === 'done' || item.status === 'returned';
  return (
    <section className="desk-card" aria-labelledby="opened-title">
      <div className="desk-row">
        <h2 id="opened-title">{t('open.title', { ticket: item.ticketNumber })}</h2>
        <StatusBadge item={item} />
        <button type="button" onClick={() => flow.close()}>{t('open.close')}</button>
      </div>
      <div className="desk-row desk-actions">
        {item.status === 'submitted' && <button type="button" className="desk-primary" onClick={() => void flow.setStatus(item.id, 'confirmed')}>{t('open.confirm')}</button>}
        {item.status === 'confirmed' && <button type="button" className="desk-primary" onClick={() => void flow.setStatus(item.id, 'done')}>{t('open.done')}</button>}
        {!final && (
          <span className="desk-return">
            <label htmlFor="return-reason">{t('open.reason')}</label>
            <select id="return-reason" value={reason} onChange={(e) => setReason(e.target.value as ReturnReason)}>
              {RETURN_REASONS.map((r) => <option key={r} value={r}>{t(`reason.${r}`)}</option>)}
            </select>
            <button type="button" onClick={() => void flow.setStatus(item.id, 'returned', reason)}>{t('open.return')}</button>
          </span>
        )}
        <span className="desk-print">
          <PrinterPick request={flow.request} t={t} procedureId={item.procedureId} />
          <button type="button" onClick={() => void flow.print(item.id)}>{t('open.print')}</button>
        </span>
        <button type="button" onClick={() => void flow.exportSubmission(item.id)}>{t('open.export')}</button>
      </div>
      {/* The paper view (labels, 和暦, kanji, corrections, staff area); the raw PDF only if it could not be built. */}
      {hasPaper ? <SubmissionPaper language={language} /> : opened.forms.map((form) => <PdfPages key={form.templateId} templateId={form.templateId} pdfBase64={form.pdfBase64} />)}
    </section>
  );
}

function MirrorPanel() {
  const mirror = useDesk((s) => s.mirror);
  return mirror ? <MirrorView mirror={mirror} /> : null;
}

/** A correction of the live session, sent to the kiosk; true once it took it. */
export type LiveCorrect = (key: string, value: AnswerValue) => Promise<boolean>;

/**
 * A kiosk's live screen. `watchOnly`: the desk on the hall follows a kiosk it is not paired with, so it has no
 * 照合番号B read and no PIN-guard override (those stay with a desk paired to that kiosk); its corrections go through
 * the hall (`correct`). A paired desk corrects through its own connection.
 */
export function MirrorView({ mirror, watchOnly = false, title, correct }: { mirror: Mirror; watchOnly?: boolean; title?: string; correct?: LiveCorrect }) {
  const t = useT();
  const flow = useContext(DeskContext)?.flow;
  const corrects: LiveCorrect | undefined = correct ?? (flow ? (key, value) => flow.correct(key, value) : undefined);
  const step = t(`step.${mirror.step}`);
  return (
    <section className="desk-card desk-mirror" aria-labelledby="mirror-title" data-step={mirror.step}>
      <h2 id="mirror-title">{title ?? t('mirror.title')}</h2>
      {!mirror.session ? (
        <p>{t('mirror.idle', { step })}</p>
      ) : (
        <>
          <p className="desk-mirror-step">{t('mirror.step', { step })} · <strong>{mirror.session.procedure.title.ja}</strong></p>
          {/* The card help first: at these steps the resident is waiting for it, and no answer is given yet. */}
          {mirror.session.clerkCalled && <p className="desk-call" role="alert">{t('mirror.clerkCalled')}</p>}
          {mirror.session.personCard && <p className="desk-person-card" data-person={mirror.session.personCard.person}>{personCardLine(mirror.session, t)}</p>}
          {(mirror.step === 'card' || mirror.step === 'pin') && mirror.session.triesLeft !== null && (
            <p className="desk-tries" data-tries-left={mirror.session.triesLeft}>
              {mirror.session.triesLeft === 0 ? t('mirror.blocked') : t('mirror.triesLeft', { n: mirror.session.triesLeft })}
            </p>
          )}
          {/* The override only where it means something: one try left (a fuller card needs none, a blocked one cannot). */}
          {!watchOnly && mirror.step === 'pin' && mirror.session.triesLeft === 1 && <GuardOverride allowed={mirror.session.lastTryAllowed} />}
          {!watchOnly && (mirror.step === 'card' || mirror.step === 'pin') && <CheckCodeBForm />}
          {mirror.session.resident && (
            <>
              <h3>{t('mirror.resident')}</h3>
              <dl className="desk-values desk-resident">
                <div><dt>氏名</dt><dd>{mirror.session.resident.name}</dd></div>
                <div><dt>住所</dt><dd>{mirror.session.resident.address}</dd></div>
                <div><dt>生年月日</dt><dd>{bothCalendars(mirror.session.resident.birthDate)}</dd></div>
              </dl>
            </>
          )}
          <h3>{t('mirror.answers')}</h3>
          <ul className="desk-answers">
            {mirror.session.questions.filter((q) => q.type !== 'signature').map((q) => (
              <MirrorAnswer key={q.key} question={q} mirror={mirror} correct={corrects} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function shown(q: MirrorQuestion, value: AnswerValue | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const option = q.options?.find((o) => o.value === value);
  if (option) return option.label.ja;
  if (typeof value === 'boolean') return value ? '✓' : '—';
  return String(value);
}

function MirrorAnswer({ question, mirror, correct }: { question: MirrorQuestion; mirror: Mirror; correct: LiveCorrect | undefined }) {
  const t = useT();
  const value = mirror.session?.answers[question.key];
  // Typed on the kiosk and not sent yet: shown as it is typed, marked, and not what a correction starts from.
  const typing = mirror.session?.typing[question.key];
  const typingText = typing === undefined ? undefined : (shown(question, typing) ?? '');
  const problem = mirror.session?.problems.find((p) => p.key === question.key);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const text = shown(question, value);
  // Once the resident submitted, the hand-off is made: a correction goes through the opened submission instead.
  const ended = mirror.step === 'done' || mirror.session === null;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const next: AnswerValue = question.type === 'checkbox' ? draft === 'true' : question.type === 'number' && draft !== '' ? Number(draft) : draft === '' ? null : draft;
    if (correct && (await correct(question.key, next))) setEditing(false);
  };
  return (
    <li className="desk-answer" data-question-key={question.key}>
      <span className="desk-answer-label">{question.label.ja}</span>
      {typingText !== undefined ? (
        <span className="desk-answer-value desk-answer-typing" data-typing="true">
          {typingText} <span className="desk-typing-badge">{t('mirror.typing')}</span>
        </span>
      ) : (
        <span className="desk-answer-value">{text ?? <em>{t('mirror.noAnswer')}</em>}</span>
      )}
      {problem && <span className="desk-problem">{t('mirror.problem')}: {problem.code}</span>}
      {ended || !correct ? null : !editing ? (
        <button type="button" onClick={() => (setDraft(value === null || value === undefined || question.myNumber ? '' : String(value)), setEditing(true))}>{t('mirror.correct')}</button>
      ) : (
        <form onSubmit={(e) => void save(e)} className="desk-correct">
          {question.options ? (
            <select aria-label={question.label.ja} value={draft} onChange={(e) => setDraft(e.target.value)}>
              <option value="">—</option>
              {question.options.map((o) => <option key={o.value} value={o.value}>{o.label.ja}</option>)}
            </select>
          ) : (
            <input aria-label={question.label.ja} value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus />
          )}
          <button type="submit" className="desk-primary">{t('mirror.save')}</button>
          <button type="button" onClick={() => setEditing(false)}>{t('mirror.cancel')}</button>
        </form>
      )}
    </li>
  );
}

function CheckCodeBForm() {
  const t = useT();
  const flow = useFlow();
  const [code, setCode] = useState({ birth: '', expiryYear: '', securityCode: '' });
  const field = (key: keyof typeof code, label: ClerkMessageKey, length: number) => (
    <label>
      {t(label)}
      <input inputMode="numeric" autoComplete="off" maxLength={length} value={code[key]} onChange={(e) => setCode({ ...code, [key]: e.target.value.replace(/\D/g, '') })} />
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void flow.readWithCheckCodeB(code);
    setCode({ birth: '', expiryYear: '', securityCode: '' }); // the code is not kept on the desk
  };
  return (
    <form className="desk-checkb" onSubmit={submit}>
      <h3>{t('checkB.title')}</h3>
      {field('birth', 'checkB.birth', 6)}
      {field('expiryYear', 'checkB.expiry', 4)}
      {field('securityCode', 'checkB.security', 4)}
      <button type="submit" disabled={code.birth.length !== 6 || code.expiryYear.length !== 4 || code.securityCode.length !== 4}>{t('checkB.read')}</button>
    </form>
  );
}

function GuardOverride({ allowed }: { allowed: boolean }) {
  const t = useT();
  const flow = useFlow();
  return (
    <div className="desk-guard">
      <h3>{t('guard.title')}</h3>
      <p>{t('guard.body')}</p>
      <button type="button" className="desk-danger" disabled={allowed} onClick={() => void flow.allowLastTry()}>{allowed ? t('guard.allowed') : t('guard.allow')}</button>
    </div>
  );
}
