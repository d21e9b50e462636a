// The life-event bundle editor: which forms (in order, each perhaps only "when" an answer has a value), the yes/no
// questions asked first to choose them, and the questions the resident ends up answering once for all the forms.
import { useEffect, useId, useMemo, useState } from 'react';
import type { DocumentIssue, DocumentSummary } from '../../src-main/contract/admin';
import { fieldTypes } from '../../src-main/forms/field-types';
import { answerKeyOf, type DraftBundle, type DraftTemplate } from '../field-types';
import { ChoiceProp, LocalizedPart, TextProp } from '../field-types/panel-parts';
import { Notice } from './notice';
import { call } from './client';
import { failureNotice, useAdmin, useAdminStore, useNavigate, useT } from './context';
import type { AdminWord } from './words';

const EVENTS = ['moving-in', 'birth', 'care-needed', 'disaster', 'other'] as const;
const keyPattern = /^[a-z][a-zA-Z0-9_.-]*$/;

export interface SharedQuestion {
  key: string;
  label: string;
  types: string[];
  usedBy: { templateId: string; fieldId: string }[];
}

/** The answers the bundle's forms ask, each once, with the forms and fields that print it. */
export function sharedQuestions(templates: readonly DraftTemplate[], lang: 'ja' | 'en'): SharedQuestion[] {
  const byKey = new Map<string, SharedQuestion>();
  for (const t of templates) {
    for (const f of t.fields) {
      const key = answerKeyOf(f);
      if (key === undefined) continue;
      const q = byKey.get(key) ?? { key, label: f.label[lang], types: [], usedBy: [] };
      if (!q.types.includes(f.type)) q.types.push(f.type);
      q.usedBy.push({ templateId: t.id, fieldId: f.id });
      byKey.set(key, q);
    }
  }
  return [...byKey.values()];
}

// The same answer may print as text on one form and as digit boxes on another (as the model's bundleQuestions).
const textLike = (type: string) => fieldTypes.has(type) && fieldTypes.of(type).textLike;
export const typesClash = (types: readonly string[]) => types.length > 1 && !types.every(textLike);

function blankBundle(): DraftBundle {
  return { id: 'new-bundle', event: 'other', title: { ja: '新しい手続きのまとまり', easy: 'あたらしい てつづき', en: 'New life event' }, ask: [], templates: [] as unknown as DraftBundle['templates'] };
}

