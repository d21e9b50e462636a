// A joined kiosk's link to the hall: its outbox forwarding, its state reported every ~15 s and on reader changes
// (template version and reader only, never a resident's data), the hall's live templates cached into the kiosk's own
// store, and the ticket a resident takes away (the hall's when it answers in time, else the kiosk's own, offline).
import { createHash } from 'node:crypto';
import type { HallMirror, HallParams, HallResults } from '../contract/hall';
import type { ClerkQueue } from '../counter/queue/store';
import { HallCallError, HallClient } from './client';
import type { HallCredential } from './join';
import { HallMirrorStream, type HallMirrorStreamOptions } from './mirror-stream';
import { HallOutbox } from './outbox';
import { defaultTicketPrefix, isHallTicket } from './ticket-prefix';

export type HallVersions = HallResults['kiosk.templates']['versions'];
export type KioskReader = HallParams<'kiosk.state'>['reader'];

export interface HallLinkOptions {
  credential: HallCredential;
  /** The kiosk's own sealed queue, opened with `purgeWhenDone: false`: the outbox. */
  queue: ClerkQueue;
  /** Stores the hall's live versions in the kiosk's template store; true when that changed the kiosk's library. */
  cacheTemplates(versions: HallVersions): boolean;
  /** The kiosk's store of background PDFs by hash (a template goes live here only once its backgrounds are). */
  backgrounds?: { has(hash: string): boolean; add(bg: { hash: string; bytes: Uint8Array; pagesMm: { widthMm: number; heightMm: number }[] }): void };
  reader(): KioskReader;
  /** The kiosk's live mirror now: streamed to the hall for the desks that follow this kiosk. */
  mirror?: () => HallMirror;
  /** A hall desk's correction of the live session (see HallMirrorStreamOptions.correct). */
  correct?: HallMirrorStreamOptions['correct'];
  /** How long a resident waits for the hall's ticket before the kiosk gives its own (default 1.5 s). */
  ackWithinMs?: number;
  stateEveryMs?: number;
  templatesEveryMs?: number;
  retryMs?: number;
}

/** The resident's ticket: the hall's, or (hall out of reach) the kiosk's own, which the hall then records as offline. */
export interface HallReceipt {
  ticketNumber: string;
  offline: boolean;
}

/** The prefix of a joined kiosk's own tickets (`K3FA2-017`): the one the hall chose at joining, unique in the site. */
export function offlineTicketPrefix(credential: HallCredential): string {
  return credential.ticketPrefix ?? defaultTicketPrefix(credential.deviceId);
}

export class HallLink {
  readonly outbox: HallOutbox;
  private readonly client: HallClient;
  private readonly mirrorStream: HallMirrorStream | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private stateTimer: NodeJS.Timeout | undefined;
  private templatesVersion = 'unknown';
  private closed = false;
  /** The last answer: `revoked` once the hall refuses the credential (the outbox keeps everything). */
  state: 'unknown' | 'online' | 'unreachable' | 'revoked' = 'unknown';

  constructor(private readonly options: HallLinkOptions) {
    this.client = new HallClient(options.credential);
    this.outbox = new HallOutbox({ queue: options.queue, credential: options.credential, client: this.client, ...(options.retryMs ? { retryMs: options.retryMs } : {}) });
    if (options.mirror) this.mirrorStream = new HallMirrorStream({ credential: options.credential, current: options.mirror, ...(options.correct ? { correct: options.correct } : {}) });
  }

  start(): void {
    this.outbox.start();
    this.mirrorStream?.start();
    void this.refreshTemplates().then(() => this.reportState());
    this.timers.push(setInterval(() => this.reportState(), this.options.stateEveryMs ?? 15_000));
    this.timers.push(setInterval(() => void this.refreshTemplates(), this.options.templatesEveryMs ?? 30_000));
    for (const t of this.timers) t.unref();
  }

  /** The kiosk's mirror changed (the same moment its local desks are told). */
  mirrorChanged(mirror: HallMirror): void {
    if (!this.closed) this.mirrorStream?.publish(mirror);
  }

  /** Desks at the hall that a call for a clerk reaches now (as the hall last said; 0 while unreachable). */
  desksListening(): number {
    return this.mirrorStream?.desksListening() ?? 0;
  }

  /** Reports soon (a reader change): several changes at once make one report. */
  readerChanged(): void {
    if (this.closed) return;
    clearTimeout(this.stateTimer);
    this.stateTimer = setTimeout(() => void this.reportState(), 200);
    this.stateTimer.unref();
  }

  async reportState(): Promise<void> {
    if (this.closed) return;
    await this.track(this.client.call('kiosk.state', { version: this.templatesVersion, reader: this.options.reader() }, 5_000));
  }

