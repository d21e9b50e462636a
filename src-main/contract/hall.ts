// The city hall's contract: what joined kiosks and the desks signed in at the hall ask the hall server. Carried by
// `kakanai hall serve` as HTTPS POST /rpc and the WebSocket /ws, each request and message carrying the device's
// credential (Authorization: Bearer) and, from a desk, the staff session (Kakanai-Staff). Enrolment redeems a
// one-time code at POST /enrol, the one request without a credential.
//
// Personal data on this wire: a submission's sealed-at-rest forms (PDF and values) travel kiosk → hall and hall →
// clerk inside TLS; lists carry ticket numbers and ids only.

import { z } from 'zod';
import { answerKey, answerMap, defineContract, KIOSK_STEPS, noParams, type FigureRow, type ParamsOf } from './common';

export const HALL_HTTP = { rpc: '/rpc', enrol: '/enrol', health: '/health' } as const;
export const HALL_WS_PATH = '/ws';
export const STAFF_HEADER = 'kakanai-staff';

const site = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/);
const deviceName = z.string().min(1).max(64);
const submissionId = z.number().int().positive();
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const fieldValue = z.union([z.string().max(2000), z.boolean()]);
const text = z.string().max(2000);
const localized = z.object({ ja: text, easy: text, en: text, 'zh-Hans': text.optional(), ko: text.optional(), vi: text.optional(), pt: text.optional() });

/**
 * What a kiosk shows now, as its local desk's mirror has it (the clerk contract's `Mirror`): relayed by the hall to
 * the desks that follow the kiosk, held in the hall's memory only, and only until the resident's session ends.
 */
export const hallMirror = z.strictObject({
  step: z.enum(KIOSK_STEPS),
  updatedAt: z.number().finite(),
  session: z
    .strictObject({
      procedure: z.strictObject({ id, title: localized }),
      resident: z.strictObject({ name: text, address: text, birthDate: z.string().max(10), sex: z.string().max(16) }).nullable(),
      questions: z
        .array(
          z.strictObject({
            key: answerKey,
            type: z.string().max(32),
            label: localized,
            required: z.boolean(),
            options: z.array(z.strictObject({ value: z.string().max(200), label: localized })).max(200).optional(),
          }),
        )
        .max(200),
      answers: answerMap,
      typing: answerMap,
      problems: z
        .array(z.strictObject({ key: answerKey, code: z.string().max(32), detail: z.string().max(32).optional(), message: localized.optional() }))
        .max(200),
      clerkCalled: z.boolean(),
      triesLeft: z.number().int().min(0).max(99).nullable(),
      lastTryAllowed: z.boolean(),
    })
    .nullable(),
});
export type HallMirror = z.infer<typeof hallMirror>;

const kioskSubmission = z.strictObject({
  submissionKey: id,
  kioskTicket: z.string().regex(/^[A-Za-z0-9-]{1,16}$/).optional(),
  day,
  procedureId: id.optional(),
  forms: z
    .array(z.strictObject({ templateId: id, templateVersion: z.number().int().positive().optional(), pdfBase64: z.string().max(20_000_000), values: z.record(id, fieldValue) }))
    .min(1)
    .max(20),
});
/** The most submissions one `kiosk.submitBatch` carries. */
export const SUBMIT_BATCH_MAX = 32;

