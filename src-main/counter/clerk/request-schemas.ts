// The shape of every clerk request's parameters, checked by the desk service itself (the host checks the envelope).
import { z } from 'zod';
import { RETURN_REASONS, type ClerkRequestName } from '../../contract/clerk';

const none = z.strictObject({});
const submissionId = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
const answerKey = z.string().regex(/^[a-z][a-zA-Z0-9_.-]*$/).max(100);
const answerValue = z.union([z.string().max(2000), z.number().finite(), z.boolean(), z.null()]);

export const clerkParamSchemas = {
  'desk.whoami': none,
  'queue.list': none,
  'queue.open': z.strictObject({ id: submissionId }),
  'queue.setStatus': z
    .strictObject({ id: submissionId, status: z.enum(['confirmed', 'done', 'returned']), reason: z.enum(RETURN_REASONS as [string, ...string[]]).optional() })
    .refine((p) => (p.status === 'returned') === (p.reason !== undefined), 'a return needs a reason, nothing else takes one'),
  // A CUPS queue name: no spaces, no shell or option syntax (lp gets an argv anyway).
  'queue.print': z.strictObject({ id: submissionId, printer: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,126}$/).optional() }),
  'queue.export': z.strictObject({ id: submissionId }),
  'mirror.get': none,
  'mirror.correct': z.strictObject({ key: answerKey, value: answerValue }),
  'card.readWithCheckCodeB': z.strictObject({ birth: z.string().regex(/^\d{6}$/), expiryYear: z.string().regex(/^\d{4}$/), securityCode: z.string().regex(/^\d{4}$/) }),
  'card.allowLastTry': none,
} satisfies Record<ClerkRequestName, z.ZodType>;
