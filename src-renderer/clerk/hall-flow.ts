// The desk on the hall: its one store (enrolled? who is signed in, the site's queue, its kiosks, the followed
// kiosk's mirror, the opened submission) and the steps that change it. wipe() (sign-out, revoked, the socket lost its
// clerk) is the only way out.
import { createStore } from 'zustand/vanilla';
import type { IdDocument, ReturnReason, SubmissionView } from '../../src-main/contract/clerk';
import type { AnswerValue } from '../../src-main/contract/common';
import type { HallEvent, HallKiosk, HallMirror, HallQueueItem, HallSubmissionView } from '../../src-main/contract/hall';
import { HallDeskError, connectHall, enrolHallDesk, hallDevice, type HallConnection } from './hall-client';
import type { ClerkMessageKey } from './words';

export interface HallDeskState {
  /** null while asking the hall; false: this browser is not an enrolled desk. */
  device: { site: string; name: string } | false | null;
  connected: boolean;
  clerk: { name: string; site: string | null } | null;
  queue: HallQueueItem[];
  kiosks: HallKiosk[];
  followed: string | null;
  /** The followed kiosk's screen; null while it streams none. */
  mirror: HallMirror | null;
  /** A clerk of every site: the one site shown (null: all). */
  siteShown: string | null;
  /** The submission opened as the paper reads it (any clerk of its site may read it; its holder acts). */
  opened: HallSubmissionView | null;
  notice: { key: ClerkMessageKey; params?: Record<string, string | number>; error?: boolean } | null;
}

const initial = (): HallDeskState => ({ device: null, connected: false, clerk: null, queue: [], kiosks: [], followed: null, mirror: null, siteShown: null, opened: null, notice: null });

