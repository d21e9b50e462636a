import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as hallCli } from '../../cli/hall.js';
import { initHallDir } from '../init.js';
import { SCHEMA_VERSION } from '../migrations.js';
import { startHallServer } from '../server.js';
import { startPgCluster, type PgCluster } from './pg-cluster.js';

let cluster: PgCluster;
let dir: string;
beforeAll(async () => {
  cluster = await startPgCluster();
  dir = mkdtempSync(join(tmpdir(), 'kakanai-hall-init-'));
});
afterAll(async () => {
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function get(port: number, path: string, ca: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: 'localhost', port, path, ca }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('kakanai hall', () => {
  it('init makes a private CA and a server certificate (keys 0600 in a 0700 folder) that a client trusting only that CA accepts; serve answers /health with the schema version and 401 on any other path without a device credential', async () => {
    const keys = join(dir, 'keys');
    const made = await initHallDir(keys, ['localhost']);
    expect(statSync(keys).mode & 0o777).toBe(0o700);
    expect(statSync(made.key).mode & 0o777).toBe(0o600);
    expect(statSync(join(keys, 'ca.key')).mode & 0o777).toBe(0o600);
    const { stdout } = await promisify(execFile)('openssl', ['verify', '-CAfile', made.caCert, made.cert]);
    expect(stdout).toContain('OK');

    const server = await startHallServer({
      db: await cluster.createDatabase('serve_1'),
      cert: readFileSync(made.cert, 'utf8'),
      key: readFileSync(made.key, 'utf8'),
      port: 0,
      host: '127.0.0.1',
    });
    try {
      const ca = readFileSync(made.caCert, 'utf8');
      expect(await get(server.port, '/health', ca)).toEqual({ status: 200, body: { ok: true, schemaVersion: SCHEMA_VERSION } });
      expect(await get(server.port, '/queue', ca)).toEqual({ status: 401, body: { ok: false, code: 'unauthorized' } });
    } finally {
      await server.close();
    }
  });

  it('serve refuses to start without a certificate and key', async () => {
    expect(await hallCli(['serve', '--db', 'postgres://nowhere/none'])).toBe(2);
    expect(await hallCli(['serve', '--db', 'postgres://nowhere/none', '--tls-cert', 'x.pem'])).toBe(2);
    expect(await hallCli(['serve', '--db', 'postgres://nowhere/none', '--tls-cert', join(dir, 'none.pem'), '--tls-key', join(dir, 'none.key')])).toBe(1);
  });

  it('init refuses a folder that already holds keys', async () => {
    expect(await hallCli(['init', '--dir', join(dir, 'keys')])).toBe(1);
  });
});
