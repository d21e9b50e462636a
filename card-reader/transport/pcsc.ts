// The PC/SC reader service over @pokusew/pcsclite — the only file that imports it. It tracks readers and cards,
// lends a card to one caller at a time (EXCLUSIVE), and survives pcscd restarts without restarting the app.
// Pitfalls it works around are numbered as in docs/pcsc-rig.md. It never logs or keeps APDU bytes.
import pcsclite from '@pokusew/pcsclite';
import { EventEmitter } from 'node:events';
import { existsSync, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { CardError } from '../errors';
import type { CardErrorCode } from '../errors';
import type { CardChannel } from './channel';
import { clientSocketPath, isPcscdListening } from './pcscd-socket';

type NativePcsc = ReturnType<typeof pcsclite>;
// The binding's typings do not export CardReader; its 'reader' event listener receives one.
type NativeReader = Parameters<Parameters<NativePcsc['once']>[1]>[0];

/** Enough for an extended-length response (65,536 data bytes + SW1 SW2). */
const MAX_RESPONSE_LENGTH = 65_538;
const FAST_RETRY_DELAYS_MS = [20, 100, 250, 500];

export interface PcscEvents {
  'pcscd-up': [];
  'pcscd-down': [];
  'reader-added': [reader: string];
  'reader-removed': [reader: string];
  'card-inserted': [reader: string, atr: Uint8Array];
  'card-removed': [reader: string];
}

export interface ReaderStatus {
  name: string;
  card: 'present' | 'empty';
  /** The ATR of the present card. */
  atr?: Uint8Array;
}

export interface PcscReaderServiceOptions {
  /** pcscd's socket; default $PCSCLITE_CSOCK_NAME or /run/pcscd/pcscd.comm. One path per process (libpcsclite). */
  socketPath?: string;
  /** How often to look for pcscd while it is down, besides watching its socket's folder. Default 1000 ms. */
  pollMs?: number;
}

export interface WaitOptions {
  timeoutMs: number;
  /** A reader name, or a part of it unique among the readers (e.g. "PaSoRi"). */
  reader?: string;
  signal?: AbortSignal;
}

interface ReaderEntry {
  readonly name: string;
  readonly native: NativeReader;
  card: 'present' | 'empty';
  atr: Uint8Array | undefined;
  /** Upper 16 bits of the PC/SC event state: pcscd counts insertions and removals there. */
  eventCount: number | undefined;
  /** Tail of the queue of withCard() calls on this reader: one card exchange at a time. */
  queue: Promise<void>;
}

// libpcsclite reads PCSCLITE_CSOCK_NAME once, at the first context, so a process can only ever talk to one pcscd.
let processSocketPath: string | undefined;

function bindProcessToSocket(socketPath: string): void {
  if (processSocketPath !== undefined && processSocketPath !== socketPath) {
    throw new Error(`this process already uses pcscd at ${processSocketPath}; libpcsclite cannot switch to ${socketPath}`);
  }
  process.env['PCSCLITE_CSOCK_NAME'] = socketPath;
}

const noop = (): void => {};

export class PcscReaderService extends EventEmitter<PcscEvents> {
  readonly socketPath: string;
  private readonly pollMs: number;
  private pcsc: NativePcsc | undefined;
  private readonly entries = new Map<string, ReaderEntry>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private watcher: FSWatcher | undefined;
  private readonly pollTimer: NodeJS.Timeout;
  private probing = false;
  private closed = false;

  constructor(options: PcscReaderServiceOptions = {}) {
    super();
    this.socketPath = options.socketPath ?? clientSocketPath();
    this.pollMs = options.pollMs ?? 1000;
    bindProcessToSocket(this.socketPath);
    this.watchSocketFolder();
    // Unref'd: a service waiting for pcscd must not keep a finished process alive; waitForCard() holds its own timer.
    this.pollTimer = setInterval(() => {
      this.watchSocketFolder();
      void this.attachWhenListening();
    }, this.pollMs).unref();
    void this.attachWhenListening();
  }

  /** True while connected to a live pcscd. */
  get pcscdAvailable(): boolean {
    return this.pcsc !== undefined;
  }

  readers(): ReaderStatus[] {
    return [...this.entries.values()].map((e) => ({ name: e.name, card: e.card, ...(e.atr ? { atr: e.atr.slice() } : {}) }));
  }

  /**
   * Connects EXCLUSIVE (pitfall 6) to the card in `reader` (or the first reader holding a card), runs `exchange`,
   * and always disconnects leaving the card powered. Calls on one reader run one after the other.
   */
  withCard<T>(exchange: (channel: CardChannel) => Promise<T>): Promise<T>;
  withCard<T>(reader: string | undefined, exchange: (channel: CardChannel) => Promise<T>): Promise<T>;
  withCard<T>(
    readerOrExchange: string | undefined | ((channel: CardChannel) => Promise<T>),
    maybeExchange?: (channel: CardChannel) => Promise<T>,
  ): Promise<T> {
    const [readerName, exchange] =
      typeof readerOrExchange === 'function' ? [undefined, readerOrExchange] : [readerOrExchange, maybeExchange];
    if (!exchange) throw new TypeError('withCard needs an exchange function');
    const run = (async () => {
      const entry = this.pickReader(readerName, true);
      return this.oneAtATime(entry, () => this.exchangeWithCard(entry, exchange));
    })();
    this.inFlight.add(run);
    const forget = (): void => void this.inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  /** Resolves with the name of a reader holding a card (at once if one does); CardError Timeout otherwise. */
  waitForCard(options: WaitOptions): Promise<string> {
    return this.waitUntil(options, () => this.tryPick(options.reader, true), ['card-inserted', 'reader-added']);
  }

  /** Resolves with the name of a reader once one is attached (matching `reader` when given). */
  waitForReader(options: WaitOptions): Promise<string> {
    return this.waitUntil(options, () => this.tryPick(options.reader, false), ['reader-added']);
  }

  /** Closes every reader and then the PC/SC context (pitfall 7); waits for exchanges in flight to settle. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pollTimer);
    this.watcher?.close();
    this.watcher = undefined;
    await Promise.allSettled([...this.inFlight]);
    await this.detach(false);
  }

  // ── pcscd availability ────────────────────────────────────────────────────────────────────────────────────────

  private watchSocketFolder(): void {
    if (this.watcher || this.closed) return;
    const name = basename(this.socketPath);
    try {
      this.watcher = watch(dirname(this.socketPath), (_event, filename) => {
        if (filename === null || filename.toString() === name) this.attachSoon();
      });
    } catch {
      return; // the folder does not exist yet: the slow poll tries again
    }
    this.watcher.unref();
    this.watcher.on('error', () => {
      this.watcher?.close();
      this.watcher = undefined;
    });
  }

  /** pcscd creates its socket a moment before it accepts on it: try now and a few times shortly after. */
  private attachSoon(): void {
    void this.attachWhenListening();
    for (const delay of FAST_RETRY_DELAYS_MS) setTimeout(() => void this.attachWhenListening(), delay).unref();
  }

  private async attachWhenListening(): Promise<void> {
    if (this.closed || this.pcsc || this.probing) return;
    this.probing = true;
    try {
      // pcsc() spins the event loop at 100% CPU while pcscd is down, and a stale socket file proves nothing (pitfall 3).
      if (!existsSync(this.socketPath) || !(await isPcscdListening(this.socketPath))) return;
      if (this.closed || this.pcsc) return;
      this.attach();
    } finally {
      this.probing = false;
    }
  }

  private attach(): void {
    processSocketPath = this.socketPath;
    const pcsc = pcsclite();
    this.pcsc = pcsc;
    // A dead pcscd is never recovered by the old object (pitfall 4): drop it and build a new one when pcscd is back.
    pcsc.on('error', () => {
      if (this.pcsc === pcsc) void this.detach(true);
    });
    pcsc.on('reader', (reader) => this.adopt(pcsc, reader));
    this.emit('pcscd-up');
  }

  /** Forgets every reader and closes the PC/SC context; with `reconnect`, looks for pcscd again at once. */
  private async detach(reconnect: boolean): Promise<void> {
    const pcsc = this.pcsc;
    if (!pcsc) return;
    this.pcsc = undefined;
    const readers = [...this.entries.values()];
    for (const entry of readers) this.forget(entry);
    // Readers first, then the context (pitfall 7).
    const closing = closeNatives(readers.map((e) => e.native), pcsc);
    this.emit('pcscd-down');
    if (reconnect && !this.closed) this.attachSoon();
    await closing;
  }

  // ── readers and cards ─────────────────────────────────────────────────────────────────────────────────────────

  private adopt(pcsc: NativePcsc, native: NativeReader): void {
    // Closing emits "Command cancelled" and a dying pcscd emits errors: keep a listener for the object's lifetime.
    native.on('error', noop);
    watchReports(native);
    if (pcsc !== this.pcsc) {
      void closeNatives([native]);
      return;
    }
    const entry: ReaderEntry = { name: native.name, native, card: 'empty', atr: undefined, eventCount: undefined, queue: Promise.resolve() };
    this.entries.set(entry.name, entry);
    native.on('status', (status) => this.onStatus(entry, status.state, status.atr));
    native.on('end', () => {
      if (this.entries.get(entry.name) !== entry) return;
      this.forget(entry);
      void closeNatives([native]);
    });
    this.emit('reader-added', entry.name);
  }

  private onStatus(entry: ReaderEntry, state: number, atr: Buffer | undefined): void {
    if (this.entries.get(entry.name) !== entry) return;
    const r = entry.native;
    const present = (state & r.SCARD_STATE_PRESENT) !== 0 && (state & r.SCARD_STATE_MUTE) === 0;
    const eventCount = state >>> 16;
    // A card swapped between two polls stays PRESENT, but pcscd counts the removal and the insertion.
    const swapped = entry.eventCount !== undefined && eventCount !== entry.eventCount;
    entry.eventCount = eventCount;
    if (entry.card === 'present' && (!present || swapped)) {
      entry.card = 'empty';
      entry.atr = undefined;
      this.emit('card-removed', entry.name);
    }
    if (present && entry.card === 'empty') {
      entry.card = 'present';
      entry.atr = atr ? new Uint8Array(atr) : new Uint8Array();
      this.emit('card-inserted', entry.name, entry.atr.slice());
    }
  }

  private forget(entry: ReaderEntry): void {
    this.entries.delete(entry.name);
    if (entry.card === 'present') this.emit('card-removed', entry.name);
    this.emit('reader-removed', entry.name);
  }

  private tryPick(readerName: string | undefined, needsCard: boolean): string | undefined {
    try {
      return this.pickReader(readerName, needsCard).name;
    } catch {
      return undefined;
    }
  }

  /** By name (exact, else a unique part of it), or the first reader with a card. */
  private pickReader(readerName: string | undefined, needsCard: boolean): ReaderEntry {
    if (this.closed) throw new CardError('PcscUnavailable', 'the reader service is closed');
    if (!this.pcsc) throw new CardError('PcscUnavailable', `pcscd does not answer at ${this.socketPath}`);
    const all = [...this.entries.values()];
    let candidates = all;
    if (readerName !== undefined) {
      const exact = all.filter((e) => e.name === readerName);
      candidates = exact.length > 0 ? exact : all.filter((e) => e.name.includes(readerName));
      if (candidates.length !== 1) {
        throw new CardError('NoReader', candidates.length === 0 ? `no reader named "${readerName}"` : `"${readerName}" matches several readers`);
      }
    }
    if (candidates.length === 0) throw new CardError('NoReader', 'no PC/SC reader is attached');
    if (!needsCard) return candidates[0]!;
    const withCard = candidates.find((e) => e.card === 'present');
    if (!withCard) throw new CardError('NoCard', 'no card in the reader');
    return withCard;
  }

  private async oneAtATime<T>(entry: ReaderEntry, work: () => Promise<T>): Promise<T> {
    const previous = entry.queue;
    let release = noop;
    entry.queue = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }

  private async exchangeWithCard<T>(entry: ReaderEntry, exchange: (channel: CardChannel) => Promise<T>): Promise<T> {
    if (this.entries.get(entry.name) !== entry) throw new CardError('NoReader', 'the reader went away');
    const reader = entry.native;
    // `connected` stays true after a removal, and connect() then silently does nothing (pitfall 5).
    if (reader.connected) await disconnect(reader);
    const protocol = await new Promise<number>((resolve, reject) => {
      reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE, protocol: reader.SCARD_PROTOCOL_T0 | reader.SCARD_PROTOCOL_T1 }, (error, p) =>
        error ? reject(toCardError(error, 'connect')) : resolve(p),
      );
    });
    let open = true;
    const channel: CardChannel = {
      atr: entry.atr?.slice() ?? new Uint8Array(),
      transmit: async (apdu) => {
        if (!open) throw new Error('this card channel was used after its withCard() exchange ended');
        const response = await transmit(reader, apdu, protocol);
        // A card that left mid-transmit gives a "successful" empty response (pitfall 2).
        if (response.length < 2) throw new CardError('CardRemoved', 'the card answered with fewer than 2 bytes: it left the reader', { step: 'transmit' });
        return response;
      },
    };
    try {
      return await exchange(channel);
    } finally {
      open = false;
      // Reset, not leave: a PIN verified in this exchange must not stay open for the next process that connects
      // in the ~0.4 s before pcscd powers the card down.
      await disconnect(reader, 'reset');
    }
  }

  private waitUntil(options: WaitOptions, found: () => string | undefined, events: (keyof PcscEvents)[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const name = found();
        if (name !== undefined) finish(() => resolve(name));
      };
      const onAbort = (): void => finish(() => reject(new CardError('Timeout', 'the wait was cancelled')));
      const timer = setTimeout(() => finish(() => reject(new CardError('Timeout', `nothing came within ${options.timeoutMs} ms`))), options.timeoutMs);
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        for (const event of events) this.off(event, check);
        options.signal?.removeEventListener('abort', onAbort);
        settle();
      };
      for (const event of events) this.on(event, check);
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort);
      check();
    });
  }
}

