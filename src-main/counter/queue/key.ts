// The queue's data key: 32 random bytes, base64, in a config file only the service's user can read, created on first
// start. An OS keychain (Windows DPAPI, macOS Keychain, libsecret) is the planned next home for it.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { QueueError } from './errors';

const KeyFile = z.strictObject({ version: z.literal(1), queueKey: z.string() });

export function loadOrCreateQueueKey(file: string): Buffer {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx': never overwrite a key that another process wrote a moment ago (it would orphan its records).
    writeFileSync(file, JSON.stringify({ version: 1, queueKey: randomBytes(32).toString('base64') }) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) throw new QueueError('key-invalid');
  let parsed: z.infer<typeof KeyFile>;
  try {
    parsed = KeyFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    throw new QueueError('key-invalid');
  }
  const key = Buffer.from(parsed.queueKey, 'base64');
  if (key.length !== 32) throw new QueueError('key-invalid');
  return key;
}

