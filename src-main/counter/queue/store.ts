// The clerk hand-off queue: one SQLite file in the app's data folder. Plaintext columns hold only what a clerk may
// see across the room (ticket number, template ids, status, times); each form's PDF and values are sealed with
// AES-256-GCM. An enqueue returns only after its transaction is on disk (WAL + synchronous=FULL).
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { QueueError } from './errors';
import { securePrivateFile, securePrivateFolder, touchPrivateFile } from '../private-folder';
import { newQueueKey, readKeyFile, type QueueKeyStore } from './key';
import { defaultRetention, expiresAt, type Retention } from './retention';
import { columnAad, openColumn, sealColumn } from './seal';

export type SubmissionStatus = 'submitted' | 'confirmed' | 'done' | 'returned';
/** Why a clerk hands a submission back. Codes only: a free-text reason could carry a resident's details. */
export type ReturnReason = 'missing-document' | 'wrong-procedure' | 'needs-correction' | 'resident-request' | 'other';
export const RETURN_REASONS: readonly ReturnReason[] = ['missing-document', 'wrong-procedure', 'needs-correction', 'resident-request', 'other'];

/** Who acted. Ids are staff or device ids (never a resident's), checked against a narrow pattern. */
export type Actor = { kind: 'clerk' | 'desk' | 'kiosk' | 'system'; id: string };
export type AuditAction = 'enqueue' | 'open' | 'pairing' | 'correction' | 'status' | 'export' | 'print' | 'purge' | 'card';

/** One form's structured values: field id → bound value (a signature as base64 text, see image-values.ts). */
export type FieldValues = Record<string, string | boolean>;

export interface NewSubmission {
  ticketNumber: string;
  /** YYYY-MM-DD of the visit (city time). */
  day: string;
  procedureId?: string;
  /** Makes a retried enqueue of the same submission a no-op (e.g. the kiosk session id). Never personal. */
  submissionKey?: string;
  forms: { templateId: string; templateVersion?: number; pdf: Uint8Array; values?: FieldValues }[];
}

export interface SubmissionSummary {
  id: number;
  ticketNumber: string;
  day: string;
  procedureId: string | null;
  status: SubmissionStatus;
  returnReason: ReturnReason | null;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  forms: { position: number; templateId: string; templateVersion: number | null }[];
}

export interface StatusChange {
  status: SubmissionStatus;
  at: number;
  actor: Actor;
  returnReason: ReturnReason | null;
}

