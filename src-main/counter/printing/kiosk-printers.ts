// The kiosk's printers other than the host's own: CUPS, none at all, and the demo's folder of fictional prints.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskPrinter, OutputJob } from '../output';
import { PrintError, printPdf, type CupsPrintOptions } from './cups';

export type PrinterChoice = Omit<CupsPrintOptions, 'title'>;

/** The job title CUPS logs and cups-pdf names its file after: day, ticket and template id, nothing of the resident. */
export function jobTitle(job: Pick<OutputJob, 'day' | 'ticketNumber'>, templateId: string): string {
  return `${job.day}_${job.ticketNumber}_${templateId}`;
}

/** The kiosk's print path over CUPS ({} = the system's default destination). */
export function cupsPrinter(printer: PrinterChoice = {}): KioskPrinter {
  return {
    available: true,
    print: async (job) => {
      for (const f of job.forms) await printPdf(f.pdf, { ...printer, title: jobTitle(job, f.templateId) });
      return true;
    },
  };
}

/** A kiosk without a printer: a print is refused with a code, never written anywhere instead. */
export const noPrinter: KioskPrinter = {
  available: false,
  print: () => Promise.reject(new PrintError('no-printer')),
};

/**
 * The demo only: the demo resident's (fictional) prints as files in <dir>/print, 0600 in a 0700 folder. The
 * composition builds it only for a demo service; it is not exported to hosts.
 */
export function demoFolderPrinter(dataDir: string): KioskPrinter {
  return {
    available: true,
    print: async (job) => {
      const folder = join(dataDir, 'print');
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      for (const f of job.forms) writeFileSync(join(folder, `${jobTitle(job, f.templateId)}.pdf`), f.pdf, { mode: 0o600 });
      return true;
    },
  };
}
