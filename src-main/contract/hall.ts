// The city hall's contract: what joined kiosks and the desks signed in at the hall ask the hall server. Carried by
// `kakanai hall serve` as HTTPS POST /rpc and the WebSocket /ws, each request and message carrying the device's
// credential (Authorization: Bearer) and, from a desk, the staff session (Kakanai-Staff). Enrolment redeems a
// one-time code at POST /enrol, the one request without a credential.
//
// Personal data on this wire: a submission's sealed-at-rest forms (PDF and values) travel kiosk → hall and hall →
// clerk inside TLS; lists carry ticket numbers and ids only.

import { z } from 'zod';
import { HOUSEHOLD_LIMIT } from '../forms/model/people';
import {
  answerKey,
  answerMap,
  answerValue,
  type AnswerProblem,
  type AnswerValue,
  defineContract,
  ID_DOCUMENTS,
  KIOSK_STEPS,
  noParams,
  RETURN_REASONS,
  type BackgroundInfo,
  type DocumentIssue,
  type DocumentKind,
  type FigureRow,
  type Localized,
  type ParamsOf,
  type PublishProblem,
  type SubmissionView,
} from './common';

export const HALL_HTTP = { rpc: '/rpc', enrol: '/enrol', health: '/health' } as const;
export const HALL_WS_PATH = '/ws';
export const STAFF_HEADER = 'kakanai-staff';
/** Set on the hall's answer to the admin app's session path: the app starts in its hall mode. */
export const HALL_HEADER = 'kakanai-hall';

const site = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/);
const deviceName = z.string().min(1).max(64);
const submissionId = z.number().int().positive();
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A signature kept in a signed form's values (the kiosk queue's `image/png;base64,…`), so a desk can draw it again. */
const imageValue = z.string().max(3_000_000).regex(/^image\/png;base64,[A-Za-z0-9+/]+={0,2}$/);
const fieldValue = z.union([z.string().max(2000), imageValue, z.boolean()]);
const text = z.string().max(2000);
const documentKind = z.enum(['template', 'bundle']);
const documentVersion = z.number().int().positive().max(1_000_000);
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
            /** A 個人番号: its answer reaches the mirror masked, and a correction types it anew. */
            myNumber: z.literal(true).optional(),
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
      // Optional: a kiosk not yet updated relays its mirror without it.
      personCard: z.strictObject({ person: z.number().int().min(1).max(HOUSEHOLD_LIMIT) }).nullable().optional(),
    })
    .nullable(),
});
export type HallMirror = z.infer<typeof hallMirror>;

const answerProblems = z
  .array(z.strictObject({ key: answerKey, code: z.enum(['required', 'too-long', 'pattern', 'range', 'date', 'cross-field', 'not-drawable']), detail: z.string().max(32).optional(), message: localized.optional() }))
  .max(200);
/** What a kiosk may answer to a clerk's correction it could not apply (the local desk's own refusals). */
export const LIVE_CORRECTION_REFUSALS = ['no-session', 'invalid-request', 'busy', 'internal'] as const;

const kioskSubmission = z.strictObject({
  submissionKey: id,
  kioskTicket: z.string().regex(/^[A-Za-z0-9-]{1,16}$/).optional(),
  /** The site's ticket the hall issued for this visit before its forms were drawn (`kiosk.ticket`): printed on them. */
  hallTicket: z.string().regex(/^[1-9]\d{0,5}$/).optional(),
  day,
  procedureId: id.optional(),
  forms: z
    .array(z.strictObject({ templateId: id, templateVersion: z.number().int().positive().optional(), pdfBase64: z.string().max(20_000_000), values: z.record(id, fieldValue) }))
    .min(1)
    .max(20),
});
/** The largest file text `templates.upload` takes (a package: JSON with its PDF inside). */
export const UPLOAD_TEXT_MAX = 28_000_000;
/** The most submissions one `kiosk.submitBatch` carries. */
export const SUBMIT_BATCH_MAX = 32;

