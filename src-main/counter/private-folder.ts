// The service's folders hold residents' data (the sealed queue) and keys: only the service's user may enter them.
// A folder of ours that is too open is fixed on open (0700, files 0600); one another user owns is refused.
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';

export type PrivateFolderErrorCode =
  /** Another user owns the folder or a file in it: we cannot make it ours, and must not use it. */
  | 'not-ours'
  /** The path exists and is not a folder. */
  | 'not-a-folder'
  /** The key folder given lies inside the data folder: a copy of the data would carry its key. */
  | 'keys-in-data';

export class PrivateFolderError extends Error {
  constructor(readonly code: PrivateFolderErrorCode) {
    super(`private folder: ${code}`);
    this.name = 'PrivateFolderError';
  }
}

const POSIX = process.platform !== 'win32';

/**
 * Creates `dir` (0700) or makes an existing one private: the folder and every folder below it 0700, every file 0600.
 * Symbolic links are left alone (never followed). Windows has no modes: the user profile's ACLs apply there.
 */
export function securePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!POSIX) return;
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) throw new PrivateFolderError('not-a-folder');
  secure(dir, stat, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) securePrivateFolder(path);
    else if (entry.isFile()) secure(path, lstatSync(path), 0o600);
  }
}

/** Creates an empty file 0600 if there is none: SQLite then opens it as a new database and gives its -wal/-shm the same mode. */
export function touchPrivateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  if (POSIX) secure(file, lstatSync(file), 0o600);
}

/** Makes an existing file 0600 (SQLite's -wal and -shm of a database created before this check). */
export function securePrivateFile(file: string): void {
  if (!POSIX) return;
  let stat: Stats;
  try {
    stat = lstatSync(file);
  } catch {
    return; // not there (yet)
  }
  if (stat.isFile()) secure(file, stat, 0o600);
}

function secure(path: string, stat: Stats, mode: number): void {
  if (stat.uid !== process.getuid!()) throw new PrivateFolderError('not-ours');
  if ((stat.mode & 0o777) !== mode) chmodSync(path, mode);
}
