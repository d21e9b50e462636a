// kakanai admin and kakanai staff as real processes: named staff with their own passphrase from standard input, only
// a scrypt hash in staff.json (0600), the audit; set-passphrase says what replaced it.
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

/** Runs a CLI module's run() in a child process, as bin/kakanai.mjs would. */
function kakanai(module: 'admin' | 'staff', args: string[], input = '') {
  const script = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(join(import.meta.dirname, `${module}.ts`))}); }).then((m) => m.run(process.argv.slice(1))).then((code) => { process.exitCode = code; });`;
  const r = spawnSync(process.execPath, ['-e', script, '--', ...args], { input, encoding: 'utf8', timeout: 60_000, cwd: join(import.meta.dirname, '../..') });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-staff-cli-'));
  dirs.push(dir);
  return dir;
}

// Each run starts tsx in a fresh process: seconds on a busy machine.
describe('kakanai staff and kakanai admin', { timeout: 60_000 }, () => {
  it('staff add --stdin stores only a scrypt hash with the role, mode 0600; list and remove; all audited', async () => {
    const dir = tempDir();
    const r = kakanai('staff', ['add', 'Tanaka.H', '--role', 'clerk', '--out', dir, '--stdin'], 'katori city hall 2025\n');
    expect(r.code, r.err).toBe(0);
    const file = join(dir, 'staff.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('katori city hall');
    const [member] = (JSON.parse(text) as { staff: { name: string; role: string; passphraseHash: string }[] }).staff;
    expect(member).toMatchObject({ name: 'tanaka.h', role: 'clerk' });
    expect(await verifyPassphrase('katori city hall 2025', member!.passphraseHash)).toBe(true);
    expect(`${r.out}${r.err}`).not.toContain('katori city hall');
    expect(kakanai('staff', ['add', 'joho', '--role', 'it', '--out', dir, '--stdin'], 'another long passphrase\n').code).toBe(0);
    expect(kakanai('staff', ['list', '--out', dir]).out).toBe('tanaka.h\tclerk\njoho\tit\n');
    expect(kakanai('staff', ['remove', 'tanaka.h', '--out', dir]).code).toBe(0);
    expect(kakanai('staff', ['remove', 'tanaka.h', '--out', dir]).code).toBe(1);
    expect(kakanai('staff', ['list', '--out', dir]).out).toBe('joho\tit\n');
    const store = new DesignerStore(join(dir, 'designer.db'));
    try {
      expect(store.auditLog().map((e) => `${e.who}:${e.action}`).sort()).toEqual(['kakanai staff:staff-add', 'kakanai staff:staff-add', 'kakanai staff:staff-remove']);
    } finally {
      store.close();
    }
  });

  it('refuses a short passphrase, an unknown role, a bad name and a passphrase in argv, writing nothing', () => {
    const dir = tempDir();
    const short = kakanai('staff', ['add', 'tanaka', '--role', 'clerk', '--out', dir, '--stdin'], 'short\n');
    expect(short.code).toBe(1);
    expect(short.err).toContain('at least 12 characters');
    expect(kakanai('staff', ['add', 'tanaka', '--role', 'mayor', '--out', dir, '--stdin'], 'katori city hall 2025\n').code).toBe(2);
    expect(kakanai('staff', ['add', '田中', '--role', 'clerk', '--out', dir, '--stdin'], 'katori city hall 2025\n').code).toBe(2);
    expect(kakanai('staff', ['add', 'tanaka', 'katori city hall 2025', '--role', 'clerk', '--out', dir]).code).toBe(2);
    expect(existsSync(join(dir, 'staff.json'))).toBe(false);
  });

  it('admin prints where the admin app is; set-passphrase says what replaced it', () => {
    const dir = tempDir();
    const r = kakanai('admin', ['--port', '9000', '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('http://127.0.0.1:9000/admin\n');
    expect(r.err).toContain('kakanai staff add NAME --role it');
    const old = kakanai('admin', ['set-passphrase', '--out', dir, '--stdin'], 'katori city hall 2025\n');
    expect(old.code).toBe(2);
    expect(old.err).toContain('kakanai staff add NAME --role it');
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
    expect(kakanai('admin', ['frobnicate']).code).toBe(2);
  });
});
