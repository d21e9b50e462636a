// The template designer: palette and field list, the paper, the selected field's properties, and the live preview,
// under a toolbar with undo/redo, zoom, snapping, the millimetre readout, save and publish. The keyboard moves and
// resizes boxes (arrows 0.5 mm, Shift 5 mm, Alt resizes), deletes, duplicates, undoes and redoes.
import { useEffect, useId, useState } from 'react';
import type { DocumentIssue } from '../../../src-main/contract/admin';
import { panelOf, type DraftTemplate } from '../../field-types';
import { Notice } from '../notice';
import { call } from '../client';
import { failureNotice, useAdmin, useAdminStore, useNavigate, useT } from '../context';
import { Canvas } from './canvas';
import { DesignerContext, PX_PER_MM, useDesigner, useDesignerStore } from './context';
import { FieldList, Palette } from './palette';
import { PreviewPane, usePreviewRenders } from './preview-pane';
import { PropertyPanel } from './properties';
import { PublishCheck, publishVersion } from './publish-check';
import { nudge, type Rect } from './snapping';
import { createDesignerStore, selectDirty, type DesignerStore } from './store';
import { duplicateFields, fieldIdOfKey, movePlaces, pageSizeOf, placeKey, placesOf } from './template-edits';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

/** Opens a saved template (`open`) or the new one the documents page made (`open` null). */
export function DesignerScreen({ open }: { open: { id: string; version?: number } | null }) {
  const t = useT();
  const admin = useAdminStore();
  const [store, setStore] = useState<DesignerStore | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    (async () => {
      let designer: DesignerStore;
      if (open === null) {
        const made = admin.getState().newTemplate;
        if (!made) return setFailed(t('designer.noDraft'));
        designer = createDesignerStore(made.doc, null, null);
        designer.setState({ background: made.background, showDocument: false });
      } else {
        const got = await call('documents.get', { kind: 'template', id: open.id, ...(open.version ? { version: open.version } : {}) });
        designer = createDesignerStore(got.document as DraftTemplate, got.id, got.version);
        const { versions } = await call('documents.versions', { kind: 'template', id: got.id });
        designer.setState({ liveVersion: versions.find((v) => v.live)?.version ?? null });
        if (got.background) {
          const { pdfBase64 } = await call('backgrounds.get', { hash: got.background.hash });
          designer.setState({ background: { ...got.background, pdfBase64 } });
        }
      }
      const { residents } = await call('preview.residents', {});
      designer.getState().setPreview({ residents, residentId: residents.find((r) => r.id === 'demo')?.id ?? residents[0]?.id ?? null });
      if (!stale) setStore(designer);
    })().catch((e: unknown) => !stale && setFailed(t(failureNotice(e).key, failureNotice(e).params)));
    return () => void (stale = true);
  }, []);

  // Unsaved work: leaving the screen (or the page) asks first.
  useEffect(() => {
    if (!store) return;
    const sync = () => admin.setState({ unsaved: selectDirty(store.getState()) });
    sync();
    const unsubscribe = store.subscribe((s, prev) => s.doc !== prev.doc || s.savedJson !== prev.savedJson ? sync() : undefined);
    return () => {
      unsubscribe();
      admin.setState({ unsaved: false });
    };
  }, [store, admin]);

  if (failed) return <main className="admin-page"><p className="admin-notice admin-notice-error" role="alert">{failed}</p></main>;
  if (!store) return <main className="admin-page"><p>{t('app.loading')}</p></main>;
  return (
    <DesignerContext.Provider value={store}>
      <Designer />
    </DesignerContext.Provider>
  );
}

function Designer() {
  const t = useT();
  usePreviewRenders();
  useDesignerKeys();
  useFitZoomOnce();
  return (
    <main className="designer">
      <Toolbar />
      <Notice />
      <SaveProblems />
      <div className="designer-body">
        <aside className="designer-left">
          <PublishCheck />
          <Palette />
          <FieldList />
        </aside>
        {/* Focusable: the paper scrolls with the keyboard too, before any box is on it. */}
        <section className="designer-canvas" tabIndex={0} aria-label={t('designer.paper')} aria-describedby="designer-keys">
          <Canvas />
        </section>
        <aside className="designer-right">
          <PropertyPanel />
        </aside>
        <aside className="designer-preview-column">
          <PreviewPane />
        </aside>
      </div>
    </main>
  );
}

