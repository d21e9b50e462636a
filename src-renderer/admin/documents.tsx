// The forms and bundles the counter knows: their live and newest versions; open one, see its versions, start a new
// template on the city's own PDF form, start a bundle, or import an exported file.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { DocumentSummary } from '../../src-main/contract/admin';
import type { DraftTemplate } from '../field-types';
import { Notice } from './notice';
import { AdminCallError, bytesToBase64, call } from './client';
import { failureNotice, useAdmin, useAdminStore, useNavigate, useT } from './context';
import { newTemplateOnBackground } from './designer/template-edits';
import { ImportFile } from './import-file';
import type { AdminWord } from './words';
import { cityDay } from './city-time';

export const CATEGORIES = ['certificates', 'residence', 'children', 'health', 'care', 'disaster', 'tax', 'other'] as const;

export function DocumentsScreen() {
  const t = useT();
  const store = useAdminStore();
  const go = useNavigate();
  const documents = useAdmin((s) => s.documents);
  const lang = useAdmin((s) => s.lang);
  const [creating, setCreating] = useState(false);

  const reload = () =>
    call('documents.list', {}).then(
      (r) => store.setState({ documents: r.documents }),
      (e: unknown) => store.setState({ notice: failureNotice(e) }),
    );
  useEffect(() => void reload(), []);

  const templates = (documents ?? []).filter((d) => d.kind === 'template');
  const bundles = (documents ?? []).filter((d) => d.kind === 'bundle');
  return (
    <main className="admin-page">
      <div className="admin-page-head">
        <h2>{t('docs.title')}</h2>
        <button type="button" className="admin-primary" onClick={() => setCreating(true)} aria-expanded={creating}>
          {t('docs.newTemplate')}
        </button>
        <button type="button" onClick={() => {
          store.setState({ newBundle: null });
          go({ screen: 'new-bundle' });
        }}>
          {t('docs.newBundle')}
        </button>
      </div>
      <Notice />
      {creating && <NewTemplateForm existing={documents ?? []} onCancel={() => setCreating(false)} />}
      <section className="admin-card" aria-labelledby="templates-title">
        <h3 id="templates-title">{t('docs.templates')}</h3>
        {documents === null ? <p>{t('app.loading')}</p> : <DocumentTable documents={templates} lang={lang} />}
      </section>
      <section className="admin-card" aria-labelledby="bundles-title">
        <h3 id="bundles-title">{t('docs.bundles')}</h3>
        {documents === null ? <p>{t('app.loading')}</p> : <DocumentTable documents={bundles} lang={lang} />}
      </section>
      <section className="admin-card" aria-labelledby="import-title">
        <h3 id="import-title">{t('import.title')}</h3>
        <p>{t('import.lead')}</p>
        <ImportFile onImported={(r) => {
          store.setState({ notice: { key: 'import.done', params: { id: r.id, version: r.version } } });
          void reload();
        }} />
      </section>
    </main>
  );
}

