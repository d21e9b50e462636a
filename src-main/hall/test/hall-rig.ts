// One private cluster, one hall and a client that speaks the hall's wire as a kiosk or desk does: shared by the hall
// tests and `npm run bench:hall`, so both set a hall up the same way. `remove()` leaves nothing in the temp folder.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HALL_HTTP, STAFF_HEADER } from '../../contract/hall';
import { keyFolderStore } from '../../counter/queue/key';
import { initHallDir } from '../init';
import { wireJson } from '../wire-json';
import { startHallServer, type HallServer } from '../server';
import { startPgCluster, type PgCluster } from './pg-cluster';

export interface HallRig {
  cluster: PgCluster;
  /** The rig's temp folder: TLS files, the hall's queue key; a caller may put its own files under it. */
  dir: string;
  tls: { cert: string; key: string; ca: string };
  db: string;
  /** Starts a hall on this database (port 0: any free one; the same port again after a stop). */
  start(port?: number, options?: { rendererDir?: string }): Promise<HallServer>;
  /** Stops the cluster and removes the folder. */
  remove(): Promise<void>;
}

export async function startHallRig(name: string, options: { pgStatements?: boolean } = {}): Promise<HallRig> {
  const cluster = await startPgCluster({ statements: options.pgStatements ?? false });
  const dir = mkdtempSync(join(tmpdir(), `kakanai-${name}-`));
  try {
    const made = await initHallDir(join(dir, 'tls'), ['localhost']);
    const tls = { cert: readFileSync(made.cert, 'utf8'), key: readFileSync(made.key, 'utf8'), ca: readFileSync(made.caCert, 'utf8') };
    const db = await cluster.createDatabase(name.replace(/-/g, '_'));
    return {
      cluster,
      dir,
      tls,
      db,
      start: (port = 0, options = {}) => startHallServer({ db, cert: tls.cert, key: tls.key, port, host: '127.0.0.1', keys: keyFolderStore(join(dir, 'hall-keys')), ...options }),
      async remove() {
        try {
          await cluster.stop();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

export interface HallAnswer<T = unknown> {
  status: number;
  ok: boolean;
  result?: T;
  code?: string;
}

/** One device's connection to the hall: one kept-alive socket, as the kiosk's outbox holds. */
export class HallClient {
  private readonly agent: Agent;
  private nextId = 1;
  staffSession: string | undefined;

  constructor(private readonly port: number, ca: string, private readonly credential?: string) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 1, ca });
  }

  /** A request of the hall contract at POST /rpc (or the enrolment's redeem at POST /enrol). */
  call<T = unknown>(name: string, params: unknown): Promise<HallAnswer<T>> {
    const path = name === 'enrolment.redeem' ? HALL_HTTP.enrol : HALL_HTTP.rpc;
    const body = wireJson({ kind: 'request', id: this.nextId++, name, params });
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': body.length };
    if (this.credential) headers.authorization = `Bearer ${this.credential}`;
    if (this.staffSession) headers[STAFF_HEADER] = this.staffSession;
    return new Promise((resolve, reject) => {
      const req = request({ host: 'localhost', port: this.port, path, method: 'POST', agent: this.agent, headers }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('error', reject);
        res.on('end', () => {
          const m = JSON.parse(text) as { ok?: boolean; result?: T; code?: string; error?: { code: string } };
          resolve({ status: res.statusCode ?? 0, ok: m.ok === true, result: m.result, code: m.error?.code ?? m.code });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
