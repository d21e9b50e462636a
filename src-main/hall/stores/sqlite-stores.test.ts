import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFolderStore } from '../../counter/queue/key';
import { sqliteStores } from './sqlite-stores.js';
import { describeStores } from './test/store-contract.js';

/** Every text or blob column of every table in these files that holds one of the needles. */
function searchFiles(files: string[], needles: Buffer[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const db = new Database(file, { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      for (const { name } of tables) {
        const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[];
        for (const column of columns) {
          for (const needle of needles) {
            const hit = db.prepare(`SELECT 1 FROM "${name}" WHERE instr(CAST("${column.name}" AS BLOB), ?) > 0 LIMIT 1`).get(needle);
            if (hit) found.push(`${name}.${column.name}`);
          }
        }
      }
    } finally {
      db.close();
    }
  }
  return found;
}

describeStores('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-hall-'));
  const file = join(dir, 'hall.sqlite');
  const keys = keyFolderStore(join(dir, 'keys'));
  return Promise.resolve({
    open: (options) => sqliteStores(file, { keys, queueDir: join(dir, 'queue'), ...options }),
    search: (needles) => Promise.resolve(searchFiles([file, join(dir, 'queue', 'queue.sqlite')], needles)),
    teardown: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  });
});

describe('the SQLite hall queue', () => {
  it("records a claim at the store's clock, not the machine's", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-hall-clock-'));
    const file = join(dir, 'hall.sqlite');
    const at = Date.parse('2026-04-01T10:00:00+09:00');
    const stores = sqliteStores(file, { keys: keyFolderStore(join(dir, 'keys')), queueDir: join(dir, 'queue'), clock: () => at });
    try {
      const { id } = await stores.queue.enqueue('honcho', 'kiosk-1', { submissionKey: 'k-1', ticketNumber: '1', day: '2026-04-01', forms: [{ templateId: 'juminhyo', pdf: new Uint8Array([1]) }] });
      expect((await stores.queue.claim(id, { kind: 'clerk', id: 'clerk-1' })).ok).toBe(true);
      const raw = new Database(file, { readonly: true });
      const row = raw.prepare('SELECT claimed_at FROM hall_queue_places WHERE submission_id = ?').get(id) as { claimed_at: number };
      raw.close();
      expect(row.claimed_at).toBe(at);
    } finally {
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
