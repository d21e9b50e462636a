// The designer's one store: the template draft with its undo history, what is selected, the view (zoom, snapping),
// the background PDF, and the live preview. Every edit goes through commit(), so undo/redo sees every change.
import { createStore } from 'zustand/vanilla';
import type { BackgroundInfo, DocumentIssue, PreviewProblem, PublishProblem } from '../../../src-main/contract/admin';
import type { DraftTemplate } from '../../field-types';
import { fieldIdOfKey } from './template-edits';
import type { Guide, Rect } from './snapping';

export interface PreviewState {
  residentId: string | null;
  residents: { id: string; label: string }[];
  pdfBase64: string | null;
  pageCount: number;
  renderMs: number | null;
  /** Round trip in the browser: request sent → response read. */
  roundTripMs: number | null;
  problems: PreviewProblem[];
  missingGlyphs: { fieldId: string; codePoint: number }[];
  issues: DocumentIssue[];
  /** What would stop the draft from being published; null until the first preview answered. */
  publishProblems: PublishProblem[] | null;
  /** The draft changed since the preview shown was asked for. */
  pending: boolean;
  error: string | null;
}

export interface DesignerState {
  /** The id the draft was opened or last saved under; null for a template never saved. */
  savedId: string | null;
  basedOn: number | null;
  /** The version the kiosks use now (null: none of this document). */
  liveVersion: number | null;
  doc: DraftTemplate;
  /** The draft as last loaded or saved (JSON), to tell unsaved changes. */
  savedJson: string;
  past: DraftTemplate[];
  future: DraftTemplate[];
  lastEdit: { key: string; at: number } | null;
  /** Place keys ("name@at"); the last one is the primary (the panel shows its field). */
  selection: string[];
  /** Document settings in the panel instead of a field. */
  showDocument: boolean;
  zoom: number;
  snap: boolean;
  background: (BackgroundInfo & { pdfBase64: string }) | null;
  /** What save (or import) found wrong, pointing at fields. */
  issues: DocumentIssue[];
  conflict: { latestVersion: number } | null;
  /** While a box is dragged: its rectangle (the readout) and the guides it lines up with. */
  live: { rect: Rect; guides: Guide[]; page: number } | null;
  preview: PreviewState;
}

export interface DesignerActions {
  /** Replaces the draft as one undoable step; edits with the same `coalesce` key within a second are one step. */
  commit(doc: DraftTemplate, coalesce?: string): void;
  /** Shows a draft without recording it (a box being dragged); `commit` afterwards records the drag once. */
  show(doc: DraftTemplate): void;
  undo(): void;
  redo(): void;
  select(keys: string[], options?: { add?: boolean }): void;
  set(patch: Partial<DesignerState>): void;
  setPreview(patch: Partial<PreviewState>): void;
}

export type DesignerStore = ReturnType<typeof createDesignerStore>;

const HISTORY_LIMIT = 200;
const COALESCE_MS = 1000;

export function emptyPreview(): PreviewState {
  return { residentId: null, residents: [], pdfBase64: null, pageCount: 0, renderMs: null, roundTripMs: null, problems: [], missingGlyphs: [], issues: [], publishProblems: null, pending: false, error: null };
}

export function createDesignerStore(doc: DraftTemplate, savedId: string | null, basedOn: number | null) {
  // The draft before the first `show()` of a drag, so the drag's commit records where it started.
  let shownFrom: DraftTemplate | null = null;
  return createStore<DesignerState & DesignerActions>()((set, get) => ({
    savedId,
    basedOn,
    liveVersion: null,
    doc,
    savedJson: savedId === null ? '' : JSON.stringify(doc),
    past: [],
    future: [],
    lastEdit: null,
    selection: [],
    showDocument: false,
    zoom: 1,
    snap: true,
    background: null,
    issues: [],
    conflict: null,
    live: null,
    preview: emptyPreview(),

    commit(next, coalesce) {
      const s = get();
      const before = shownFrom ?? s.doc;
      shownFrom = null;
      if (next === before) return set({ doc: next });
      const now = Date.now();
      const joins = coalesce !== undefined && s.lastEdit?.key === coalesce && now - s.lastEdit.at < COALESCE_MS && s.past.length > 0;
      const past = joins ? s.past : [...s.past, before].slice(-HISTORY_LIMIT);
      set({ doc: next, past, future: [], lastEdit: coalesce === undefined ? null : { key: coalesce, at: now }, selection: keepSelection(s.selection, next) });
    },
    show(next) {
      shownFrom ??= get().doc;
      set({ doc: next });
    },
    undo() {
      const s = get();
      const prev = s.past[s.past.length - 1];
      if (!prev) return;
      set({ doc: prev, past: s.past.slice(0, -1), future: [s.doc, ...s.future], lastEdit: null, selection: keepSelection(s.selection, prev) });
    },
    redo() {
      const s = get();
      const next = s.future[0];
      if (!next) return;
      set({ doc: next, past: [...s.past, s.doc], future: s.future.slice(1), lastEdit: null, selection: keepSelection(s.selection, next) });
    },
    select(keys, options = {}) {
      const current = get().selection;
      if (!options.add) return set({ selection: keys, showDocument: false });
      // Shift/Ctrl: a box already selected leaves the selection, others join it.
      const toggled = current.filter((k) => !keys.includes(k));
      set({ selection: [...toggled, ...keys.filter((k) => !current.includes(k))], showDocument: false });
    },
    set: (patch) => set(patch),
    setPreview: (patch) => set({ preview: { ...get().preview, ...patch } }),
  }));
}

/** Selected boxes whose field is gone (deleted, undone) leave the selection. */
function keepSelection(selection: string[], doc: DraftTemplate): string[] {
  const ids = new Set(doc.fields.map((f) => f.id));
  const kept = selection.filter((k) => ids.has(fieldIdOfKey(k)));
  return kept.length === selection.length ? selection : kept;
}

export const selectDirty = (s: DesignerState) => JSON.stringify(s.doc) !== s.savedJson;
export const selectPrimaryFieldIndex = (s: DesignerState): number => {
  const key = s.selection[s.selection.length - 1];
  if (key === undefined) return -1;
  const id = fieldIdOfKey(key);
  return s.doc.fields.findIndex((f) => f.id === id);
};