export function BundleEditor({ open }: { open: { id: string; version?: number } | null }) {
  const t = useT();
  const lang = useAdmin((s) => s.lang);
  const admin = useAdminStore();
  const go = useNavigate();
  const [doc, setDoc] = useState<DraftBundle | null>(null);
  const [savedJson, setSavedJson] = useState('');
  const [savedId, setSavedId] = useState<string | null>(null);
  const [basedOn, setBasedOn] = useState<number | null>(null);
  const [liveVersion, setLiveVersion] = useState<number | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [templates, setTemplates] = useState<Map<string, DraftTemplate>>(new Map());
  const [issues, setIssues] = useState<DocumentIssue[]>([]);
  const [conflict, setConflict] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const addId = useId();

  useEffect(() => {
    (async () => {
      const list = await call('documents.list', {});
      setDocuments(list.documents);
      if (open) {
        const got = await call('documents.get', { kind: 'bundle', id: open.id, ...(open.version ? { version: open.version } : {}) });
        setDoc(got.document as DraftBundle);
        setSavedJson(JSON.stringify(got.document));
        setSavedId(got.id);
        setBasedOn(got.version);
        const { versions } = await call('documents.versions', { kind: 'bundle', id: got.id });
        setLiveVersion(versions.find((v) => v.live)?.version ?? null);
      } else setDoc(admin.getState().newBundle ?? blankBundle());
    })().catch((e: unknown) => admin.setState({ notice: failureNotice(e) }));
  }, []);

  const dirty = doc !== null && JSON.stringify(doc) !== savedJson;
  useEffect(() => {
    admin.setState({ unsaved: dirty });
  }, [dirty, admin]);
  useEffect(() => () => admin.setState({ unsaved: false }), [admin]);

  // The forms' fields, for the shared questions: the version the kiosks use (else the newest).
  const ids = doc ? doc.templates.map((r) => r.id) : [];
  useEffect(() => {
    const missing = ids.filter((id) => !templates.has(id) && documents.some((d) => d.kind === 'template' && d.id === id));
    if (missing.length === 0) return;
    void Promise.all(
      missing.map((id) => {
        const d = documents.find((x) => x.kind === 'template' && x.id === id)!;
        return call('documents.get', { kind: 'template', id, version: d.liveVersion ?? d.latestVersion }).then((r) => [id, r.document as DraftTemplate] as const);
      }),
    ).then((got) => setTemplates((m) => new Map([...m, ...got])), () => {});
  }, [ids.join(','), documents]);

  // The same check as save, while editing.
  useEffect(() => {
    if (!doc) return;
    const timer = setTimeout(() => void call('documents.validate', { kind: 'bundle', document: doc }).then((r) => setIssues(r.issues), () => {}), 150);
    return () => clearTimeout(timer);
  }, [doc]);

  const questions = useMemo(() => sharedQuestions(ids.map((id) => templates.get(id)).filter((x): x is DraftTemplate => x !== undefined), lang), [ids.join(','), templates, lang]);
  if (!doc) return <main className="admin-page"><Notice /><p>{t('app.loading')}</p></main>;

  const set = (patch: Partial<DraftBundle>) => setDoc({ ...doc, ...patch });
  const refs = doc.templates;
  const setRefs = (next: DraftBundle['templates']) => set({ templates: next });
  const move = (i: number, d: -1 | 1) => {
    const next = [...refs];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    setRefs(next);
  };
  const askKeys = (doc.ask ?? []).map((a) => a.key);
  const whenAnswers = [...new Set([...askKeys, ...questions.map((q) => q.key)])];
  const templateDocs = documents.filter((d) => d.kind === 'template');

  const save = async (base: number | null = basedOn) => {
    setBusy(true);
    try {
      const r = await call('documents.save', { kind: 'bundle', document: doc, basedOn: base });
      if (r.ok) {
        setSavedJson(JSON.stringify(doc));
        setSavedId(doc.id);
        setBasedOn(r.version);
        setIssues([]);
        admin.setState({ notice: { key: 'designer.saved', params: { version: r.version } } });
        if (savedId === null) history.replaceState(null, '', `#/bundle/${encodeURIComponent(doc.id)}`);
      } else if (r.conflict) setConflict(r.conflict.latestVersion);
      else {
        setIssues(r.issues);
        admin.setState({ notice: { key: 'designer.notSaved', params: { n: r.issues.length }, error: true } });
      }
    } catch (e) {
      admin.setState({ notice: failureNotice(e) });
    } finally {
      setBusy(false);
    }
  };
  const publish = async () => {
    if (savedId === null || basedOn === null) return;
    try {
      const r = await call('documents.publish', { kind: 'bundle', id: savedId, version: basedOn });
      setLiveVersion(r.liveVersion);
      admin.setState({ notice: { key: 'designer.published', params: { version: r.liveVersion } } });
    } catch (e) {
      admin.setState({ notice: failureNotice(e) });
    }
  };

  return (
    <main className="admin-page bundle-editor">
      <div className="admin-page-head">
        <button type="button" onClick={() => go({ screen: 'documents' })}>← {t('nav.documents')}</button>
        <h2>{t('bundle.title')} <code>{doc.id}</code> <span className="admin-badge">{basedOn === null ? t('designer.new') : t('designer.basedOn', { version: basedOn })}</span>
          {dirty && <span className="admin-badge admin-badge-draft">{t('designer.unsaved')}</span>}</h2>
        <button type="button" className="admin-primary" disabled={busy || !dirty} onClick={() => void save()}>{t('designer.save')}</button>
        <button type="button" disabled={busy || dirty || basedOn === null || liveVersion === basedOn} onClick={() => void publish()}>
          {basedOn !== null && liveVersion === basedOn ? t('designer.isLive', { version: basedOn }) : t('designer.publish', { version: basedOn ?? '—' })}
        </button>
        {savedId && <button type="button" onClick={() => go({ screen: 'versions', kind: 'bundle', id: savedId })}>{t('docs.versions')}</button>}
      </div>
      <Notice />
      {conflict !== null && (
        <div className="admin-conflict" role="alert">
          <p>{t('designer.conflict', { version: conflict, base: basedOn ?? '—' })}</p>
          <button type="button" onClick={() => { setConflict(null); void save(conflict); }}>{t('designer.saveOnTop', { version: conflict })}</button>
          <button type="button" onClick={() => { admin.setState({ unsaved: false }); go({ screen: 'bundle', id: savedId ?? doc.id, version: conflict }); }}>{t('designer.openLatest', { version: conflict })}</button>
        </div>
      )}
      {issues.length > 0 && (
        <div className="designer-issues" role="alert">
          <strong>{t('designer.issuesTitle', { n: issues.length })}</strong>
          <ul>{issues.map((i, n) => <li key={n}>{i.message}</li>)}</ul>
        </div>
      )}
      <div className="bundle-columns">
        <section className="admin-card" aria-labelledby="bundle-about">
          <h3 id="bundle-about">{t('bundle.about')}</h3>
          <TextProp label={t('doc.id')} value={doc.id} hint={savedId === null ? t('new.idHint') : t('doc.idFixed')}
            check={(v) => (savedId !== null && v !== savedId ? t('doc.idFixed') : /^[a-z][a-z0-9-]*$/.test(v) ? undefined : t('new.idPattern'))}
            onChange={(id) => id && set({ id })} />
          <ChoiceProp label={t('bundle.event')} value={doc.event} fallback="other" options={EVENTS.map((e) => ({ value: e, text: t(`event.${e}` as AdminWord) }))} onChange={(event) => set({ event })} />
          <LocalizedPart title={t('doc.formTitle')} value={doc.title} lang={lang} onChange={(title) => set({ title })} />
          <LocalizedPart title={t('bundle.description')} value={doc.description} lang={lang} optional onChange={(description) => set({ description })} />
        </section>

        <section className="admin-card" aria-labelledby="bundle-forms">
          <h3 id="bundle-forms">{t('bundle.forms')}</h3>
          <ol className="bundle-refs">
            {refs.map((r, i) => {
              const d = templateDocs.find((x) => x.id === r.id);
              return (
                <li key={`${r.id}-${i}`} data-template-id={r.id}>
                  <div className="admin-row">
                    <strong>{d ? d.title[lang] : r.id}</strong> <code>{r.id}</code>
                    {!d && <span className="panel-problem">{t('bundle.unknownTemplate')}</span>}
                    <span className="admin-row-actions">
                      <button type="button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('bundle.up', { id: r.id })}>↑</button>
                      <button type="button" disabled={i === refs.length - 1} onClick={() => move(i, 1)} aria-label={t('bundle.down', { id: r.id })}>↓</button>
                      <button type="button" onClick={() => setRefs(refs.filter((_, n) => n !== i))} aria-label={t('bundle.remove', { id: r.id })}>{t('bundle.removeShort')}</button>
                    </span>
                  </div>
                  <WhenEditor value={r.when} answers={whenAnswers} onChange={(when) => setRefs(refs.map((x, n) => (n === i ? (when ? { ...x, when } : { id: x.id }) : x)))} />
                </li>
              );
            })}
          </ol>
          <label htmlFor={addId}>{t('bundle.add')}</label>
          <select id={addId} value="" onChange={(e) => e.target.value && setRefs([...refs, { id: e.target.value }])}>
            <option value="">{t('bundle.choose')}</option>
            {templateDocs.filter((d) => !refs.some((r) => r.id === d.id)).map((d) => (
              <option key={d.id} value={d.id}>{d.title[lang]} ({d.id})</option>
            ))}
          </select>
        </section>

        <section className="admin-card" aria-labelledby="bundle-ask">
          <h3 id="bundle-ask">{t('bundle.ask')}</h3>
          <p className="panel-hint">{t('bundle.askHint')}</p>
          {(doc.ask ?? []).map((a, i) => (
            <fieldset key={i} className="panel-localized">
              <legend>{a.key}</legend>
              <TextProp label={t('bundle.askKey')} value={a.key} check={(v) => (keyPattern.test(v) ? undefined : t('new.idPattern'))} onChange={(key) => key && set({ ask: doc.ask!.map((x, n) => (n === i ? { ...x, key } : x)) })} />
              <LocalizedPart title={t('bundle.askLabel')} value={a.label} lang={lang} onChange={(label) => set({ ask: doc.ask!.map((x, n) => (n === i ? { ...x, label } : x)) })} />
              <button type="button" onClick={() => set({ ask: doc.ask!.filter((_, n) => n !== i) })}>{t('bundle.removeShort')}</button>
            </fieldset>
          ))}
          <button type="button" onClick={() => set({ ask: [...(doc.ask ?? []), { key: `ask${(doc.ask ?? []).length + 1}`, label: { ja: '必要ですか', easy: 'いりますか', en: 'Do you need it?' } }] })}>{t('bundle.addAsk')}</button>
        </section>

        <section className="admin-card bundle-shared" aria-labelledby="bundle-shared">
          <h3 id="bundle-shared">{t('bundle.shared', { n: questions.length })}</h3>
          <p className="panel-hint">{t('bundle.sharedHint')}</p>
          <table className="admin-table">
            <thead>
              <tr><th scope="col">{t('bundle.key')}</th><th scope="col">{t('bundle.question')}</th><th scope="col">{t('bundle.types')}</th><th scope="col">{t('bundle.usedBy')}</th></tr>
            </thead>
            <tbody>
              {questions.map((q) => (
                <tr key={q.key} data-question-key={q.key} className={typesClash(q.types) ? 'admin-row-problem' : undefined}>
                  <td><code>{q.key}</code></td>
                  <td>{q.label}</td>
                  <td>{q.types.join(', ')}{typesClash(q.types) && <span className="panel-problem"> {t('bundle.clash')}</span>}</td>
                  <td>{q.usedBy.map((u) => `${u.templateId}/${u.fieldId}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </main>
  );
}

function WhenEditor(props: { value: DraftBundle['templates'][number]['when']; answers: string[]; onChange(when: DraftBundle['templates'][number]['when'] | undefined): void }) {
  const t = useT();
  const id = useId();
  // "in", "notEquals" and age conditions are written in the file; the panel shows them and edits only "equals".
  if (props.value && !('equals' in props.value)) {
    return (
      <div className="bundle-when">
        <p>{t('bundle.onlyWhen')}: <code>{JSON.stringify(props.value)}</code></p>
      </div>
    );
  }
  const when = props.value;
  const equals = when === undefined ? '' : when.equals === true ? 'true' : when.equals === false ? 'false' : 'text';
  return (
    <div className="bundle-when">
      <div className="panel-check">
        <input id={id} type="checkbox" checked={when !== undefined} onChange={(e) => props.onChange(e.target.checked ? { answer: props.answers[0] ?? 'answer', equals: true } : undefined)} />
        <label htmlFor={id}>{t('bundle.onlyWhen')}</label>
      </div>
      {when && (
        <div className="panel-pair">
          <TextProp label={t('bundle.whenAnswer')} value={when.answer} list={`${id}-answers`} onChange={(answer) => answer && props.onChange({ ...when, answer })} />
          <datalist id={`${id}-answers`}>{props.answers.map((a) => <option key={a} value={a} />)}</datalist>
          <ChoiceProp label={t('bundle.whenEquals')} value={equals} fallback="true"
            options={[{ value: 'true', text: t('bundle.yes') }, { value: 'false', text: t('bundle.no') }, { value: 'text', text: t('bundle.text') }]}
            onChange={(v) => props.onChange({ ...when, equals: v === 'true' ? true : v === 'false' ? false : typeof when.equals === 'string' ? when.equals : '' })} />
          {typeof when.equals === 'string' && <TextProp label={t('bundle.whenText')} value={when.equals} onChange={(v) => props.onChange({ ...when, equals: v ?? '' })} />}
        </div>
      )}
    </div>
  );
}
