// The hall's clerk queue on PostgreSQL: the same sealing as a kiosk's own queue (AES-256-GCM per column, the AAD
// naming record and column, the key in a key store apart from the data). Plaintext columns hold only what a clerk may
// see across the room; every statement is parameterised.
import type pg from 'pg';
import { QueueError } from '../../counter/queue/errors';
import { newQueueKey } from '../../counter/queue/key';
import { defaultRetention, expiresAt, type Retention } from '../../counter/queue/retention';
import { columnAad, openColumn, sealColumn } from '../../counter/queue/seal';
import { checkActor, DETAIL_PATTERN, NEXT_STATUS, OpenedSubmission, QUEUE_ID_PATTERN, RETURN_REASONS, type FieldValues, type ReturnReason } from '../../counter/queue/store';
import type { Actor, AuditEntry, ClaimResult, HallQueueLine, HallStoreOptions, HallSubmission, NewSubmission, QueueStore, SubmissionStatus } from './contract';


type Q = Pick<pg.PoolClient, 'query'>;
/** Submission ids drawn from the sequence at once. */
const ID_BLOCK = 32;

interface SubmissionRow {
  id: string;
  site: string;
  kiosk: string;
  ticket_number: string;
  day: string;
  procedure_id: string | null;
  status: SubmissionStatus;
  return_reason: ReturnReason | null;
  created_at: number;
  updated_at: number;
  expires_at: number;
  claimed_kind: Actor['kind'] | null;
  claimed_id: string | null;
  forms: { position: number; templateId: string; templateVersion: number | null }[] | null;
}

