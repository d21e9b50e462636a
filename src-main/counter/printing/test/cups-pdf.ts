// The cups-pdf virtual printer that .ci/setup installs, as the printing tests (rig and e2e) reach it: its queue name,
// lpstat in the C locale, the folder its jobs land in, the check that CUPS and the printer are there at all, and the
// lock a printing test file holds so that vitest's and Playwright's files, run at the same time, never print at once.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const CUPS_PDF_PRINTER = 'kakanai-pdf';

export function lpstat(...args: string[]): string {
  return execFileSync('lpstat', args, { encoding: 'utf8', timeout: 10_000, env: { ...process.env, LC_ALL: 'C' } });
}

/** Where cups-pdf writes this user's jobs: its `Out` setting, with ${HOME} and ${USER} filled in. */
export function cupsPdfOutDir(): string {
  const conf = readFileSync('/etc/cups/cups-pdf.conf', 'utf8');
  const out = /^Out\s+(.+)$/m.exec(conf)?.[1]?.trim() ?? '/var/spool/cups-pdf/${USER}';
  return out.replace('${HOME}', homedir()).replace('${USER}', userInfo().username);
}

/** Throws, saying what to run, when cupsd is not running or the cups-pdf printer is not installed. */
export function assertCupsPdfReady(): void {
  if (!lpstat('-r').includes('is running')) throw new Error('cupsd is not running: run .ci/setup (or /usr/sbin/cupsd)');
  if (!lpstat('-p').includes(`printer ${CUPS_PDF_PRINTER} `)) throw new Error(`no ${CUPS_PDF_PRINTER} printer: run .ci/setup`);
}

/** One lock for every test that prints on cups-pdf or adds a queue: its output folder and queue list are the system's. */
export const PRINTER_LOCK = join(tmpdir(), 'kakanai-cups-pdf.lock');
/** How long a printing test file may wait for the lock: the longest other printing file, on a busy machine. */
export const PRINTER_WAIT_MS = 15 * 60_000;

/**
 * Waits until no other test process holds the printer, then holds it until the returned release is called. The lock
 * is flock(1)'s, held by a child reading our stdin: it ends with release or with this process, however that dies.
 */
export async function holdPrinter(): Promise<() => Promise<void>> {
  const holder = spawn('flock', [PRINTER_LOCK, 'sh', '-c', 'echo held && exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = once(holder, 'exit');
  const held = once(holder.stdout, 'data');
  const first = await Promise.race([held.then(() => 'held' as const), exited.then(([code]) => `ended (${String(code)})`)]);
  if (first !== 'held') throw new Error(`flock ${PRINTER_LOCK} ${first} before holding the printer lock`);
  return async () => {
    holder.stdin.end();
    await exited;
  };
}
