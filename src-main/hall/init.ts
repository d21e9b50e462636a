// `kakanai hall init`: a private CA and the server's certificate, made with the openssl CLI. No passphrase exists, so
// nothing secret is ever in argv; the keys are 0600 in a 0700 folder.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface HallInitResult {
  caCert: string;
  cert: string;
  key: string;
}

export class HallInitError extends Error {
  constructor(readonly code: 'AlreadyInitialised') {
    super(code);
  }
}

export async function initHallDir(dir: string, hostnames: string[]): Promise<HallInitResult> {
  const caKey = join(dir, 'ca.key');
  const caCert = join(dir, 'ca.pem');
  const key = join(dir, 'server.key');
  const csr = join(dir, 'server.csr');
  const cert = join(dir, 'server.pem');
  if (existsSync(caKey) || existsSync(key)) throw new HallInitError('AlreadyInitialised');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const ext = join(dir, 'server.ext');
  const san = hostnames.map((h) => (/^[\d.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
  writeFileSync(ext, `subjectAltName=${san}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`, { mode: 0o600 });
  const opts = { timeout: 60_000, env: { ...process.env, RANDFILE: join(dir, '.rnd') } };
  try {
    await run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', caKey], opts);
    await run('openssl', ['req', '-x509', '-new', '-key', caKey, '-sha256', '-days', '3650', '-subj', '/CN=Kakanai Hall CA', '-out', caCert], opts);
    await run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key], opts);
    await run('openssl', ['req', '-new', '-key', key, '-subj', `/CN=${hostnames[0] ?? 'localhost'}`, '-out', csr], opts);
    await run('openssl', ['x509', '-req', '-in', csr, '-CA', caCert, '-CAkey', caKey, '-CAcreateserial', '-days', '825', '-sha256', '-extfile', ext, '-out', cert], opts);
  } finally {
    rmSync(csr, { force: true });
    rmSync(ext, { force: true });
    rmSync(join(dir, '.rnd'), { force: true });
  }
  for (const f of [caKey, key]) chmodSync(f, 0o600);
  return { caCert, cert, key };
}
