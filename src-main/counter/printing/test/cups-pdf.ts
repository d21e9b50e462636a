// The cups-pdf virtual printer that .ci/setup installs, as the printing tests (rig and e2e) reach it: its queue name,
// lpstat in the C locale, the folder its jobs land in, and the check that CUPS and the printer are there at all.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';

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
