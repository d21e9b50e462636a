// Published templates and bundles on PostgreSQL, shaped as the designer's own store: every saved version, the live
// pointer per document with its publication history, background PDFs by the SHA-256 of their bytes.
import type pg from 'pg';
import type { DocumentKind, LiveSource } from '../../contract/admin';
import { HallStoreError, type LivePointer, type StoredBackground, type StoredVersion, type TemplateStore } from './contract';

type VersionRow = { kind: DocumentKind; id: string; version: number; json: string; saved_at: Date; saved_by: string; note: string | null };
type LiveRow = { kind: DocumentKind; id: string; version: number; source: LiveSource; published_at: Date };

const toVersion = (r: VersionRow): StoredVersion => ({ kind: r.kind, id: r.id, version: r.version, json: r.json, savedAt: r.saved_at.getTime(), savedBy: r.saved_by, note: r.note });
const toLive = (r: LiveRow): LivePointer => ({ kind: r.kind, id: r.id, version: r.version, source: r.source, publishedAt: r.published_at.getTime() });

export class PgTemplateStore implements TemplateStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: () => number = Date.now,
  ) {}

  async saveVersion(input: { kind: DocumentKind; id: string; basedOn: number | null; json: string; who: string; note: string | null }): Promise<{ ok: true; version: number } | { ok: false; latestVersion: number }> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      // The advisory lock per document serialises two savers of the same document (no row exists yet for a first save).
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${input.kind}/${input.id}`]);
      const { rows } = await c.query<{ v: number | null }>('SELECT max(version) AS v FROM document_versions WHERE kind = $1 AND id = $2', [input.kind, input.id]);
      const latest = rows[0]?.v ?? 0;
      if ((input.basedOn ?? 0) !== latest) {
        await c.query('ROLLBACK');
        return { ok: false, latestVersion: latest };
      }
      await c.query('INSERT INTO document_versions (kind, id, version, json, saved_at, saved_by, note) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        input.kind, input.id, latest + 1, input.json, new Date(this.clock()), input.who, input.note,
      ]);
      await c.query('COMMIT');
      return { ok: true, version: latest + 1 };
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }

  async versions(kind: DocumentKind, id: string): Promise<StoredVersion[]> {
    const { rows } = await this.pool.query<VersionRow>('SELECT * FROM document_versions WHERE kind = $1 AND id = $2 ORDER BY version', [kind, id]);
    return rows.map(toVersion);
  }

  async version(kind: DocumentKind, id: string, version: number): Promise<StoredVersion | undefined> {
    const { rows } = await this.pool.query<VersionRow>('SELECT * FROM document_versions WHERE kind = $1 AND id = $2 AND version = $3', [kind, id, version]);
    return rows[0] && toVersion(rows[0]);
  }

  async latestVersions(): Promise<StoredVersion[]> {
    const { rows } = await this.pool.query<VersionRow>('SELECT DISTINCT ON (kind, id) * FROM document_versions ORDER BY kind, id, version DESC');
    return rows.map(toVersion);
  }

  async publish(pointer: { kind: DocumentKind; id: string; version: number }, who: string): Promise<LivePointer> {
    const at = new Date(this.clock());
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const exists = await c.query('SELECT 1 FROM document_versions WHERE kind = $1 AND id = $2 AND version = $3', [pointer.kind, pointer.id, pointer.version]);
      if (exists.rows.length === 0) throw new HallStoreError('not-found');
      await c.query(
        `INSERT INTO live_documents (kind, id, version, source, published_at) VALUES ($1, $2, $3, 'designer', $4)
         ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, source = excluded.source, published_at = excluded.published_at`,
        [pointer.kind, pointer.id, pointer.version, at],
      );
      await c.query("INSERT INTO publications (kind, id, version, source, at, who) VALUES ($1, $2, $3, 'designer', $4, $5)", [pointer.kind, pointer.id, pointer.version, at, who]);
      await c.query('COMMIT');
      return { ...pointer, source: 'designer', publishedAt: at.getTime() };
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }

  async livePointers(): Promise<LivePointer[]> {
    const { rows } = await this.pool.query<LiveRow>('SELECT * FROM live_documents ORDER BY kind, id');
    return rows.map(toLive);
  }

  async liveVersions(): Promise<StoredVersion[]> {
    const { rows } = await this.pool.query<VersionRow>('SELECT v.* FROM document_versions v JOIN live_documents l USING (kind, id, version) ORDER BY v.kind, v.id');
    return rows.map(toVersion);
  }

  async addBackground(bg: StoredBackground, who: string): Promise<boolean> {
    const r = await this.pool.query('INSERT INTO backgrounds (hash, bytes, pages_mm, added_at, added_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hash) DO NOTHING', [
      bg.hash, Buffer.from(bg.bytes.buffer, bg.bytes.byteOffset, bg.bytes.byteLength), JSON.stringify(bg.pagesMm), new Date(this.clock()), who,
    ]);
    return r.rowCount === 1;
  }

  async background(hash: string): Promise<StoredBackground | undefined> {
    const { rows } = await this.pool.query<{ hash: string; bytes: Buffer; pages_mm: StoredBackground['pagesMm'] }>('SELECT hash, bytes, pages_mm FROM backgrounds WHERE hash = $1', [hash]);
    const r = rows[0];
    return r && { hash: r.hash, bytes: new Uint8Array(r.bytes), pagesMm: r.pages_mm };
  }
}
