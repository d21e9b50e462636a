// A joined kiosk's outbox: its own sealed SQLite queue. A submission is durable there before the resident is told;
// this forwards each one to the hall under its submission key (the hall stores a key once, so a resend after a lost
// answer or a kill is harmless) and then lets the local queue purge it. An unreachable hall is retried, never fatal.
import { request, Agent } from 'node:https';
import { HALL_HTTP, type HallResults } from '../contract/hall';
import type { ClerkQueue } from '../counter/queue/store';
import type { HallCredential } from './join';

const FORWARDER = { kind: 'system', id: 'hall-outbox' } as const;

export interface OutboxOptions {
  /** The kiosk's queue, best opened with `purgeWhenDone: false`: the outbox purges once per round, not per visit. */
  queue: ClerkQueue;
  credential: HallCredential;
  /** The pause after a round that found the hall unreachable (default 1 s). */
  retryMs?: number;
  /** The pause after a round that emptied the outbox (default 250 ms). */
  idleMs?: number;
}

export class HallOutbox {
  private readonly agent: Agent;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(private readonly options: OutboxOptions) {
    // One kept-alive connection: 200 forwards are not 200 TLS handshakes.
    this.agent = new Agent({ keepAlive: true, maxSockets: 1, ...(options.credential.ca ? { ca: options.credential.ca } : {}) });
  }

  /** Forwards every waiting submission in order; stops at the first that cannot reach the hall. */
  async forwardOnce(): Promise<{ forwarded: number; reachable: boolean }> {
    let forwarded = 0;
    for (const summary of this.options.queue.list({ status: ['submitted'] })) {
      const key = this.options.queue.submissionKeyOf(summary.id);
      if (key === undefined) continue;
      const opened = this.options.queue.open(summary.id, FORWARDER);
      const params = {
        submissionKey: key,
        kioskTicket: summary.ticketNumber,
        day: summary.day,
        ...(summary.procedureId ? { procedureId: summary.procedureId } : {}),
        forms: opened.reveal().map((f) => ({
          templateId: f.templateId,
          ...(f.templateVersion ? { templateVersion: f.templateVersion } : {}),
          pdfBase64: Buffer.from(f.pdf).toString('base64'),
          values: f.values,
        })),
      };
      let answer: HallResults['kiosk.submit'] | undefined;
      try {
        answer = await this.submit(params);
      } catch {
        answer = undefined;
      }
      if (!answer) {
        if (forwarded > 0) this.options.queue.purge();
        return { forwarded, reachable: false };
      }
      // Stored at the hall (now or by an earlier try): done here, and the local queue purges it.
      this.options.queue.setStatus(summary.id, 'confirmed', FORWARDER);
      this.options.queue.setStatus(summary.id, 'done', FORWARDER);
      forwarded += 1;
    }
    if (forwarded > 0) this.options.queue.purge();
    return { forwarded, reachable: true };
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
          this.timer = setTimeout(round, r.reachable ? (this.options.idleMs ?? 250) : (this.options.retryMs ?? 1000));
        });
    };
    round();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.agent.destroy();
  }

  /** The hall's answer, or undefined when it refused (not stored: tried again next round). Throws when unreachable. */
  private submit(params: unknown): Promise<HallResults['kiosk.submit'] | undefined> {
    const url = new URL(this.options.credential.hall);
    const body = JSON.stringify({ kind: 'request', id: 1, name: 'kiosk.submit', params });
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port || 443,
          path: HALL_HTTP.rpc,
          method: 'POST',
          agent: this.agent,
          timeout: 15_000,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.credential.credential}`, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => {
            try {
              const message = JSON.parse(text) as { ok?: boolean; result?: HallResults['kiosk.submit'] };
              resolve(message.ok === true ? message.result : undefined);
            } catch {
              resolve(undefined);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });
  }
}
