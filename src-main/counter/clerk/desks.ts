// Paired clerk desks: the kiosk's rotating 6-digit pairing code, the desks' sessions (a random 256-bit id held only
// as its SHA-256, with an idle expiry), and the limit on wrong codes. Pure state and a clock: the host sets cookies.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { DeskInfo } from '../../contract/clerk';

export interface DeskRegistryOptions {
  clock?: () => number;
  /** A code is shown for this long, then replaced (and at once after a desk used it). Default 5 min. */
  codeLifetimeMs?: number;
  /** A desk that made no request for this long is logged out. Default 30 min. */
  idleMs?: number;
  /** Wrong codes a client may send per window before it gets 429 until the window passes. Default 5 per 10 min. */
  wrongCodesPerClient?: number;
  wrongCodeWindowMs?: number;
  /** After this many wrong codes from anyone the code is replaced: a guesser never gets more tries at one code. */
  wrongCodesPerCode?: number;
}

export type PairingOutcome =
  | { ok: true; sessionId: string; deskId: string }
  | { ok: false; reason: 'wrong-code' | 'rate-limited'; retryAfterMs?: number };

type DeskSession = { deskId: string; pairedAt: number; lastSeenAt: number };

export class DeskRegistry {
  private readonly clock: () => number;
  private readonly codeLifetimeMs: number;
  private readonly idleMs: number;
  private readonly wrongPerClient: number;
  private readonly wrongWindowMs: number;
  private readonly wrongPerCode: number;
  private code = '';
  private codeExpiresAt = 0;
  private wrongForCode = 0;
  /** SHA-256(session id) → desk: a dump of this map cannot be replayed as a cookie. */
  private readonly sessions = new Map<string, DeskSession>();
  private readonly wrongByClient = new Map<string, number[]>();
  private readonly endListeners = new Set<(deskId: string, why: 'revoked' | 'expired' | 'logout') => void>();
  private deskCount = 0;

  constructor(options: DeskRegistryOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.codeLifetimeMs = options.codeLifetimeMs ?? 5 * 60_000;
    this.idleMs = options.idleMs ?? 30 * 60_000;
    this.wrongPerClient = options.wrongCodesPerClient ?? 5;
    this.wrongWindowMs = options.wrongCodeWindowMs ?? 10 * 60_000;
    this.wrongPerCode = options.wrongCodesPerCode ?? 5;
    this.rotate();
  }

  /** The code the kiosk's staff panel shows now, and until when. */
  pairingCode(): { code: string; expiresAt: number } {
    if (this.clock() >= this.codeExpiresAt) this.rotate();
    return { code: this.code, expiresAt: this.codeExpiresAt };
  }

  /** A desk's attempt; `client` is the caller's address (its wrong codes are counted on their own). */
  pair(code: string, client: string): PairingOutcome {
    const now = this.clock();
    const wrong = (this.wrongByClient.get(client) ?? []).filter((t) => now - t < this.wrongWindowMs);
    if (wrong.length >= this.wrongPerClient) return { ok: false, reason: 'rate-limited', retryAfterMs: wrong[0]! + this.wrongWindowMs - now };
    const current = this.pairingCode().code;
    if (!sameCode(code, current)) {
      wrong.push(now);
      this.wrongByClient.set(client, wrong);
      this.wrongForCode += 1;
      if (this.wrongForCode >= this.wrongPerCode) this.rotate();
      return { ok: false, reason: 'wrong-code' };
    }
    this.wrongByClient.delete(client);
    this.rotate(); // a code pairs one desk only
    const sessionId = randomBytes(32).toString('base64url');
    this.deskCount += 1;
    const deskId = `desk-${this.deskCount}-${randomBytes(3).toString('hex')}`;
    this.sessions.set(digest(sessionId), { deskId, pairedAt: now, lastSeenAt: now });
    return { ok: true, sessionId, deskId };
  }

  /** The desk of a live session, touching its idle timer; undefined for an unknown, revoked or idle one. */
  deskOf(sessionId: string | undefined, { touch = true } = {}): string | undefined {
    if (!sessionId) return undefined;
    const key = digest(sessionId);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    const now = this.clock();
    if (now - session.lastSeenAt >= this.idleMs) {
      this.sessions.delete(key);
      this.announceEnd(session.deskId, 'expired');
      return undefined;
    }
    if (touch) session.lastSeenAt = now;
    return session.deskId;
  }

  logout(sessionId: string | undefined): string | undefined {
    const deskId = this.deskOf(sessionId, { touch: false });
    if (deskId) {
      this.sessions.delete(digest(sessionId!));
      this.announceEnd(deskId, 'logout');
    }
    return deskId;
  }

  list(): DeskInfo[] {
    this.sweep();
    return [...this.sessions.values()].map((s) => ({ deskId: s.deskId, pairedAt: s.pairedAt, lastSeenAt: s.lastSeenAt }));
  }

  revoke(deskId: string): boolean {
    for (const [key, s] of this.sessions) {
      if (s.deskId !== deskId) continue;
      this.sessions.delete(key);
      this.announceEnd(deskId, 'revoked');
      return true;
    }
    return false;
  }

  /** Drops idle sessions (their sockets are closed by the listener). */
  sweep(): void {
    const now = this.clock();
    for (const [key, s] of this.sessions) {
      if (now - s.lastSeenAt < this.idleMs) continue;
      this.sessions.delete(key);
      this.announceEnd(s.deskId, 'expired');
    }
  }

  onDeskEnded(listener: (deskId: string, why: 'revoked' | 'expired' | 'logout') => void): () => void {
    this.endListeners.add(listener);
    return () => void this.endListeners.delete(listener);
  }

  private announceEnd(deskId: string, why: 'revoked' | 'expired' | 'logout'): void {
    for (const l of [...this.endListeners]) l(deskId, why);
  }

  private rotate(): void {
    let next = this.code;
    while (next === this.code) next = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.code = next;
    this.codeExpiresAt = this.clock() + this.codeLifetimeMs;
    this.wrongForCode = 0;
  }
}

function digest(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url');
}

function sameCode(given: string, expected: string): boolean {
  const a = Buffer.from(String(given).padEnd(6).slice(0, 6));
  const b = Buffer.from(expected);
  return /^\d{6}$/.test(given) && timingSafeEqual(a, b);
}
