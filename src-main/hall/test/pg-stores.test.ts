import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { keyFolderStore } from '../../counter/queue/key';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from '../migrations.js';
import { pgStores } from '../stores/pg-stores.js';
import { describeStores } from '../stores/test/store-contract.js';
import { startPgCluster, type PgCluster } from './pg-cluster.js';

let cluster: PgCluster;
let dbs = 0;
beforeAll(async () => {
  cluster = await startPgCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

describe('migrations', () => {
  it('go up from an empty database, each step recorded, and a second run does nothing', async () => {
    const pool = new pg.Pool({ connectionString: await cluster.createDatabase(`migrate_${++dbs}`) });
    try {
      expect(await schemaVersion(pool)).toBe(0);
      expect(await migrate(pool)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await schemaVersion(pool)).toBe(SCHEMA_VERSION);
      expect(await migrate(pool)).toEqual([]);
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0]!.n).toBe(MIGRATIONS.length);
    } finally {
      await pool.end();
    }
  });
});

describeStores('PostgreSQL', async () => {
  const url = await cluster.createDatabase(`stores_${++dbs}`);
  const admin = new pg.Pool({ connectionString: url });
  await migrate(admin);
  await admin.end();
  const keysDir = mkdtempSync(join(tmpdir(), 'kakanai-hall-keys-'));
  const keys = keyFolderStore(keysDir);
  return {
    open: (options) => pgStores(new pg.Pool({ connectionString: url, max: 4 }), { keys, ...options }),
    search: (needles) => searchTables(url, needles),
    teardown: () => Promise.resolve(rmSync(keysDir, { recursive: true, force: true })),
  };
});

/** Every text, jsonb or bytea column of every table of the database that holds one of the needles (as UTF-8 bytes). */
async function searchTables(url: string, needles: Buffer[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'bytea', 'jsonb', 'character varying')`,
    );
    const found: string[] = [];
    for (const c of columns) {
      const bytes = c.data_type === 'bytea' ? `"${c.column_name}"` : `convert_to("${c.column_name}"::text, 'UTF8')`;
      for (const needle of needles) {
        const { rows } = await client.query(`SELECT 1 FROM "${c.table_name}" WHERE position($1::bytea IN ${bytes}) > 0 LIMIT 1`, [needle]);
        if (rows.length > 0) found.push(`${c.table_name}.${c.column_name}`);
      }
    }
    return found;
  } finally {
    await client.end();
  }
}
