// The printers a desk may choose: the CUPS destinations this system has, as lpstat lists them. execFile with an argv
// (no shell) and a timeout, in the C locale so the few phrases we read are recognised whatever the city's locale.
import { execFile } from 'node:child_process';
import type { PrinterDestination } from '../../contract/clerk';
import { PrintError } from './cups';

export type { PrinterDestination };

export interface ListPrintersOptions {
  /** The `lpstat` binary (tests may point elsewhere). */
  lpstatPath?: string;
  /** Per lpstat call. Default 5 s. */
  timeoutMs?: number;
}

/** A name lp can be given: the same rule as printPdf's. */
const PRINTER = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,126}$/;

/** Every CUPS destination, sorted by name. Throws PrintError('no-cups') when lpstat or the scheduler is not there. */
export async function listPrinters(options: ListPrintersOptions = {}): Promise<PrinterDestination[]> {
  const run = (...args: string[]) => lpstat(options.lpstatPath ?? 'lpstat', args, options.timeoutMs ?? 5_000);
  const names = (await run('-e')).split('\n').map((l) => l.trim()).filter((n) => PRINTER.test(n));
  if (names.length === 0) return [];
  const [accepting, fallback] = await Promise.all([run('-a'), run('-d')]);
  const accepts = new Set(accepting.split('\n').flatMap((l) => (/^(\S+) accepting requests/.exec(l)?.[1] ?? []) as string[]));
  const isDefault = /system default destination: (\S+)/.exec(fallback)?.[1];
  return [...new Set(names)].sort().map((name) => ({ name, accepting: accepts.has(name), isDefault: name === isDefault }));
}

function lpstat(path: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(path, args, { timeout: timeoutMs, killSignal: 'SIGKILL', env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const e = error as NodeJS.ErrnoException & { killed?: boolean };
      if (e.killed) return reject(new PrintError('timeout'));
      // `lpstat -d`/`-a` exit 1 when there is no default or no destination: that is an answer, not a failure.
      if (/no system default destination|no destinations added/i.test(`${stdout}${stderr}`)) return resolve(stdout);
      reject(new PrintError('no-cups'));
    });
  });
}