// Times as epoch milliseconds (float8, read as a number): the desks list every row on each change, and parsing three
// timestamps per row into Dates was the largest single cost of a listing at the hall.
const epochMs = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)::float8 AS ${column.slice(2)}`;
const LINE_COLUMNS = `s.id, s.site, s.kiosk, s.ticket_number, to_char(s.day, 'YYYY-MM-DD') AS day, s.procedure_id, s.status, s.return_reason,
    ${epochMs('s.created_at')}, ${epochMs('s.updated_at')}, ${epochMs('s.expires_at')}, s.claimed_kind, s.claimed_id`;
const SELECT_LINE = `SELECT ${LINE_COLUMNS} FROM submissions s`;
const SELECT_SUMMARY = `
  SELECT ${LINE_COLUMNS},
    (SELECT json_agg(json_build_object('position', f.position, 'templateId', f.template_id, 'templateVersion', f.template_version) ORDER BY f.position)
       FROM submission_forms f WHERE f.submission_id = s.id) AS forms
  FROM submissions s`;
const TICKET_ORDER = 'ORDER BY s.day, length(s.ticket_number), s.ticket_number, s.id';

const toLine = (r: Omit<SubmissionRow, 'forms'>): HallQueueLine => ({
  id: Number(r.id),
  site: r.site,
  kiosk: r.kiosk,
  ticketNumber: r.ticket_number,
  day: r.day,
  procedureId: r.procedure_id,
  status: r.status,
  returnReason: r.return_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  expiresAt: r.expires_at,
  claimedBy: r.claimed_kind && r.claimed_id ? { kind: r.claimed_kind, id: r.claimed_id } : null,
});
const toSubmission = (r: SubmissionRow): HallSubmission => ({ ...toLine(r), forms: r.forms ?? [] });


export class PgQueueStore implements QueueStore {
  private keyBytes: Buffer | undefined;
  private readonly spareIds: number[] = [];
  private readonly retention: Retention;
  private readonly clock: () => number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: HallStoreOptions,
  ) {
    this.retention = options.retention ?? defaultRetention;
    this.clock = options.clock ?? Date.now;
  }

  async enqueue(site: string, kiosk: string, submission: NewSubmission & { submissionKey: string }): Promise<{ id: number; created: boolean }> {
    return (await this.enqueueMany(site, kiosk, [submission]))[0]!;
  }

  async enqueueMany(site: string, kiosk: string, submissions: (NewSubmission & { submissionKey: string })[]): Promise<{ id: number; created: boolean }[]> {
    if (submissions.length === 0) return [];
    const actor: Actor = { kind: 'kiosk', id: kiosk };
    checkActor(actor);
    const key = await this.key();
    const now = this.clock();
    // One statement, one commit for the whole batch: the ids are drawn first (the AAD names them; see drawIds), then the
    // submissions, their forms, history and audit go in together or not at all. ON CONFLICT DO NOTHING: a key stored
    // before, sent twice in the batch or by a concurrent forward inserts nothing (its drawn id is skipped; ids are not
    // tickets), and is answered with the stored id below. Rows go in by key: two batches at once lock keys in one order.
    const ids = await this.drawIds(submissions.length);
    const params: unknown[] = [new Date(now), new Date(expiresAt(now, this.retention)), site, actor.kind, actor.id];
    const rows: string[] = [];
    const formRows: string[] = [];
    const plain: Buffer[] = [];
    try {
      for (const [i, submission] of submissions.entries()) {
        const id = ids[i]!;
        const at = params.push(id, submission.submissionKey, submission.ticketNumber, submission.day, submission.procedureId ?? null);
        rows.push(`($${at - 4}::bigint, $${at - 3}::text, $${at - 2}::text, $${at - 1}::date, $${at}::text)`);
        for (const [position, f] of submission.forms.entries()) {
          const values = Buffer.from(JSON.stringify(f.values ?? {}), 'utf8');
          plain.push(values);
          const fat = params.push(id, position, f.templateId, f.templateVersion ?? null, seal(key, id, position, 'pdf', f.pdf), seal(key, id, position, 'values', values));
          formRows.push(`($${fat - 5}::bigint, $${fat - 4}::integer, $${fat - 3}::text, $${fat - 2}::integer, $${fat - 1}::bytea, $${fat}::bytea)`);
        }
      }
    } finally {
      for (const b of plain) b.fill(0);
    }
    // A kiosk's live submit (one visit, a form or a few) is the same statement every time: prepared once per
    // connection, PostgreSQL parses and plans it once. A batch's shape varies: it goes unnamed.
    const shape = submissions.length === 1 ? `hall-enqueue-${submissions[0]!.forms.length}` : undefined;
    const inserted = await this.pool.query<{ id: string }>({
      ...(shape ? { name: shape } : {}),
      text: `WITH v (id, submission_key, ticket_number, day, procedure_id) AS (VALUES ${rows.join(', ')}),
       s AS (
         INSERT INTO submissions (id, submission_key, site, kiosk, ticket_number, day, procedure_id, status, created_at, updated_at, expires_at)
         SELECT v.id, v.submission_key, $3, $5, v.ticket_number, v.day, v.procedure_id, 'submitted', $1, $1, $2 FROM v ORDER BY v.submission_key
         ON CONFLICT (submission_key) DO NOTHING RETURNING id, ticket_number),
       ${formRows.length === 0 ? '' : `f AS (
         INSERT INTO submission_forms (submission_id, position, template_id, template_version, pdf_sealed, values_sealed)
         SELECT fv.* FROM (VALUES ${formRows.join(', ')}) AS fv (submission_id, position, template_id, template_version, pdf_sealed, values_sealed)
         JOIN s ON s.id = fv.submission_id),`}
       h AS (
         INSERT INTO status_history (submission_id, status, return_reason, actor_kind, actor_id, at)
         SELECT s.id, 'submitted', NULL, $4, $5, $1 FROM s),
       a AS (
         INSERT INTO queue_audit (at, actor_kind, actor_id, action, submission_id, ticket_number)
         SELECT $1, $4, $5, 'enqueue', s.id, s.ticket_number FROM s ORDER BY s.id)
       SELECT id FROM s`,
      values: params,
    });
    const created = new Set(inserted.rows.map((r) => Number(r.id)));
    const missing = submissions.filter((_, i) => !created.has(ids[i]!)).map((s) => s.submissionKey);
    const stored = new Map(
      missing.length === 0
        ? []
        : (await this.pool.query<{ id: string; submission_key: string }>('SELECT id, submission_key FROM submissions WHERE submission_key = ANY($1)', [missing])).rows.map((r) => [r.submission_key, Number(r.id)] as const),
    );
    return submissions.map((s, i) => (created.has(ids[i]!) ? { id: ids[i]!, created: true } : { id: stored.get(s.submissionKey)!, created: false }));
  }

  async list(filter: { site?: string; status?: SubmissionStatus[] } = {}): Promise<HallQueueLine[]> {
    // Every desk lists on each change: prepared once per connection, and without the forms (a subquery per row was
    // most of PostgreSQL's time per listing).
    const { rows } = await this.pool.query<Omit<SubmissionRow, 'forms'>>({
      name: 'hall-queue-list',
      text: `${SELECT_LINE} WHERE s.expires_at > $1 AND ($2::text IS NULL OR s.site = $2) AND ($3::text[] IS NULL OR s.status = ANY($3)) ${TICKET_ORDER}`,
      values: [new Date(this.clock()), filter.site ?? null, filter.status ?? null],
    });
    return rows.map(toLine);
  }

  summary(id: number): Promise<HallSubmission> {
    return this.summaryIn(this.pool, id);
  }

  async byKey(submissionKey: string): Promise<HallSubmission | undefined> {
    const { rows } = await this.pool.query<SubmissionRow>(`${SELECT_SUMMARY} WHERE s.submission_key = $1 AND s.expires_at > $2`, [submissionKey, new Date(this.clock())]);
    return rows[0] && toSubmission(rows[0]);
  }

  async byKeys(submissionKeys: string[]): Promise<Map<string, HallSubmission>> {
    if (submissionKeys.length === 0) return new Map();
    const { rows } = await this.pool.query<SubmissionRow & { submission_key: string }>({
      name: 'hall-by-keys',
      text: `${SELECT_SUMMARY.replace('SELECT s.id,', 'SELECT s.submission_key, s.id,')} WHERE s.submission_key = ANY($1) AND s.expires_at > $2`,
      values: [submissionKeys, new Date(this.clock())],
    });
    return new Map(rows.map((r) => [r.submission_key, toSubmission(r)]));
  }

  async open(id: number, actor: Actor): Promise<OpenedSubmission> {
    checkActor(actor);
    const key = await this.key();
    const summary = await this.summary(id);
    const { rows } = await this.pool.query<{ position: number; template_id: string; template_version: number | null; pdf_sealed: Buffer; values_sealed: Buffer }>(
      'SELECT position, template_id, template_version, pdf_sealed, values_sealed FROM submission_forms WHERE submission_id = $1 ORDER BY position',
      [id],
    );
    const written = (await this.pool.query<{ position: number; field_id: string }>('SELECT position, field_id FROM clerk_fields WHERE submission_id = $1 ORDER BY field_id', [id])).rows;
    const pending = new Map(
      (await this.pool.query<{ position: number; pdf_sealed: Buffer; values_sealed: Buffer }>('SELECT position, pdf_sealed, values_sealed FROM pending_corrections WHERE submission_id = $1', [id])).rows.map(
        (p) => [p.position, { pdf: new Uint8Array(unseal(key, id, p.position, 'pending-pdf', p.pdf_sealed)), values: unsealValues(key, id, p.position, p.values_sealed, 'pending-values') }] as const,
      ),
    );
    const forms = rows.map((r) => {
      const staged = pending.get(r.position);
      return {
        position: r.position,
        templateId: r.template_id,
        templateVersion: r.template_version,
        pdf: new Uint8Array(unseal(key, id, r.position, 'pdf', r.pdf_sealed)),
        values: unsealValues(key, id, r.position, r.values_sealed),
        ...(staged ? { pending: staged } : {}),
        clerkFields: written.filter((w) => w.position === r.position).map((w) => w.field_id),
      };
    });
    const history = await this.pool.query<{ status: SubmissionStatus; return_reason: ReturnReason | null; actor_kind: Actor['kind']; actor_id: string; at: Date }>(
      'SELECT status, return_reason, actor_kind, actor_id, at FROM status_history WHERE submission_id = $1 ORDER BY id',
      [id],
    );
    await this.auditIn(this.pool, actor, 'open', { submissionId: id, ticketNumber: summary.ticketNumber }, this.clock());
    return new OpenedSubmission(
      summary,
      history.rows.map((h) => ({ status: h.status, at: h.at.getTime(), actor: { kind: h.actor_kind, id: h.actor_id }, returnReason: h.return_reason })),
      forms,
    );
  }

  async setStatus(id: number, status: SubmissionStatus, actor: Actor, returnReason?: ReturnReason): Promise<HallSubmission> {
    checkActor(actor);
    if ((status === 'returned') !== (returnReason !== undefined)) throw new QueueError('bad-transition', id);
    if (returnReason !== undefined && !RETURN_REASONS.includes(returnReason)) throw new QueueError('bad-transition', id);
    const now = this.clock();
    const after = await this.transaction(async (c) => {
      const current = await this.summaryIn(c, id, true);
      if (!NEXT_STATUS[current.status].includes(status)) throw new QueueError('bad-transition', id);
      await c.query('UPDATE submissions SET status = $2, return_reason = $3, updated_at = $4 WHERE id = $1', [id, status, returnReason ?? null, new Date(now)]);
      await this.history(c, id, status, returnReason ?? null, actor, now);
      await this.auditIn(c, actor, 'status', { submissionId: id, ticketNumber: current.ticketNumber, detail: `${current.status}-to-${status}` }, now);
      return { ...current, status, returnReason: returnReason ?? null, updatedAt: now };
    });
    if (status === 'done') await this.purge();
    return after;
  }

  async renumber(id: number, ticketNumber: string, actor: Actor): Promise<void> {
    checkActor(actor);
    const now = this.clock();
    await this.transaction(async (c) => {
      await this.summaryIn(c, id, true);
      await c.query('UPDATE submissions SET ticket_number = $2, updated_at = $3 WHERE id = $1', [id, ticketNumber, new Date(now)]);
      await this.auditIn(c, actor, 'correction', { submissionId: id, ticketNumber, detail: 'ticket-number' }, now);
    });
  }

  async correctField(id: number, change: { position: number; fieldId: string; value: string | boolean | null; pdf?: Uint8Array }, actor: Actor): Promise<void> {
    checkActor(actor);
    if (!QUEUE_ID_PATTERN.test(change.fieldId)) throw new QueueError('unknown-field', id);
    const key = await this.key();
    const now = this.clock();
    await this.transaction(async (c) => {
      const current = await this.summaryIn(c, id, true);
      if (current.status !== 'submitted' && current.status !== 'confirmed') throw new QueueError('bad-transition', id);
      const { rows } = await c.query<{ template_id: string; values_sealed: Buffer }>(
        'SELECT template_id, values_sealed FROM submission_forms WHERE submission_id = $1 AND position = $2',
        [id, change.position],
      );
      const form = rows[0];
      if (!form) throw new QueueError('not-found', id);
      const values = unsealValues(key, id, change.position, form.values_sealed);
      if (change.value === null) delete values[change.fieldId];
      else values[change.fieldId] = change.value;
      const json = Buffer.from(JSON.stringify(values), 'utf8');
      try {
        await c.query('UPDATE submission_forms SET values_sealed = $3 WHERE submission_id = $1 AND position = $2', [id, change.position, seal(key, id, change.position, 'values', json)]);
      } finally {
        json.fill(0);
      }
      if (change.pdf) await c.query('UPDATE submission_forms SET pdf_sealed = $3 WHERE submission_id = $1 AND position = $2', [id, change.position, seal(key, id, change.position, 'pdf', change.pdf)]);
      await c.query('UPDATE submissions SET updated_at = $2 WHERE id = $1', [id, new Date(now)]);
      if (actor.kind === 'clerk') await c.query('INSERT INTO clerk_fields (submission_id, position, field_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, change.position, change.fieldId]);
      await this.auditIn(c, actor, 'correction', { submissionId: id, ticketNumber: current.ticketNumber, templateId: form.template_id, fieldId: change.fieldId }, now);
    });
  }

  async claim(id: number, actor: Actor): Promise<ClaimResult> {
    checkActor(actor);
    const now = this.clock();
    return this.transaction(async (c) => {
      // SKIP LOCKED: a claimer that finds the row locked never takes it; it then waits for that transaction only to
      // read who won it.
      let { rows } = await c.query<{ claimed_kind: Actor['kind'] | null; claimed_id: string | null; ticket_number: string }>(
        'SELECT claimed_kind, claimed_id, ticket_number FROM submissions WHERE id = $1 AND expires_at > $2 FOR UPDATE SKIP LOCKED',
        [id, new Date(now)],
      );
      if (rows.length === 0) {
        const held = await c.query<{ claimed_kind: Actor['kind'] | null; claimed_id: string | null; ticket_number: string }>(
          'SELECT claimed_kind, claimed_id, ticket_number FROM submissions WHERE id = $1 AND expires_at > $2 FOR UPDATE',
          [id, new Date(now)],
        );
        if (held.rows.length === 0) throw new QueueError('not-found', id);
        rows = held.rows;
      }
      const row = rows[0]!;
      if (row.claimed_kind && row.claimed_id && !(row.claimed_kind === actor.kind && row.claimed_id === actor.id)) {
        return { ok: false as const, heldBy: { kind: row.claimed_kind, id: row.claimed_id } };
      }
      await c.query('UPDATE submissions SET claimed_kind = $2, claimed_id = $3, claimed_at = $4 WHERE id = $1', [id, actor.kind, actor.id, new Date(now)]);
      await this.auditIn(c, actor, 'status', { submissionId: id, ticketNumber: row.ticket_number, detail: 'claimed' }, now);
      return { ok: true as const, submission: await this.summaryIn(c, id) };
    });
  }

  async release(id: number, actor: Actor): Promise<boolean> {
    checkActor(actor);
    const now = this.clock();
    return this.transaction(async (c) => {
      const current = await this.summaryIn(c, id, true);
      if (current.claimedBy?.kind !== actor.kind || current.claimedBy.id !== actor.id) return false;
      await c.query('UPDATE submissions SET claimed_kind = NULL, claimed_id = NULL, claimed_at = NULL WHERE id = $1', [id]);
      await this.auditIn(c, actor, 'status', { submissionId: id, ticketNumber: current.ticketNumber, detail: 'released' }, now);
      return true;
    });
  }

  async stageCorrection(id: number, change: { position: number; changedFields: readonly string[]; values: FieldValues; pdf: Uint8Array }, actor: Actor): Promise<void> {
    checkActor(actor);
    if (change.changedFields.some((f) => !QUEUE_ID_PATTERN.test(f))) throw new QueueError('unknown-field', id);
    const key = await this.key();
    const now = this.clock();
    const json = Buffer.from(JSON.stringify(change.values), 'utf8');
    try {
      await this.transaction(async (c) => {
        const current = await this.summaryIn(c, id, true);
        if (current.status !== 'submitted' && current.status !== 'confirmed') throw new QueueError('bad-transition', id);
        const form = current.forms.find((f) => f.position === change.position);
        if (!form) throw new QueueError('not-found', id);
        await c.query(
          `INSERT INTO pending_corrections (submission_id, position, pdf_sealed, values_sealed) VALUES ($1, $2, $3, $4)
           ON CONFLICT (submission_id, position) DO UPDATE SET pdf_sealed = excluded.pdf_sealed, values_sealed = excluded.values_sealed`,
          [id, change.position, seal(key, id, change.position, 'pending-pdf', change.pdf), seal(key, id, change.position, 'pending-values', json)],
        );
        for (const fieldId of change.changedFields) {
          await c.query('INSERT INTO clerk_fields (submission_id, position, field_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, change.position, fieldId]);
          await this.auditIn(c, actor, 'correction', { submissionId: id, ticketNumber: current.ticketNumber, templateId: form.templateId, fieldId, detail: 'staged' }, now);
        }
        await c.query('UPDATE submissions SET updated_at = $2 WHERE id = $1', [id, new Date(now)]);
      });
    } finally {
      json.fill(0);
    }
  }

  async confirmCorrections(id: number, actor: Actor): Promise<number> {
    checkActor(actor);
    const key = await this.key();
    const now = this.clock();
    return this.transaction(async (c) => {
      const current = await this.summaryIn(c, id, true);
      const { rows } = await c.query<{ position: number; pdf_sealed: Buffer; values_sealed: Buffer }>('SELECT position, pdf_sealed, values_sealed FROM pending_corrections WHERE submission_id = $1 ORDER BY position', [id]);
      if (rows.length === 0) return 0;
      if (current.status !== 'submitted' && current.status !== 'confirmed') throw new QueueError('bad-transition', id);
      for (const r of rows) {
        // Opened under the pending column's AAD, sealed again under the original's: a row cannot be moved between them.
        const pdf = unseal(key, id, r.position, 'pending-pdf', r.pdf_sealed);
        const values = unseal(key, id, r.position, 'pending-values', r.values_sealed);
        try {
          await c.query('UPDATE submission_forms SET pdf_sealed = $3, values_sealed = $4 WHERE submission_id = $1 AND position = $2', [id, r.position, seal(key, id, r.position, 'pdf', pdf), seal(key, id, r.position, 'values', values)]);
        } finally {
          pdf.fill(0);
          values.fill(0);
        }
        const templateId = current.forms.find((f) => f.position === r.position)?.templateId;
        await this.auditIn(c, actor, 'correction', { submissionId: id, ticketNumber: current.ticketNumber, ...(templateId ? { templateId } : {}), detail: 'confirmed' }, now);
      }
      await c.query('DELETE FROM pending_corrections WHERE submission_id = $1', [id]);
      await c.query('UPDATE submissions SET updated_at = $2 WHERE id = $1', [id, new Date(now)]);
      return rows.length;
    });
  }

  async audit(id: number, actor: Actor, action: 'print' | 'export', detail: string): Promise<void> {
    checkActor(actor);
    if (!DETAIL_PATTERN.test(detail)) throw new RangeError('audit detail is a short code, not a value');
    const current = await this.summary(id);
    await this.auditIn(this.pool, actor, action, { submissionId: id, ticketNumber: current.ticketNumber, detail }, this.clock());
  }

  async auditLog(): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<{
      id: string;
      at: Date;
      actor_kind: Actor['kind'];
      actor_id: string;
      action: AuditEntry['action'];
      submission_id: string | null;
      ticket_number: string | null;
      template_id: string | null;
      field_id: string | null;
      detail: string | null;
    }>('SELECT * FROM queue_audit ORDER BY id');
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at.getTime(),
      actor: { kind: r.actor_kind, id: r.actor_id },
      action: r.action,
      submissionId: r.submission_id === null ? null : Number(r.submission_id),
      ticketNumber: r.ticket_number,
      templateId: r.template_id,
      fieldId: r.field_id,
      detail: r.detail,
    }));
  }

  async purge(): Promise<number> {
    const now = this.clock();
    return this.transaction(async (c) => {
      const { rows } = await c.query<{ id: string; ticket_number: string; status: SubmissionStatus }>(
        `DELETE FROM submissions WHERE status = 'done' OR expires_at <= $1 RETURNING id, ticket_number, status`,
        [new Date(now)],
      );
      for (const r of rows) {
        await this.auditIn(c, { kind: 'system', id: 'retention' }, 'purge', { submissionId: Number(r.id), ticketNumber: r.ticket_number, detail: r.status === 'done' ? 'done' : 'expired' }, now);
      }
      return rows.length;
    });
  }

  private async summaryIn(c: Q, id: number, lock = false): Promise<HallSubmission> {
    const { rows } = await c.query<SubmissionRow>({
      name: lock ? 'hall-summary-lock' : 'hall-summary',
      text: `${SELECT_SUMMARY} WHERE s.id = $1 AND s.expires_at > $2${lock ? ' FOR UPDATE OF s' : ''}`,
      values: [id, new Date(this.clock())],
    });
    if (!rows[0]) throw new QueueError('not-found', id);
    return toSubmission(rows[0]);
  }

  /** Submission ids from the sequence, drawn a block at a time (one round trip per visit less); ids left unused when
   * the hall stops are skipped, as a conflicting insert's are: ids are not tickets. */
  private async drawIds(count: number): Promise<number[]> {
    if (this.spareIds.length < count) {
      const { rows } = await this.pool.query<{ id: string }>("SELECT nextval('submissions_id_seq') AS id FROM generate_series(1, $1)", [Math.max(count, ID_BLOCK)]);
      this.spareIds.push(...rows.map((r) => Number(r.id)));
    }
    return this.spareIds.splice(0, count);
  }

  /** The key from the store; a new one only while nothing is sealed (a missing key must not orphan records silently). */
  private async key(): Promise<Buffer> {
    if (this.keyBytes) return this.keyBytes;
    const { rows } = await this.pool.query<{ value: string }>("SELECT value FROM hall_meta WHERE name = 'queue-id'");
    const queueId = rows[0]!.value;
    let key = this.options.keys.load(queueId);
    if (!key) {
      const sealed = await this.pool.query('SELECT 1 FROM submission_forms LIMIT 1');
      if (sealed.rows.length > 0) throw new QueueError('key-missing');
      key = this.options.keys.save(queueId, newQueueKey());
    }
    this.keyBytes = key;
    return key;
  }

  private async transaction<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const result = await work(c);
      await c.query('COMMIT');
      return result;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }

  private async history(c: Q, id: number, status: SubmissionStatus, reason: ReturnReason | null, actor: Actor, at: number): Promise<void> {
    await c.query('INSERT INTO status_history (submission_id, status, return_reason, actor_kind, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6)', [id, status, reason, actor.kind, actor.id, new Date(at)]);
  }

  private async auditIn(
    c: Q,
    actor: Actor,
    action: AuditEntry['action'],
    about: { submissionId?: number; ticketNumber?: string; templateId?: string; fieldId?: string; detail?: string },
    at: number,
  ): Promise<void> {
    await c.query(
      'INSERT INTO queue_audit (at, actor_kind, actor_id, action, submission_id, ticket_number, template_id, field_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [new Date(at), actor.kind, actor.id, action, about.submissionId ?? null, about.ticketNumber ?? null, about.templateId ?? null, about.fieldId ?? null, about.detail ?? null],
    );
  }
}

function seal(key: Buffer, id: number, position: number, column: string, plaintext: Uint8Array): Buffer {
  return sealColumn(key, columnAad('submission_forms', id, position, column), plaintext);
}

function unseal(key: Buffer, id: number, position: number, column: string, sealed: Uint8Array): Buffer {
  return openColumn(key, columnAad('submission_forms', id, position, column), sealed, id);
}

function unsealValues(key: Buffer, id: number, position: number, sealed: Uint8Array, column = 'values'): FieldValues {
  const json = unseal(key, id, position, column, sealed);
  try {
    return JSON.parse(json.toString('utf8')) as FieldValues;
  } finally {
    json.fill(0);
  }
}
