// Wrong credentials slow their sender down; they never lock anyone out. Each client address gets a few free wrong
// tries, then an exponential delay between tries (capped), and nothing is counted over all addresses, so a guesser
// cannot shut the right person out from elsewhere. A browser that signed in before holds a device token (OWASP's
// "device cookie"): its tries are counted for that device alone, so even a guesser on the same address (every local
// user is 127.0.0.1) cannot delay it.
import { randomBytes } from 'node:crypto';
import { digest } from './session-table';

export interface AttemptLimiterOptions {
  clock?: () => number;
  /** Wrong tries a sender may make before the delay starts. Default 3. */
  freeTries?: number;
  /** The first delay; each further wrong try doubles it. Default 1 s. */
  baseDelayMs?: number;
  /** The longest delay. Default 30 s: the right credential is at most this late, however long the guessing goes on. */
  maxDelayMs?: number;
  /** A sender's wrong tries are forgotten after this long without one. Default 15 min. */
  forgetAfterMs?: number;
  /** How long a device token stays good. Default 90 days. */
  deviceLifetimeMs?: number;
}

export type AttemptVerdict = { ok: true; sender: string } | { ok: false; retryAfterMs: number };

type Sender = { wrong: number; lastWrongAt: number; nextAllowedAt: number };

export class AttemptLimiter {
  private readonly clock: () => number;
  private readonly freeTries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly forgetAfterMs: number;
  private readonly deviceLifetimeMs: number;
  private readonly senders = new Map<string, Sender>();
  /** SHA-256(device token) → who it was given to and until when. */
  private readonly devices = new Map<string, { who: string; until: number }>();

  constructor(options: AttemptLimiterOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.freeTries = options.freeTries ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.forgetAfterMs = options.forgetAfterMs ?? 15 * 60_000;
    this.deviceLifetimeMs = options.deviceLifetimeMs ?? 90 * 24 * 60 * 60_000;
  }

  /**
   * May this try go ahead? `address` is the client's address; `device` the token a browser presents for the name it
   * signs in as (`who`). The try is counted as wrong at once, so tries sent in parallel cannot slip past the delay;
   * call succeeded() when the credential was right.
   */
  begin(address: string, who: string, device?: string): AttemptVerdict {
    const now = this.clock();
    const sender = this.senderKey(address, who, device, now);
    const s = this.senders.get(sender);
    if (s && now - s.lastWrongAt >= this.forgetAfterMs) this.senders.delete(sender);
    const state = this.senders.get(sender) ?? { wrong: 0, lastWrongAt: 0, nextAllowedAt: 0 };
    if (now < state.nextAllowedAt) return { ok: false, retryAfterMs: state.nextAllowedAt - now };
    state.wrong += 1;
    state.lastWrongAt = now;
    const over = state.wrong - this.freeTries;
    state.nextAllowedAt = over > 0 ? now + Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (over - 1)) : 0;
    this.senders.set(sender, state);
    return { ok: true, sender };
  }

  /** The credential was right: the sender's count is cleared; returns a fresh device token for `who`. */
  succeeded(sender: string, who: string): string {
    this.senders.delete(sender);
    const token = randomBytes(32).toString('base64url');
    this.devices.set(digest(token), { who, until: this.clock() + this.deviceLifetimeMs });
    return token;
  }

  /** The try did not count (nothing to check against, e.g. a stale code): undo begin(). */
  forgive(sender: string): void {
    const state = this.senders.get(sender);
    if (!state) return;
    state.wrong -= 1;
    const over = state.wrong - this.freeTries;
    state.nextAllowedAt = over > 0 ? state.lastWrongAt + Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (over - 1)) : 0;
    if (state.wrong <= 0) this.senders.delete(sender);
  }

  /** Forgets the devices of a person (removed from the directory, or their passphrase changed). */
  forgetDevicesOf(who: string): void {
    for (const [key, d] of [...this.devices]) if (d.who === who) this.devices.delete(key);
  }

  /** Drops senders and devices nobody needs any more. */
  sweep(): void {
    const now = this.clock();
    for (const [key, s] of [...this.senders]) if (now - s.lastWrongAt >= this.forgetAfterMs) this.senders.delete(key);
    for (const [key, d] of [...this.devices]) if (now >= d.until) this.devices.delete(key);
  }

  private senderKey(address: string, who: string, device: string | undefined, now: number): string {
    const known = device ? this.devices.get(digest(device)) : undefined;
    if (known && known.who === who && now < known.until) return `device:${digest(device!)}`;
    return `address:${address}`;
  }
}
