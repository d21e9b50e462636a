// 様式: the forms and bundles saved at the hall, each with its versions and the live one; publishing a version makes it
// every joined kiosk's for its next session. A version the designer's publish checks refuse shows their problems.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { DocumentIssue, PublishProblem } from '../../src-main/contract/admin';
import { UPLOAD_TEXT_MAX, type HallDocument } from '../../src-main/contract/hall';
import { HallRequestFailed } from '../rpc/hall';
import { cityDateTime } from './city-time';
import { useAdmin, useAdminStore, useT } from './context';
import { useProblemText } from './designer/publish-check';
import { hallFailure, useHall } from './hall-app';
import { RefusedFile } from './import-file';
import { Notice } from './notice';

type Refusal = { key: string; version: number; problems: PublishProblem[] } | { key: string; version: number; conflict: true };

export function HallTemplatesScreen() {
  const t = useT();
  const hall = useHall();
  const admin = useAdminStore();
  const [documents, setDocuments] = useState<HallDocument[] | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = useAdmin((s) => s.lang);

  const load = useCallback(() => {
    hall.request('templates.list', {}).then(
      (r) => setDocuments(r.documents),
      (e: unknown) => admin.setState({ notice: hallFailure(e) }),
    );
  }, [hall, admin]);
  useEffect(load, [load]);

  const publish = async (d: HallDocument, version: number) => {
    setBusy(true);
    setRefusal(null);
    try {
      await hall.request('templates.publish', { kind: d.kind, id: d.id, version });
      admin.setState({ notice: { key: 'hall.templates.published', params: { title: d.title[lang] ?? d.title.ja, version } } });
      load();
    } catch (e) {
      const key = `${d.kind}:${d.id}`;
      admin.setState({ notice: null });
      if (e instanceof HallRequestFailed && e.code === 'publish-problems') setRefusal({ key, version, problems: e.problems ?? [] });
      else if (e instanceof HallRequestFailed && e.code === 'conflict') setRefusal({ key, version, conflict: true });
      else admin.setState({ notice: hallFailure(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="admin-page hall-templates">
      <div className="admin-page-head">
        <h2>{t('hall.templates.title')}</h2>
      </div>
      <Notice />
      <p>{t('hall.templates.lead')}</p>
      <UploadForm onSaved={load} />
      {documents === null ? <p>{t('app.loading')}</p> : documents.length === 0 ? <p>{t('hall.templates.none')}</p> : documents.map((d) => {
        const key = `${d.kind}:${d.id}`;
        const refused = refusal?.key === key ? refusal : null;
        return (
          <section key={key} className="admin-card hall-document" aria-labelledby={`doc-${key}`} data-document={d.id}>
            <div className="admin-row">
              <h3 id={`doc-${key}`}>
                {d.title[lang] ?? d.title.ja} <code>{d.id}</code>
                {d.kind === 'bundle' && <span className="admin-badge">{t('figures.lifeEvent')}</span>}
              </h3>
              <span className={d.liveVersion === null ? 'admin-badge' : 'admin-badge hall-live'}>
                {d.liveVersion === null ? t('hall.templates.notLive') : t('hall.templates.live', { version: d.liveVersion })}
              </span>
            </div>
            {refused && (
              <div className="admin-notice admin-notice-error" role="alert">
                {'conflict' in refused ? t('hall.templates.conflict') : (
                  <>
                    {t('hall.templates.problems', { version: refused.version })}
                    <ProblemList problems={refused.problems} />
                  </>
                )}
              </div>
            )}
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col" className="num">{t('hall.templates.version')}</th>
                  <th scope="col">{t('hall.templates.savedBy')}</th>
                  <th scope="col">{t('hall.templates.savedAt')}</th>
                  <th scope="col">{t('hall.templates.note')}</th>
                  <th scope="col">{t('hall.devices.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {d.versions.map((v) => (
                  <tr key={v.version} className={v.live ? 'is-live' : undefined}>
                    <td className="num">v{v.version}</td>
                    <td>{v.savedBy}</td>
                    <td>{cityDateTime(v.savedAt, lang)}</td>
                    <td>{v.note ?? ''}</td>
                    <td>
                      {v.live ? <span className="admin-badge hall-live">{t('hall.templates.live', { version: v.version })}</span> : (
                        <button type="button" className="admin-primary" disabled={busy} onClick={() => void publish(d, v.version)}>
                          {t('hall.templates.publish', { version: v.version })}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
      <p className="hall-hint">{t('hall.templates.fromKiosk')}</p>
    </main>
  );
}

/** The city's PDF form: the designer's own limit (and the socket's, once base64). */
const PDF_MAX_BYTES = 20 * 1024 * 1024;
/** What one message to the hall may carry: the file's text and the PDF as base64 together. */
const MESSAGE_MAX_BYTES = 31 * 1024 * 1024;
const mb = (bytes: number) => String(Math.floor(bytes / 1024 / 1024));

type Uploaded =
  | { ok: true; file: string; id: string; version: number; unchanged: boolean; problems: PublishProblem[] }
  | { ok: false; file: string; issues: DocumentIssue[] };

/**
 * A form, a bundle or a designer's exported package uploaded from this PC: the hall judges it as the designer's save
 * does and keeps a new version (not live); the answer says what the publish checks would refuse, in the designer's words.
 */
function UploadForm({ onSaved }: { onSaved(): void }) {
  const t = useT();
  const hall = useHall();
  const admin = useAdminStore();
  const ids = { file: useId(), pdf: useId(), title: useId() };
  const form = useRef<HTMLFormElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [pdf, setPdf] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Uploaded | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setResult(null);
    // Refused here before anything is sent: the hall would refuse it too, and the socket would close on it.
    if (file.size > UPLOAD_TEXT_MAX) return admin.setState({ notice: { key: 'hall.upload.tooLarge', params: { file: file.name, limit: mb(UPLOAD_TEXT_MAX) }, error: true } });
    if (pdf && pdf.size > PDF_MAX_BYTES) return admin.setState({ notice: { key: 'hall.upload.tooLarge', params: { file: pdf.name, limit: mb(PDF_MAX_BYTES) }, error: true } });
    if (pdf && file.size + (pdf.size * 4) / 3 > MESSAGE_MAX_BYTES) return admin.setState({ notice: { key: 'hall.upload.tooLarge', params: { file: `${file.name} + ${pdf.name}`, limit: mb(MESSAGE_MAX_BYTES) }, error: true } });
    setBusy(true);
    try {
      let text: string;
      let pdfBase64: string | undefined;
      try {
        text = await file.text();
        pdfBase64 = pdf ? await base64Of(pdf) : undefined;
      } catch {
        return admin.setState({ notice: { key: 'hall.upload.unreadable', params: { file: file.name }, error: true } });
      }
      const r = await hall.request('templates.upload', { fileName: file.name, text, ...(pdfBase64 ? { pdfBase64 } : {}) });
      if (r.ok) {
        setResult({ ok: true, file: file.name, id: r.id, version: r.version, unchanged: r.unchanged, problems: r.problems });
        admin.setState({ notice: { key: r.unchanged ? 'hall.upload.unchanged' : 'hall.upload.saved', params: { file: file.name, id: r.id, version: r.version } } });
        form.current?.reset();
        setFile(null);
        setPdf(null);
        onSaved();
      } else {
        admin.setState({ notice: null });
        setResult({ ok: false, file: r.file, issues: r.issues });
      }
    } catch (err) {
      admin.setState({ notice: hallFailure(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} className="admin-card hall-upload" onSubmit={(e) => void submit(e)} aria-labelledby={ids.title}>
      <h3 id={ids.title}>{t('hall.upload.title')}</h3>
      <p className="hall-hint">{t('hall.upload.lead')}</p>
      <div className="admin-row">
        <label htmlFor={ids.file}>{t('hall.upload.file')}</label>
        <input id={ids.file} type="file" accept=".json,application/json" disabled={busy} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <div className="admin-row">
        <label htmlFor={ids.pdf}>{t('hall.upload.pdf')}</label>
        <input id={ids.pdf} type="file" accept=".pdf,application/pdf" disabled={busy} onChange={(e) => setPdf(e.target.files?.[0] ?? null)} />
      </div>
      <button type="submit" className="admin-primary" disabled={busy || !file}>{t('hall.upload.submit')}</button>
      {result && !result.ok && <RefusedFile heading={t('hall.upload.refused', { file: result.file })} issues={result.issues} />}
      {result?.ok && result.problems.length > 0 && (
        <div className="admin-notice admin-notice-error hall-upload-problems" role="alert">
          {t('hall.upload.problems', { version: result.version })}
          <ProblemList problems={result.problems} />
        </div>
      )}
    </form>
  );
}

/** The file's bytes as base64 (without the data: URL's prefix). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

function ProblemList({ problems }: { problems: PublishProblem[] }) {
  const text = useProblemText();
  return (
    <ul>
      {problems.map((p, i) => <li key={i} data-problem={p.code}>{text(p, [])}</li>)}
    </ul>
  );
}
