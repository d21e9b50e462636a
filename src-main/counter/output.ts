// Where finished forms go. Real printing (CUPS / Electron) and the clerk's queue arrive in issue 5 behind this same
// interface; until then both write the PDFs into a folder only the service's user can read.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OutputJob {
  ticketNumber: string;
  /** YYYY-MM-DD of the visit. */
  day: string;
  /** The kiosk session id: lets the clerk queue treat a retried submit as the same submission. */
  submissionKey?: string;
  procedureId?: string;
  /** `values`: the bound field values (field id → value) the clerk queue stores sealed beside the PDF. */
  forms: { templateId: string; templateVersion?: number; pdf: Uint8Array; values?: ReadonlyMap<string, string | boolean | Uint8Array> }[];
}

export interface Output {
  /** Resolves true once the printer accepted every form. */
  print(job: OutputJob): Promise<boolean>;
  /** Resolves true once the clerk's queue holds every form. */
  sendToClerk(job: OutputJob): Promise<boolean>;
}

/** File names carry the day, the ticket and the form id: never a name or a number of the resident. */
export function folderOutput(dir: string): Output {
  const write = async (sub: string, job: OutputJob) => {
    const folder = join(dir, sub);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    for (const f of job.forms) writeFileSync(join(folder, `${job.day}_${job.ticketNumber}_${f.templateId}.pdf`), f.pdf, { mode: 0o600 });
    return true;
  };
  return { print: (job) => write('print', job), sendToClerk: (job) => write('clerk', job) };
}
