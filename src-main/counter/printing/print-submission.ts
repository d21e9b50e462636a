// Printing a queued submission for the clerk, and the kiosk's own "print" through the same CUPS path.
import type { Output, OutputJob } from '../output';
import type { Actor, ClerkQueue } from '../queue';
import { printPdf, type CupsPrintOptions } from './cups';

export type PrinterChoice = Omit<CupsPrintOptions, 'title'>;

/** Prints every form of a queued submission; each printed form is audited (no values, the job id is not kept). */
export async function printSubmission(queue: ClerkQueue, id: number, actor: Actor, printer: PrinterChoice = {}): Promise<{ jobIds: string[] }> {
  const opened = queue.open(id, actor);
  const jobIds: string[] = [];
  for (const form of opened.reveal()) {
    const { jobId } = await printPdf(form.pdf, { ...printer, title: `${opened.summary.day}_${opened.summary.ticketNumber}_${form.templateId}` });
    jobIds.push(jobId);
    queue.audit(actor, 'print', { submissionId: id, templateId: form.templateId, detail: 'cups' });
  }
  return { jobIds };
}

/** The kiosk's print path over CUPS (browser host); Electron prints through its own API in hosts/electron. */
export function cupsPrintOutput(printer: PrinterChoice = {}): Pick<Output, 'print'> {
  return {
    print: async (job: OutputJob) => {
      for (const f of job.forms) await printPdf(f.pdf, { ...printer, title: `${job.day}_${job.ticketNumber}_${f.templateId}` });
      return true;
    },
  };
}
