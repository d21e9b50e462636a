// The card side of the vpcd TCP protocol (docs/pcsc-rig.md): the vpcd reader driver inside pcscd listens,
// the virtual card connects. Connected = card on the reader; closing the socket = card removed.
// Nothing here logs or keeps APDU bytes: a VERIFY carries the PIN.

import { Socket } from 'node:net';
import type { VirtualCard } from './card-model';

export const VPCD_DEFAULT_HOST = '127.0.0.1';
export const VPCD_DEFAULT_PORT = 35963;

/** 1-byte payloads from the driver. Power and reset get no reply; ATR is answered with the ATR. */
const CONTROL = { powerOff: 0, powerOn: 1, reset: 2, atr: 4 } as const;

/** Frames a payload: 2-byte big-endian length, then the bytes. */
export function vpcdFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > 0xffff) throw new RangeError('a vpcd payload is at most 65,535 bytes');
  const out = new Uint8Array(2 + payload.length);
  out[0] = payload.length >> 8;
  out[1] = payload.length & 0xff;
  out.set(payload, 2);
  return out;
}

/** Reassembles payloads from a TCP byte stream, whatever the chunking (split or coalesced frames). */
export class VpcdFrameReader {
  #pending: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): Uint8Array[] {
    const buf = new Uint8Array(this.#pending.length + chunk.length);
    buf.set(this.#pending, 0);
    buf.set(chunk, this.#pending.length);
    const frames: Uint8Array[] = [];
    let p = 0;
    while (buf.length - p >= 2) {
      const length = (buf[p]! << 8) | buf[p + 1]!;
      if (buf.length - p - 2 < length) break;
      frames.push(buf.slice(p + 2, p + 2 + length));
      p += 2 + length;
    }
    this.#pending = buf.slice(p);
    return frames;
  }

  /** Bytes received but not yet a whole frame. */
  get pendingBytes(): number {
    return this.#pending.length;
  }
}

/** What the client reports: never APDU data, only what happened. */
export type VpcdEvent =
  | { type: 'connecting'; host: string; port: number }
  | { type: 'inserted' }
  | { type: 'removed'; by: 'us' | 'driver' }
  | { type: 'power'; state: 'on' | 'off' | 'reset' }
  /** One APDU answered: its instruction byte and the status word, no data. */
  | { type: 'apdu'; ins: number; sw: number };

export interface VpcdClientOptions {
  host?: string;
  port?: number;
  /** Wait before answering each APDU; real cards take 20–50 ms per exchange. */
  delayMs?: number;
  /** Pause between connection attempts while the driver is not listening yet. */
  retryIntervalMs?: number;
  /** Reconnect when the driver drops us (pcscd restarted): the card is still on the reader. Default true. */
  reconnect?: boolean;
  onEvent?: (event: VpcdEvent) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class VpcdCardClient {
  readonly card: VirtualCard;
  readonly host: string;
  readonly port: number;
  delayMs: number;
  readonly #retryIntervalMs: number;
  readonly #reconnect: boolean;
  readonly #onEvent: (event: VpcdEvent) => void;
  /** True between insert() and remove(): the card should be on the reader. */
  #wanted = false;
  #closed = false;
  #socket: Socket | null = null;
  #connecting: Promise<void> | null = null;
  #removeOn: ((apdu: Uint8Array) => boolean) | null = null;
  #wake: (() => void) | null = null;

  constructor(card: VirtualCard, options: VpcdClientOptions = {}) {
    this.card = card;
    this.host = options.host ?? VPCD_DEFAULT_HOST;
    this.port = options.port ?? VPCD_DEFAULT_PORT;
    this.delayMs = options.delayMs ?? 0;
    this.#retryIntervalMs = options.retryIntervalMs ?? 100;
    this.#reconnect = options.reconnect ?? true;
    this.#onEvent = options.onEvent ?? (() => {});
  }

  /** True while a connection to the driver is open (the card is on the reader). */
  get inserted(): boolean {
    return this.#socket !== null;
  }

  /** Puts the card on the reader: connects, retrying until the driver listens. Resolves once connected. */
  insert(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('this vpcd client is closed'));
    this.#wanted = true;
    if (this.#socket) return Promise.resolve();
    this.#connecting ??= this.#connectWithRetry().finally(() => (this.#connecting = null));
    return this.#connecting;
  }

  /** Takes the card off the reader: closes the connection. The card keeps its retry counters. */
  async remove(): Promise<void> {
    this.#wanted = false;
    this.#wake?.();
    await this.#connecting?.catch(() => {});
    await this.#drop('us');
  }

  /** Removes the card for good; the client cannot be inserted again. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.remove();
  }

  /**
   * The next APDU that matches (any APDU when no predicate) is not answered: the connection drops instead, as when
   * a card leaves the field mid-exchange. The card then stays removed until insert().
   */
  removeOnNextApdu(predicate: (apdu: Uint8Array) => boolean = () => true): void {
    this.#removeOn = predicate;
  }

  async #connectWithRetry(): Promise<void> {
    this.#onEvent({ type: 'connecting', host: this.host, port: this.port });
    while (this.#wanted && !this.#socket) {
      try {
        this.#adopt(await this.#connectOnce());
        if (!this.#wanted) await this.#drop('us'); // remove() came while we were connecting
        return;
      } catch {
        // Refused or reset: the driver is not listening yet (pcscd starting). Retry until removed.
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
          setTimeout(resolve, this.#retryIntervalMs);
        });
        this.#wake = null;
      }
    }
  }

  #connectOnce(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      const fail = (e: Error) => {
        socket.destroy();
        reject(e);
      };
      socket.once('error', fail);
      socket.connect({ host: this.host, port: this.port }, () => {
        socket.off('error', fail);
        resolve(socket);
      });
    });
  }

  #adopt(socket: Socket): void {
    // The driver writes length and payload in two send()s; we answer in one write with Nagle off.
    socket.setNoDelay(true);
    this.#socket = socket;
    const reader = new VpcdFrameReader();
    let queue = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        // One at a time, in order: a delayed answer must not be overtaken by the next request.
        queue = queue.then(() => this.#answer(socket, frame));
      }
    });
    socket.on('error', () => {
      // A reset from the driver: 'close' follows and does the bookkeeping.
    });
    socket.on('close', () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.card.powerOff(); // off the reader = no power; the counters stay
      this.#onEvent({ type: 'removed', by: 'driver' });
      if (this.#wanted && this.#reconnect && !this.#closed) void this.insert().catch(() => {});
    });
    this.#onEvent({ type: 'inserted' });
  }

  async #answer(socket: Socket, frame: Uint8Array): Promise<void> {
    if (socket !== this.#socket) return;
    if (frame.length === 1) {
      this.#control(socket, frame[0]!);
      return;
    }
    if (frame.length === 0) return;
    if (this.#removeOn?.(frame)) {
      this.#removeOn = null;
      this.#wanted = false;
      await this.#drop('us');
      return;
    }
    if (this.delayMs > 0) await sleep(this.delayMs);
    if (socket !== this.#socket) return; // removed while "thinking"
    const response = this.card.handle(frame);
    socket.write(vpcdFrame(response));
    const sw = response.length >= 2 ? (response[response.length - 2]! << 8) | response[response.length - 1]! : 0;
    this.#onEvent({ type: 'apdu', ins: frame[1]!, sw });
  }

  #control(socket: Socket, code: number): void {
    switch (code) {
      case CONTROL.powerOff:
        this.card.powerOff();
        this.#onEvent({ type: 'power', state: 'off' });
        return;
      case CONTROL.powerOn:
        this.card.powerOn();
        this.#onEvent({ type: 'power', state: 'on' });
        return;
      case CONTROL.reset:
        this.card.reset();
        this.#onEvent({ type: 'power', state: 'reset' });
        return;
      case CONTROL.atr:
        socket.write(vpcdFrame(this.card.atr));
        return;
      default:
        return; // unknown control codes get no reply, like power and reset
    }
  }

  #drop(by: 'us' | 'driver'): Promise<void> {
    const socket = this.#socket;
    if (!socket) return Promise.resolve();
    this.#socket = null;
    this.card.powerOff();
    this.#onEvent({ type: 'removed', by });
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }
}
