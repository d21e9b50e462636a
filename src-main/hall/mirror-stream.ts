// A joined kiosk's live mirror to the hall: one WebSocket (TLS, the joined CA only, the device credential) that
// carries the mirror its local desk gets, as `kiosk.mirror` requests. Only the latest mirror matters: while the hall
// is out of reach nothing is queued, and the current one is sent again once the socket is back.
import WebSocket from 'ws';
import type { AnswerProblem, AnswerValue } from '../contract/common';
import { HALL_WS_PATH, type HallEvent, type HallMirror, type LIVE_CORRECTION_REFUSALS } from '../contract/hall';
import type { HallCredential } from './join';

export interface HallMirrorStreamOptions {
  credential: HallCredential;
  /** The kiosk's mirror now: sent on every (re)connect. */
  current(): HallMirror;
  /** A clerk at a hall desk corrects the live session: applied as the kiosk's paired desk applies its own. */
  correct?(who: { clerk: string; deskId: string }, key: string, value: AnswerValue): Promise<{ ok: true; problems: AnswerProblem[] } | { ok: false; code: (typeof LIVE_CORRECTION_REFUSALS)[number] }>;
  /** Wait before reconnecting after a drop (default 1 s); a refused credential waits a minute. */
  retryMs?: number;
}

export class HallMirrorStream {
  private ws: WebSocket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private nextId = 1;
  private desks = 0;

  constructor(private readonly options: HallMirrorStreamOptions) {}

  start(): void {
    this.connect();
  }

  /** The kiosk's mirror changed: sent at once when the socket is open, else dropped (the next connect sends the latest). */
  publish(mirror: HallMirror): void {
    const ws = this.ws;
    if (ws?.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify({ kind: 'request', id: this.nextId++, name: 'kiosk.mirror', params: { mirror } }));
  }

  /** Desks of the site with a clerk signed in, as the hall last said (0 while the stream is down). */
  desksListening(): number {
    return this.ws?.readyState === WebSocket.OPEN ? this.desks : 0;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.ws?.terminate();
    this.ws = undefined;
  }

  private async applyCorrection(ws: WebSocket, event: Extract<HallEvent, { type: 'live-correction' }>): Promise<void> {
    const { correctionId, clerk, deskId, key, value } = event;
    const outcome = this.options.correct ? await this.options.correct({ clerk, deskId }, key, value).catch(() => ({ ok: false as const, code: 'internal' as const })) : { ok: false as const, code: 'no-session' as const };
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify({ kind: 'request', id: this.nextId++, name: 'kiosk.corrected', params: { correctionId, ...outcome } }));
  }

  private connect(): void {
    if (this.closed) return;
    const { hall, credential, ca } = this.options.credential;
    const url = new URL(HALL_WS_PATH, hall.replace(/^https:/, 'wss:'));
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${credential}` }, ...(ca ? { ca } : {}), handshakeTimeout: 10_000 });
    this.ws = ws;
    let refused = false;
    ws.on('unexpected-response', (_req, res) => {
      refused = res.statusCode === 401;
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => this.publish(this.options.current()));
    // An answer says how many desks of the site have a clerk now; a refused mirror is replaced by the next one.
    // An event is a hall desk's correction of the live session.
    ws.on('message', (data) => {
      try {
        const message = JSON.parse(data.toString()) as { kind?: string; ok?: boolean; result?: { desks?: unknown }; event?: HallEvent };
        if (message.kind === 'event' && message.event?.type === 'live-correction') void this.applyCorrection(ws, message.event);
        else if (message.ok === true && typeof message.result?.desks === 'number') this.desks = message.result.desks;
      } catch {
        // not an answer of ours: ignored
      }
    });
    ws.on('error', () => undefined);
    ws.on('close', (code) => {
      if (this.ws === ws) this.ws = undefined;
      this.desks = 0;
      if (this.closed) return;
      const wait = refused || code === 4401 ? 60_000 : (this.options.retryMs ?? 1_000);
      this.timer = setTimeout(() => this.connect(), wait);
      this.timer.unref();
    });
  }
}