// The binding's CardReader.close() races its status thread: a thread that has just reported (or not yet started)
// can leave its loop without the final wake-up, and its libuv handle then keeps the process alive for ever (seen about
// once in 50 closes right after a card event). A thread that has been silent for a moment is blocked in
// SCardGetStatusChange, where close() cancels it cleanly: close a reader only after its first report and a quiet spell.
const lastReports = new WeakMap<NativeReader, { firstReport: Promise<void>; at: number }>();
const FIRST_REPORT_WAIT_MS = 2000;
const QUIET_BEFORE_CLOSE_MS = 100;

function watchReports(native: NativeReader): void {
  if (lastReports.has(native)) return;
  let reported = noop;
  const record = { firstReport: new Promise<void>((resolve) => (reported = resolve)), at: performance.now() };
  const timer = setTimeout(reported, FIRST_REPORT_WAIT_MS).unref();
  lastReports.set(native, record);
  const report = (): void => {
    record.at = performance.now();
    clearTimeout(timer);
    reported();
  };
  native.on('status', report);
  native.on('error', report);
  native.on('end', report);
}

async function quietSpell(native: NativeReader): Promise<void> {
  const record = lastReports.get(native);
  if (!record) return;
  await record.firstReport;
  for (let wait = QUIET_BEFORE_CLOSE_MS; wait > 0; wait = record.at + QUIET_BEFORE_CLOSE_MS - performance.now()) {
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * Closes readers, then the context (pitfall 7), on a later turn of the event loop. The binding calls our listeners
 * while holding the reader's non-recursive mutex, and promise reactions run inside that call: a close() reached from
 * a 'status' or 'end' listener (even through an await) would lock the same mutex again and hang the process.
 */
async function closeNatives(readers: NativeReader[], pcsc?: NativePcsc): Promise<void> {
  // Waiting on timers also leaves the binding's callback (and its mutex) behind us.
  await Promise.all(readers.map(quietSpell));
  await new Promise<void>((resolve) => setImmediate(resolve));
  for (const native of [...readers, ...(pcsc ? [pcsc] : [])]) {
    try {
      native.close();
    } catch {
      // already stopped with pcscd
    }
  }
}

function disconnect(reader: NativeReader, disposition: 'leave' | 'reset' = 'leave'): Promise<void> {
  return new Promise((resolve) => {
    reader.disconnect(disposition === 'reset' ? reader.SCARD_RESET_CARD : reader.SCARD_LEAVE_CARD, (error) => {
      // A handle that died with its card or with pcscd cannot be released; without this, the next connect() is a no-op.
      if (error) reader.connected = false;
      resolve();
    });
  });
}

function transmit(reader: NativeReader, apdu: Uint8Array, protocol: number): Promise<Uint8Array> {
  const command = Buffer.from(apdu);
  return new Promise((resolve, reject) => {
    try {
      reader.transmit(command, MAX_RESPONSE_LENGTH, protocol, (error, response) => {
        if (error) reject(toCardError(error, 'transmit'));
        else resolve(new Uint8Array(response));
      });
    } catch (error) {
      reject(toCardError(error, 'transmit'));
    } finally {
      // The binding copied it synchronously; a VERIFY's copy holds the PIN, so do not leave it for the GC.
      command.fill(0);
    }
  });
}

const pcscCodes: Record<number, CardErrorCode> = {
  0x8010000c: 'NoCard', // SCARD_E_NO_SMARTCARD
  0x80100066: 'NoCard', // SCARD_W_UNRESPONSIVE_CARD
  0x80100010: 'NoCard', // SCARD_E_NOT_READY
  0x80100069: 'CardRemoved', // SCARD_W_REMOVED_CARD
  0x80100068: 'CardRemoved', // SCARD_W_RESET_CARD
  0x80100067: 'CardRemoved', // SCARD_W_UNPOWERED_CARD
  0x80100016: 'CardRemoved', // SCARD_E_NOT_TRANSACTED: the transmit after a card vanished (pitfall 2)
  0x8010000b: 'ReaderBusy', // SCARD_E_SHARING_VIOLATION
  0x80100009: 'NoReader', // SCARD_E_UNKNOWN_READER
  0x80100017: 'NoReader', // SCARD_E_READER_UNAVAILABLE
  0x8010002e: 'NoReader', // SCARD_E_NO_READERS_AVAILABLE
  0x8010001a: 'NoReader', // SCARD_E_READER_UNSUPPORTED
  0x8010001d: 'PcscUnavailable', // SCARD_E_NO_SERVICE
  0x8010001e: 'PcscUnavailable', // SCARD_E_SERVICE_STOPPED
  0x80100003: 'PcscUnavailable', // SCARD_E_INVALID_HANDLE: a handle from before a pcscd restart
  0x80100013: 'PcscUnavailable', // SCARD_F_COMM_ERROR
  0x80100002: 'PcscUnavailable', // SCARD_E_CANCELLED
  0x80100012: 'PcscUnavailable', // SCARD_E_SYSTEM_CANCELLED
  0x8010000a: 'Timeout', // SCARD_E_TIMEOUT
  0x8010000f: 'NotMyNumberCard', // SCARD_E_PROTO_MISMATCH: speaks neither T=0 nor T=1
  0x80100065: 'NotMyNumberCard', // SCARD_W_UNSUPPORTED_CARD
  0x8010000d: 'NotMyNumberCard', // SCARD_E_UNKNOWN_CARD
};

/** Maps a binding error ("SCardConnect error: Card was removed.(0x80100069)") to a CardError; exported for tests. */
export function toCardError(error: unknown, step: string): CardError {
  const text = error instanceof Error ? error.message : String(error);
  const match = /\(0x([0-9a-f]{8})\)/i.exec(text);
  if (!match) {
    // The binding's own "Card Reader not connected": the handle was dropped under us.
    const code = /not connected/i.test(text) ? 'CardRemoved' : 'UnexpectedStatus';
    return new CardError(code, `${step}: ${text}`, { step }, { cause: error });
  }
  const status = parseInt(match[1]!, 16);
  return new CardError(pcscCodes[status] ?? 'UnexpectedStatus', `${step}: ${text}`, { step }, { cause: error });
}
