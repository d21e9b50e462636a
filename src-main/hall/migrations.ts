import type pg from 'pg';

/** Numbered schema steps of the hall database. Append only: a shipped step is never edited, a change is a new step. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'tickets and registry',
    sql: `
      CREATE TABLE tickets (
        site text NOT NULL,
        day date NOT NULL,
        number integer NOT NULL CHECK (number > 0),
        kiosk text NOT NULL,
        offline boolean NOT NULL DEFAULT false,
        issued_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (site, day, number, offline, kiosk)
      );
      CREATE UNIQUE INDEX tickets_online_unique ON tickets (site, day, number) WHERE NOT offline;
      CREATE TABLE ticket_counters (
        site text NOT NULL,
        day date NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (site, day)
      );
      CREATE TABLE devices (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('kiosk', 'desk')),
        site text NOT NULL,
        name text NOT NULL,
        credential_hash text,
        revoked_at timestamptz,
        last_seen_at timestamptz,
        last_state text,
        UNIQUE (site, kind, name)
      );
      CREATE TABLE enrolment_codes (
        code_hash text PRIMARY KEY,
        device_id text NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
    `,
  },
  {
    version: 2,
    name: 'queue, templates and figures',
    sql: `
      -- The queue's random id: its sealing key is kept under this name in a key store, never in the database.
      CREATE TABLE hall_meta (name text PRIMARY KEY, value text NOT NULL);
      INSERT INTO hall_meta (name, value) VALUES ('queue-id', gen_random_uuid()::text);
      CREATE TABLE submissions (
        id bigserial PRIMARY KEY,
        submission_key text NOT NULL UNIQUE,
        site text NOT NULL,
        kiosk text NOT NULL,
        ticket_number text NOT NULL,
        day date NOT NULL,
        procedure_id text,
        status text NOT NULL CHECK (status IN ('submitted', 'confirmed', 'done', 'returned')),
        return_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        claimed_kind text,
        claimed_id text,
        claimed_at timestamptz
      );
      CREATE INDEX submissions_by_site ON submissions (site, status, day);
      CREATE INDEX submissions_by_expiry ON submissions (expires_at);
      CREATE TABLE submission_forms (
        submission_id bigint NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        position integer NOT NULL,
        template_id text NOT NULL,
        template_version integer,
        pdf_sealed bytea NOT NULL,
        values_sealed bytea NOT NULL,
        PRIMARY KEY (submission_id, position)
      );
      CREATE TABLE status_history (
        id bigserial PRIMARY KEY,
        submission_id bigint NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        status text NOT NULL,
        return_reason text,
        actor_kind text NOT NULL,
        actor_id text NOT NULL,
        at timestamptz NOT NULL
      );
      -- No foreign key: the audit outlives the submissions it speaks of. Ids and codes only, never a value.
      CREATE TABLE queue_audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_kind text NOT NULL,
        actor_id text NOT NULL,
        action text NOT NULL,
        submission_id bigint,
        ticket_number text,
        template_id text,
        field_id text,
        detail text
      );
      CREATE TABLE document_versions (
        kind text NOT NULL CHECK (kind IN ('template', 'bundle')),
        id text NOT NULL,
        version integer NOT NULL,
        json text NOT NULL,
        saved_at timestamptz NOT NULL,
        saved_by text NOT NULL,
        note text,
        PRIMARY KEY (kind, id, version)
      );
      CREATE TABLE live_documents (
        kind text NOT NULL,
        id text NOT NULL,
        version integer NOT NULL,
        source text NOT NULL CHECK (source IN ('files', 'designer')),
        published_at timestamptz NOT NULL,
        PRIMARY KEY (kind, id),
        FOREIGN KEY (kind, id, version) REFERENCES document_versions (kind, id, version)
      );
      CREATE TABLE publications (
        seq bigserial PRIMARY KEY,
        kind text NOT NULL,
        id text NOT NULL,
        version integer NOT NULL,
        source text NOT NULL,
        at timestamptz NOT NULL,
        who text NOT NULL
      );
      CREATE TABLE backgrounds (
        hash text PRIMARY KEY,
        bytes bytea NOT NULL,
        pages_mm jsonb NOT NULL,
        added_at timestamptz NOT NULL,
        added_by text NOT NULL
      );
      -- One row per visit: no session key, no ticket, no time finer than the day; the visit key only as a hash.
      CREATE TABLE visits (
        visit_hash text PRIMARY KEY,
        site text NOT NULL,
        kiosk text NOT NULL,
        day date NOT NULL,
        procedure_id text NOT NULL,
        procedure_kind text NOT NULL CHECK (procedure_kind IN ('form', 'life-event')),
        outcome text NOT NULL CHECK (outcome IN ('submitted', 'cancelled', 'timed-out')),
        card_ms integer,
        pin_ms integer,
        questions_ms integer,
        review_ms integer,
        clerk_wait_ms integer,
        clerk_confirm_ms integer
      );
      CREATE INDEX visits_by_day ON visits (day, site, kiosk);
    `,
  },
  {
    version: 3,
    name: 'staff at the hall',
    sql: `
      CREATE TABLE staff (
        name text PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('clerk', 'it')),
        site text,
        passphrase_hash text NOT NULL CHECK (passphrase_hash LIKE 'scrypt$%'),
        added_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 4,
    name: 'fields a clerk wrote',
    sql: `
      -- Ids only, never a value: the kanji a clerk wrote for a name the kiosk took as kana, and other corrections.
      CREATE TABLE clerk_fields (
        submission_id bigint NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        position integer NOT NULL,
        field_id text NOT NULL,
        PRIMARY KEY (submission_id, position, field_id)
      );
    `,
  },
  {
    version: 5,
    name: 'corrections waiting for the clerk',
    sql: `
      -- A desk's corrected form (re-rendered PDF + values, sealed as the originals), kept beside the original until the
      -- clerk confirms it.
      CREATE TABLE pending_corrections (
        submission_id bigint NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        position integer NOT NULL,
        pdf_sealed bytea NOT NULL,
        values_sealed bytea NOT NULL,
        PRIMARY KEY (submission_id, position)
      );
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Applies every step not yet recorded, each in its own transaction; an advisory lock keeps two starting servers
 * from applying the same step twice. Returns the versions applied now (empty on a second run). */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(7411)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
      applied.push(m.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(7411)').catch(() => {});
    client.release();
  }
  return applied;
}

/** The highest applied step, 0 on an empty database. */
export async function schemaVersion(pool: pg.Pool): Promise<number> {
  const exists = await pool.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (!exists.rows[0]?.t) return 0;
  const { rows } = await pool.query<{ v: number }>('SELECT coalesce(max(version), 0)::int AS v FROM schema_migrations');
  return rows[0]?.v ?? 0;
}