export const hallContract = defineContract('hall', {
  // ── a joined kiosk ──
  /** The live version of every published template and bundle: what the kiosk's next session uses. */
  'kiosk.templates': noParams,
  /** A resident's submission, stored once per key. The hall issues the site's ticket on the first arrival, unless the
   * kiosk already gave the resident one while the hall was out of reach (`kioskTicket`, recorded as offline). */
  'kiosk.submit': kioskSubmission,
  /** Several waiting submissions in one request (an outbox's drain), each stored once per key as by `kiosk.submit`
   * and answered in the order sent. */
  'kiosk.submitBatch': z.strictObject({ submissions: z.array(kioskSubmission).min(1).max(SUBMIT_BATCH_MAX) }),
  /** A background PDF a live template names (`designer/<hash>.pdf`), by the SHA-256 of its bytes. */
  'kiosk.background': z.strictObject({ hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  'kiosk.state': z.strictObject({ version: z.string().max(64), reader: z.enum(['present', 'absent', 'card', 'unavailable']), step: z.string().max(32).optional() }),
  /** The kiosk's live mirror, over its WebSocket only: relayed to the desks following it, never stored. */
  'kiosk.mirror': z.strictObject({ mirror: hallMirror }),

  // ── a desk: a staff member signs in at the hall ──
  'staff.signIn': z.strictObject({ name: z.string().max(64), passphrase: z.string().max(1024) }),
  'staff.signOut': noParams,
  /** A desk's new socket takes up the staff session its page signed in with (a dropped connection, the same desk). */
  'staff.resume': z.strictObject({ session: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }),
  /** The queue of the clerk's site; a clerk of every site (no site of their own) may name one or see all. */
  'queue.list': z.strictObject({ site: site.optional() }),
  'queue.open': z.strictObject({ id: submissionId }),
  'queue.claim': z.strictObject({ id: submissionId }),
  'kiosks.list': z.strictObject({ site: site.optional() }),
  /** Over the desk's WebSocket only: the mirror of one kiosk of the clerk's site, now and at each change (events). */
  'mirror.follow': z.strictObject({ kioskId: z.string().uuid() }),
  'mirror.unfollow': noParams,

  // ── the admin role only ──
  'enrolment.issue': z.strictObject({ kind: z.enum(['kiosk', 'desk']), site, name: deviceName }),
  'enrolment.revoke': z.strictObject({ deviceId: z.string().uuid() }),
  /** The BPR figures from `since` to `until` (days, inclusive): city-wide, or of one site, or of one kiosk. */
  'figures.read': z.strictObject({ since: day, until: day.optional(), site: site.optional(), kiosk: z.string().uuid().optional() }),
});

/** The one request an unenrolled client may make, at POST /enrol. */
export const hallEnrolmentContract = defineContract('hall-enrolment', {
  'enrolment.redeem': z.strictObject({ code: z.string().min(1).max(64) }),
});

export interface HallQueueItem {
  id: number;
  site: string;
  kiosk: string;
  ticketNumber: string;
  /** Issued by the kiosk itself while the hall was out of reach (`K3FA2-017`), not from the site's sequence. */
  offline: boolean;
  day: string;
  procedureId: string | null;
  status: 'submitted' | 'confirmed' | 'done' | 'returned';
  createdAt: number;
  claimedBy: string | null;
}

export interface HallKiosk {
  id: string;
  kind: 'kiosk' | 'desk';
  site: string;
  name: string;
  enrolled: boolean;
  revoked: boolean;
  /** Seen within the last minute. */
  online: boolean;
  lastSeenAt: number | null;
  version: string | null;
  reader: string | null;
  /** A resident at this kiosk asked for a clerk, and the card has not been read since. */
  calling: boolean;
}

/**
 * What the hall pushes to a desk's WebSocket (`{kind: 'event', event}`): the mirror of the kiosk it follows (null:
 * the kiosk's stream is gone), a kiosk of its site calling for a clerk or no longer, and its site's queue changed.
 */
export type HallEvent =
  | { type: 'mirror'; kioskId: string; mirror: HallMirror | null }
  | { type: 'call'; kioskId: string; site: string; calling: boolean }
  | { type: 'queue-changed'; site: string };

export interface HallResults {
  'kiosk.templates': { versions: { kind: 'template' | 'bundle'; id: string; version: number; json: string }[] };
  'kiosk.background': { pdfBase64: string; pagesMm: { widthMm: number; heightMm: number }[] };
  'kiosk.submit': { id: number; ticketNumber: string; created: boolean };
  'kiosk.submitBatch': { results: { id: number; ticketNumber: string; created: boolean }[] };
  'kiosk.state': Record<string, never>;
  /** `desks`: how many desks of the kiosk's site have a clerk signed in now (the kiosk tells a caller whether one can come). */
  'kiosk.mirror': { desks: number };
  'staff.signIn': { session: string; name: string; role: 'clerk' | 'it'; site: string | null };
  'staff.signOut': Record<string, never>;
  'staff.resume': { name: string; role: 'clerk' | 'it'; site: string | null };
  'queue.list': { items: HallQueueItem[] };
  'queue.open': { item: HallQueueItem; forms: { templateId: string; pdfBase64: string; values: Record<string, string | boolean> }[] };
  'queue.claim': { ok: true; item: HallQueueItem } | { ok: false; heldBy: string };
  'kiosks.list': { devices: HallKiosk[] };
  'mirror.follow': { mirror: HallMirror | null };
  'mirror.unfollow': Record<string, never>;
  'enrolment.issue': { deviceId: string; code: string; expiresAt: number };
  'enrolment.revoke': Record<string, never>;
  'figures.read': { rows: FigureRow[] };
}

export interface HallEnrolmentResults {
  /** `ticketPrefix` (kiosks): what the kiosk's own tickets start with while the hall is out of reach, unique in the site. */
  'enrolment.redeem': { deviceId: string; kind: 'kiosk' | 'desk'; site: string; name: string; credential: string; ticketPrefix?: string };
}

type HallSchemas = typeof hallContract.params;
export type HallRequestName = keyof HallSchemas & keyof HallResults;
export type HallParams<N extends HallRequestName> = ParamsOf<HallSchemas, N>;
export type HallResult<N extends HallRequestName> = HallResults[N];

export interface HallFailure {
  code: 'invalid-request' | 'unauthorized' | 'forbidden' | 'wrong-credentials' | 'rate-limited' | 'not-found' | 'bad-code' | 'internal';
}