  /**
   * Fetches the hall's live versions into the kiosk's store. Sessions in progress keep the plan they started with;
   * the next one uses these. A hall out of reach leaves the cached versions in use.
   */
  async refreshTemplates(): Promise<'updated' | 'unchanged' | 'unreachable'> {
    if (this.closed) return 'unreachable';
    const answer = await this.track(this.client.call('kiosk.templates', {}, 10_000));
    if (!answer || this.closed) return 'unreachable';
    if (!(await this.fetchBackgrounds(answer.versions)) || this.closed) return 'unreachable';
    try {
      const changed = this.options.cacheTemplates(answer.versions);
      this.templatesVersion = versionOf(answer.versions);
      return changed ? 'updated' : 'unchanged';
    } catch {
      // The kiosk's store refused them (busy, full disk): the cached versions stay in use, tried again next time.
      console.error('hall: templates-not-cached');
      return 'unchanged';
    }
  }

  /**
   * The site's next ticket for a visit about to be submitted, drawn on its forms: the hall's one sequence, or
   * undefined when the hall does not answer within the short wait (the kiosk then gives its own, offline).
   */
  async ticket(day: string): Promise<string | undefined> {
    if (this.closed) return undefined;
    return (await this.within(this.track(this.client.call('kiosk.ticket', { day }, this.options.ackWithinMs ?? 1_500))))?.ticketNumber;
  }

  /**
   * Called once the submission is durable in the outbox, with the ticket drawn on its forms: forwards it at once and
   * waits a short time. Offline when the ticket is the kiosk's own or the hall has not stored the visit yet — the
   * outbox forwards it later, once, with the same ticket.
   */
  async acknowledge(submissionKey: string, ticketNumber: string): Promise<HallReceipt> {
    const offline = { ticketNumber, offline: true };
    const id = this.options.queue.list({ status: ['submitted'] }).find((s) => this.options.queue.submissionKeyOf(s.id) === submissionKey)?.id;
    if (id === undefined || this.closed) return offline;
    // Purged once stored, also when the answer comes after the wait (no round of the outbox sends it again).
    const forwarding = this.track(this.outbox.forward(id)).then((answer) => {
      if (answer && !this.closed) this.options.queue.purge();
      return answer;
    });
    const answer = await this.within(forwarding);
    return answer ? { ticketNumber, offline: !isHallTicket(ticketNumber) } : offline;
  }

  /** The answer, or undefined after the short wait a resident is kept at the kiosk (the call itself goes on). */
  private async within<T>(call: Promise<T | undefined>): Promise<T | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), this.options.ackWithinMs ?? 1_500)));
    try {
      return await Promise.race([call, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Every `designer/<hash>.pdf` the versions name and the kiosk lacks, checked against its hash; false if one is missing. */
  private async fetchBackgrounds(versions: HallVersions): Promise<boolean> {
    const store = this.options.backgrounds;
    if (!store) return true;
    const wanted = new Set(versions.flatMap((v) => [...v.json.matchAll(/designer\/([0-9a-f]{64})\.pdf/g)].map((m) => m[1]!)));
    for (const hash of wanted) {
      if (store.has(hash)) continue;
      const bg = await this.track(this.client.call('kiosk.background', { hash }, 30_000));
      if (!bg) return false;
      const bytes = Buffer.from(bg.pdfBase64, 'base64');
      if (createHash('sha256').update(bytes).digest('hex') !== hash) return false;
      store.add({ hash, bytes: new Uint8Array(bytes), pagesMm: bg.pagesMm });
    }
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.mirrorStream?.close();
    for (const t of this.timers) clearInterval(t);
    clearTimeout(this.stateTimer);
    // Closing the connections first ends a send in flight at once (it is resent later, by its key), not after 15 s.
    const stopping = this.outbox.stop();
    this.client.close();
    await stopping;
  }

  /** The answer, or undefined when the hall did not give one; records whether it was reachable. */
  private async track<T>(call: Promise<T>): Promise<T | undefined> {
    try {
      const answer = await call;
      this.state = 'online';
      return answer;
    } catch (e) {
      if (e instanceof HallCallError) this.state = e.code === 'unauthorized' ? 'revoked' : e.code === 'unreachable' ? 'unreachable' : this.state;
      return undefined;
    }
  }
}

/** A short name of the hall's versions the kiosk runs, for the admin's kiosk list. */
function versionOf(versions: HallVersions): string {
  const list = versions.map((v) => `${v.kind}:${v.id}:${v.version}`).sort().join(',');
  return createHash('sha256').update(list).digest('hex').slice(0, 12);
}
