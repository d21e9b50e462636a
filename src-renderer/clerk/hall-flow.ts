// The desk on the hall: its one store (enrolled? who is signed in, the site's queue, its kiosks, the followed
// kiosk's mirror) and the steps that change it. wipe() (sign-out, revoked, the socket lost its clerk) is the only way out.
import { createStore } from 'zustand/vanilla';
import type { HallEvent, HallKiosk, HallMirror, HallQueueItem } from '../../src-main/contract/hall';
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
  notice: { key: ClerkMessageKey; params?: Record<string, string | number>; error?: boolean } | null;
}

const initial = (): HallDeskState => ({ device: null, connected: false, clerk: null, queue: [], kiosks: [], followed: null, mirror: null, notice: null });

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
    // The hall lists kiosks per site: a clerk of every site sees the queue of all, and no kiosk list yet.
    const [queue, kiosks] = await Promise.all([
      connection.request('queue.list', {}),
      clerk.site === null ? Promise.resolve({ devices: [] }) : connection.request('kiosks.list', {}),
    ]);
    set({ queue: queue.items, kiosks: kiosks.devices.filter((d) => d.kind === 'kiosk') });
  };

  const onEvent = (event: HallEvent) => {
    const s = store.getState();
    if (event.type === 'mirror' && event.kioskId === s.followed) set({ mirror: event.mirror });
    if (event.type === 'call') set({ kiosks: s.kiosks.map((k) => (k.id === event.kioskId ? { ...k, calling: event.calling } : k)) });
    if (event.type === 'queue-changed') void refresh().catch(() => undefined);
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

  const failed = (e: unknown) => set({ notice: { key: 'error.generic', params: { code: e instanceof HallDeskError ? e.code : 'internal' }, error: true } });

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
