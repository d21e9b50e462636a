// The shape of every request's parameters. The service checks them itself, so both hosts (and anything else that
// calls it) get the same refusal for a malformed request; the browser host also checks before calling.
import { z } from 'zod';
import { KIOSK_STEPS } from '../contract/clerk';
import { LANGUAGES, type KioskRequestName } from '../contract/kiosk';

const none = z.strictObject({});
const language = z.enum(LANGUAGES as [string, ...string[]]);
const answerKey = z.string().regex(/^[a-z][a-zA-Z0-9_.-]*$/).max(100);
// Generous for a multiline 使用目的, small enough that a message cannot fill the service's memory.
const answerValue = z.union([z.string().max(2000), z.number().finite(), z.boolean(), z.null()]);
/** A staff panel's sign-in token (32 random bytes, base64url). */
const staffToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
/** A signature pad's PNG: a few hundred KB at most. */
const MAX_SIGNATURE_URL = 3_000_000;

export const requestParamSchemas = {
  'kiosk.info': none,
  'reader.state': none,
  'session.start': z.strictObject({ procedureId: z.string().min(1).max(100), language }),
  'session.language': z.strictObject({ language }),
  'card.tries': none,
  'card.read': z.strictObject({ pin: z.string().max(16) }),
  'session.answer': z.strictObject({
    answers: z.record(answerKey, answerValue).refine((a) => Object.keys(a).length <= 200, 'too many answers'),
  }),
  'session.typing': z.strictObject({
    answers: z.record(answerKey, answerValue).refine((a) => Object.keys(a).length <= 200, 'too many answers'),
  }),
  'session.callClerk': none,
  'session.signature': z.strictObject({
    pngDataUrl: z.union([z.string().max(MAX_SIGNATURE_URL).startsWith('data:image/png;base64,'), z.null()]),
  }),
  'session.preview': none,
  'session.submit': z.strictObject({ print: z.boolean(), toClerk: z.boolean() }),
  'session.end': z.strictObject({ reason: z.enum(['done', 'cancel', 'inactivity']) }),
  'session.memory': none,
  'session.step': z.strictObject({ step: z.enum(KIOSK_STEPS as [string, ...string[]]) }),
  'staff.signIn': z.strictObject({ name: z.string().max(64), passphrase: z.string().max(1024) }),
  'staff.signOut': z.strictObject({ staff: staffToken }),
  'kiosk.pairingCode': z.strictObject({ staff: staffToken }),
  'desks.list': z.strictObject({ staff: staffToken }),
  'desks.revoke': z.strictObject({ staff: staffToken, deskId: z.string().regex(/^desk-[0-9]+-[0-9a-f]{6}$/) }),
} satisfies Record<KioskRequestName, z.ZodType>;
