// The paper: each page at the zoom, the city's PDF (pdf.js) or the engine's own layout under it, and every field's
// boxes on top at their millimetre positions. Boxes move and resize by drag (snapping to the 1 mm grid and to other
// boxes, with guides), a drag on empty paper selects with a rubber band, and a type dropped from the palette adds a
// field there. The keyboard does the same from the designer (designer.tsx).
import { useEffect, useMemo, useRef, useState, type DragEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { fieldPanels, panelOf } from '../../field-types';
import { openPdfPages } from '../../ui/pdf-pages';
import { useAdmin, useAdminStore, useT } from '../context';
import { PX_PER_MM, useDesigner, useDesignerStore, useFieldFlags } from './context';
import { LayoutDrawing } from './layout-drawing';
import { clampToPage, HANDLES, intersects, rectBetween, snapMove, snapResize, type Handle, type Rect, type SnapOptions } from './snapping';
import { addField, movePlaces, pageCountOf, pageSizeOf, placeKey, placesOf, type Place } from './template-edits';

export const PALETTE_MIME = 'application/x-kakanai-field-type';
/** Snapping pulls a box from this far away, in screen pixels (whatever the zoom). */
const SNAP_PX = 6;

type Gesture =
  | { kind: 'move'; x: number; y: number; primary: Place; moving: Place[]; moved: boolean; clickSelects: string | null }
  | { kind: 'resize'; x: number; y: number; place: Place; handle: Handle; moved: boolean }
  | { kind: 'band'; page: number; origin: { left: number; top: number }; from: [number, number]; add: boolean; base: string[] };

/** The background pages drawn by pdf.js at the width shown, redrawn (after a pause) when the zoom changes. */
function useBackgroundPages(pdfBase64: string | null, pageCount: number, cssWidth: number): (string | undefined)[] {
  const [urls, setUrls] = useState<(string | undefined)[]>([]);
  useEffect(() => {
    if (!pdfBase64) return setUrls([]);
    let stale = false;
    const made: string[] = [];
    const timer = setTimeout(() => {
      void openPdfPages(pdfBase64).then(async (pdf) => {
        try {
          for (let n = 1; n <= Math.min(pdf.pageCount, pageCount) && !stale; n++) {
            const url = await pdf.page(n, Math.round(cssWidth));
            made.push(url);
            if (stale) break;
            setUrls((u) => {
              const next = [...u];
              const old = next[n - 1];
              next[n - 1] = url;
              if (old && !made.includes(old)) URL.revokeObjectURL(old);
              return next;
            });
          }
        } finally {
          pdf.close();
        }
      });
    }, 120);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [pdfBase64, pageCount, cssWidth]);
  return urls;
}

export function Canvas() {
  const t = useT();
  const lang = useAdmin((s) => s.lang);
  const admin = useAdminStore();
  const store = useDesignerStore();
  const { doc, zoom, selection, live, background } = useDesigner((s) => ({ doc: s.doc, zoom: s.zoom, selection: s.selection, live: s.live, background: s.background }));
  const flags = useFieldFlags();
  const places = useMemo(() => placesOf(doc), [doc]);
  const size = pageSizeOf(doc);
  const pages = pageCountOf(doc);
  const scale = zoom * PX_PER_MM;
  const backgroundUrls = useBackgroundPages(background?.pdfBase64 ?? null, Math.max(pages, 1), size.widthMm * scale);
  const gesture = useRef<Gesture | null>(null);
  const [band, setBand] = useState<{ page: number; rect: Rect } | null>(null);
  const pointerDown = useRef(false);
  const primary = selection[selection.length - 1];

  const snapOptions = (page: number, except: ReadonlySet<string>, altKey: boolean): SnapOptions => ({
    targets: [[0, 0, size.widthMm, size.heightMm], ...places.filter((p) => p.page === page && !except.has(p.key)).map((p) => p.rect)],
    gridMm: 1,
    thresholdMm: SNAP_PX / scale,
    page: size,
    enabled: store.getState().snap && !altKey,
  });

  const onMove = (e: PointerEvent) => {
    const g = gesture.current;
    if (!g) return;
    if (g.kind === 'band') {
      const x = (e.clientX - g.origin.left) / scale;
      const y = (e.clientY - g.origin.top) / scale;
      const rect = rectBetween(g.from[0], g.from[1], x, y);
      setBand({ page: g.page, rect });
      const hit = places.filter((p) => p.page === g.page && intersects(p.rect, rect)).map((p) => p.key);
      store.getState().select(g.add ? [...g.base, ...hit.filter((k) => !g.base.includes(k))] : hit);
      return;
    }
    const dx = (e.clientX - g.x) / scale;
    const dy = (e.clientY - g.y) / scale;
    if (!g.moved && Math.hypot(e.clientX - g.x, e.clientY - g.y) < 3) return;
    g.moved = true;
    const s = store.getState();
    if (g.kind === 'move') {
      const except = new Set(g.moving.map((p) => p.key));
      const snapped = snapMove(g.primary.rect, dx, dy, snapOptions(g.primary.page, except, e.altKey));
      const ddx = snapped.rect[0] - g.primary.rect[0];
      const ddy = snapped.rect[1] - g.primary.rect[1];
      const moves = new Map<string, Rect>(
        g.moving.map((p) => [p.key, p.key === g.primary.key ? snapped.rect : clampToPage([p.rect[0] + ddx, p.rect[1] + ddy, p.rect[2], p.rect[3]], size)]),
      );
      s.show(movePlaces(startDoc.current!, moves));
      s.set({ live: { rect: snapped.rect, guides: snapped.guides, page: g.primary.page } });
    } else {
      const snapped = snapResize(g.place.rect, g.handle, dx, dy, snapOptions(g.place.page, new Set([g.place.key]), e.altKey));
      s.show(movePlaces(startDoc.current!, new Map([[g.place.key, snapped.rect]])));
      s.set({ live: { rect: snapped.rect, guides: snapped.guides, page: g.place.page } });
    }
  };

  const onUp = () => {
    const g = gesture.current;
    gesture.current = null;
    stopListening();
    const s = store.getState();
    if (!g) return;
    if (g.kind === 'band') return setBand(null);
    if (g.moved) {
      s.commit(s.doc);
      if (g.kind === 'move' && g.moving.some((p) => p.inCell !== null)) admin.setState({ notice: { key: 'designer.freedFromCell' } });
    } else if (g.kind === 'move' && g.clickSelects) s.select([g.clickSelects]);
    s.set({ live: null });
  };
  // The draft when the gesture started: every pointer move is computed from it, not from the last move.
  const startDoc = useRef<typeof doc | null>(null);
  // The window listeners of the gesture under way (the handlers of the render it started in).
  const listening = useRef<{ move(e: PointerEvent): void; up(): void } | null>(null);
  const stopListening = () => {
    const l = listening.current;
    listening.current = null;
    if (!l) return;
    removeEventListener('pointermove', l.move);
    removeEventListener('pointerup', l.up);
    removeEventListener('pointercancel', l.up);
  };
  const begin = (g: Gesture) => {
    stopListening();
    gesture.current = g;
    startDoc.current = store.getState().doc;
    listening.current = { move: onMove, up: onUp };
    addEventListener('pointermove', onMove);
    addEventListener('pointerup', onUp);
    addEventListener('pointercancel', onUp);
  };
  useEffect(() => stopListening, []);

  const onBoxDown = (e: ReactPointerEvent, place: Place) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    // The box takes focus on this press; its focus handler must not change the selection made here.
    pointerDown.current = true;
    addEventListener('pointerup', () => void (pointerDown.current = false), { once: true });
    const s = store.getState();
    if (e.shiftKey || e.ctrlKey || e.metaKey) return s.select([place.key], { add: true });
    const wasSelected = s.selection.includes(place.key);
    if (!wasSelected) s.select([place.key]);
    else if (s.selection[s.selection.length - 1] !== place.key) s.set({ selection: [...s.selection.filter((k) => k !== place.key), place.key] });
    const selected = wasSelected ? s.selection : [place.key];
    // A box in a table cell moves too: it becomes a free box at the cell's millimetres (one undo step restores it).
    const moving = places.filter((p) => selected.includes(p.key));
    begin({ kind: 'move', x: e.clientX, y: e.clientY, primary: place, moving, moved: false, clickSelects: wasSelected && selected.length > 1 ? place.key : null });
  };

  const onHandleDown = (e: ReactPointerEvent, place: Place, handle: Handle) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.preventDefault();
    begin({ kind: 'resize', x: e.clientX, y: e.clientY, place, handle, moved: false });
  };

  const onPageDown = (e: ReactPointerEvent<HTMLDivElement>, page: number) => {
    if (e.button !== 0 || e.target !== e.currentTarget) return;
    const r = e.currentTarget.getBoundingClientRect();
    const add = e.shiftKey || e.ctrlKey || e.metaKey;
    const base = add ? store.getState().selection : [];
    if (!add) store.getState().select([]);
    begin({ kind: 'band', page, origin: { left: r.left, top: r.top }, from: [(e.clientX - r.left) / scale, (e.clientY - r.top) / scale], add, base });
  };

  const onDrop = (e: DragEvent<HTMLDivElement>, page: number) => {
    const type = e.dataTransfer.getData(PALETTE_MIME) as keyof typeof fieldPanels;
    if (!(type in fieldPanels)) return;
    e.preventDefault();
    const r = e.currentTarget.getBoundingClientRect();
    const [w, h] = fieldPanels[type].size;
    const x = Math.round((e.clientX - r.left) / scale - w / 2);
    const y = Math.round((e.clientY - r.top) / scale - h / 2);
    const s = store.getState();
    const added = addField(s.doc, type, page, clampToPage([x, y, w, h], size));
    s.commit(added.doc);
    const first = panelOf(type)!.places(added.field)[0];
    s.select(first ? [placeKey(added.field.id, first.path)] : []);
  };

  return (
    <div className="designer-pages">
      <p id="designer-keys" className="visually-hidden">{t('designer.keysHelp')}</p>
      {Array.from({ length: pages }, (_, i) => i + 1).map((n) => {
        const bgPage = doc.background?.pages?.[n - 1] ?? n;
        const url = backgroundUrls[bgPage - 1];
        return (
          <div key={n} className="designer-page-wrap">
            <span className="designer-page-number">{t('designer.page', { n })}</span>
            <div
              className="designer-page"
              data-page={n}
              style={{ width: size.widthMm * scale, height: size.heightMm * scale }}
              onPointerDown={(e) => onPageDown(e, n)}
              onDragOver={(e) => {
                if (e.dataTransfer.types.includes(PALETTE_MIME)) {
                  e.preventDefault();
                  e.dataTransfer.dropEffect = 'copy';
                }
              }}
              onDrop={(e) => onDrop(e, n)}
            >
              {url && <img className="designer-background" src={url} alt="" draggable={false} />}
              {!doc.background && <LayoutDrawing doc={doc} page={n} widthMm={size.widthMm} heightMm={size.heightMm} />}
              {places.filter((p) => p.page === n).map((p) => {
                const selected = selection.includes(p.key);
                const problems = flags.get(p.fieldId);
                const field = doc.fields[p.fieldIndex]!;
                const label = `${fieldPanels[p.type as keyof typeof fieldPanels]?.name[lang] ?? p.type} ${p.fieldId}${p.caption ? ` (${p.caption})` : ''}: ${field.label[lang === 'en' ? 'en' : 'ja']}${problems ? ` — ${problems.join(' / ')}` : ''}`;
                return (
                  <div
                    key={p.key}
                    className={['designer-box', selected && 'is-selected', p.key === primary && 'is-primary', p.inCell !== null && 'in-cell', problems && 'has-problem'].filter(Boolean).join(' ')}
                    data-place={p.key}
                    data-field-id={p.fieldId}
                    role="button"
                    tabIndex={0}
                    aria-pressed={selected}
                    aria-label={label}
                    title={problems?.join('\n')}
                    style={{ left: p.rect[0] * scale, top: p.rect[1] * scale, width: p.rect[2] * scale, height: p.rect[3] * scale }}
                    onPointerDown={(e) => onBoxDown(e, p)}
                    onFocus={() => {
                      if (!pointerDown.current && !store.getState().selection.includes(p.key)) store.getState().select([p.key]);
                    }}
                  >
                    <span className="designer-box-name" aria-hidden="true">
                      {p.fieldId}
                      {p.caption && <span className="designer-box-caption"> {p.caption}</span>}
                    </span>
                    {problems && <span className="designer-box-flag" aria-hidden="true">!</span>}
                    {p.key === primary && p.inCell === null &&
                      HANDLES.map((h) => <span key={h} className={`designer-handle designer-handle-${h}`} aria-hidden="true" onPointerDown={(e) => onHandleDown(e, p, h)} />)}
                  </div>
                );
              })}
              {live?.page === n &&
                live.guides.map((g, i) => (
                  <span
                    key={i}
                    className={`designer-guide designer-guide-${g.axis}`}
                    style={g.axis === 'x' ? { left: g.at * scale, top: g.from * scale, height: (g.to - g.from) * scale } : { top: g.at * scale, left: g.from * scale, width: (g.to - g.from) * scale }}
                  />
                ))}
              {live?.page === n && (
                <span className="designer-readout-bubble" style={{ left: live.rect[0] * scale, top: (live.rect[1] + live.rect[3]) * scale + 4 }}>
                  {live.rect.map((v) => v.toFixed(1)).join(', ')}
                </span>
              )}
              {band?.page === n && <span className="designer-band" style={{ left: band.rect[0] * scale, top: band.rect[1] * scale, width: band.rect[2] * scale, height: band.rect[3] * scale }} />}
            </div>
          </div>
        );
      })}
    </div>
  );
}
