// The desk's one store, by what the clerk is doing: paired or not, the queue, the opened submission, the live
// mirror. wipe() (logout, a revoked desk) restores the initial state and revokes page images.
import { createStore } from 'zustand/vanilla';
import type { ExportedQueueForm, Mirror, OpenedQueueForm, QueueItem, SubmissionView } from '../../src-main/contract/clerk';

export interface DeskState {
  paired: boolean | null;
  connected: boolean;
  queue: QueueItem[];
  opened: { item: QueueItem; forms: OpenedQueueForm[]; pageImages: Record<string, string[]> } | null;
  lastExport: ExportedQueueForm[] | null;
  /** The opened submission as the paper reads (labels, 和暦, kanji to write, corrections, the staff area). */
  paper: SubmissionView | null;
  mirror: Mirror | null;
  /** The CUPS printer the clerk named for this desk; '' = the service's printer (its config, else the CUPS default). */
  printer: string;
  /** The latest line the clerk should read (a message key and its slots). */
  notice: { key: string; params?: Record<string, string | number>; error?: boolean } | null;
}

export function initialDesk(): DeskState {
  return { paired: null, connected: false, queue: [], opened: null, lastExport: null, paper: null, mirror: null, printer: '', notice: null };
}

export interface DeskActions {
  set(patch: Partial<DeskState>): void;
  wipe(): void;
}

export type DeskStore = ReturnType<typeof createDeskStore>;

export function createDeskStore() {
  return createStore<DeskState & DeskActions>()((set, get) => ({
    ...initialDesk(),
    set: (patch) => set(patch),
    wipe() {
      for (const urls of Object.values(get().opened?.pageImages ?? {})) for (const url of urls) URL.revokeObjectURL(url);
      set({ ...initialDesk(), paired: false });
    },
  }));
}

/** The queue as the clerk works it: open items first (oldest first), then the finished ones. */
export const selectOpenQueue = (s: DeskState): QueueItem[] => s.queue.filter((i) => i.status === 'submitted' || i.status === 'confirmed');
export const selectClosedQueue = (s: DeskState): QueueItem[] => s.queue.filter((i) => i.status === 'done' || i.status === 'returned');
