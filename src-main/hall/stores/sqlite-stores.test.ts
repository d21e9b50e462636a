import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteStores } from './sqlite-stores.js';
import { describeStores } from './test/store-contract.js';

describeStores('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-hall-'));
  const file = join(dir, 'hall.sqlite');
  return Promise.resolve({ open: () => sqliteStores(file), teardown: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) });
});