export const hallContract = defineContract('hall', {
  // ── a joined kiosk ──
  /** The live version of every published template and bundle: what the kiosk's next session uses. */
  'kiosk.templates': noParams,
  /** The site's next ticket for a visit about to be submitted on `day`: the kiosk draws it on the forms it prints and
   * sends, then names it in `kiosk.submit` (`hallTicket`), so the paper, the desk's queue and the screen agree. */
  'kiosk.ticket': z.strictObject({ day }),
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
  /** The kiosk's answer to a `live-correction` event (over its WebSocket): applied with the answer's problems, or refused. */
  'kiosk.corrected': z.union([
    z.strictObject({ correctionId: z.number().int().positive(), ok: z.literal(true), problems: answerProblems }),
    z.strictObject({ correctionId: z.number().int().positive(), ok: z.literal(false), code: z.enum(LIVE_CORRECTION_REFUSALS) }),
  ]),

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
  // A claimed submission finished at the hall, as a desk paired with a kiosk does it (see counter/clerk/submission-desk):
  // any clerk of its site may view it; only the clerk who claimed it corrects, confirms, changes its status or prints.
  /** The submission as the paper reads it: labels, 和暦, persons and addresses grouped, 漢字未記入, 署名あり. */
  'queue.view': z.strictObject({ id: submissionId }),
  /** Fields of one form corrected (a kanji the clerk writes included): rendered again from the kiosk's template version, staged. */
  'queue.correct': z.strictObject({ id: submissionId, position: z.number().int().min(0).max(99), fields: z.record(z.string().regex(/^[a-z][A-Za-z0-9._-]{0,63}$/), z.union([z.string().max(2000), z.boolean(), z.null()])) }),
  /** The identity document checked (本人確認書類), drawn in the 職員記入欄 of every form (staged). */
  'queue.staffArea': z.strictObject({ id: submissionId, idDocument: z.enum(ID_DOCUMENTS) }),
  'queue.confirmCorrections': z.strictObject({ id: submissionId }),
  /** 受付済み / 完了 (what waits is confirmed first), or returned with a reason code. */
  'queue.setStatus': z
    .strictObject({ id: submissionId, status: z.enum(['confirmed', 'done', 'returned']), reason: z.enum(RETURN_REASONS).optional() })
    .refine((p) => (p.status === 'returned') === (p.reason !== undefined), 'a return needs a reason, nothing else takes one'),
  /** The holder lets the submission go: another clerk may claim it. */
  'queue.release': z.strictObject({ id: submissionId }),
  /** The forms as they print now, as one PDF for the desk's own browser to print (the hall has no printer). */
  'queue.pdf': z.strictObject({ id: submissionId }),
  /** Over the desk's WebSocket only: the mirror of one kiosk of the clerk's site, now and at each change (events). */
  'mirror.follow': z.strictObject({ kioskId: z.string().uuid() }),
  'mirror.unfollow': noParams,
  /** Over the desk's WebSocket only: a clerk of the kiosk's site corrects an answer of the resident's live session.
   * The hall passes it over the kiosk's own socket; the kiosk applies it as its paired desk's `mirror.correct`. */
  'mirror.correct': z.strictObject({ kioskId: z.string().uuid(), key: answerKey, value: answerValue }),

  // ── the admin role only ──
  'enrolment.issue': z.strictObject({ kind: z.enum(['kiosk', 'desk']), site, name: deviceName }),
  'enrolment.revoke': z.strictObject({ deviceId: z.string().uuid() }),
  /** The BPR figures from `since` to `until` (days, inclusive): city-wide, or of one site, or of one kiosk. */
  'figures.read': z.strictObject({ since: day, until: day.optional(), site: site.optional(), kiosk: z.string().uuid().optional() }),

  // ── the admin role only: the city's devices and templates at the hall (hall/template-publishing.ts) ──
  /** Every kiosk and desk of every site, with its state. */
  'devices.list': noParams,
  /** Every template and bundle saved at the hall, with its versions and the live one. */
  'templates.list': noParams,
  'templates.get': z.strictObject({ kind: documentKind, id, version: documentVersion }),
  /** A new version, judged as the designer's save; `basedOn` the version the editor started from (null: a new one). */
  'templates.save': z.strictObject({ kind: documentKind, document: z.unknown(), basedOn: documentVersion.nullable(), note: z.string().max(500).optional() }),
  /** The city's PDF form, stored once by its SHA-256; a template names it `designer/<hash>.pdf`. */
  'templates.background': z.strictObject({ pdfBase64: z.string().min(1).max(28_000_000) }),
  /**
   * A file IT staff upload at the 様式 screen — a template or bundle JSON (with, for a template, the city's PDF form
   * as its background), or a package the designer exported on a kiosk — saved as a new version (not live) when the
   * designer's save accepts it. A malformed or refused file changes nothing. Sizes: the JSON up to 28 MB (a package
   * carries its PDF), the PDF up to 20 MB (base64 28 MB).
   */
  'templates.upload': z.strictObject({
    fileName: z.string().min(1).max(255),
    text: z.string().min(1).max(UPLOAD_TEXT_MAX),
    pdfBase64: z.string().min(1).max(28_000_000).optional(),
  }),
  /** Makes a saved version live for every joined kiosk's next session, after the designer's publish checks. */
  'templates.publish': z.strictObject({ kind: documentKind, id, version: documentVersion }),
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
  /** The procedure's title from the hall's live templates (null: no longer published). */
  procedureTitle: Localized | null;
  status: 'submitted' | 'confirmed' | 'done' | 'returned';
  createdAt: number;
  claimedBy: string | null;
}

/** The paper view of a desk paired with a kiosk, with where the submission came from and who holds it. */
export interface HallSubmissionView extends SubmissionView {
  hall: HallQueueItem;
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
  | { type: 'queue-changed'; site: string }
  /** To a kiosk's socket only: a clerk at a hall desk corrects its live session; answered with `kiosk.corrected`. */
  | { type: 'live-correction'; correctionId: number; clerk: string; deskId: string; key: string; value: AnswerValue };

export interface HallResults {
  'kiosk.templates': { versions: { kind: 'template' | 'bundle'; id: string; version: number; json: string }[] };
  'kiosk.background': { pdfBase64: string; pagesMm: { widthMm: number; heightMm: number }[] };
  'kiosk.ticket': { ticketNumber: string };
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
  'queue.view': HallSubmissionView;
  'queue.correct': HallSubmissionView;
  'queue.staffArea': HallSubmissionView;
  'queue.confirmCorrections': HallSubmissionView;
  /** null: done, and so purged. */
  'queue.setStatus': { item: HallQueueItem | null };
  'queue.release': { item: HallQueueItem };
  'queue.pdf': { fileName: string; pdfBase64: string };
  'mirror.follow': { mirror: HallMirror | null };
  'mirror.unfollow': Record<string, never>;
  'kiosk.corrected': Record<string, never>;
  /** The kiosk applied it: the answer's problems as the resident's own answer would have them. */
  'mirror.correct': { problems: AnswerProblem[] };
  'enrolment.issue': { deviceId: string; code: string; expiresAt: number };
  'enrolment.revoke': Record<string, never>;
  'figures.read': { rows: FigureRow[] };
  /** `thisDevice`: the id of the device asking (a browser: the desk its enrolment cookie names). */
  'devices.list': { devices: HallKiosk[]; thisDevice: string };
  'templates.list': { documents: HallDocument[] };
  'templates.get': { kind: DocumentKind; id: string; version: number; json: string };
  'templates.save': { ok: true; version: number } | { ok: false; issues: DocumentIssue[]; conflict?: { latestVersion: number } };
  'templates.background': BackgroundInfo;
  /** Saved (`unchanged`: the newest version was this same document) with what the publish checks would say now; or
   * refused with the designer's issues, each the path inside the file and the reason. */
  'templates.upload':
    | { ok: true; kind: DocumentKind; id: string; version: number; unchanged: boolean; problems: PublishProblem[] }
    | { ok: false; file: string; issues: DocumentIssue[] };
  'templates.publish': { liveVersion: number };
}

/** A template or bundle as the hall keeps it: newest version first, the live one marked. */
export interface HallDocument {
  kind: DocumentKind;
  id: string;
  title: { ja: string; easy: string; en: string } & Partial<Record<string, string>>;
  liveVersion: number | null;
  publishedAt: number | null;
  latestVersion: number;
  versions: { version: number; savedAt: number; savedBy: string; note: string | null; live: boolean }[];
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
  code:
    | 'invalid-request'
    | 'unauthorized'
    | 'forbidden'
    | 'wrong-credentials'
    | 'rate-limited'
    | 'not-found'
    | 'bad-code'
    | 'internal'
    // a desk finishing a submission: another clerk holds it (or nobody), a kanji still to write, the kiosk's
    // template version gone from the hall, a form signed before signatures were kept, a status that cannot follow
    | 'not-claimed'
    | 'kanji-pending'
    | 'template-changed'
    | 'signed-form'
    | 'bad-transition'
    // a live correction: the kiosk has no session to correct (or it is on its done screen), is busy reading the
    // card, or did not answer in time
    | 'no-session'
    | 'busy'
    | 'kiosk-unreachable'
    | PublishFailure;
  /** publish-problems: what the designer's publish checks found. */
  problems?: PublishProblem[];
}
type PublishFailure = 'publish-problems' | 'conflict' | 'not-a-pdf' | 'too-large';
