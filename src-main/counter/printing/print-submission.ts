// Printing a queued submission for the clerk through CUPS.
import type { Actor, ClerkQueue } from '../queue';
import { printPdf } from './cups';
import { jobTitle, type PrinterChoice } from './kiosk-printers';

/** Prints every form of a queued submission; each printed form is audited (no values, the job id is not kept). */
export async function printSubmission(queue: ClerkQueue, id: number, actor: Actor, printer: PrinterChoice = {}): Promise<{ jobIds: string[] }> {
  const opened = queue.open(id, actor);
  const jobIds: string[] = [];
  for (const form of opened.reveal()) {
    const { jobId } = await printPdf(form.pdf, { ...printer, title: jobTitle(opened.summary, form.templateId) });
    jobIds.push(jobId);
    queue.audit(actor, 'print', { submissionId: id, templateId: form.templateId, detail: 'cups' });
  }
  return { jobIds };
}
