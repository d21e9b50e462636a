// The designer's store, <data folder>/designer.db (SQLite, WAL): every saved version of a template or bundle, the
// live pointer per document with its publication history, background PDFs by the SHA-256 of their bytes, and the
// audit trail. Nothing of a resident is ever written here: documents are forms, the audit holds ids and field ids.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditEntry, DocumentKind, LiveSource } from '../../contract/admin';

export interface StoredVersion {
  kind: DocumentKind;
  id: string;
  version: number;
  json: string;
  savedAt: number;
  savedBy: string;
  note: string | null;
}

export interface LivePointer {
  kind: DocumentKind;
  id: string;
  version: number;
  source: LiveSource;
  publishedAt: number;
}

export interface StoredBackground {
  hash: string;
  bytes: Uint8Array;
  pagesMm: { widthMm: number; heightMm: number }[];
}

export type NewAudit = Omit<AuditEntry, 'at'>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS document_versions (
  kind TEXT NOT NULL CHECK (kind IN ('template', 'bundle')),
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  json TEXT NOT NULL,
  saved_at INTEGER NOT NULL,
  saved_by TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (kind, id, version)
) STRICT;
CREATE TABLE IF NOT EXISTS live_documents (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('files', 'designer')),
  published_at INTEGER NOT NULL,
  PRIMARY KEY (kind, id)
) STRICT;
CREATE TABLE IF NOT EXISTS publications (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  source TEXT NOT NULL,
  at INTEGER NOT NULL,
  who TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS publications_by_document ON publications (kind, id, version);
CREATE TABLE IF NOT EXISTS backgrounds (
  hash TEXT PRIMARY KEY,
  bytes BLOB NOT NULL,
  pages_mm TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  added_by TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  kind TEXT,
  document_id TEXT,
  version INTEGER,
  detail TEXT
) STRICT;
`;

type VersionRow = { kind: DocumentKind; id: string; version: number; json: string; saved_at: number; saved_by: string; note: string | null };
type LiveRow = { kind: DocumentKind; id: string; version: number; source: LiveSource; published_at: number };
type AuditRow = { at: number; who: string; action: AuditEntry['action']; kind: DocumentKind | null; document_id: string | null; version: number | null; detail: string | null };

export class DesignerStore {
  private readonly db: Database.Database;
  private readonly clock: () => number;

  constructor(readonly file: string, options: { clock?: () => number } = {}) {
    this.clock = options.clock ?? Date.now;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  /** Every stored version of a document, oldest first. */
  versions(kind: DocumentKind, id: string): StoredVersion[] {
    return (this.db.prepare('SELECT * FROM document_versions WHERE kind = ? AND id = ? ORDER BY version').all(kind, id) as VersionRow[]).map(toVersion);
  }

  version(kind: DocumentKind, id: string, version: number): StoredVersion | undefined {
    const row = this.db.prepare('SELECT * FROM document_versions WHERE kind = ? AND id = ? AND version = ?').get(kind, id, version) as VersionRow | undefined;
    return row && toVersion(row);
  }

  /** The newest stored version of each document the designer has saved. */
  latestVersions(): StoredVersion[] {
    const rows = this.db
      .prepare('SELECT v.* FROM document_versions v JOIN (SELECT kind, id, MAX(version) AS version FROM document_versions GROUP BY kind, id) m USING (kind, id, version) ORDER BY kind, id')
      .all() as VersionRow[];
    return rows.map(toVersion);
  }

  /**
   * Stores a new version numbered after every known one (`otherVersion`: the templates/ file's, if any), unless the
   * newest is not `basedOn` (somebody saved meanwhile). `build` gets the number and returns the JSON and audit detail.
   */
  saveVersion(
    input: { kind: DocumentKind; id: string; basedOn: number | null; otherVersion: number | undefined; who: string; note: string | null; action: 'save' | 'import' },
    build: (version: number, previous: StoredVersion | undefined) => { json: string; detail: string },
  ): { ok: true; version: number } | { ok: false; latestVersion: number } {
    const tx = this.db.transaction(() => {
      const stored = this.db.prepare('SELECT MAX(version) AS v FROM document_versions WHERE kind = ? AND id = ?').get(input.kind, input.id) as { v: number | null };
      const latest = Math.max(stored.v ?? 0, input.otherVersion ?? 0);
      if (input.action === 'save' && (input.basedOn ?? 0) !== latest) return { ok: false as const, latestVersion: latest };
      const version = latest + 1;
      const previous = stored.v === null ? undefined : this.version(input.kind, input.id, stored.v);
      const { json, detail } = build(version, previous);
      const at = this.clock();
      this.db
        .prepare('INSERT INTO document_versions (kind, id, version, json, saved_at, saved_by, note) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(input.kind, input.id, version, json, at, input.who, input.note);
      this.insertAudit({ who: input.who, action: input.action, kind: input.kind, documentId: input.id, version, detail }, at);
      return { ok: true as const, version };
    });
    return tx.immediate();
  }

  live(kind: DocumentKind, id: string): LivePointer | undefined {
    const row = this.db.prepare('SELECT * FROM live_documents WHERE kind = ? AND id = ?').get(kind, id) as LiveRow | undefined;
    return row && toLive(row);
  }

  livePointers(): LivePointer[] {
    return (this.db.prepare('SELECT * FROM live_documents ORDER BY kind, id').all() as LiveRow[]).map(toLive);
  }

  /** Moves the live pointer (and records the publication) in one transaction with its audit line. */
  publish(pointer: { kind: DocumentKind; id: string; version: number; source: LiveSource }, who: string, action: 'publish' | 'rollback', detail?: string): LivePointer {
    const at = this.clock();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO live_documents (kind, id, version, source, published_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, source = excluded.source, published_at = excluded.published_at')
        .run(pointer.kind, pointer.id, pointer.version, pointer.source, at);
      this.db.prepare('INSERT INTO publications (kind, id, version, source, at, who) VALUES (?, ?, ?, ?, ?, ?)').run(pointer.kind, pointer.id, pointer.version, pointer.source, at, who);
      this.insertAudit({ who, action, kind: pointer.kind, documentId: pointer.id, version: pointer.version, ...(detail ? { detail } : {}) }, at);
    }).immediate();
    return { ...pointer, publishedAt: at };
  }

  /**
   * A joined kiosk's cache of the hall's live versions: each stored under the hall's own number and made live here,
   * in one transaction. Returns true when anything changed (the kiosk's next session then uses it).
   */
  cacheHallVersions(versions: readonly { kind: DocumentKind; id: string; version: number; json: string }[]): boolean {
    return this.db.transaction(() => {
      let changed = false;
      const at = this.clock();
      for (const v of versions) {
        const live = this.live(v.kind, v.id);
        const stored = this.version(v.kind, v.id, v.version);
        if (live?.version === v.version && live.source === 'designer' && stored?.json === v.json) continue;
        this.db
          .prepare('INSERT INTO document_versions (kind, id, version, json, saved_at, saved_by, note) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, id, version) DO UPDATE SET json = excluded.json')
          .run(v.kind, v.id, v.version, v.json, at, 'hall', null);
        this.db
          .prepare('INSERT INTO live_documents (kind, id, version, source, published_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, source = excluded.source, published_at = excluded.published_at')
          .run(v.kind, v.id, v.version, 'designer', at);
        changed = true;
      }
      return changed;
    }).immediate();
  }

  /** When each version of the document was last published (version → time; a file version keyed the same). */
  publishedAt(kind: DocumentKind, id: string): Map<string, number> {
    const rows = this.db.prepare('SELECT version, source, MAX(at) AS at FROM publications WHERE kind = ? AND id = ? GROUP BY version, source').all(kind, id) as { version: number; source: LiveSource; at: number }[];
    return new Map(rows.map((r) => [`${r.source}:${r.version}`, r.at]));
  }

  /** Stores a background PDF once (its hash is its name); returns whether it was new. */
  addBackground(bg: StoredBackground, who: string): boolean {
    const at = this.clock();
    return this.db.transaction(() => {
      const inserted = this.db
        .prepare('INSERT INTO backgrounds (hash, bytes, pages_mm, added_at, added_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING')
        .run(bg.hash, Buffer.from(bg.bytes.buffer, bg.bytes.byteOffset, bg.bytes.byteLength), JSON.stringify(bg.pagesMm), at, who).changes > 0;
      if (inserted) this.insertAudit({ who, action: 'background', detail: `${bg.hash.slice(0, 12)} ${bg.pagesMm.length} page(s)` }, at);
      return inserted;
    }).immediate();
  }

  background(hash: string): StoredBackground | undefined {
    const row = this.db.prepare('SELECT hash, bytes, pages_mm FROM backgrounds WHERE hash = ?').get(hash) as { hash: string; bytes: Buffer; pages_mm: string } | undefined;
    return row && { hash: row.hash, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength), pagesMm: JSON.parse(row.pages_mm) as StoredBackground['pagesMm'] };
  }

  backgroundPages(hash: string): StoredBackground['pagesMm'] | undefined {
    const row = this.db.prepare('SELECT pages_mm FROM backgrounds WHERE hash = ?').get(hash) as { pages_mm: string } | undefined;
    return row && (JSON.parse(row.pages_mm) as StoredBackground['pagesMm']);
  }

  audit(entry: NewAudit): void {
    this.insertAudit(entry, this.clock());
  }

  /** Newest first. */
  auditLog(limit = 100): AuditEntry[] {
    const rows = this.db.prepare('SELECT at, who, action, kind, document_id, version, detail FROM audit ORDER BY seq DESC LIMIT ?').all(limit) as AuditRow[];
    return rows.map((r) => ({
      at: r.at,
      who: r.who,
      action: r.action,
      ...(r.kind === null ? {} : { kind: r.kind }),
      ...(r.document_id === null ? {} : { documentId: r.document_id }),
      ...(r.version === null ? {} : { version: r.version }),
      ...(r.detail === null ? {} : { detail: r.detail }),
    }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private insertAudit(e: NewAudit, at: number): void {
    this.db
      .prepare('INSERT INTO audit (at, who, action, kind, document_id, version, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(at, e.who, e.action, e.kind ?? null, e.documentId ?? null, e.version ?? null, e.detail ?? null);
  }
}

function toVersion(r: VersionRow): StoredVersion {
  return { kind: r.kind, id: r.id, version: r.version, json: r.json, savedAt: r.saved_at, savedBy: r.saved_by, note: r.note };
}

function toLive(r: LiveRow): LivePointer {
  return { kind: r.kind, id: r.id, version: r.version, source: r.source, publishedAt: r.published_at };
}
