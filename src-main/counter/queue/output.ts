// The queue as the kiosk's hand-off: sendToClerk resolves true only after the submission is committed to disk, so the
// resident's "sent" screen never shows for a submission a crash could still lose.
import type { ClerkHandOff, OutputJob } from '../output';
import { encodeImageValue, IMAGES_KEPT_KEY } from './image-values';
import type { ClerkQueue, FieldValues } from './store';

export function clerkQueueHandOff(queue: ClerkQueue): ClerkHandOff {
  return {
    sendToClerk: async (job: OutputJob) => {
      queue.enqueue({
        ticketNumber: job.ticketNumber,
        day: job.day,
        ...(job.procedureId ? { procedureId: job.procedureId } : {}),
        ...(job.submissionKey ? { submissionKey: job.submissionKey } : {}),
        forms: job.forms.map((f) => ({
          templateId: f.templateId,
          ...(f.templateVersion !== undefined ? { templateVersion: f.templateVersion } : {}),
          pdf: f.pdf,
          values: f.values ? structuredValues(f.values) : {},
        })),
      });
      return true;
    },
  };
}

/** Text and checkbox values, and a signature as base64 (sealed like the PDF that shows it; no export column). */
function structuredValues(values: ReadonlyMap<string, string | boolean | Uint8Array>): FieldValues {
  const out: FieldValues = { [IMAGES_KEPT_KEY]: true };
  for (const [id, v] of values) out[id] = v instanceof Uint8Array ? encodeImageValue(v) : v;
  return out;
}
