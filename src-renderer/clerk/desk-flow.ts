// The clerk's actions: each asks the service, then updates the desk store. The screens call these only.
import type { ClerkEvent, ClerkParams, ClerkRequestName, ReturnReason } from '../../src-main/contract/clerk';
import type { AnswerValue } from '../../src-main/contract/kiosk';
import { ClerkRequestError, connectDesk, isPaired, logoutDesk, pairDesk, type DeskConnection } from './client';
import type { DeskStore } from './store';

export type DeskFlow = ReturnType<typeof createDeskFlow>;

/** A CUPS queue name, as the service's request schema takes it. */
const PRINTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,126}$/;

export function createDeskFlow(store: DeskStore) {
  const get = () => store.getState();
  let connection: DeskConnection | null = null;

  function fail(e: unknown) {
    get().set({ notice: { key: 'error.generic', params: { code: e instanceof ClerkRequestError ? e.code : 'internal' }, error: true } });
  }

  function onEvent(e: ClerkEvent) {
    if (e.type === 'mirror') get().set({ mirror: e.mirror });
    else if (e.type === 'queue-changed') void refreshQueue();
    else if (e.type === 'desk-ended') ended();
  }

  function ended() {
    connection?.close();
    connection = null;
    get().wipe();
  }

  function connect() {
    connection = connectDesk({ onEvent, onConnection: (connected) => get().set({ connected }), onEnded: ended });
    get().set({ paired: true });
    void refreshQueue();
  }

  async function refreshQueue() {
    if (!connection) return;
    try {
      const { items } = await connection.request('queue.list', {});
      get().set({ queue: items });
    } catch (e) {
      if (e instanceof ClerkRequestError && e.code === 'no-queue') return;
      fail(e);
    }
  }

  async function run<T>(action: (c: DeskConnection) => Promise<T>): Promise<T | undefined> {
    if (!connection) return undefined;
    try {
      return await action(connection);
    } catch (e) {
      fail(e);
      return undefined;
    }
  }

  /** Keeps the desk session alive while a clerk works the screen (a watched-only screen expires when idle). */
  let lastTouch = 0;
  function touched() {
    if (!connection || Date.now() - lastTouch < 60_000) return;
    lastTouch = Date.now();
    void connection.request('desk.whoami', {}).catch(() => {});
  }

  return {
    async start() {
      if (await isPaired().catch(() => false)) connect();
      else get().set({ paired: false });
      for (const e of ['pointerdown', 'keydown'] as const) window.addEventListener(e, touched, { passive: true });
    },

    async pair(code: string, name: string, passphrase: string) {
      const result = await pairDesk(code, name, passphrase).catch(() => ({ ok: false as const, reason: 'failed' as const }));
      if (result.ok) {
        get().set({ notice: null });
        connect();
      } else get().set({ notice: { key: pairNotice[result.reason], error: true } });
    },

    async logout() {
      await logoutDesk();
      ended();
    },

    refreshQueue,

    /** A request of the desk's own panels (printers, the day's list); a failure shows as the desk's notice. */
    request<N extends ClerkRequestName>(name: N, params: ClerkParams<N>) {
      return run((c) => c.request(name, params));
    },

    async open(id: number) {
      const opened = await run((c) => c.request('queue.open', { id }));
      if (!opened) return;
      this.close();
      const paper = await run((c) => c.request('queue.view', { id }));
      get().set({ opened: { ...opened, pageImages: {} }, paper: paper ?? null, lastExport: null, notice: null });
    },

    /** A request for a screen that shows its own words for a refusal (submission-view.tsx): throws ClerkRequestError. */
    call<N extends ClerkRequestName>(name: N, params: ClerkParams<N>) {
      if (!connection) return Promise.reject(new ClerkRequestError('not-signed-in'));
      return connection.request(name, params);
    },

    setPageImages(templateId: string, urls: string[]) {
      const opened = get().opened;
      if (!opened) return urls.forEach((u) => URL.revokeObjectURL(u));
      get().set({ opened: { ...opened, pageImages: { ...opened.pageImages, [templateId]: urls } } });
    },

    close() {
      for (const urls of Object.values(get().opened?.pageImages ?? {})) for (const url of urls) URL.revokeObjectURL(url);
      get().set({ opened: null, lastExport: null, paper: null });
    },

    async setStatus(id: number, status: 'confirmed' | 'done' | 'returned', reason?: ReturnReason) {
      const result = await run((c) => c.request('queue.setStatus', { id, status, ...(reason ? { reason } : {}) }));
      if (!result) return;
      const opened = get().opened;
      if (result.item && opened?.item.id === id) get().set({ opened: { ...opened, item: result.item } });
      else if (!result.item) this.close();
      await refreshQueue();
    },

    /** Only a plain CUPS queue name is kept (what the service accepts); anything else leaves the field as it was. */
    setPrinter(printer: string) {
      if (printer === '' || PRINTER_NAME.test(printer)) get().set({ printer });
    },

    async print(id: number) {
      const printer = get().printer;
      try {
        const result = await connection?.request('queue.print', { id, ...(printer ? { printer } : {}) });
        if (result) get().set({ notice: { key: 'open.printed', params: { n: result.jobs } } });
      } catch (e) {
        if (e instanceof ClerkRequestError && e.code === 'print-failed') get().set({ notice: { key: 'open.printFailed', error: true } });
        else fail(e);
      }
    },

    async exportSubmission(id: number) {
      const result = await run((c) => c.request('queue.export', { id }));
      if (!result) return;
      get().set({ lastExport: result.forms, notice: result.forms.length > 0 ? { key: 'open.exported', params: { n: result.forms.length } } : { key: 'open.noExport' } });
      for (const form of result.forms) {
        download(`${form.baseName}.json`, form.json, 'application/json');
        download(`${form.baseName}.csv`, form.csv, 'text/csv');
      }
    },

    async correct(key: string, value: AnswerValue) {
      const result = await run((c) => c.request('mirror.correct', { key, value }));
      if (result) get().set({ notice: { key: 'mirror.corrected' } });
      return result !== undefined;
    },

    async readWithCheckCodeB(code: { birth: string; expiryYear: string; securityCode: string }) {
      const result = await run((c) => c.request('card.readWithCheckCodeB', code));
      if (!result) return;
      if (result.ok) get().set({ notice: { key: 'checkB.ok' } });
      else get().set({ notice: { key: 'checkB.failed', params: { code: result.error + (result.triesLeft === undefined ? '' : ` / ${result.triesLeft}`) }, error: true } });
    },

    async allowLastTry() {
      const result = await run((c) => c.request('card.allowLastTry', {}));
      if (result) get().set({ notice: { key: 'guard.allowed' } });
    },
  };
}

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const pairNotice = {
  'wrong-code': 'pair.wrong',
  'stale-code': 'pair.stale',
  'wrong-credentials': 'pair.credentials',
  'rate-limited': 'pair.limited',
  failed: 'pair.failed',
} as const;
