// The one authenticated-session mechanism: desks, admin and staff sign-ins and the kiosk screen all hold their
// sessions here. An id is 256 random bits handed to the client once and kept only as its SHA-256, so a dump of the
// table cannot be replayed as a cookie. Pure state and a clock: hosts set the cookies.
import { createHash, randomBytes } from 'node:crypto';

export type SessionEnd = 'expired' | 'revoked' | 'logout';

export interface SessionTableOptions {
  clock?: () => number;
  /** A session with no use for this long ends. */
  idleMs: number;
  /** A session ends this long after it was opened, however busy. */
  absoluteMs: number;
}

export interface SessionEntry<T> {
  data: T;
  openedAt: number;
  lastSeenAt: number;
}

export class SessionTable<T> {
  private readonly clock: () => number;
  private readonly sessions = new Map<string, SessionEntry<T>>();
  private readonly endListeners = new Set<(data: T, why: SessionEnd) => void>();

  constructor(private readonly options: SessionTableOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** Opens a session; the returned id is the only copy of it (give it to the client, keep nothing). */
  open(data: T): string {
    const id = randomBytes(32).toString('base64url');
    const now = this.clock();
    this.sessions.set(digest(id), { data, openedAt: now, lastSeenAt: now });
    return id;
  }

  /** The data of a live session, touching its idle timer; undefined for an unknown, ended or expired one. */
  get(id: string | undefined, { touch = true } = {}): T | undefined {
    if (!id) return undefined;
    const key = digest(id);
    const entry = this.sessions.get(key);
    if (!entry) return undefined;
    const now = this.clock();
    if (this.expired(entry, now)) {
      this.drop(key, entry, 'expired');
      return undefined;
    }
    if (touch) entry.lastSeenAt = now;
    return entry.data;
  }

  /** Ends the session with this id (the client logged out); its data, or undefined when it was not live. */
  end(id: string | undefined, why: SessionEnd = 'logout'): T | undefined {
    const data = this.get(id, { touch: false });
    if (data !== undefined) this.drop(digest(id!), this.sessions.get(digest(id!))!, why);
    return data;
  }

  /** Ends every session whose data matches; how many. */
  endWhere(match: (data: T) => boolean, why: SessionEnd = 'revoked'): number {
    let ended = 0;
    for (const [key, entry] of [...this.sessions]) {
      if (!match(entry.data)) continue;
      this.drop(key, entry, why);
      ended += 1;
    }
    return ended;
  }

  /** The live sessions (expired ones are swept first). */
  list(): SessionEntry<T>[] {
    this.sweep();
    return [...this.sessions.values()].map((e) => ({ ...e }));
  }

  /** Drops expired sessions, telling the end listeners (hosts close their sockets). */
  sweep(): void {
    const now = this.clock();
    for (const [key, entry] of [...this.sessions]) if (this.expired(entry, now)) this.drop(key, entry, 'expired');
  }

  onEnd(listener: (data: T, why: SessionEnd) => void): () => void {
    this.endListeners.add(listener);
    return () => void this.endListeners.delete(listener);
  }

  get size(): number {
    return this.sessions.size;
  }

  private expired(entry: SessionEntry<T>, now: number): boolean {
    return now - entry.lastSeenAt >= this.options.idleMs || now - entry.openedAt >= this.options.absoluteMs;
  }

  private drop(key: string, entry: SessionEntry<T>, why: SessionEnd): void {
    if (!this.sessions.delete(key)) return;
    for (const l of [...this.endListeners]) l(entry.data, why);
  }
}

export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