export interface OpenedForm {
  position: number;
  templateId: string;
  templateVersion: number | null;
  pdf: Uint8Array;
  values: FieldValues;
  /** A desk's corrected version waiting for the clerk's confirmation: the original above stays until then. */
  pending?: { pdf: Uint8Array; values: FieldValues };
  /** Field ids a clerk wrote (a staged or confirmed correction), e.g. the kanji of a name the kiosk took as kana. */
  clerkFields: string[];
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: Actor;
  action: AuditAction;
  submissionId: number | null;
  ticketNumber: string | null;
  templateId: string | null;
  fieldId: string | null;
  detail: string | null;
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/** A decrypted submission. Its forms redact on String/JSON/inspect like ResidentInfo; reveal() unwraps. */
export class OpenedSubmission {
  readonly #forms: readonly OpenedForm[];
  constructor(
    readonly summary: SubmissionSummary,
    readonly history: readonly StatusChange[],
    forms: readonly OpenedForm[],
  ) {
    this.#forms = forms;
  }
  reveal(): readonly OpenedForm[] {
    return this.#forms;
  }
  toString(): string {
    return `[OpenedSubmission ${this.summary.id} redacted]`;
  }
  toJSON(): string {
    return this.toString();
  }
  [inspectSymbol](): string {
    return this.toString();
  }
}

export interface ClerkQueueOptions {
  /** The queue's folder (0700, files 0600, fixed on open when ours): queue.sqlite (+ -wal, -shm). */
  dir: string;
  /** Where the queue's key lives, apart from the data (the app: the key folder `defaultKeysDir()` names). Required, so
   * that no caller, a test least of all, writes a key into the user's own config folder by leaving it out. */
  keys: QueueKeyStore;
  retention?: Retention;
  /** Purge a submission as soon as it is done (default true). */
  purgeWhenDone?: boolean;
  clock?: () => number;
}

/** The statuses a submission may move to from each; the hall's queue store follows the same table. */
export const NEXT_STATUS: Record<SubmissionStatus, readonly SubmissionStatus[]> = {
  submitted: ['confirmed', 'returned'],
  confirmed: ['done', 'returned'],
  done: [],
  returned: [],
};

/** Actor, template and field ids in the queue and its audit. */
export const QUEUE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
export const DETAIL_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS submissions (
  id INTEGER PRIMARY KEY,
  submission_key TEXT NOT NULL UNIQUE,
  ticket_number TEXT NOT NULL,
  day TEXT NOT NULL,
  procedure_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('submitted', 'confirmed', 'done', 'returned')),
  return_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
-- The queue's random id: its key is stored under this name in the key store, never beside the data.
CREATE TABLE IF NOT EXISTS queue_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE INDEX IF NOT EXISTS submissions_by_status ON submissions (status, id);
CREATE INDEX IF NOT EXISTS submissions_by_expiry ON submissions (expires_at);
CREATE TABLE IF NOT EXISTS submission_forms (
  submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  template_id TEXT NOT NULL,
  template_version INTEGER,
  pdf_sealed BLOB NOT NULL,
  values_sealed BLOB NOT NULL,
  PRIMARY KEY (submission_id, position)
) STRICT;
CREATE TABLE IF NOT EXISTS status_history (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  return_reason TEXT,
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS status_history_by_submission ON status_history (submission_id);
-- A desk's corrected form (re-rendered PDF + values), kept beside the original until the clerk confirms it.
CREATE TABLE IF NOT EXISTS pending_corrections (
  submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  pdf_sealed BLOB NOT NULL,
  values_sealed BLOB NOT NULL,
  PRIMARY KEY (submission_id, position)
) STRICT;
-- Which fields a clerk wrote: ids only, never a value.
CREATE TABLE IF NOT EXISTS clerk_fields (
  submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  field_id TEXT NOT NULL,
  PRIMARY KEY (submission_id, position, field_id)
) STRICT;
-- No foreign key: the audit trail outlives the submissions it speaks of.
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  action TEXT NOT NULL,
  submission_id INTEGER,
  ticket_number TEXT,
  template_id TEXT,
  field_id TEXT,
  detail TEXT
) STRICT;
`;

type SubmissionRow = {
  id: number;
  ticket_number: string;
  day: string;
  procedure_id: string | null;
  status: SubmissionStatus;
  return_reason: ReturnReason | null;
  created_at: number;
  updated_at: number;
  expires_at: number;
};
type FormRow = { submission_id: number; position: number; template_id: string; template_version: number | null };

export class ClerkQueue {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly keys: QueueKeyStore;
  /** Read (or made) at the first seal or unseal: a queue nobody hands anything to needs no key. */
  private keyBytes: Buffer | undefined;
  /** The random id its key is stored under. */
  readonly queueId: string;
  private readonly retention: Retention;
  private readonly purgeWhenDone: boolean;
  private readonly clock: () => number;
  private purgeTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Each statement compiled once: an outbox round runs the same few per visit, and compiling was most of their cost. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(options: ClerkQueueOptions) {
    securePrivateFolder(options.dir);
    this.file = join(options.dir, 'queue.sqlite');
    this.keys = options.keys;
    this.retention = options.retention ?? defaultRetention;
    this.purgeWhenDone = options.purgeWhenDone ?? true;
    this.clock = options.clock ?? Date.now;
    // Created 0600 before SQLite opens it: SQLite gives the -wal and -shm files the database file's mode.
    touchPrivateFile(this.file);
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    // FULL: the WAL is fsynced at every commit, so an acknowledged submission survives a power cut, not only a crash.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // Deleted cells and freed pages are zeroed, so a purge leaves no ciphertext behind even before the VACUUM.
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    for (const suffix of ['-wal', '-shm']) securePrivateFile(this.file + suffix);
    this.queueId = this.ensureQueueId();
    this.moveKeyFromBeside(join(options.dir, 'queue-key.json'));
    this.applyRetention();
    this.purge();
  }

  /** Stores a submission durably and returns its id; an already stored submissionKey returns the existing id. */
  enqueue(submission: NewSubmission, actor: Actor = { kind: 'kiosk', id: 'kiosk' }): number {
    this.assertOpen();
    checkActor(actor);
    const key = submission.submissionKey ?? randomUUID();
    const now = this.clock();
    const tx = this.db.transaction(() => {
      const existing = this.sql('SELECT id FROM submissions WHERE submission_key = ?').get(key) as { id: number } | undefined;
      if (existing) return existing.id;
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO submissions (submission_key, ticket_number, day, procedure_id, status, created_at, updated_at, expires_at)
             VALUES (?, ?, ?, ?, 'submitted', ?, ?, ?)`,
          )
          .run(key, submission.ticketNumber, submission.day, submission.procedureId ?? null, now, now, expiresAt(now, this.retention)).lastInsertRowid,
      );
      const insertForm = this.sql(
        'INSERT INTO submission_forms (submission_id, position, template_id, template_version, pdf_sealed, values_sealed) VALUES (?, ?, ?, ?, ?, ?)',
      );
      submission.forms.forEach((f, position) => {
        insertForm.run(id, position, f.templateId, f.templateVersion ?? null, this.seal(id, position, 'pdf', f.pdf), this.sealValues(id, position, f.values ?? {}));
      });
      this.insertHistory(id, 'submitted', null, actor, now);
      this.insertAudit(actor, 'enqueue', { submissionId: id, ticketNumber: submission.ticketNumber }, now);
      return id;
    });
    const id = tx.immediate();
    this.schedulePurge();
    return id;
  }

  /** Metadata only, oldest first; nothing is decrypted. Expired submissions are left out even before the purge runs. */
  list(filter: { status?: SubmissionStatus[] } = {}): SubmissionSummary[] {
    this.assertOpen();
    const rows = this.sql('SELECT * FROM submissions WHERE expires_at > ? ORDER BY id').all(this.clock()) as SubmissionRow[];
    const forms = this.sql('SELECT submission_id, position, template_id, template_version FROM submission_forms ORDER BY submission_id, position').all() as FormRow[];
    const bySubmission = new Map<number, FormRow[]>();
    for (const f of forms) bySubmission.set(f.submission_id, [...(bySubmission.get(f.submission_id) ?? []), f]);
    return rows.filter((r) => !filter.status || filter.status.includes(r.status)).map((r) => toSummary(r, bySubmission.get(r.id) ?? []));
  }

  summary(id: number): SubmissionSummary {
    this.assertOpen();
    const row = this.sql('SELECT * FROM submissions WHERE id = ? AND expires_at > ?').get(id, this.clock()) as SubmissionRow | undefined;
    if (!row) throw new QueueError('not-found', id);
    const forms = this.sql('SELECT submission_id, position, template_id, template_version FROM submission_forms WHERE submission_id = ? ORDER BY position').all(id) as FormRow[];
    return toSummary(row, forms);
  }

  /** The kiosk's random key of a submission (for the BPR figures' hand-off timing); undefined once purged. */
  submissionKeyOf(id: number): string | undefined {
    this.assertOpen();
    return (this.sql('SELECT submission_key FROM submissions WHERE id = ?').get(id) as { submission_key: string } | undefined)?.submission_key;
  }

  /** Decrypts one submission for a clerk; the access is audited. A changed byte gives QueueError('tampered'). */
  open(id: number, actor: Actor): OpenedSubmission {
    checkActor(actor);
    const summary = this.summary(id);
    const rows = this.sql('SELECT position, template_id, template_version, pdf_sealed, values_sealed FROM submission_forms WHERE submission_id = ? ORDER BY position').all(id) as {
      position: number;
      template_id: string;
      template_version: number | null;
      pdf_sealed: Buffer;
      values_sealed: Buffer;
    }[];
    const pending = new Map(
      (this.sql('SELECT position, pdf_sealed, values_sealed FROM pending_corrections WHERE submission_id = ?').all(id) as { position: number; pdf_sealed: Buffer; values_sealed: Buffer }[]).map(
        (p) => [p.position, { pdf: new Uint8Array(this.unseal(id, p.position, 'pending-pdf', p.pdf_sealed)), values: this.unsealValues(id, p.position, p.values_sealed, 'pending-values') }] as const,
      ),
    );
    const written = this.sql('SELECT position, field_id FROM clerk_fields WHERE submission_id = ? ORDER BY field_id').all(id) as { position: number; field_id: string }[];
    const forms = rows.map((r) => {
      const staged = pending.get(r.position);
      return {
        position: r.position,
        templateId: r.template_id,
        templateVersion: r.template_version,
        pdf: new Uint8Array(this.unseal(id, r.position, 'pdf', r.pdf_sealed)),
        values: this.unsealValues(id, r.position, r.values_sealed),
        ...(staged ? { pending: staged } : {}),
        clerkFields: written.filter((w) => w.position === r.position).map((w) => w.field_id),
      };
    });
    const history = (this.sql('SELECT status, return_reason, actor_kind, actor_id, at FROM status_history WHERE submission_id = ? ORDER BY id').all(id) as {
      status: SubmissionStatus;
      return_reason: ReturnReason | null;
      actor_kind: Actor['kind'];
      actor_id: string;
      at: number;
    }[]).map((h) => ({ status: h.status, at: h.at, actor: { kind: h.actor_kind, id: h.actor_id }, returnReason: h.return_reason }));
    this.insertAudit(actor, 'open', { submissionId: id, ticketNumber: summary.ticketNumber }, this.clock());
    return new OpenedSubmission(summary, history, forms);
  }

  /** submitted → confirmed → done, or submitted/confirmed → returned (with a reason code). A done one is purged. */
  setStatus(id: number, status: SubmissionStatus, actor: Actor, returnReason?: ReturnReason): SubmissionSummary {
    this.assertOpen();
    checkActor(actor);
    if ((status === 'returned') !== (returnReason !== undefined)) throw new QueueError('bad-transition', id);
    if (returnReason !== undefined && !RETURN_REASONS.includes(returnReason)) throw new QueueError('bad-transition', id);
    const now = this.clock();
    this.db.transaction(() => {
      const current = this.summary(id);
      if (!NEXT_STATUS[current.status].includes(status)) throw new QueueError('bad-transition', id);
      this.sql('UPDATE submissions SET status = ?, return_reason = ?, updated_at = ? WHERE id = ?').run(status, returnReason ?? null, now, id);
      this.insertHistory(id, status, returnReason ?? null, actor, now);
      this.insertAudit(actor, 'status', { submissionId: id, ticketNumber: current.ticketNumber, detail: `${current.status}-to-${status}` }, now);
    }).immediate();
    const after = this.summary(id);
    if (status === 'done' && this.purgeWhenDone) this.purge();
    return after;
  }

  /**
   * A clerk's correction of one field before the resident confirms. The audit row names the field, never the value.
   * `pdf` replaces the form's PDF when the caller re-rendered it with the corrected value.
   */
  correctField(id: number, change: { position: number; fieldId: string; value: string | boolean | null; pdf?: Uint8Array }, actor: Actor): void {
    this.assertOpen();
    checkActor(actor);
    if (!QUEUE_ID_PATTERN.test(change.fieldId)) throw new QueueError('unknown-field', id);
    const now = this.clock();
    this.db.transaction(() => {
      const current = this.summary(id);
      if (current.status !== 'submitted' && current.status !== 'confirmed') throw new QueueError('bad-transition', id);
      const form = this.sql('SELECT template_id, values_sealed FROM submission_forms WHERE submission_id = ? AND position = ?').get(id, change.position) as
        | { template_id: string; values_sealed: Buffer }
        | undefined;
      if (!form) throw new QueueError('not-found', id);
      const values = this.unsealValues(id, change.position, form.values_sealed);
      if (change.value === null) delete values[change.fieldId];
      else values[change.fieldId] = change.value;
      this.sql('UPDATE submission_forms SET values_sealed = ? WHERE submission_id = ? AND position = ?').run(this.sealValues(id, change.position, values), id, change.position);
      if (change.pdf) this.sql('UPDATE submission_forms SET pdf_sealed = ? WHERE submission_id = ? AND position = ?').run(this.seal(id, change.position, 'pdf', change.pdf), id, change.position);
      this.sql('UPDATE submissions SET updated_at = ? WHERE id = ?').run(now, id);
      if (actor.kind === 'clerk') this.sql('INSERT OR IGNORE INTO clerk_fields (submission_id, position, field_id) VALUES (?, ?, ?)').run(id, change.position, change.fieldId);
      this.insertAudit(actor, 'correction', { submissionId: id, ticketNumber: current.ticketNumber, templateId: form.template_id, fieldId: change.fieldId }, now);
    }).immediate();
  }

  /**
   * A desk's corrected version of one form, kept beside the original until confirmCorrections(): `values` are the
   * form's whole corrected values, `pdf` the form rendered again from them. Audited per changed field id, no value.
   */
  stageCorrection(id: number, change: { position: number; changedFields: readonly string[]; values: FieldValues; pdf: Uint8Array }, actor: Actor): void {
    this.assertOpen();
    checkActor(actor);
    if (change.changedFields.some((f) => !QUEUE_ID_PATTERN.test(f))) throw new QueueError('unknown-field', id);
    const now = this.clock();
    this.db.transaction(() => {
      const current = this.summary(id);
      if (current.status !== 'submitted' && current.status !== 'confirmed') throw new QueueError('bad-transition', id);
      const form = current.forms.find((f) => f.position === change.position);
      if (!form) throw new QueueError('not-found', id);
      this.db
        .prepare('INSERT OR REPLACE INTO pending_corrections (submission_id, position, pdf_sealed, values_sealed) VALUES (?, ?, ?, ?)')
        .run(id, change.position, this.seal(id, change.position, 'pending-pdf', change.pdf), this.sealValues(id, change.position, change.values, 'pending-values'));
      const mark = this.sql('INSERT OR IGNORE INTO clerk_fields (submission_id, position, field_id) VALUES (?, ?, ?)');
      for (const fieldId of change.changedFields) {
        mark.run(id, change.position, fieldId);
        this.insertAudit(actor, 'correction', { submissionId: id, ticketNumber: current.ticketNumber, templateId: form.templateId, fieldId, detail: 'staged' }, now);
      }
      this.sql('UPDATE submissions SET updated_at = ? WHERE id = ?').run(now, id);
    }).immediate();
  }

  /** The field ids a clerk wrote, per form position: ids only, nothing is decrypted or audited. */
  clerkFieldsOf(id: number): { position: number; fieldId: string }[] {
    this.assertOpen();
    return (this.sql('SELECT position, field_id FROM clerk_fields WHERE submission_id = ? ORDER BY position, field_id').all(id) as { position: number; field_id: string }[]).map((r) => ({ position: r.position, fieldId: r.field_id }));
  }

  /** The clerk confirmed the corrected forms: each replaces its original (PDF and values). Returns how many did. */
  confirmCorrections(id: number, actor: Actor): number {
    this.assertOpen();
    checkActor(actor);
    const now = this.clock();
    return this.db.transaction(() => {
      const current = this.summary(id);
      const rows = this.sql('SELECT position, pdf_sealed, values_sealed FROM pending_corrections WHERE submission_id = ? ORDER BY position').all(id) as { position: number; pdf_sealed: Buffer; values_sealed: Buffer }[];
      if (rows.length === 0) return 0;
      if (current.status !== 'submitted' && current.status !== 'confirmed') throw new QueueError('bad-transition', id);
      const update = this.sql('UPDATE submission_forms SET pdf_sealed = ?, values_sealed = ? WHERE submission_id = ? AND position = ?');
      for (const r of rows) {
        const pdf = this.unseal(id, r.position, 'pending-pdf', r.pdf_sealed);
        const values = this.unsealValues(id, r.position, r.values_sealed, 'pending-values');
        update.run(this.seal(id, r.position, 'pdf', pdf), this.sealValues(id, r.position, values), id, r.position);
        pdf.fill(0);
        const templateId = current.forms.find((f) => f.position === r.position)?.templateId;
        this.insertAudit(actor, 'correction', { submissionId: id, ticketNumber: current.ticketNumber, ...(templateId ? { templateId } : {}), detail: 'confirmed' }, now);
      }
      this.sql('DELETE FROM pending_corrections WHERE submission_id = ?').run(id);
      this.sql('UPDATE submissions SET updated_at = ? WHERE id = ?').run(now, id);
      return rows.length;
    }).immediate();
  }

  /**
   * Records an action taken outside the store (pairing, export, print). `detail` is a short code such as
   * "paired" or "csv", checked so that a value cannot be written here by mistake.
   */
  audit(actor: Actor, action: AuditAction, about: { submissionId?: number; templateId?: string; fieldId?: string; detail?: string } = {}): void {
    this.assertOpen();
    checkActor(actor);
    if (about.detail !== undefined && !DETAIL_PATTERN.test(about.detail)) throw new RangeError('audit detail is a short code, not a value');
    if (about.templateId !== undefined && !QUEUE_ID_PATTERN.test(about.templateId)) throw new RangeError('audit templateId is an id');
    if (about.fieldId !== undefined && !QUEUE_ID_PATTERN.test(about.fieldId)) throw new RangeError('audit fieldId is an id');
    const ticketNumber = about.submissionId === undefined ? undefined : (this.sql('SELECT ticket_number FROM submissions WHERE id = ?').get(about.submissionId) as { ticket_number: string } | undefined)?.ticket_number;
    this.insertAudit(actor, action, { ...about, ...(ticketNumber ? { ticketNumber } : {}) }, this.clock());
  }

  auditLog(): AuditEntry[] {
    this.assertOpen();
    return (this.sql('SELECT * FROM audit_log ORDER BY id').all() as {
      id: number;
      at: number;
      actor_kind: Actor['kind'];
      actor_id: string;
      action: AuditAction;
      submission_id: number | null;
      ticket_number: string | null;
      template_id: string | null;
      field_id: string | null;
      detail: string | null;
    }[]).map((r) => ({
      id: r.id,
      at: r.at,
      actor: { kind: r.actor_kind, id: r.actor_id },
      action: r.action,
      submissionId: r.submission_id,
      ticketNumber: r.ticket_number,
      templateId: r.template_id,
      fieldId: r.field_id,
      detail: r.detail,
    }));
  }

  /** The ticket the resident holds replaces the stored one (the city hall's queue: a kiosk's own, told offline). */
  renumber(id: number, ticketNumber: string, actor: Actor): void {
    this.assertOpen();
    checkActor(actor);
    const now = this.clock();
    this.db.transaction(() => {
      this.summary(id);
      this.sql('UPDATE submissions SET ticket_number = ?, updated_at = ? WHERE id = ?').run(ticketNumber, now, id);
      this.insertAudit(actor, 'correction', { submissionId: id, ticketNumber, detail: 'ticket-number' }, now);
    }).immediate();
  }

  /**
   * Submissions the hall has taken over (a joined kiosk's outbox): each one still `submitted` goes straight to done in
   * one write, with its history and audit line; any other (returned, done, purged, expired) is left as it is. Returns
   * the ids it moved, in the order given. Purged as `setStatus` purges a done one (`purgeWhenDone`).
   */
  handedOver(ids: readonly number[], actor: Actor): number[] {
    this.assertOpen();
    checkActor(actor);
    const now = this.clock();
    const done = this.sql(
      `UPDATE submissions SET status = 'done', updated_at = ? WHERE id = ? AND status = 'submitted' AND expires_at > ? RETURNING ticket_number`,
    );
    const moved = this.db.transaction(() => {
      const moved: number[] = [];
      for (const id of ids) {
        const row = done.get(now, id, now) as { ticket_number: string } | undefined;
        if (!row) continue;
        this.insertHistory(id, 'done', null, actor, now);
        this.insertAudit(actor, 'status', { submissionId: id, ticketNumber: row.ticket_number, detail: 'submitted-to-done' }, now);
        moved.push(id);
      }
      return moved;
    }).immediate();
    if (moved.length > 0 && this.purgeWhenDone) this.purge();
    return moved;
  }

  /** Runs several queue steps as one transaction: one write to disk for a batch (the hall outbox's rounds). */
  inOneTransaction<T>(steps: () => T): T {
    this.assertOpen();
    return this.db.transaction(steps).immediate();
  }

  /**
   * Deletes every done submission and every one past its retention so that their bytes leave both the database file
   * and the WAL (secure_delete + WAL truncate; VACUUM as below). Returns how many went.
   */
  purge(): number {
    this.assertOpen();
    const now = this.clock();
    const gone = this.db.transaction(() => {
      const rows = this.sql(`SELECT id, ticket_number, status FROM submissions WHERE status = 'done' OR expires_at <= ?`).all(now) as {
        id: number;
        ticket_number: string;
        status: SubmissionStatus;
      }[];
      const remove = this.sql('DELETE FROM submissions WHERE id = ?');
      for (const r of rows) {
        remove.run(r.id);
        this.insertAudit({ kind: 'system', id: 'retention' }, 'purge', { submissionId: r.id, ticketNumber: r.ticket_number, detail: r.status === 'done' ? 'done' : 'expired' }, now);
      }
      return { count: rows.length, expired: rows.filter((r) => r.status !== 'done').length };
    }).immediate();
    if (gone.count > 0) {
      // secure_delete zeroed the cells in the pages written to the WAL; TRUNCATE copies them over the old pages in the
      // main file and empties the WAL. VACUUM (slow on a big file: it rewrites it) runs for the end-of-window sweep, or
      // once a quarter of the file is free pages.
      const pages = this.db.pragma('page_count', { simple: true }) as number;
      const free = this.db.pragma('freelist_count', { simple: true }) as number;
      if (gone.expired > 0 || free * 4 > pages) this.db.exec('VACUUM');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
    this.schedulePurge();
    return gone.count;
  }

  /** `PRAGMA integrity_check`: ['ok'] when the file is sound, otherwise SQLite's findings (page numbers, no data). */
  integrityCheck(): string[] {
    this.assertOpen();
    return (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.purgeTimer);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
    this.keyBytes?.fill(0);
  }

  private sql(source: string): Database.Statement {
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.db.prepare(source);
      this.statements.set(source, statement);
    }
    return statement;
  }

  private ensureQueueId(): string {
    this.sql('INSERT OR IGNORE INTO queue_meta (name, value) VALUES (?, ?)').run('queue-id', randomUUID());
    return (this.sql('SELECT value FROM queue_meta WHERE name = ?').get('queue-id') as { value: string }).value;
  }

  /** A queue-key.json an older version kept beside the data: moved into the key store once, then removed. */
  private moveKeyFromBeside(legacyFile: string): void {
    if (!existsSync(legacyFile)) return;
    const legacy = readKeyFile(legacyFile);
    const stored = this.keys.save(this.queueId, legacy);
    if (!stored.equals(legacy)) throw new QueueError('key-invalid');
    rmSync(legacyFile);
  }

  /** The key from the store; a new one only while nothing is sealed (a missing key must not orphan records silently). */
  private key(): Buffer {
    if (this.keyBytes) return this.keyBytes;
    let key = this.keys.load(this.queueId);
    if (!key) {
      const sealed = this.sql('SELECT 1 FROM submission_forms LIMIT 1').get();
      if (sealed) throw new QueueError('key-missing');
      key = this.keys.save(this.queueId, newQueueKey());
    }
    this.keyBytes = key;
    return key;
  }

  private seal(id: number, position: number, column: string, plaintext: Uint8Array): Buffer {
    return sealColumn(this.key(), columnAad('submission_forms', id, position, column), plaintext);
  }

  private unseal(id: number, position: number, column: string, sealed: Uint8Array): Buffer {
    return openColumn(this.key(), columnAad('submission_forms', id, position, column), sealed, id);
  }

  private sealValues(id: number, position: number, values: FieldValues, column = 'values'): Buffer {
    const json = Buffer.from(JSON.stringify(values), 'utf8');
    try {
      return this.seal(id, position, column, json);
    } finally {
      json.fill(0);
    }
  }

  private unsealValues(id: number, position: number, sealed: Uint8Array, column = 'values'): FieldValues {
    const json = this.unseal(id, position, column, sealed);
    try {
      return JSON.parse(json.toString('utf8')) as FieldValues;
    } finally {
      json.fill(0);
    }
  }

  private insertHistory(id: number, status: SubmissionStatus, reason: ReturnReason | null, actor: Actor, at: number): void {
    this.sql('INSERT INTO status_history (submission_id, status, return_reason, actor_kind, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)').run(id, status, reason, actor.kind, actor.id, at);
  }

  private insertAudit(
    actor: Actor,
    action: AuditAction,
    about: { submissionId?: number; ticketNumber?: string; templateId?: string; fieldId?: string; detail?: string },
    at: number,
  ): void {
    this.db
      .prepare('INSERT INTO audit_log (at, actor_kind, actor_id, action, submission_id, ticket_number, template_id, field_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(at, actor.kind, actor.id, action, about.submissionId ?? null, about.ticketNumber ?? null, about.templateId ?? null, about.fieldId ?? null, about.detail ?? null);
  }

  /** A retention shortened in the config applies to what is already stored; a longer one never extends a deadline. */
  private applyRetention(): void {
    const rows = this.sql('SELECT id, created_at, expires_at FROM submissions').all() as { id: number; created_at: number; expires_at: number }[];
    const update = this.sql('UPDATE submissions SET expires_at = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const r of rows) {
        const due = expiresAt(r.created_at, this.retention);
        if (due < r.expires_at) update.run(due, r.id);
      }
    })();
  }

  /** Wakes at the next expiry so a forgotten submission leaves the file on time even if nobody opens the queue. */
  private schedulePurge(): void {
    clearTimeout(this.purgeTimer);
    const next = (this.sql('SELECT min(expires_at) AS at FROM submissions').get() as { at: number | null }).at;
    if (next === null) return;
    // setTimeout holds at most ~24.8 days; a longer wait just wakes, finds nothing, and re-arms.
    const delay = Math.min(Math.max(next - this.clock(), 0) + 1000, 2 ** 31 - 1);
    this.purgeTimer = setTimeout(() => {
      if (!this.closed) this.purge();
    }, delay);
    this.purgeTimer.unref();
  }

  private assertOpen(): void {
    if (this.closed) throw new QueueError('closed');
  }
}

function toSummary(r: SubmissionRow, forms: FormRow[]): SubmissionSummary {
  return {
    id: r.id,
    ticketNumber: r.ticket_number,
    day: r.day,
    procedureId: r.procedure_id,
    status: r.status,
    returnReason: r.return_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    expiresAt: r.expires_at,
    forms: forms.map((f) => ({ position: f.position, templateId: f.template_id, templateVersion: f.template_version })),
  };
}

export function checkActor(actor: Actor): void {
  if (!['clerk', 'desk', 'kiosk', 'system'].includes(actor.kind) || !QUEUE_ID_PATTERN.test(actor.id)) throw new QueueError('invalid-actor');
}

export function openClerkQueue(options: ClerkQueueOptions): ClerkQueue {
  return new ClerkQueue(options);
}
