// A joined kiosk's outbox: its own sealed SQLite queue. A submission is durable there before the resident is told;
// this forwards each one to the hall under its submission key (the hall stores a key once, so a resend after a lost
// answer or a kill is harmless) and then lets the local queue purge it. An unreachable hall is retried, never fatal.
import { SUBMIT_BATCH_MAX, type HallParams, type HallResults } from '../contract/hall';
import type { ClerkQueue } from '../counter/queue/store';
import { HallCallError, HallClient } from './client';
import type { HallCredential } from './join';
import { isHallTicket } from './ticket-prefix';

const FORWARDER = { kind: 'system', id: 'hall-outbox' } as const;
/** Submissions opened per local transaction (and at most this many per round's step). */
const BATCH = SUBMIT_BATCH_MAX;
/** One `kiosk.submitBatch` carries at most this many submissions and about this many bytes of PDF. */
const PER_REQUEST = 16;
const REQUEST_BYTES = 8 * 1024 * 1024;
/** Batch requests in flight at once: two keep the hall and the wire busy without a TLS connection per visit. */
const PARALLEL = 2;
const REVOKED_RETRY_MS = 60_000;

export interface OutboxOptions {
  /** The kiosk's queue, best opened with `purgeWhenDone: false`: the outbox purges once per round, not per visit. */
  queue: ClerkQueue;
  credential: HallCredential;
  /** The pause after a round that found the hall unreachable (default 250 ms: an unreachable hall is a cheap refusal). */
  retryMs?: number;
  /** The pause after a round that emptied the outbox (default 250 ms). */
  idleMs?: number;
  /** The client to use (the kiosk's link shares one); the outbox closes only its own. */
  client?: HallClient;
}

export type Forwarded = HallResults['kiosk.submit'];

export class HallOutbox {
  private readonly client: HallClient;
  private readonly ownsClient: boolean;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  private lastRound: 'reachable' | 'unreachable' | 'revoked' = 'reachable';
  /** Submissions being sent right now (by a round or `forward`): never sent twice at once. */
  private readonly inFlight = new Set<number>();

  constructor(private readonly options: OutboxOptions) {
    this.ownsClient = !options.client;
    this.client = options.client ?? new HallClient(options.credential);
  }

  /**
   * Forwards every waiting submission, a batch at a time: unsealed in one local transaction, sent as a few
   * `kiosk.submitBatch` requests, and marked done in the transaction that unseals the next batch (each local write
   * waits for the disk), then one purge. Stops once the hall is found unreachable.
   */
  async forwardOnce(): Promise<{ forwarded: number; reachable: boolean }> {
    const queue = this.options.queue;
    const waiting = queue.list({ status: ['submitted'] }).filter((s) => !this.inFlight.has(s.id));
    let forwarded = 0;
    // After a round that found no hall: a cheap probe first, so an offline kiosk does not unseal (and audit) a batch
    // every few hundred milliseconds; after a refused credential (the probe is public) one visit before a batch.
    if (waiting.length > 0 && this.lastRound !== 'reachable' && !(await this.client.healthy())) return this.ended(0, 'unreachable');
    let reachable = true;
    let revoked = false;
    let stored: number[] = [];
    try {
      for (let at = 0, size = this.lastRound === 'revoked' ? 1 : BATCH; at < waiting.length && reachable && !this.stopped; at += size, size = BATCH) {
        const batch = waiting.slice(at, at + size).filter((s) => !this.inFlight.has(s.id));
        for (const s of batch) this.inFlight.add(s.id);
        const marking = stored;
        stored = [];
        try {
          const sends = queue.inOneTransaction(() => {
            this.markForwarded(marking);
            return batch.map((s) => this.paramsOf(s.id));
          });
          forwarded += marking.length;
          const sent = await this.send(sends);
          stored = sent.stored;
          reachable = sent.reachable;
          revoked = sent.revoked;
        } finally {
          this.settled(marking);
          this.settled(batch.map((s) => s.id).filter((id) => !stored.includes(id)));
        }
      }
      if (stored.length > 0) {
        queue.inOneTransaction(() => this.markForwarded(stored));
        forwarded += stored.length;
      }
    } finally {
      this.settled(stored);
    }
    // One purge per round, not per visit: the queue's purge rewrites the file.
    if (forwarded > 0) queue.purge();
    return this.ended(forwarded, revoked ? 'revoked' : reachable ? 'reachable' : 'unreachable');
  }

