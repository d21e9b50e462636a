// The live preview beside the editor: the real engine fills the draft with a fixture resident on every change, and
// pdf.js shows the pages it printed. What went wrong is listed here and flagged on the field's box; a click on a line
// selects the field.
import { useEffect, useId, useRef, useState } from 'react';
import type { AdminResult } from '../../../src-main/contract/admin';
import { call } from '../client';
import { failureNotice, useT } from '../context';
import { problemText, useDesigner, useDesignerStore } from './context';
import { drawPdfPages, wipePdfPages } from '../../ui/pdf-pages';
import { previewLoop } from './preview-loop';
import type { DraftTemplate } from '../../field-types';
import { panelOf } from '../../field-types';
import { placeKey } from './template-edits';

const PREVIEW_DEBOUNCE_MS = 40;

/** Sends the draft to preview.render whenever it (or the resident) changes; keeps the last answer in the store. */
export function usePreviewRenders(): void {
  const store = useDesignerStore();
  const t = useT();
  useEffect(() => {
    const l = previewLoop<{ doc: DraftTemplate; residentId: string }, AdminResult<'preview.render'>>({
      debounceMs: PREVIEW_DEBOUNCE_MS,
      render: ({ doc, residentId }) => call('preview.render', { document: doc, residentId }),
      show: (r, info) =>
        store.getState().setPreview({
          pdfBase64: r.pdfBase64 ?? store.getState().preview.pdfBase64,
          pageCount: r.pageCount,
          renderMs: r.renderMs,
          roundTripMs: info.roundTripMs,
          problems: r.problems,
          missingGlyphs: r.missingGlyphs,
          issues: r.issues,
          publishProblems: r.publishProblems,
          error: null,
        }),
      failed: (e, latest) => latest && store.getState().setPreview({ error: t(failureNotice(e).key, failureNotice(e).params) }),
      pending: (pending) => store.getState().setPreview({ pending }),
    });
    const send = (s = store.getState()) => s.preview.residentId && l.changed({ doc: s.doc, residentId: s.preview.residentId });
    send();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.doc !== prev.doc || s.preview.residentId !== prev.preview.residentId) send(s);
    });
    return () => {
      unsubscribe();
      l.stop();
    };
  }, [store]);
}

export function PreviewPane() {
  const t = useT();
  const store = useDesignerStore();
  const residentSelect = useId();
  const { preview, fields } = useDesigner((s) => ({ preview: s.preview, fields: s.doc.fields }));
  const [pageCount, setPageCount] = useState(0);
  // Counts the previews drawn, so a test or the bench can wait for an edit to show (data-preview-revision).
  const [revision, setRevision] = useState(0);
  const [width, setWidth] = useState(400);
  const box = useRef<HTMLDivElement>(null);
  const pagesBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(200, Math.round(el.clientWidth))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  useEffect(() => wipePdfPages, []);

  useEffect(() => {
    if (!preview.pdfBase64) {
      pagesBox.current?.replaceChildren();
      return setPageCount(0);
    }
    let stale = false;
    void drawPdfPages(preview.pdfBase64, width, () => stale).then((canvases) => {
      if (!canvases || stale || !pagesBox.current) return;
      canvases.forEach((c, i) => {
        c.className = 'designer-preview-page';
        c.setAttribute('role', 'img');
        c.setAttribute('aria-label', t('preview.pageAlt', { n: i + 1 }));
      });
      // Swapped in at once: the old pages stay until the new ones are drawn.
      pagesBox.current.replaceChildren(...canvases);
      setPageCount(canvases.length);
      setRevision((r) => r + 1);
    }, () => {});
    return () => void (stale = true);
  }, [preview.pdfBase64, width]);

  const selectField = (fieldId: string) => {
    const field = fields.find((f) => f.id === fieldId);
    const places = field ? panelOf(field.type)?.places(field) ?? [] : [];
    store.getState().select(places.map((p) => placeKey(fieldId, p.path)));
  };

  const lines = [
    ...preview.problems.map((p) => ({ fieldId: p.fieldId, text: problemText(t, p.code) })),
    ...preview.missingGlyphs.map((g) => ({ fieldId: g.fieldId, text: t('problem.missingGlyph', { char: String.fromCodePoint(g.codePoint), code: `U+${g.codePoint.toString(16).toUpperCase().padStart(4, '0')}` }) })),
    // An empty form is not a problem yet: the hint below says what to do.
    ...(fields.length === 0 ? [] : preview.issues.map((i) => ({ fieldId: i.fieldId, text: i.message }))),
  ];

  return (
    <section className="designer-preview" aria-labelledby="preview-title" aria-busy={preview.pending}>
      <div className="designer-preview-head">
        <h3 id="preview-title">{t('preview.title')}</h3>
        <span className="designer-preview-time" data-render-ms={preview.renderMs ?? undefined} role="status">
          {preview.pending ? t('preview.updating') : preview.renderMs !== null ? t('preview.time', { ms: preview.renderMs, rt: preview.roundTripMs ?? '—' }) : ''}
        </span>
      </div>
      <label htmlFor={residentSelect}>{t('preview.resident')}</label>
      <select id={residentSelect} value={preview.residentId ?? ''} onChange={(e) => store.getState().setPreview({ residentId: e.target.value })}>
        {preview.residents.map((r) => (
          <option key={r.id} value={r.id}>{r.label}</option>
        ))}
      </select>
      {preview.error && <p className="admin-notice admin-notice-error" role="alert">{preview.error}</p>}
      {lines.length > 0 && (
        <ul className="designer-preview-problems" aria-label={t('preview.problems')}>
          {lines.map((l, i) => (
            <li key={i}>
              {l.fieldId ? (
                <button type="button" className="admin-link" onClick={() => selectField(l.fieldId!)}>
                  <code>{l.fieldId}</code> {l.text}
                </button>
              ) : (
                l.text
              )}
            </li>
          ))}
        </ul>
      )}
      {pageCount > 0 && fields.length > 0 && preview.issues.length > 0 && <p className="panel-hint">{t('preview.stale')}</p>}
      <div className={pageCount > 0 && preview.issues.length > 0 ? 'designer-preview-pages is-stale' : 'designer-preview-pages'} ref={box} data-preview-revision={revision}>
        {/* pdf.js canvases, put here by drawPdfPages (outside React: they are swapped whole on every edit) */}
        <div ref={pagesBox} className="designer-preview-canvases" />
        {pageCount === 0 && !preview.error && (
          <p className="panel-hint">{fields.length === 0 ? t('preview.addField') : preview.issues.length > 0 ? t('preview.fixIssues') : t('app.loading')}</p>
        )}
      </div>
    </section>
  );
}
