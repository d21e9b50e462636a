// The queue's data key: 32 random bytes, base64, in a config file only the service's user can read, created on first
// start. An OS keychain (Windows DPAPI, macOS Keychain, libsecret) is the planned next home for it.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { QueueError } from './errors';

const KeyFile = z.strictObject({ version: z.literal(1), queueKey: z.string() });

export function loadOrCreateQueueKey(file: string): Buffer {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) createKeyOnce(file);
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

/**
 * Writes a new key beside the file, on disk, then links it into place: a kill -9 mid-write leaves a stray temp file,
 * never an empty key file that would refuse every later start. link() fails if the key exists: another process's key
 * written a moment ago is never replaced (it would orphan its records).
 */
function createKeyOnce(file: string): void {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify({ version: 1, queueKey: randomBytes(32).toString('base64') }) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    rmSync(temp, { force: true });
  }
  // The new name on disk too, before any record is sealed with the key (Windows cannot open a folder to fsync it).
  if (process.platform !== 'win32') {
    const dir = openSync(dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}
