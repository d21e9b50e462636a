// The IT staff's sign-in: the passphrase check with limits on wrong tries (per client address and over all clients),
// and the sessions it opens — a random 256-bit id held only as its SHA-256, with an idle and an absolute expiry.
// Pure state and a clock; the passphrase check is given. The host sets the cookie.
import { createHash, randomBytes } from 'node:crypto';

export interface AdminSessionOptions {
  clock?: () => number;
  /** A session with no request for this long ends. Default 30 min. */
  idleMs?: number;
  /** A session ends this long after sign-in, however busy. Default 8 h. */
  absoluteMs?: number;
  /** Wrong passphrases a client address may send per window before it gets 429. Default 5 per 5 min. */
  wrongPerClient?: number;
  wrongWindowMs?: number;
  /** Wrong passphrases from all clients together per window (a guesser spreading over addresses). Default 20. */
  wrongOverall?: number;
}

export type SignInOutcome =
  | { ok: true; sessionId: string; name: string }
  | { ok: false; reason: 'wrong-passphrase' | 'no-passphrase' }
  | { ok: false; reason: 'rate-limited'; retryAfterMs: number };

type AdminSession = { name: string; signedInAt: number; lastSeenAt: number };

/** A staff name for the audit: 1–40 characters after trimming, no control characters. */
export function staffName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const trimmed = name.normalize('NFC').trim();
  const length = [...trimmed].length;
  // eslint-disable-next-line no-control-regex
  return length >= 1 && length <= 40 && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(trimmed) ? trimmed : undefined;
}

export class AdminSessions {
  private readonly clock: () => number;
  private readonly idleMs: number;
  private readonly absoluteMs: number;
  private readonly wrongPerClient: number;
  private readonly wrongWindowMs: number;
  private readonly wrongOverall: number;
  private readonly sessions = new Map<string, AdminSession>();
  private readonly wrongByClient = new Map<string, number[]>();
  private wrongAll: number[] = [];

  constructor(options: AdminSessionOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.idleMs = options.idleMs ?? 30 * 60_000;
    this.absoluteMs = options.absoluteMs ?? 8 * 60 * 60_000;
    this.wrongPerClient = options.wrongPerClient ?? 5;
    this.wrongWindowMs = options.wrongWindowMs ?? 5 * 60_000;
    this.wrongOverall = options.wrongOverall ?? 20;
  }

  /**
   * One sign-in attempt. `check` compares the passphrase with the stored hash (undefined: none is set). The try is
   * counted as wrong before the check runs, so attempts sent in parallel cannot slip past the limit.
   */
  async signIn(name: string, client: string, check: () => Promise<boolean | undefined>): Promise<SignInOutcome> {
    const now = this.clock();
    const mine = this.recent(this.wrongByClient.get(client) ?? [], now);
    this.wrongAll = this.recent(this.wrongAll, now);
    const limited = [mine.length >= this.wrongPerClient ? mine[0]! : undefined, this.wrongAll.length >= this.wrongOverall ? this.wrongAll[0]! : undefined]
      .filter((t) => t !== undefined)
      .map((t) => t + this.wrongWindowMs - now);
    if (limited.length > 0) {
      this.wrongByClient.set(client, mine);
      return { ok: false, reason: 'rate-limited', retryAfterMs: Math.max(1000, ...limited) };
    }
    mine.push(now);
    this.wrongAll.push(now);
    this.wrongByClient.set(client, mine);
    const matched = await check();
    if (matched === undefined) {
      this.forgetTry(client, now);
      return { ok: false, reason: 'no-passphrase' };
    }
    if (!matched) return { ok: false, reason: 'wrong-passphrase' };
    this.forgetTry(client, now);
    this.wrongByClient.delete(client);
    const sessionId = randomBytes(32).toString('base64url');
    const at = this.clock();
    this.sessions.set(digest(sessionId), { name, signedInAt: at, lastSeenAt: at });
    return { ok: true, sessionId, name };
  }

  /** The staff name of a live session, touching its idle timer; undefined for an unknown or expired one. */
  nameOf(sessionId: string | undefined, { touch = true } = {}): string | undefined {
    if (!sessionId) return undefined;
    const key = digest(sessionId);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    const now = this.clock();
    if (this.expired(session, now)) {
      this.sessions.delete(key);
      return undefined;
    }
    if (touch) session.lastSeenAt = now;
    return session.name;
  }

  signOut(sessionId: string | undefined): string | undefined {
    const name = this.nameOf(sessionId, { touch: false });
    if (name !== undefined) this.sessions.delete(digest(sessionId!));
    return name;
  }

  /** Ends every session (the passphrase was changed). */
  signOutAll(): void {
    this.sessions.clear();
  }

  /** Drops expired sessions and old wrong tries. */
  sweep(): void {
    const now = this.clock();
    for (const [key, s] of this.sessions) if (this.expired(s, now)) this.sessions.delete(key);
    for (const [client, tries] of this.wrongByClient) {
      const recent = this.recent(tries, now);
      if (recent.length === 0) this.wrongByClient.delete(client);
      else this.wrongByClient.set(client, recent);
    }
  }

  get size(): number {
    return this.sessions.size;
  }

  private expired(s: AdminSession, now: number): boolean {
    return now - s.lastSeenAt >= this.idleMs || now - s.signedInAt >= this.absoluteMs;
  }

  private recent(times: number[], now: number): number[] {
    return times.filter((t) => now - t < this.wrongWindowMs);
  }

  private forgetTry(client: string, at: number): void {
    const drop = (times: number[] | undefined) => {
      const i = times?.lastIndexOf(at) ?? -1;
      if (i >= 0) times!.splice(i, 1);
    };
    drop(this.wrongByClient.get(client));
    drop(this.wrongAll);
  }
}

function digest(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url');
}
