// Printing in the browser host: CUPS's `lp`, spawned with an argv array (no shell), the PDF on its stdin — so no copy
// of a resident's form is left in a temp file. The job title is what CUPS logs and cups-pdf names its file after:
// day, ticket and template id only.
import { spawn } from 'node:child_process';

export type PrintErrorCode = 'no-cups' | 'no-printer' | 'rejected' | 'timeout' | 'bad-title';

export class PrintError extends Error {
  constructor(readonly code: PrintErrorCode) {
    super(`printing: ${code}`);
    this.name = 'PrintError';
  }
}

export interface CupsPrintOptions {
  /** A CUPS queue name; omitted = the system default destination. */
  printer?: string;
  /** Non-personal job title, e.g. "2025-04-01_A-007_juminhyo-request". */
  title: string;
  copies?: number;
  /** The `lp` binary (tests may point elsewhere). */
  lpPath?: string;
  timeoutMs?: number;
}

const TITLE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;
const PRINTER = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,126}$/;

/** Hands one PDF to CUPS. Resolves the job id ("kakanai-pdf-12") once the scheduler accepted the job. */
export function printPdf(pdf: Uint8Array, options: CupsPrintOptions): Promise<{ jobId: string }> {
  if (!TITLE.test(options.title)) return Promise.reject(new PrintError('bad-title'));
  if (options.printer !== undefined && !PRINTER.test(options.printer)) return Promise.reject(new PrintError('no-printer'));
  const args = [
    ...(options.printer ? ['-d', options.printer] : []),
    '-t', options.title,
    '-n', String(Math.max(1, Math.min(99, Math.trunc(options.copies ?? 1)))),
    '-o', 'job-sheets=none',
  ];
  return new Promise((resolve, reject) => {
    // LC_ALL=C: lp's messages in English, so the few we tell apart are recognised whatever the city's locale.
    const lp = spawn(options.lpPath ?? 'lp', args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let stdout = '';
    let stderr = '';
    lp.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    lp.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      lp.kill('SIGKILL');
      reject(new PrintError('timeout'));
    }, options.timeoutMs ?? 30_000);
    lp.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new PrintError(e.code === 'ENOENT' ? 'no-cups' : 'rejected'));
    });
    lp.on('close', (code) => {
      clearTimeout(timer);
      const jobId = /request id is (\S+)/.exec(stdout)?.[1];
      if (code === 0 && jobId) return resolve({ jobId });
      if (/does not exist|no default destination|not exist/i.test(stderr)) return reject(new PrintError('no-printer'));
      if (/connect|scheduler not responding|Bad file descriptor/i.test(stderr)) return reject(new PrintError('no-cups'));
      reject(new PrintError('rejected'));
    });
    // EPIPE when lp exits early (no printer): the close handler reports why.
    lp.stdin.on('error', () => {});
    lp.stdin.end(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
  });
}
