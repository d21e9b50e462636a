// Paired clerk desks: the kiosk's rotating 6-digit pairing code and the desks' sessions (one SessionTable: hashed
// ids, idle and absolute expiry). A desk is paired by a signed-in clerk, whose name the session carries. Wrong codes
// slow their sender only (AttemptLimiter); the clerk's own code that just rotated is not a wrong try.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { DeskInfo } from '../../contract/clerk';
import { AttemptLimiter, SessionTable, type AttemptLimiterOptions, type SessionEnd } from '../access';

export interface DeskRegistryOptions {
  clock?: () => number;
  /** A code is shown for this long, then replaced (and at once after a desk used it). Default 5 min. */
  codeLifetimeMs?: number;
  /** A code replaced because its time was up still pairs for this long (the clerk was typing it). Default 60 s. */
  codeGraceMs?: number;
  /** A desk that made no request for this long is logged out. Default 30 min. */
  idleMs?: number;
  /** A desk is logged out this long after it paired, however busy: a working day. Default 10 h. */
  absoluteMs?: number;
  /** The delay on wrong codes, per client address. */
  wrongCodes?: AttemptLimiterOptions;
}

/**
 * Who works at a paired desk: the desk's public id and the clerk who paired it; `place` names the browser it was paired
 * from across pairings (a hash of its place cookie), for what the desk remembers (its printer).
 */
export type DeskSession = { deskId: string; clerk: string; place?: string };

export type CodeCheck = { ok: true; sender: string } | { ok: false; reason: 'wrong-code' | 'stale-code' } | { ok: false; reason: 'rate-limited'; retryAfterMs: number };

export class DeskRegistry {
  readonly sessions: SessionTable<DeskSession>;
  private readonly clock: () => number;
  private readonly codeLifetimeMs: number;
  private readonly codeGraceMs: number;
  private readonly limiter: AttemptLimiter;
  private code = '';
  private codeExpiresAt = 0;
  /** The code before this one, while it still pairs (it ran out of time, it was not used). */
  private previous: { code: string; until: number } | undefined;
  /** Codes shown lately: entering one is the clerk being late, not a guess. */
  private readonly recentCodes: string[] = [];
  private deskCount = 0;
  /** Open sockets per desk: a desk with none has left (its page was closed), whatever its session's idle timer says. */
  private readonly sockets = new Map<string, number>();

  constructor(options: DeskRegistryOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.codeLifetimeMs = options.codeLifetimeMs ?? 5 * 60_000;
    this.codeGraceMs = options.codeGraceMs ?? 60_000;
    this.sessions = new SessionTable({ clock: this.clock, idleMs: options.idleMs ?? 30 * 60_000, absoluteMs: options.absoluteMs ?? 10 * 60 * 60_000 });
    this.limiter = new AttemptLimiter({ clock: this.clock, ...options.wrongCodes });
    this.rotate(false);
  }

  /** The code the kiosk's staff panel shows now, and until when. */
  pairingCode(): { code: string; expiresAt: number } {
    if (this.clock() >= this.codeExpiresAt) this.rotate(true);
    return { code: this.code, expiresAt: this.codeExpiresAt };
  }

  /** The first step of pairing: is this the code (or the one just before it)? Counted per client address. */
  checkCode(code: string, client: string): CodeCheck {
    const given = String(code);
    const pairs = this.pairs(given);
    if (!pairs && this.recentCodes.includes(given)) return { ok: false, reason: 'stale-code' };
    // Slowed before the comparison: a sender under a delay learns nothing about any code.
    const verdict = this.limiter.begin(client, 'pairing');
    if (!verdict.ok) return { ok: false, reason: 'rate-limited', retryAfterMs: Math.max(1000, verdict.retryAfterMs) };
    if (!pairs) return { ok: false, reason: 'wrong-code' };
    this.limiter.succeeded(verdict.sender, 'pairing');
    return { ok: true, sender: verdict.sender };
  }

