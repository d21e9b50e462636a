// The live mirror through the hall: each joined kiosk's latest mirror, in memory only, passed on to the desks that
// follow that kiosk, and its calls for a clerk to every desk of its site. Nothing here is ever written anywhere; a
// resident's session end replaces her mirror with an empty one, and a kiosk's stream closing drops it.
import type { AnswerProblem, AnswerValue } from '../contract/common';
import type { HallEvent, HallMirror, HallParams } from '../contract/hall';

/** The staff session a desk socket carries now, as the relay needs it to decide what the desk may see. */
export interface FollowerStaff {
  role: 'clerk' | 'it';
  /** null: a clerk of every site. */
  site: string | null;
}

/** One desk's WebSocket. `staff()` is read at every delivery: a signed-out or ended session gets nothing. */
export interface MirrorListener {
  staff(): FollowerStaff | undefined;
  send(event: HallEvent): void;
}

/** A clerk sees the kiosks of their own site (a clerk of every site: all); the admin role sees no resident. */
export function mayWatch(staff: FollowerStaff | undefined, site: string): boolean {
  return staff !== undefined && staff.role === 'clerk' && (staff.site === null || staff.site === site);
}

/** How long a hall desk waits for the kiosk to apply its correction. */
export const LIVE_CORRECTION_MS = 5_000;

/** How a clerk's correction came back from the kiosk. */
export type LiveCorrection = { ok: true; problems: AnswerProblem[] } | { ok: false; code: 'no-session' | 'invalid-request' | 'busy' | 'internal' | 'kiosk-unreachable' };

export class MirrorRelay {
  private readonly mirrors = new Map<string, { site: string; mirror: HallMirror }>();
  /** The site of each kiosk whose stream is connected, mirror or not. */
  private readonly streaming = new Map<string, string>();
  /** Each streaming kiosk's socket, for the corrections clerks send it. */
  private readonly toKiosk = new Map<string, (event: HallEvent) => void>();
  /** Corrections sent to a kiosk and not answered yet, by their id. */
  private readonly pending = new Map<number, { kioskId: string; done(answer: LiveCorrection): void }>();
  private nextCorrection = 1;
  private readonly listeners = new Set<MirrorListener>();
  private readonly following = new Map<MirrorListener, string>();

  addListener(listener: MirrorListener): void {
    this.listeners.add(listener);
  }

  removeListener(listener: MirrorListener): void {
    this.listeners.delete(listener);
    this.following.delete(listener);
  }

  /** A kiosk's stream opened; `send` reaches that kiosk's socket. */
  connected(kioskId: string, site: string, send: (event: HallEvent) => void): void {
    this.streaming.set(kioskId, site);
    this.toKiosk.set(kioskId, send);
  }

  /** One of the kiosk's streams closed while another stays: corrections go to the one still open. */
  disconnected(kioskId: string, send: (event: HallEvent) => void, remaining: ((event: HallEvent) => void) | undefined): void {
    if (this.toKiosk.get(kioskId) !== send) return;
    if (remaining) this.toKiosk.set(kioskId, remaining);
    else this.toKiosk.delete(kioskId);
  }

  /**
   * A clerk's correction of the kiosk's live session, sent over the kiosk's socket; the kiosk's answer, or
   * `kiosk-unreachable` when it streams nothing or does not answer within `LIVE_CORRECTION_MS`.
   */
  correct(kioskId: string, who: { clerk: string; deskId: string }, key: string, value: AnswerValue, waitMs = LIVE_CORRECTION_MS): Promise<LiveCorrection> {
    const send = this.toKiosk.get(kioskId);
    if (!send) return Promise.resolve({ ok: false, code: 'kiosk-unreachable' });
    const correctionId = this.nextCorrection++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done({ ok: false, code: 'kiosk-unreachable' }), waitMs);
      const done = (answer: LiveCorrection) => {
        clearTimeout(timer);
        this.pending.delete(correctionId);
        resolve(answer);
      };
      this.pending.set(correctionId, { kioskId, done });
      send({ type: 'live-correction', correctionId, clerk: who.clerk, deskId: who.deskId, key, value });
    });
  }

  /** A kiosk's answer to a correction: taken only from the kiosk it was sent to. */
  corrected(kioskId: string, answer: HallParams<'kiosk.corrected'>): boolean {
    const waiting = this.pending.get(answer.correctionId);
    if (!waiting || waiting.kioskId !== kioskId) return false;
    waiting.done(answer.ok ? { ok: true, problems: answer.problems } : { ok: false, code: answer.code });
    return true;
  }

  /** The kiosk's new mirror: its followers get it; a call started or ended reaches every desk of its site. */
  publish(kioskId: string, site: string, mirror: HallMirror): void {
    const wasCalling = this.calling(kioskId);
    this.streaming.set(kioskId, site);
    this.mirrors.set(kioskId, { site, mirror });
    this.toFollowers(kioskId, site, mirror);
    const calling = mirror.session?.clerkCalled === true;
    if (calling !== wasCalling) this.toSite(site, { type: 'call', kioskId, site, calling });
  }

  /** The kiosk's stream closed (or the kiosk was revoked): its mirror is forgotten, its followers told. */
  drop(kioskId: string): void {
    const site = this.streaming.get(kioskId) ?? this.mirrors.get(kioskId)?.site;
    const wasCalling = this.calling(kioskId);
    this.streaming.delete(kioskId);
    this.mirrors.delete(kioskId);
    this.toKiosk.delete(kioskId);
    for (const waiting of [...this.pending.values()]) if (waiting.kioskId === kioskId) waiting.done({ ok: false, code: 'kiosk-unreachable' });
    if (site === undefined) return;
    this.toFollowers(kioskId, site, null);
    if (wasCalling) this.toSite(site, { type: 'call', kioskId, site, calling: false });
  }

  /** The listener follows this kiosk (and no other): its mirror now, or null while the kiosk streams none. */
  follow(listener: MirrorListener, kioskId: string): HallMirror | null {
    this.following.set(listener, kioskId);
    return this.mirrors.get(kioskId)?.mirror ?? null;
  }

  unfollow(listener: MirrorListener): void {
    this.following.delete(listener);
  }

  calling(kioskId: string): boolean {
    return this.mirrors.get(kioskId)?.mirror.session?.clerkCalled === true;
  }

  /** The site of a kiosk whose stream is connected (a clerk of every site follows by id). */
  siteOf(kioskId: string): string | undefined {
    return this.streaming.get(kioskId);
  }

  /** The desks of a site with a clerk signed in on their socket now. */
  desksOf(site: string): number {
    let n = 0;
    for (const listener of this.listeners) if (mayWatch(listener.staff(), site)) n++;
    return n;
  }

  queueChanged(site: string): void {
    this.toSite(site, { type: 'queue-changed', site });
  }

  private toFollowers(kioskId: string, site: string, mirror: HallMirror | null): void {
    for (const [listener, followed] of this.following) {
      if (followed === kioskId && mayWatch(listener.staff(), site)) listener.send({ type: 'mirror', kioskId, mirror });
    }
  }

  private toSite(site: string, event: HallEvent): void {
    for (const listener of this.listeners) if (mayWatch(listener.staff(), site)) listener.send(event);
  }
}
