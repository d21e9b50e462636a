import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
