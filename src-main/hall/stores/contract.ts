// The hall's store interfaces. Async because PostgreSQL is; the single-kiosk SQLite side implements the same
// contract, and one shared test suite runs against both so they cannot drift.
import { createHash } from 'node:crypto';
import type { DocumentKind, FigureRow } from '../../contract/admin';
import type { LivePointer, StoredBackground, StoredVersion } from '../../counter/admin/store';
import type { VisitDurations } from '../../counter/figures/aggregate';
import type { QueueKeyStore } from '../../counter/queue/key';
import type { Retention } from '../../counter/queue/retention';
import type { Actor, AuditEntry, FieldValues, NewSubmission, OpenedSubmission, ReturnReason, SubmissionStatus, SubmissionSummary } from '../../counter/queue/store';

export type { LivePointer, StoredBackground, StoredVersion, VisitDurations, Actor, AuditEntry, NewSubmission, OpenedSubmission, SubmissionStatus };

/** Enrolment codes are kept only as this hash. */
export const hashCode = (code: string): string => createHash('sha256').update(code, 'utf8').digest('hex');

export interface IssuedTicket {
  site: string;
  /** YYYY-MM-DD in Asia/Tokyo. */
  day: string;
  number: number;
  kiosk: string;
  offline: boolean;
}

export interface TicketStore {
  /** The next number of `site` on `day`: no gaps, unique across every kiosk of the site. */
  next(site: string, day: string, kiosk: string): Promise<IssuedTicket>;
  /** Records a ticket a kiosk issued while the hall was unreachable; unique per kiosk, marked offline.
   * Returns false when that kiosk already recorded the number (a resend). */
  recordOffline(site: string, day: string, kiosk: string, number: number): Promise<boolean>;
  /** `recordOffline` for several tickets of one kiosk at once (a forwarded batch); a number already recorded is skipped. */
  recordOfflineMany(site: string, kiosk: string, tickets: { day: string; number: number }[]): Promise<void>;
  /** Which of these (online) tickets the hall issued to `kiosk` of `site`: a kiosk names only its own in a submission. */
  issuedTo(site: string, kiosk: string, tickets: { day: string; number: number }[]): Promise<{ day: string; number: number }[]>;
  list(site: string, day: string): Promise<IssuedTicket[]>;
}

export interface HallStores {
  tickets: TicketStore;
  registry: RegistryStore;
  queue: QueueStore;
  templates: TemplateStore;
  figures: FiguresStore;
  staff: StaffStore;
  close(): Promise<void>;
}

/** What both back ends take besides their connection. */
export interface HallStoreOptions {
  /** Where the queue's sealing key lives (never beside the data). */
  keys: QueueKeyStore;
  retention?: Retention;
  clock?: () => number;
}

/** A typed failure of the template and figures stores (the queue keeps its own QueueError codes). */
export class HallStoreError extends Error {
  constructor(readonly code: 'not-found' | 'bad-date') {
    super(`hall store: ${code}`);
    this.name = 'HallStoreError';
  }
}

/** One queued submission as the hall lists it: metadata only, the site and kiosk it came from, who claimed it. */
export interface HallSubmission extends SubmissionSummary {
  site: string;
  kiosk: string;
  claimedBy: Actor | null;
}

/** A submission as the desks list it: its line without its forms (a desk lists the whole queue on every change). */
export type HallQueueLine = Omit<HallSubmission, 'forms'>;

export type ClaimResult = { ok: true; submission: HallSubmission } | { ok: false; heldBy: Actor };

/** The clerk queue of every kiosk of the city: sealed at rest exactly as a kiosk's own queue. */
export interface QueueStore {
  /** Stores a submission once per `submissionKey`; a resend returns the first id with `created: false`. */
  enqueue(site: string, kiosk: string, submission: NewSubmission & { submissionKey: string }): Promise<{ id: number; created: boolean }>;
  /** `enqueue` for a kiosk's batch in one go (PostgreSQL: one statement); answers in the order given, each key once. */
  enqueueMany(site: string, kiosk: string, submissions: (NewSubmission & { submissionKey: string })[]): Promise<{ id: number; created: boolean }[]>;
  /** Oldest ticket first (day, then ticket number); expired ones are left out even before the purge. Lines only: a
   * submission's forms come with `summary`. */
  list(filter?: { site?: string; status?: SubmissionStatus[] }): Promise<HallQueueLine[]>;
  summary(id: number): Promise<HallSubmission>;
  /** The submission stored under this key, if any (a kiosk's resend learns its ticket). */
  byKey(submissionKey: string): Promise<HallSubmission | undefined>;
  /** `byKey` for several keys at once: the ones stored, by key. */
  byKeys(submissionKeys: string[]): Promise<Map<string, HallSubmission>>;
  /** Decrypts one submission for a clerk; audited. */
  open(id: number, actor: Actor): Promise<OpenedSubmission>;
  setStatus(id: number, status: SubmissionStatus, actor: Actor, returnReason?: ReturnReason): Promise<HallSubmission>;
  correctField(id: number, change: { position: number; fieldId: string; value: string | boolean | null; pdf?: Uint8Array }, actor: Actor): Promise<void>;
  /** The ticket the resident holds replaces the stored one (a kiosk's own, given when the hall's answer came too late);
   * audited as a correction of `ticket-number` under the new number. */
  renumber(id: number, ticketNumber: string, actor: Actor): Promise<void>;
  /** Of two clerks claiming at once exactly one wins; the other is told who holds it. A re-claim by the holder wins. */
  claim(id: number, actor: Actor): Promise<ClaimResult>;
  /** The holder lets the submission go (another clerk may claim it); false when `actor` does not hold it. Audited. */
  release(id: number, actor: Actor): Promise<boolean>;
  /**
   * A desk's corrected version of one form, kept beside the original until confirmCorrections(): `values` the form's
   * whole corrected values, `pdf` the form rendered again from them; `changedFields` are marked as the clerk's and
   * audited by id, never by value. `open` shows it as the form's `pending`.
   */
  stageCorrection(id: number, change: { position: number; changedFields: readonly string[]; values: FieldValues; pdf: Uint8Array }, actor: Actor): Promise<void>;
  /** What waits replaces the originals (PDF and values); returns how many forms did. */
  confirmCorrections(id: number, actor: Actor): Promise<number>;
  /** Records an action taken outside the store (a desk's download for printing): a short code, never a value. */
  audit(id: number, actor: Actor, action: 'print' | 'export', detail: string): Promise<void>;
  auditLog(): Promise<AuditEntry[]>;
  /** Deletes every done submission and every one past its retention; returns how many went. */
  purge(): Promise<number>;
}