  /**
   * Sends opened submissions as `kiosk.submitBatch` requests, a few at once; a batch the hall refuses is sent again one
   * by one, so one refused visit does not hold back the others. Unreachable or revoked: stops, nothing is dropped.
   */
  private async send(sends: { id: number; params?: HallParams<'kiosk.submit'> }[]): Promise<{ stored: number[]; reachable: boolean; revoked: boolean }> {
    const stored: number[] = [];
    let reachable = true;
    let revoked = false;
    const lost = (e: unknown): void => {
      if (e instanceof HallCallError && e.code === 'refused') return; // not stored: tried again next round
      reachable = false;
      if (e instanceof HallCallError && e.code === 'unauthorized') revoked = true;
    };
    const requests = splitForRequests(sends.filter((s): s is { id: number; params: HallParams<'kiosk.submit'> } => s.params !== undefined));
    const worker = async (): Promise<void> => {
      for (let next = requests.shift(); next && reachable; next = requests.shift()) {
        try {
          await this.client.call('kiosk.submitBatch', { submissions: next.map((s) => s.params) });
          stored.push(...next.map((s) => s.id));
        } catch (e) {
          if (!(e instanceof HallCallError && e.code === 'refused' && next.length > 1)) {
            lost(e);
            continue;
          }
          for (const one of next) {
            if (!reachable) break;
            await this.client.call('kiosk.submit', one.params).then(() => stored.push(one.id), lost);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    return { stored, reachable, revoked };
  }

  /** Forwarded ones no longer held back from another send (marked done, or given up for this round). */
  private settled(ids: number[]): void {
    for (const id of ids) this.inFlight.delete(id);
  }

  private ended(forwarded: number, round: 'reachable' | 'unreachable' | 'revoked'): { forwarded: number; reachable: boolean } {
    this.lastRound = round;
    return { forwarded, reachable: round === 'reachable' };
  }

  /**
   * Sends one submission now, with the ticket drawn on its forms. Undefined when it is not waiting (already forwarded,
   * or being sent); throws HallCallError when the hall did not take it.
   */
  async forward(id: number, { timeoutMs }: { timeoutMs?: number } = {}): Promise<Forwarded | undefined> {
    if (this.inFlight.has(id)) return undefined;
    const queue = this.options.queue;
    if (!queue.list({ status: ['submitted'] }).some((s) => s.id === id)) return undefined;
    this.inFlight.add(id);
    try {
      const { params } = this.paramsOf(id);
      if (!params) return undefined;
      const answer = await this.client.call('kiosk.submit', params, timeoutMs).catch((e: unknown) => {
        // The next round then probes before it unseals anything.
        if (e instanceof HallCallError && e.code !== 'refused') this.lastRound = e.code === 'unauthorized' ? 'revoked' : 'unreachable';
        throw e;
      });
      this.markForwarded([id]);
      return answer;
    } finally {
      this.inFlight.delete(id);
    }
  }

  /** What `kiosk.submit` sends for one waiting submission (its forms unsealed for the TLS wire only). */
  private paramsOf(id: number): { id: number; params?: HallParams<'kiosk.submit'> } {
    const queue = this.options.queue;
    const key = queue.submissionKeyOf(id);
    if (key === undefined) return { id };
    const opened = queue.open(id, FORWARDER);
    const summary = opened.summary;
    return {
      id,
      params: {
        submissionKey: key,
        // The ticket on its forms: the hall's (issued for this visit), or the kiosk's own, which the hall records as offline.
        ...(isHallTicket(summary.ticketNumber) ? { hallTicket: summary.ticketNumber } : { kioskTicket: summary.ticketNumber }),
        day: summary.day,
        ...(summary.procedureId ? { procedureId: summary.procedureId } : {}),
        forms: opened.reveal().map((f) => ({
          templateId: f.templateId,
          ...(f.templateVersion ? { templateVersion: f.templateVersion } : {}),
          pdfBase64: Buffer.from(f.pdf).toString('base64'),
          values: f.values,
        })),
      },
    };
  }

  /** Stored at the hall (now or by an earlier try): done here in one write each (one forwarded meanwhile by `forward`,
   * a resident's live submission, is already done and left alone), and the local queue purges it. */
  private markForwarded(ids: number[]): void {
    if (ids.length > 0) this.options.queue.handedOver(ids, FORWARDER);
  }

  /** Forwards now and again after each round until stopped. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const round = (): void => {
      this.running = this.forwardOnce()
        .catch(() => ({ forwarded: 0, reachable: false }))
        .then((r) => {
          if (this.stopped) return;
          // A revoked kiosk keeps everything and asks again only now and then (IT may re-join it).
          const pause = r.reachable ? (this.options.idleMs ?? 250) : this.lastRound === 'revoked' ? REVOKED_RETRY_MS : (this.options.retryMs ?? 250);
          this.timer = setTimeout(round, pause);
        });
    };
    round();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    if (this.ownsClient) this.client.close();
  }
}

/** Requests of at most PER_REQUEST submissions and about REQUEST_BYTES each, as even in size as the count allows. */
function splitForRequests<T extends { params: HallParams<'kiosk.submit'> }>(sends: T[]): T[][] {
  const count = Math.max(Math.ceil(sends.length / PER_REQUEST), Math.min(PARALLEL, sends.length));
  const per = Math.ceil(sends.length / Math.max(count, 1));
  const requests: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const send of sends) {
    const size = send.params.forms.reduce((sum, f) => sum + f.pdfBase64.length, 0);
    if (current.length > 0 && (current.length >= per || bytes + size > REQUEST_BYTES)) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push(send);
    bytes += size;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}
