// The city-hall server, first part: HTTPS only, migrations on start, GET /health. The kiosk/desk protocol comes later.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { migrate, schemaVersion } from './migrations.js';

export interface HallServer {
  port: number;
  close(): Promise<void>;
}

export async function startHallServer(opts: { db: string; cert: string; key: string; port?: number; host?: string }): Promise<HallServer> {
  const pool = new pg.Pool({ connectionString: opts.db, max: 8 });
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const server: Server = createServer({ cert: opts.cert, key: opts.key, minVersion: 'TLSv1.2' }, (req, res) => {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json', 'strict-transport-security': 'max-age=31536000', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/health') {
      schemaVersion(pool).then(
        (v) => reply(200, { ok: true, schemaVersion: v }),
        () => reply(503, { ok: false, code: 'DatabaseUnavailable' }),
      );
      return;
    }
    reply(404, { ok: false, code: 'NotFound' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8443, opts.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
