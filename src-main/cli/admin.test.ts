// kakanai admin as a real process: the passphrase from standard input, the hash in config.json (0600), the audit.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DesignerStore, verifyPassphrase } from '../counter/admin';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs src-main/cli/admin.ts's run() in a child process, as bin/kakanai.mjs would. */
function kakanaiAdmin(args: string[], input = '') {
  const script = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(join(import.meta.dirname, 'admin.ts'))}); }).then((m) => m.run(process.argv.slice(1))).then((code) => { process.exitCode = code; });`;
  const r = spawnSync(process.execPath, ['-e', script, '--', ...args], { input, encoding: 'utf8', timeout: 60_000, cwd: join(import.meta.dirname, '../..') });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Each run starts tsx in a fresh process: seconds on a busy machine.
describe('kakanai admin', { timeout: 60_000 }, () => {
  it('set-passphrase --stdin stores only a scrypt hash, mode 0600, and audits it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-admin-cli-'));
    dirs.push(dir);
    const r = kakanaiAdmin(['set-passphrase', '--out', dir, '--stdin'], 'katori city hall 2025\n');
    expect(r.code, r.err).toBe(0);
    const config = join(dir, 'config.json');
    expect(statSync(config).mode & 0o777).toBe(0o600);
    const text = readFileSync(config, 'utf8');
    expect(text).not.toContain('katori city hall');
    const hash = (JSON.parse(text) as { admin: { passphrase: string } }).admin.passphrase;
    expect(await verifyPassphrase('katori city hall 2025', hash)).toBe(true);
    expect(`${r.out}${r.err}`).not.toContain('katori city hall');
    const store = new DesignerStore(join(dir, 'designer.db'));
    try {
      expect(store.auditLog()).toEqual([{ at: expect.any(Number), who: 'kakanai admin', action: 'set-passphrase' }]);
    } finally {
      store.close();
    }
  });

  it('refuses a passphrase under 12 characters and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-admin-cli-'));
    dirs.push(dir);
    const r = kakanaiAdmin(['set-passphrase', '--out', dir, '--stdin'], 'short\n');
    expect(r.code).toBe(1);
    expect(r.err).toContain('at least 12 characters');
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });

  it('prints where the admin app is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-admin-cli-'));
    dirs.push(dir);
    const r = kakanaiAdmin(['--port', '9000', '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('http://127.0.0.1:9000/admin\n');
    expect(r.err).toContain('kakanai admin set-passphrase');
    expect(kakanaiAdmin(['frobnicate']).code).toBe(2);
  });
});
