// The composition's folders: the data folder and everything in it private (0700 / 0600), fixed on start when it was
// left too open, refused when another user owns it; the queue's key kept apart from the data.
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCounterService, type CounterServiceOptions } from '.';
import { PrivateFolderError } from './private-folder';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'kakanai-compose-'));
  roots.push(root);
  return root;
}
const options = (root: string, extra: CounterServiceOptions = {}): CounterServiceOptions => ({
  reader: { socketPath: join(root, 'no-pcscd.sock') },
  outputDir: join(root, 'data'),
  keys: { dir: join(root, 'keys') },
  watchTemplates: false,
  ...extra,
});

function modes(dir: string): [string, number][] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => [f, statSync(join(dir, f)).mode & 0o777]);
}

describe('the data folder', () => {
  it('is made 0700 with every file 0600 when it was left open, the SQLite files included', async () => {
    const root = tempRoot();
    const data = join(root, 'data');
    mkdirSync(join(data, 'queue'), { recursive: true, mode: 0o755 });
    chmodSync(data, 0o755);
    writeFileSync(join(data, 'ticket-counter.json'), '{"day":"2025-06-02","last":3}', { mode: 0o644 });
    const service = await startCounterService(options(root));
    try {
      expect(statSync(data).mode & 0o777).toBe(0o700);
      const all = modes(data);
      expect(all.map(([f]) => f)).toEqual(expect.arrayContaining(['figures.db', 'designer.db', 'ticket-counter.json', 'queue', join('queue', 'queue.sqlite')]));
      for (const [f, mode] of all) expect([f, mode]).toEqual([f, statSync(join(data, f)).isDirectory() ? 0o700 : 0o600]);
    } finally {
      await service.close();
    }
  });

  it('is created 0700 with its databases 0600 whatever the umask', async () => {
    const root = tempRoot();
    const old = process.umask(0o022);
    try {
      const service = await startCounterService(options(root));
      await service.close();
    } finally {
      process.umask(old);
    }
    for (const [f, mode] of modes(join(root, 'data'))) expect([f, mode]).toEqual([f, statSync(join(root, 'data', f)).isDirectory() ? 0o700 : 0o600]);
  });

  it.runIf(process.getuid?.() === 0)('is refused with a typed error when another user owns it', async () => {
    const root = tempRoot();
    mkdirSync(join(root, 'data'), { mode: 0o755 });
    chownSync(join(root, 'data'), 65534, 65534);
    await expect(startCounterService(options(root))).rejects.toThrow(PrivateFolderError);
    await expect(startCounterService(options(root))).rejects.toMatchObject({ code: 'not-ours' });
  });

  it('refuses a key folder inside the data folder: a copy of the data would carry its key', async () => {
    const root = tempRoot();
    await expect(startCounterService(options(root, { keys: { dir: join(root, 'data', 'keys') } }))).rejects.toMatchObject({ code: 'keys-in-data' });
    await expect(startCounterService(options(root, { keys: { dir: join(root, 'data') } }))).rejects.toMatchObject({ code: 'keys-in-data' });
  });

  it('moves a queue-key.json left beside the queue by an older version into the key folder, once', async () => {
    const root = tempRoot();
    const queueDir = join(root, 'data', 'queue');
    mkdirSync(queueDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(queueDir, 'queue-key.json'), JSON.stringify({ version: 1, queueKey: randomBytes(32).toString('base64') }), { mode: 0o600 });
    const service = await startCounterService(options(root));
    await service.close();
    expect(existsSync(join(queueDir, 'queue-key.json'))).toBe(false);
    expect(readdirSync(join(root, 'keys'))).toEqual([expect.stringMatching(/^queue-key-[0-9a-f-]{36}\.json$/)]);
  });
});
