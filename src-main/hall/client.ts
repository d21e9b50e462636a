// A joined kiosk's one HTTPS client to the hall: every request carries the device credential; only the CA the kiosk
// joined with is trusted. Answers are typed failures, never the hall's words.
import { Agent, request } from 'node:https';
import { createSecureContext } from 'node:tls';
import { HALL_HTTP, STAFF_HEADER, type HallParams, type HallRequestName, type HallResult } from '../contract/hall';
import type { HallCredential } from './join';
import { wireJson } from './wire-json';

/** `unreachable`: no answer (down, refused, timed out); `unauthorized`: unknown or revoked; `refused`: any other failure. */
export class HallCallError extends Error {
  constructor(readonly code: 'unreachable' | 'unauthorized' | 'refused') {
    super(`hall call: ${code}`);
    this.name = 'HallCallError';
  }
}

export class HallClient {
  private readonly agent: Agent;
  private nextId = 1;
  /** A desk's staff session (from `staff.signIn`), sent with every request while set. */
  staffSession: string | undefined;

  constructor(
    private readonly credential: HallCredential,
    /** Kept-alive connections: a drain of hundreds is not hundreds of TLS handshakes, and not one at a time. */
    sockets = 8,
  ) {
    // One TLS context for every connection: built from the CA per connection it was a third of a returning drain.
    const secureContext = credential.ca ? createSecureContext({ ca: credential.ca }) : undefined;
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets, ...(secureContext ? { secureContext } : {}) });
  }

  call<N extends HallRequestName>(name: N, params: HallParams<N>, timeoutMs = 15_000): Promise<HallResult<N>> {
    const url = new URL(this.credential.hall);
    const body = wireJson({ kind: 'request', id: this.nextId++, name, params });
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port || 443,
          path: HALL_HTTP.rpc,
          method: 'POST',
          agent: this.agent,
          timeout: timeoutMs,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${this.credential.credential}`,
            'content-length': body.length,
            ...(this.staffSession ? { [STAFF_HEADER]: this.staffSession } : {}),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => {
            if (res.statusCode === 401) return reject(new HallCallError('unauthorized'));
            try {
              const message = JSON.parse(text) as { ok?: boolean; result?: HallResult<N> };
              if (message.ok === true && message.result !== undefined) resolve(message.result);
              else reject(new HallCallError('refused'));
            } catch {
              reject(new HallCallError('refused'));
            }
          });
          res.on('error', () => reject(new HallCallError('unreachable')));
        },
      );
      req.on('timeout', () => req.destroy(new HallCallError('unreachable')));
      req.on('error', () => reject(new HallCallError('unreachable')));
      req.end(body);
    });
  }

  /** Whether the hall answers its public GET /health now: a cheap probe before unsealing anything to send. */
  healthy(timeoutMs = 2_000): Promise<boolean> {
    const url = new URL(this.credential.hall);
    return new Promise((resolve) => {
      const req = request({ host: url.hostname, port: url.port || 443, path: HALL_HTTP.health, method: 'GET', agent: this.agent, timeout: timeoutMs }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200));
        res.on('error', () => resolve(false));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
