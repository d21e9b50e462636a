// The queue's data key: 32 random bytes, kept apart from the data it seals, so a copy of the data folder alone opens
// nothing. It lives in a key store: a key folder of its own (0700, e.g. $XDG_CONFIG_HOME/kakanai/keys), its file
// wrapped by the OS's protection where the host has one (Electron's safeStorage: DPAPI, Keychain, libsecret).
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { securePrivateFolder } from '../private-folder';
import { QueueError } from './errors';

/** Wraps a key with a secret the OS keeps (Electron's safeStorage); unprotect throws when the blob is not its own. */
export interface KeyProtector {
  protect(plain: Buffer): Buffer;
  unprotect(sealed: Buffer): Buffer;
}

/** Where queue keys live, one per queue (named by the queue's random id, never by anything of a resident). */
export interface QueueKeyStore {
  /** The key of this queue, or undefined when the store has none. */
  load(queueId: string): Buffer | undefined;
  /** Stores this key for the queue (a new one, or one moved in from beside an old queue); an existing key wins. */
  save(queueId: string, key: Buffer): Buffer;
}

const KeyFile = z.strictObject({ version: z.literal(1), queueKey: z.string() });
const ProtectedKeyFile = z.strictObject({ version: z.literal(1), protectedKey: z.string() });
const QUEUE_ID = /^[0-9a-f-]{36}$/;

/** The key folder when the host names none: $XDG_CONFIG_HOME/kakanai/keys (~/.config/…; %APPDATA%\kakanai\keys). */
export function defaultKeysDir(env: Record<string, string | undefined> = process.env): string {
  if (process.platform === 'win32' && env['APPDATA']) return join(env['APPDATA'], 'kakanai', 'keys');
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'kakanai', 'keys');
}

/** The file name of a queue's key in a key folder: `queue-key-<queue id>.json` (or `.protected`). */
export function queueKeyFileName(queueId: string, protectedKey: boolean): string {
  if (!QUEUE_ID.test(queueId)) throw new QueueError('key-invalid');
  return `queue-key-${queueId}.${protectedKey ? 'protected' : 'json'}`;
}

export function keyFolderStore(dir: string, protector?: KeyProtector): QueueKeyStore {
  const fileOf = (queueId: string) => join(dir, queueKeyFileName(queueId, protector !== undefined));
  const load = (queueId: string): Buffer | undefined => {
    const file = fileOf(queueId);
    securePrivateFolder(dir);
    if (!existsSync(file)) return undefined;
    return protector ? readProtectedKey(file, protector) : readKeyFile(file);
  };
  return {
    load,
    save(queueId, key) {
      if (key.length !== 32) throw new QueueError('key-invalid');
      securePrivateFolder(dir);
      const body = protector
        ? { version: 1, protectedKey: protector.protect(key).toString('base64') }
        : { version: 1, queueKey: key.toString('base64') };
      writeOnce(fileOf(queueId), JSON.stringify(body) + '\n');
      return load(queueId)!;
    },
  };
}

/** A key file as it was kept beside the queue before the key store (queue-key.json, 0600). */
export function readKeyFile(file: string): Buffer {
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

function readProtectedKey(file: string, protector: KeyProtector): Buffer {
  let key: Buffer;
  try {
    const parsed = ProtectedKeyFile.parse(JSON.parse(readFileSync(file, 'utf8')));
    key = protector.unprotect(Buffer.from(parsed.protectedKey, 'base64'));
  } catch {
    throw new QueueError('key-invalid');
  }
  if (key.length !== 32) throw new QueueError('key-invalid');
  return key;
}

/** A fresh random key. */
export function newQueueKey(): Buffer {
  return randomBytes(32);
}

/**
 * Writes the file beside its place, on disk, then links it into place: a kill -9 mid-write leaves a stray temp file,
 * never an empty key file that would refuse every later start. link() fails if the key exists: another process's key
 * written a moment ago is never replaced (it would orphan its records).
 */
function writeOnce(file: string, body: string): void {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, body);
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
    const dir = openSync(join(file, '..'), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}