/** Published templates and bundles: every saved version, the live pointer, backgrounds by hash. */
export interface TemplateStore {
  /** A new version after the newest, unless the newest is not `basedOn` (somebody saved meanwhile). */
  saveVersion(input: { kind: DocumentKind; id: string; basedOn: number | null; json: string; who: string; note: string | null }): Promise<{ ok: true; version: number } | { ok: false; latestVersion: number }>;
  versions(kind: DocumentKind, id: string): Promise<StoredVersion[]>;
  version(kind: DocumentKind, id: string, version: number): Promise<StoredVersion | undefined>;
  /** The newest saved version of every document: what IT staff see listed at the hall. */
  latestVersions(): Promise<StoredVersion[]>;
  /** Moves the live pointer to a stored version (HallStoreError('not-found') otherwise). */
  publish(pointer: { kind: DocumentKind; id: string; version: number }, who: string): Promise<LivePointer>;
  livePointers(): Promise<LivePointer[]>;
  /** The stored version each live pointer names: what a kiosk's next session uses. */
  liveVersions(): Promise<StoredVersion[]>;
  /** Stores a background once (its hash is its name); returns whether it was new. */
  addBackground(bg: StoredBackground, who: string): Promise<boolean>;
  background(hash: string): Promise<StoredBackground | undefined>;
}

/** The BPR figures of every kiosk: one row per visit, nothing that identifies a resident or a visit. */
export interface FiguresStore {
  /** Records a visit once per `visitKey` (kept only as a hash); false for a resend. */
  record(site: string, kiosk: string, visitKey: string, visit: VisitDurations): Promise<boolean>;
  /** The (day, procedure) lines from `since` to `until` (Tokyo days), city-wide or for one site or kiosk. */
  rows(query: { since: string; until?: string; site?: string; kiosk?: string }): Promise<FigureRow[]>;
}

/** Figures keep a visit's key only as this hash. */
export const hashVisitKey = (key: string): string => createHash('sha256').update(`kakanai-hall-visit/v1/${key}`, 'utf8').digest('hex');

/** Ticket order: day, then the number (a shorter number first, so 9 before 10), then arrival. */
export function byTicket(a: SubmissionSummary, b: SubmissionSummary): number {
  if (a.day !== b.day) return a.day < b.day ? -1 : 1;
  if (a.ticketNumber.length !== b.ticketNumber.length) return a.ticketNumber.length - b.ticketNumber.length;
  if (a.ticketNumber !== b.ticketNumber) return a.ticketNumber < b.ticketNumber ? -1 : 1;
  return a.id - b.id;
}

export type DeviceKind = 'kiosk' | 'desk';

export interface Device {
  id: string;
  kind: DeviceKind;
  site: string;
  name: string;
  enrolled: boolean;
  /** Epoch ms, or null. */
  revokedAt: number | null;
  lastSeenAt: number | null;
  lastState: string | null;
}

export interface RegistryStore {
  /** A named kiosk or desk of a site; the name is unique per site and kind. */
  add(kind: DeviceKind, site: string, name: string): Promise<Device>;
  /** Stores only the hash of a one-time enrolment code valid until `expiresAt` (epoch ms). */
  issueCode(deviceId: string, code: string, expiresAt: number): Promise<void>;
  /** Redeems a code once, before it expires, for a device not revoked; stores the credential's hash. Null otherwise. */
  redeemCode(code: string, credentialHash: string, now: number): Promise<Device | null>;
  /** The device whose credential hash this is, unless revoked. */
  byCredential(credentialHash: string): Promise<Device | null>;
  revoke(deviceId: string, at: number): Promise<void>;
  seen(deviceId: string, at: number, state: string): Promise<void>;
  /** The devices of one site, or of every site (null or none named). */
  list(site?: string | null): Promise<Device[]>;
}

/** A staff member kept at the hall: `clerk` (of one site, or of every site when `site` is null) or `it` (the admin role). */
export interface HallStaffMember {
  name: string;
  role: 'clerk' | 'it';
  site: string | null;
  /** `scrypt$…` as counter/admin/config's hashPassphrase writes it. */
  passphraseHash: string;
}

export interface StaffStore {
  find(name: string): Promise<HallStaffMember | undefined>;
  /** Adds the person, or replaces their role, site and passphrase. */
  put(member: HallStaffMember): Promise<void>;
  remove(name: string): Promise<boolean>;
  list(): Promise<Omit<HallStaffMember, 'passphraseHash'>[]>;
}
