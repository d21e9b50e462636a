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