/** The first zoom fits the page's width into the canvas column. */
function useFitZoomOnce() {
  const store = useDesignerStore();
  useEffect(() => {
    const column = document.querySelector('.designer-canvas');
    if (!column) return;
    const width = column.clientWidth - 48;
    const fit = width / (pageSizeOf(store.getState().doc).widthMm * PX_PER_MM);
    store.getState().set({ zoom: Math.max(0.5, Math.min(2, Math.floor(fit * 20) / 20)) });
  }, [store]);
}

function Readout() {
  const t = useT();
  const rect = useDesigner((s): Rect | null => {
    if (s.live) return s.live.rect;
    const key = s.selection[s.selection.length - 1];
    return key ? (placesOf(s.doc).find((p) => p.key === key)?.rect ?? null) : null;
  });
  return (
    <output className="designer-readout" aria-label={t('designer.readout')}>
      {rect
        ? (['x', 'y', 'w', 'h'] as const).map((k, i) => (
            <span key={k} data-axis={k}>
              {k} <b>{rect[i]!.toFixed(1)}</b>
            </span>
          ))
        : <span>{t('designer.nothingSelected')}</span>}
      {rect && <span>mm</span>}
    </output>
  );
}

function Toolbar() {
  const t = useT();
  const admin = useAdminStore();
  const go = useNavigate();
  const store = useDesignerStore();
  const noteId = useId();
  const lang = useAdmin((s) => s.lang);
  const { doc, savedId, basedOn, liveVersion, canUndo, canRedo, zoom, snap, dirty, selection, conflict, blocked } = useDesigner((s) => ({
    doc: s.doc,
    liveVersion: s.liveVersion,
    savedId: s.savedId,
    basedOn: s.basedOn,
    canUndo: s.past.length > 0,
    canRedo: s.future.length > 0,
    zoom: s.zoom,
    snap: s.snap,
    dirty: selectDirty(s),
    selection: s.selection,
    conflict: s.conflict,
    // While the service's checks find problems, only "publish anyway" publishes (the service refuses the plain one too).
    blocked: (s.preview.publishProblems?.length ?? 0) > 0,
  }));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const save = async (base: number | null = basedOn) => {
    setBusy(true);
    const s = store.getState();
    try {
      const result = await call('documents.save', { kind: 'template', document: s.doc, basedOn: base, ...(note.trim() ? { note: note.trim() } : {}) });
      if (result.ok) {
        // The store numbers the version. Edits made while saving stay unsaved; undo still reaches before the save.
        const saved = { ...s.doc, version: result.version };
        const now = store.getState().doc;
        store.getState().set({ savedId: s.doc.id, basedOn: result.version, savedJson: JSON.stringify(saved), issues: [], conflict: null, doc: now === s.doc ? saved : now });
        setNote('');
        admin.setState({ notice: { key: 'designer.saved', params: { version: result.version } } });
        if (savedId === null) history.replaceState(null, '', `#/template/${encodeURIComponent(s.doc.id)}`);
      } else if (result.conflict) {
        store.getState().set({ conflict: result.conflict });
      } else {
        store.getState().set({ issues: result.issues });
        admin.setState({ notice: { key: 'designer.notSaved', params: { n: result.issues.length }, error: true } });
      }
    } catch (e) {
      admin.setState({ notice: failureNotice(e) });
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    setBusy(true);
    await publishVersion(store, admin, false);
    setBusy(false);
  };

  const setZoom = (z: number) => store.getState().set({ zoom: z });
  const zoomStep = (dir: 1 | -1) => {
    const i = ZOOMS.findIndex((z) => z >= zoom - 1e-6);
    setZoom(ZOOMS[Math.min(Math.max((i === -1 ? ZOOMS.length - 1 : i) + dir, 0), ZOOMS.length - 1)]!);
  };

  return (
    <div className="designer-toolbar" role="toolbar" aria-label={t('designer.toolbar')}>
      <button type="button" onClick={() => go({ screen: 'documents' })}>← {t('nav.documents')}</button>
      <h2 className="designer-title" title={doc.title[lang === 'en' ? 'en' : 'ja']}>
        <span lang={lang}>{doc.title[lang === 'en' ? 'en' : 'ja']}</span> <code>{doc.id}</code>
      </h2>
      <span className="designer-state">
        <span className="admin-badge">{basedOn === null ? t('designer.new') : t('designer.basedOn', { version: basedOn })}</span>
        {dirty && <span className="admin-badge admin-badge-draft">{t('designer.unsaved')}</span>}
      </span>
      <div className="designer-tool-group">
        <button type="button" onClick={() => store.getState().undo()} disabled={!canUndo} title="Ctrl+Z" aria-keyshortcuts="Control+Z">↶ {t('designer.undo')}</button>
        <button type="button" onClick={() => store.getState().redo()} disabled={!canRedo} title="Ctrl+Shift+Z / Ctrl+Y" aria-keyshortcuts="Control+Shift+Z Control+Y">↷ {t('designer.redo')}</button>
        <button type="button" onClick={() => deleteSelection(store)} disabled={selection.length === 0} aria-keyshortcuts="Delete">{t('designer.delete')}</button>
        <button type="button" onClick={() => duplicateSelection(store)} disabled={selection.length === 0} aria-keyshortcuts="Control+D">{t('designer.duplicate')}</button>
      </div>
      <div className="designer-tool-group">
        <button type="button" onClick={() => zoomStep(-1)} aria-label={t('designer.zoomOut')}>−</button>
        <span className="designer-zoom" aria-live="polite">{Math.round(zoom * 100)}%</span>
        <button type="button" onClick={() => zoomStep(1)} aria-label={t('designer.zoomIn')}>+</button>
        <button type="button" onClick={() => setZoom(1)}>{t('designer.realSize')}</button>
        <label className="designer-snap">
          <input type="checkbox" checked={snap} onChange={(e) => store.getState().set({ snap: e.target.checked })} /> {t('designer.snap')}
        </label>
      </div>
      <Readout />
      <button type="button" onClick={() => store.getState().set({ showDocument: true, selection: [] })}>{t('designer.documentSettings')}</button>
      <div className="designer-tool-group designer-save">
        <label htmlFor={noteId} className="visually-hidden">{t('designer.note')}</label>
        <input id={noteId} value={note} placeholder={t('designer.note')} onChange={(e) => setNote(e.target.value)} maxLength={200} />
        <button type="button" className="admin-primary" onClick={() => void save()} disabled={busy || !dirty} aria-keyshortcuts="Control+S">{t('designer.save')}</button>
        <button type="button" className="designer-publish" onClick={() => void publish()} disabled={busy || dirty || blocked || basedOn === null || liveVersion === basedOn}>
          {basedOn !== null && liveVersion === basedOn ? t('designer.isLive', { version: basedOn }) : t('designer.publish', { version: basedOn ?? '—' })}
        </button>
        {savedId !== null && <button type="button" onClick={() => go({ screen: 'versions', kind: 'template', id: savedId })}>{t('docs.versions')}</button>}
      </div>
      {conflict && (
        <div className="admin-conflict" role="alert">
          <p>{t('designer.conflict', { version: conflict.latestVersion, base: basedOn ?? '—' })}</p>
          <button type="button" onClick={() => {
            store.getState().set({ conflict: null });
            void save(conflict.latestVersion);
          }}>
            {t('designer.saveOnTop', { version: conflict.latestVersion })}
          </button>
          <button type="button" onClick={() => {
            admin.setState({ unsaved: false });
            go({ screen: 'template', id: savedId ?? doc.id, version: conflict.latestVersion });
          }}>
            {t('designer.openLatest', { version: conflict.latestVersion })}
          </button>
          <button type="button" onClick={() => store.getState().set({ conflict: null })}>{t('app.cancel')}</button>
        </div>
      )}
    </div>
  );
}

/** What saving found wrong; a click selects the field the issue is about. */
function SaveProblems() {
  const t = useT();
  const store = useDesignerStore();
  const { issues, fields } = useDesigner((s) => ({ issues: s.issues, fields: s.doc.fields }));
  if (issues.length === 0) return null;
  const select = (i: DocumentIssue) => {
    const field = fields.find((f) => f.id === i.fieldId);
    if (!field) return store.getState().set({ showDocument: true, selection: [] });
    store.getState().select((panelOf(field.type)?.places(field) ?? []).map((p) => placeKey(field.id, p.path)));
  };
  return (
    <div className="designer-issues" role="alert">
      <strong>{t('designer.issuesTitle', { n: issues.length })}</strong>
      <ul>
        {issues.map((i, n) => (
          <li key={n}>
            <button type="button" className="admin-link" onClick={() => select(i)} data-issue-field={i.fieldId}>
              {i.message}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => store.getState().set({ issues: [] })}>{t('app.close')}</button>
    </div>
  );
}

function deleteSelection(store: DesignerStore) {
  const s = store.getState();
  const ids = new Set(s.selection.map(fieldIdOfKey));
  if (ids.size === 0) return;
  s.commit({ ...s.doc, fields: s.doc.fields.filter((f) => !ids.has(f.id)) });
  s.select([]);
}

function duplicateSelection(store: DesignerStore) {
  const s = store.getState();
  const ids = new Set(s.selection.map(fieldIdOfKey));
  if (ids.size === 0) return;
  const { doc, newIds } = duplicateFields(s.doc, ids);
  s.commit(doc);
  s.select(doc.fields.filter((f) => newIds.includes(f.id)).flatMap((f) => (panelOf(f.type)?.places(f) ?? []).map((p) => placeKey(f.id, p.path))));
}

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The designer's keys, on the whole screen except while typing in a property. */
function useDesignerKeys() {
  const store = useDesignerStore();
  const admin = useAdminStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = store.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (mod && key === 's') {
        e.preventDefault();
        (document.querySelector('.designer-save .admin-primary') as HTMLButtonElement | null)?.click();
        return;
      }
      if (typing(e.target)) return;
      if (mod && key === 'z') {
        e.preventDefault();
        return e.shiftKey ? s.redo() : s.undo();
      }
      if (mod && key === 'y') {
        e.preventDefault();
        return s.redo();
      }
      if (mod && key === 'd') {
        e.preventDefault();
        return duplicateSelection(store);
      }
      if (mod && key === 'a') {
        e.preventDefault();
        const page = placesOf(s.doc).find((p) => p.key === s.selection[s.selection.length - 1])?.page ?? 1;
        return s.select(placesOf(s.doc).filter((p) => p.page === page).map((p) => p.key));
      }
      if (key === 'Escape') return s.select([]);
      if (key === 'Delete' || key === 'Backspace') {
        if (s.selection.length === 0) return;
        e.preventDefault();
        return deleteSelection(store);
      }
      if (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'ArrowUp' || key === 'ArrowDown') {
        if (s.selection.length === 0) return;
        e.preventDefault();
        const size = pageSizeOf(s.doc);
        const step = e.shiftKey ? 5 : 0.5;
        const moves = new Map<string, Rect>();
        const chosen = placesOf(s.doc).filter((p) => s.selection.includes(p.key));
        for (const p of chosen) moves.set(p.key, nudge(p.rect, key, step, e.altKey, size));
        // A run of presses is one undo step; a box in a table cell becomes a free box at the cell's place.
        s.commit(movePlaces(s.doc, moves), `keys:${e.altKey ? 'size' : 'move'}:${s.selection.join(',')}`);
        if (chosen.some((p) => p.inCell !== null)) admin.setState({ notice: { key: 'designer.freedFromCell' } });
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [store, admin]);
}
