// The queue contract over a kiosk's own ClerkQueue (unchanged): the sealed data stays in its file; what the hall adds
// (the site and kiosk a submission came from, who claimed it) sits in a side table of the hall file, nothing personal.
import type Database from 'better-sqlite3';
import { QueueError } from '../../counter/queue/errors';
import type { ClerkQueue, FieldValues, ReturnReason } from '../../counter/queue/store';
import { byTicket, type Actor, type AuditEntry, type ClaimResult, type HallQueueLine, type HallSubmission, type NewSubmission, type OpenedSubmission, type QueueStore, type SubmissionStatus } from './contract';
import type { SubmissionSummary } from '../../counter/queue/store';

/** better-sqlite3 throws synchronously; the contract's callers expect a rejected promise, as from PostgreSQL. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

type PlaceRow = { submission_id: number; site: string; kiosk: string; claimed_kind: Actor['kind'] | null; claimed_id: string | null };

export class SqliteQueueStore implements QueueStore {
  constructor(
    private readonly queue: ClerkQueue,
    private readonly db: Database.Database,
    private readonly clock: () => number = Date.now,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS hall_queue_places (submission_id INTEGER PRIMARY KEY, site TEXT NOT NULL, kiosk TEXT NOT NULL,
      claimed_kind TEXT, claimed_id TEXT, claimed_at INTEGER) STRICT;`);
  }

  async enqueue(site: string, kiosk: string, submission: NewSubmission & { submissionKey: string }): Promise<{ id: number; created: boolean }> {
    return (await this.enqueueMany(site, kiosk, [submission]))[0]!;
  }

  enqueueMany(site: string, kiosk: string, submissions: (NewSubmission & { submissionKey: string })[]): Promise<{ id: number; created: boolean }[]> {
    return settle(() =>
      submissions.map((submission) => {
        const id = this.queue.enqueue(submission, { kind: 'kiosk', id: kiosk });
        const placed = this.db.prepare('INSERT INTO hall_queue_places (submission_id, site, kiosk) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(id, site, kiosk);
        return { id, created: placed.changes === 1 };
      }),
    );
  }

  list(filter: { site?: string; status?: SubmissionStatus[] } = {}): Promise<HallQueueLine[]> {
    return settle(() => {
      const places = this.places();
      return this.queue
        .list(filter.status ? { status: filter.status } : {})
        .map((s) => this.placed(s, places.get(s.id)))
        .filter((s): s is HallSubmission => s !== undefined && (filter.site === undefined || s.site === filter.site))
        .sort(byTicket)
        .map(({ forms: _forms, ...line }) => line);
    });
  }

  summary(id: number): Promise<HallSubmission> {
    return settle(() => this.summaryOf(id));
  }

  byKey(submissionKey: string): Promise<HallSubmission | undefined> {
    return settle(() => {
      const places = this.places();
      const found = this.queue.list().find((s) => this.queue.submissionKeyOf(s.id) === submissionKey);
      return found && this.placed(found, places.get(found.id));
    });
  }

  byKeys(submissionKeys: string[]): Promise<Map<string, HallSubmission>> {
    return settle(() => {
      const wanted = new Set(submissionKeys);
      const places = this.places();
      const found = new Map<string, HallSubmission>();
      for (const s of this.queue.list()) {
        const key = this.queue.submissionKeyOf(s.id);
        const placed = key !== undefined && wanted.has(key) ? this.placed(s, places.get(s.id)) : undefined;
        if (placed) found.set(key!, placed);
      }
      return found;
    });
  }

  open(id: number, actor: Actor): Promise<OpenedSubmission> {
    return settle(() => {
      this.summaryOf(id);
      return this.queue.open(id, actor);
    });
  }

  setStatus(id: number, status: SubmissionStatus, actor: Actor, returnReason?: ReturnReason): Promise<HallSubmission> {
    return settle(() => {
      const place = this.placeOf(id);
      return this.placed(this.queue.setStatus(id, status, actor, returnReason), place)!;
    });
  }

  correctField(id: number, change: { position: number; fieldId: string; value: string | boolean | null; pdf?: Uint8Array }, actor: Actor): Promise<void> {
    return settle(() => this.queue.correctField(id, change, actor));
  }

  renumber(id: number, ticketNumber: string, actor: Actor): Promise<void> {
    return settle(() => {
      this.summaryOf(id);
      this.queue.renumber(id, ticketNumber, actor);
    });
  }

  claim(id: number, actor: Actor): Promise<ClaimResult> {
    return settle(() => {
      // An immediate transaction holds the file's write lock from the read to the write: one of two claimers wins.
      const result = this.db.transaction((): ClaimResult => {
        const submission = this.summaryOf(id);
        const held = submission.claimedBy;
        if (held && !(held.kind === actor.kind && held.id === actor.id)) return { ok: false, heldBy: held };
        this.db.prepare('UPDATE hall_queue_places SET claimed_kind = ?, claimed_id = ?, claimed_at = ? WHERE submission_id = ?').run(actor.kind, actor.id, this.clock(), id);
        return { ok: true, submission: { ...submission, claimedBy: { kind: actor.kind, id: actor.id } } };
      }).immediate();
      if (result.ok) this.queue.audit(actor, 'status', { submissionId: id, detail: 'claimed' });
      return result;
    });
  }

  release(id: number, actor: Actor): Promise<boolean> {
    return settle(() => {
      const released = this.db
        .prepare('UPDATE hall_queue_places SET claimed_kind = NULL, claimed_id = NULL, claimed_at = NULL WHERE submission_id = ? AND claimed_kind = ? AND claimed_id = ?')
        .run(this.summaryOf(id).id, actor.kind, actor.id);
      if (released.changes === 1) this.queue.audit(actor, 'status', { submissionId: id, detail: 'released' });
      return released.changes === 1;
    });
  }

  stageCorrection(id: number, change: { position: number; changedFields: readonly string[]; values: FieldValues; pdf: Uint8Array }, actor: Actor): Promise<void> {
    return settle(() => {
      this.summaryOf(id);
      this.queue.stageCorrection(id, change, actor);
    });
  }

  confirmCorrections(id: number, actor: Actor): Promise<number> {
    return settle(() => {
      this.summaryOf(id);
      return this.queue.confirmCorrections(id, actor);
    });
  }

  audit(id: number, actor: Actor, action: 'print' | 'export', detail: string): Promise<void> {
    return settle(() => {
      this.summaryOf(id);
      this.queue.audit(actor, action, { submissionId: id, detail });
    });
  }

  auditLog(): Promise<AuditEntry[]> {
    return settle(() => this.queue.auditLog());
  }

  purge(): Promise<number> {
    return settle(() => {
      const gone = this.queue.purge();
      const kept = new Set(this.queue.list().map((s) => s.id));
      const remove = this.db.prepare('DELETE FROM hall_queue_places WHERE submission_id = ?');
      for (const id of this.places().keys()) if (!kept.has(id)) remove.run(id);
      return gone;
    });
  }

  private places(): Map<number, PlaceRow> {
    const rows = this.db.prepare('SELECT * FROM hall_queue_places').all() as PlaceRow[];
    return new Map(rows.map((r) => [r.submission_id, r]));
  }

  private placeOf(id: number): PlaceRow {
    const row = this.db.prepare('SELECT * FROM hall_queue_places WHERE submission_id = ?').get(id) as PlaceRow | undefined;
    if (!row) throw new QueueError('not-found', id);
    return row;
  }

  private summaryOf(id: number): HallSubmission {
    return this.placed(this.queue.summary(id), this.placeOf(id))!;
  }

  private placed(s: SubmissionSummary, place: PlaceRow | undefined): HallSubmission | undefined {
    if (!place) return undefined;
    const claimedBy = place.claimed_kind && place.claimed_id ? { kind: place.claimed_kind, id: place.claimed_id } : null;
    return { ...s, site: place.site, kiosk: place.kiosk, claimedBy };
  }
}