export function createHallDesk() {
  const store = createStore<HallDeskState>()(() => initial());
  let connection: HallConnection | undefined;
  /** The clerk's staff session: in this page's memory only, to take it up again on a new socket after a drop. */
  let session: string | undefined;
  const set = (patch: Partial<HallDeskState>) => store.setState(patch);

  /** Everything of the clerk's work goes; the enrolled device stays. */
  const wipe = () => {
    session = undefined;
    set({ ...initial(), device: store.getState().device, connected: store.getState().connected });
  };

  const refresh = async () => {
    const clerk = store.getState().clerk;
    if (!connection || !clerk) return;
    // A clerk of every site sees every site's queue and kiosks, or the one site chosen.
    const site = store.getState().siteShown ?? undefined;
    const [queue, kiosks] = await Promise.all([connection.request('queue.list', site ? { site } : {}), connection.request('kiosks.list', site ? { site } : {})]);
    set({ queue: queue.items, kiosks: kiosks.devices.filter((d) => d.kind === 'kiosk') });
    followOpened(queue.items);
  };

  // One listing at a time: changes heard while one is in flight are listed once after it, not once each (a burst of
  // submissions from five kiosks would otherwise send the hall a listing per change).
  let listing: Promise<void> | undefined;
  let listAgain = false;
  const refreshOnChange = () => {
    if (listing) return void (listAgain = true);
    listing = refresh()
      .catch(() => undefined)
      .finally(() => {
        listing = undefined;
        if (listAgain) {
          listAgain = false;
          refreshOnChange();
        }
      });
  };

  /** The opened submission's line as the queue now has it (status, who holds it); gone from the queue: it was done. */
  const followOpened = (items: HallQueueItem[]) => {
    const opened = store.getState().opened;
    if (!opened) return;
    const now = items.find((i) => i.id === opened.hall.id);
    if (now) set({ opened: { ...opened, hall: now, item: { ...opened.item, status: now.status } } });
    else if (!store.getState().siteShown || store.getState().siteShown === opened.hall.site)
      set({ opened: null, notice: { key: 'hall.opened.gone', params: { ticket: opened.hall.ticketNumber } } });
  };

  /** The opened submission's answer kept: the paper and where it came from, who holds it. */
  const keep = (view: SubmissionView) => {
    const opened = store.getState().opened;
    // A refusal said before is settled by this answer.
    set({ opened: { ...(opened ?? (view as HallSubmissionView)), ...view } as HallSubmissionView, notice: null });
  };

  const onEvent = (event: HallEvent) => {
    const s = store.getState();
    if (event.type === 'mirror' && event.kioskId === s.followed) set({ mirror: event.mirror });
    if (event.type === 'call') set({ kiosks: s.kiosks.map((k) => (k.id === event.kioskId ? { ...k, calling: event.calling } : k)) });
    if (event.type === 'queue-changed') refreshOnChange();
  };

  const connect = () => {
    connection?.close();
    connection = connectHall({
      onEvent,
      // A new socket carries no clerk: it takes up the page's session again (and the kiosk followed), else signs in anew.
      onConnection: (connected) => {
        set({ connected });
        if (connected && session) void resume(session);
      },
      onEnded: () => set({ ...initial(), device: false }),
    });
  };

  const resume = async (token: string) => {
    try {
      await connection!.request('staff.resume', { session: token });
      const followed = store.getState().followed;
      if (followed) set({ mirror: (await connection!.request('mirror.follow', { kioskId: followed })).mirror });
      await refresh();
    } catch {
      wipe();
    }
  };

  const ask = () => {
    if (!connection) throw new HallDeskError('internal');
    return connection;
  };

  const failed = (e: unknown) => {
    const code = e instanceof HallDeskError ? e.code : 'internal';
    if (code === 'kanji-pending') return set({ notice: { key: 'hall.error.kanjiPending', error: true } });
    if (code === 'not-claimed') return set({ notice: { key: 'hall.error.notClaimed', error: true } });
    if (code === 'no-session') return set({ notice: { key: 'hall.error.noSession', error: true } });
    if (code === 'busy') return set({ notice: { key: 'hall.error.busy', error: true } });
    if (code === 'kiosk-unreachable') return set({ notice: { key: 'hall.error.kioskUnreachable', error: true } });
    set({ notice: { key: 'error.generic', params: { code }, error: true } });
  };

  return {
    store,
    async start() {
      const device = await hallDevice();
      set({ device: device ?? false });
      if (!device) return;
      connect();
      // The kiosks' state (online, last seen) changes without an event: read again now and then.
      setInterval(() => void refresh().catch(() => undefined), 10_000);
    },
    async enrol(code: string) {
      const outcome = await enrolHallDesk(code);
      if (outcome !== 'ok') return set({ notice: { key: outcome === 'rate-limited' ? 'pair.limited' : 'hall.enrol.wrong', error: true } });
      set({ notice: null });
      await this.start();
    },
    async signIn(name: string, passphrase: string) {
      if (!connection) return;
      try {
        const who = await connection.request('staff.signIn', { name, passphrase });
        session = who.session;
        set({ clerk: { name: who.name, site: who.site }, notice: null });
      } catch (e) {
        return set({ notice: { key: e instanceof HallDeskError && e.code === 'rate-limited' ? 'pair.limited' : 'hall.signIn.wrong', error: true } });
      }
      await refresh().catch(failed);
    },
    async signOut() {
      await connection?.request('staff.signOut', {}).catch(() => undefined);
      wipe();
    },
    async claim(id: number) {
      if (!connection) return;
      try {
        const answer = await connection.request('queue.claim', { id });
        set({ notice: answer.ok ? null : { key: 'hall.queue.taken', params: { name: answer.heldBy } } });
        await refresh();
      } catch (e) {
        failed(e);
      }
    },
    async showSite(site: string | null) {
      set({ siteShown: site });
      await refresh().catch(failed);
    },
    /** Opens a submission of the queue as the paper reads it (read only unless this clerk holds it). */
    async open(id: number) {
      try {
        set({ opened: await ask().request('queue.view', { id }), notice: null });
      } catch (e) {
        failed(e);
      }
    },
    close() {
      set({ opened: null });
    },
    /** The paper view's requests, for the opened submission. */
    paperRequests(id: number) {
      return {
        correct: (position: number, fields: Record<string, string | boolean | null>) => ask().request('queue.correct', { id, position, fields }),
        staffArea: (idDocument: IdDocument) => ask().request('queue.staffArea', { id, idDocument }),
        confirmCorrections: () => ask().request('queue.confirmCorrections', { id }),
      };
    },
    keep,
    /** 確認済 / 完了 (what waits is confirmed first), or returned with a reason. */
    async setStatus(id: number, status: 'confirmed' | 'done' | 'returned', reason?: ReturnReason) {
      try {
        const { item } = await ask().request('queue.setStatus', { id, status, ...(reason ? { reason } : {}) });
        const ticket = store.getState().opened?.hall.ticketNumber ?? '';
        if (item === null) set({ opened: null, notice: { key: 'hall.opened.gone', params: { ticket } } });
        else set({ opened: await ask().request('queue.view', { id }), notice: { key: 'hall.opened.statusDone', params: { ticket, status: item.status } } });
        await refresh();
      } catch (e) {
        failed(e);
      }
    },
    async release(id: number) {
      try {
        const { item } = await ask().request('queue.release', { id });
        const opened = store.getState().opened;
        if (opened?.hall.id === id) set({ opened: { ...opened, hall: item } });
        set({ notice: { key: 'hall.opened.released' } });
        await refresh();
      } catch (e) {
        failed(e);
      }
    },
    /** The forms as they print now, downloaded by this browser (the hall has no printer): the clerk prints it here. */
    async downloadPdf(id: number) {
      try {
        const { fileName, pdfBase64 } = await ask().request('queue.pdf', { id });
        const bytes = Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0));
        const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = fileName;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        set({ notice: { key: 'hall.opened.pdfDone', params: { file: fileName } } });
      } catch (e) {
        failed(e);
      }
    },
    /** Corrects an answer of the followed kiosk's live session: the hall passes it to the kiosk, which applies it as
     * its paired desk's correction. True once the kiosk took it. */
    async correctLive(key: string, value: AnswerValue): Promise<boolean> {
      const kioskId = store.getState().followed;
      if (!kioskId) return false;
      try {
        await ask().request('mirror.correct', { kioskId, key, value });
        set({ notice: { key: 'mirror.corrected' } });
        return true;
      } catch (e) {
        failed(e);
        return false;
      }
    },
    async follow(kioskId: string) {
      if (!connection) return;
      try {
        const { mirror } = await connection.request('mirror.follow', { kioskId });
        set({ followed: kioskId, mirror });
      } catch (e) {
        failed(e);
      }
    },
  };
}

export type HallDesk = ReturnType<typeof createHallDesk>;