function DocumentTable({ documents, lang }: { documents: DocumentSummary[]; lang: 'ja' | 'en' }) {
  const t = useT();
  const go = useNavigate();
  if (documents.length === 0) return <p>{t('docs.none')}</p>;
  return (
    <table className="admin-table admin-documents">
      <thead>
        <tr>
          <th scope="col">{t('docs.colTitle')}</th>
          <th scope="col">{t('docs.colId')}</th>
          <th scope="col">{t('docs.colCategory')}</th>
          <th scope="col">{t('docs.colLive')}</th>
          <th scope="col">{t('docs.colLatest')}</th>
          <th scope="col">{t('docs.colFields')}</th>
          <th scope="col"><span className="visually-hidden">{t('docs.colActions')}</span></th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => (
          // A click anywhere on the row opens the document (the buttons are the keyboard's way).
          <tr
            key={`${d.kind}:${d.id}`}
            data-document-id={d.id}
            className="admin-row-link"
            onClick={(e) => {
              if (!(e.target as HTMLElement).closest('button')) go(d.kind === 'template' ? { screen: 'template', id: d.id } : { screen: 'bundle', id: d.id });
            }}
          >
            <td lang={lang}>{d.title[lang]}</td>
            <td><code>{d.id}</code></td>
            <td>{d.kind === 'template' ? t(`category.${d.category}` as AdminWord) : t(`event.${d.category}` as AdminWord)}</td>
            <td>
              {d.liveVersion === null ? (
                <span className="admin-badge admin-badge-draft">{t('docs.notLive')}</span>
              ) : (
                <>
                  v{d.liveVersion} <span className={`admin-badge admin-badge-${d.liveSource}`}>{t(d.liveSource === 'files' ? 'docs.sourceFiles' : 'docs.sourceDesigner')}</span>
                </>
              )}
            </td>
            <td>v{d.latestVersion}{d.latestVersion !== d.liveVersion && d.liveVersion !== null && <span className="admin-badge admin-badge-draft">{t('docs.newer')}</span>}</td>
            <td>{d.kind === 'template' ? d.fieldCount : '—'}{d.hasBackground && <span className="admin-badge">PDF</span>}</td>
            <td className="admin-row-actions">
              <button type="button" onClick={() => go(d.kind === 'template' ? { screen: 'template', id: d.id } : { screen: 'bundle', id: d.id })} aria-label={`${t('docs.open')}: ${d.title[lang]}`}>
                {t('docs.open')}
              </button>
              <button type="button" onClick={() => go({ screen: 'versions', kind: d.kind, id: d.id })} aria-label={`${t('docs.versions')}: ${d.title[lang]}`}>
                {t('docs.versions')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const idPattern = /^[a-z][a-z0-9-]*$/;

/** A new template: the city's PDF as its background (its pages become the paper), and what every template needs. */
function NewTemplateForm({ existing, onCancel }: { existing: DocumentSummary[]; onCancel(): void }) {
  const t = useT();
  const store = useAdminStore();
  const go = useNavigate();
  const ids = { file: useId(), id: useId(), title: useId(), category: useId(), legal: useId(), myNumber: useId() };
  const [file, setFile] = useState<File | null>(null);
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<DraftTemplate['category']>('other');
  const [legalBasis, setLegalBasis] = useState('');
  const [myNumberUse, setMyNumberUse] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const taken = existing.some((d) => d.kind === 'template' && d.id === id);
  const idProblem = id !== '' && !idPattern.test(id) ? t('new.idPattern') : taken ? t('new.idTaken') : null;

  const chooseFile = (f: File | null) => {
    setFile(f);
    if (!f) return;
    const stem = f.name.replace(/\.pdf$/i, '');
    if (title === '') setTitle(stem);
    if (id === '') {
      const slug = stem.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
      setId(idPattern.test(slug) ? slug : `form-${cityDay(new Date()).replace(/-/g, '')}`);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const init = { id, titleJa: title.trim(), category, legalBasis: legalBasis.trim(), myNumberUse };
      if (file) {
        const pdfBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
        const info = await call('backgrounds.add', { fileName: file.name, pdfBase64 });
        const doc = newTemplateOnBackground({ ...init, hash: info.hash, pagesMm: info.pagesMm });
        store.setState({ newTemplate: { doc, background: { ...info, pdfBase64 } } });
      } else {
        const doc = newTemplateOnBackground({ ...init, hash: '', pagesMm: [{ widthMm: 210, heightMm: 297 }] });
        delete doc.background;
        store.setState({ newTemplate: { doc, background: null } });
      }
      go({ screen: 'new-template' });
    } catch (err) {
      const code = err instanceof AdminCallError ? err.code : undefined;
      setError(code === 'not-a-pdf' ? t('new.notAPdf') : code === 'too-large' ? t('new.tooLarge') : t(failureNotice(err).key, failureNotice(err).params));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="admin-card admin-new" onSubmit={(e) => void submit(e)} aria-labelledby="new-title">
      <h3 id="new-title">{t('new.title')}</h3>
      <p>{t('new.lead')}</p>
      <div className="admin-form-grid">
        <label htmlFor={ids.file}>{t('new.pdf')}</label>
        <input id={ids.file} type="file" accept="application/pdf,.pdf" onChange={(e) => chooseFile(e.target.files?.[0] ?? null)} />
        <label htmlFor={ids.id}>{t('new.id')}</label>
        <div>
          <input id={ids.id} value={id} required onChange={(e) => setId(e.target.value.trim())} aria-invalid={idProblem ? true : undefined} aria-describedby={`${ids.id}-hint`} spellCheck={false} />
          <small id={`${ids.id}-hint`} className={idProblem ? 'panel-problem' : 'panel-hint'}>{idProblem ?? t('new.idHint')}</small>
        </div>
        <label htmlFor={ids.title}>{t('new.formTitle')}</label>
        <input id={ids.title} value={title} required onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor={ids.category}>{t('new.category')}</label>
        <select id={ids.category} value={category} onChange={(e) => setCategory(e.target.value as DraftTemplate['category'])}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>{t(`category.${c}`)}</option>
          ))}
        </select>
        <label htmlFor={ids.legal}>{t('new.legalBasis')}</label>
        <input id={ids.legal} value={legalBasis} required placeholder="住民基本台帳法第12条" onChange={(e) => setLegalBasis(e.target.value)} />
        <span />
        <div className="panel-check">
          <input id={ids.myNumber} type="checkbox" checked={myNumberUse} onChange={(e) => setMyNumberUse(e.target.checked)} />
          <label htmlFor={ids.myNumber}>{t('new.myNumberUse')}</label>
        </div>
      </div>
      <div className="admin-row">
        <button type="submit" className="admin-primary" disabled={busy || !!idProblem || id === '' || title.trim() === '' || legalBasis.trim() === ''}>
          {file ? t('new.createOnPdf') : t('new.createBlank')}
        </button>
        <button type="button" onClick={onCancel}>{t('app.cancel')}</button>
      </div>
      {error && <p className="admin-notice admin-notice-error" role="alert">{error}</p>}
    </form>
  );
}