  /**
   * The last step: the clerk proved who they are; the code is checked again (another desk may have used it
   * meanwhile) and spent. Returns the session id (for the cookie only) and the desk's public id.
   */
  pair(code: string, clerk: string, place?: string): { ok: true; sessionId: string; deskId: string } | { ok: false; reason: 'stale-code' } {
    if (!this.pairs(String(code))) return { ok: false, reason: 'stale-code' };
    this.rotate(false); // a code pairs one desk only
    this.deskCount += 1;
    const deskId = `desk-${this.deskCount}-${randomBytes(3).toString('hex')}`;
    return { ok: true, sessionId: this.sessions.open({ deskId, clerk, ...(place ? { place } : {}) }), deskId };
  }

  /** The place a desk was paired from (see DeskSession), or undefined for a desk paired without one. */
  placeOf(deskId: string): string | undefined {
    return this.sessions.list().find((s) => s.data.deskId === deskId)?.data.place;
  }

  /** A desk's socket opened; the returned function is called when it closes. A desk with no open socket has left. */
  socketOpened(deskId: string): () => void {
    this.sockets.set(deskId, (this.sockets.get(deskId) ?? 0) + 1);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      const left = (this.sockets.get(deskId) ?? 1) - 1;
      if (left > 0) this.sockets.set(deskId, left);
      else this.sockets.delete(deskId);
    };
  }

  /** The desk of a live session, touching its idle timer; undefined for an unknown, revoked or expired one. */
  deskOf(sessionId: string | undefined, { touch = true } = {}): DeskSession | undefined {
    return this.sessions.get(sessionId, { touch });
  }

  logout(sessionId: string | undefined): DeskSession | undefined {
    return this.sessions.end(sessionId, 'logout');
  }

  list(): DeskInfo[] {
    return this.sessions.list().map((s) => ({ deskId: s.data.deskId, clerk: s.data.clerk, pairedAt: s.openedAt, lastSeenAt: s.lastSeenAt, present: this.sockets.has(s.data.deskId) }));
  }

  revoke(deskId: string): boolean {
    return this.sessions.endWhere((s) => s.deskId === deskId, 'revoked') > 0;
  }

  /** Ends the desks a clerk paired (they were removed from the staff directory). */
  revokeClerk(clerk: string): number {
    return this.sessions.endWhere((s) => s.clerk === clerk, 'revoked');
  }

  /** Drops expired sessions (their sockets are closed by the listener) and old wrong tries. */
  sweep(): void {
    this.sessions.sweep();
    this.limiter.sweep();
  }

  onDeskEnded(listener: (deskId: string, why: SessionEnd) => void): () => void {
    return this.sessions.onEnd((s, why) => listener(s.deskId, why));
  }

  private pairs(given: string): boolean {
    const now = this.clock();
    if (now >= this.codeExpiresAt) this.rotate(true);
    if (sameCode(given, this.code)) return true;
    return this.previous !== undefined && now < this.previous.until && sameCode(given, this.previous.code);
  }

  private rotate(timeUp: boolean): void {
    const old = this.code;
    let next = old;
    while (next === old || this.recentCodes.includes(next)) next = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (old) {
      this.recentCodes.push(old);
      if (this.recentCodes.length > 4) this.recentCodes.shift();
    }
    this.previous = timeUp && old ? { code: old, until: this.codeExpiresAt + this.codeGraceMs } : undefined;
    this.code = next;
    this.codeExpiresAt = this.clock() + this.codeLifetimeMs;
  }
}

/** The place a browser pairs from: a hash of its place cookie, so the cookie itself is kept nowhere. */
export function deskPlace(device: string): string {
  return createHash('sha256').update(`kakanai-desk-place/v1/${device}`).digest('hex').slice(0, 32);
}

function sameCode(given: string, expected: string): boolean {
  if (!/^\d{6}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
