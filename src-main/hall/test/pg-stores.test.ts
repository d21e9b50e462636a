import pg from 'pg';
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
  return { open: () => pgStores(new pg.Pool({ connectionString: url, max: 4 })), teardown: () => Promise.resolve() };
});
