// The admin's config file, <data folder>/config.json (mode 0600): only a scrypt hash of the IT staff's passphrase,
// `scrypt$N$r$p$saltBase64$hashBase64`. The passphrase itself is never written, logged or kept.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../forms/load';

/** The counter's data folder when none is given (the service's outputDir): out/kiosk in the repository. */
export const defaultDataDir = join(repoRoot, 'out', 'kiosk');
export const CONFIG_FILE = 'config.json';
export const MIN_PASSPHRASE_LENGTH = 12;

/** Cost parameters: N = 2^15, r = 8 takes ~0.1 s and 32 MiB per try, which also slows a guesser holding the file. */
export const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
// A config edited to absurd costs must not take the service's memory: anything above this is refused.
const MAX_N = 2 ** 20;

function scrypt(passphrase: string, salt: Buffer, keyLength: number, cost: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(passphrase.normalize('NFC'), salt, keyLength, { ...cost, maxmem: 256 * cost.N! * cost.r! + 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

export async function hashPassphrase(passphrase: string, cost: { N: number; r: number; p: number } = SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(passphrase, salt, KEY_LENGTH, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether the passphrase matches the stored hash; a malformed hash matches nothing. */
export async function verifyPassphrase(passphrase: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every(Number.isSafeInteger) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || expected.length < 16) return false;
  const actual = await scrypt(passphrase, salt, expected.length, { N, r, p });
  return timingSafeEqual(actual, expected);
}

/** A passphrase the CLI accepts: at least 12 characters (code points), not only spaces. */
export function passphraseProblem(passphrase: string): 'too-short' | undefined {
  return [...passphrase.trim()].length < MIN_PASSPHRASE_LENGTH ? 'too-short' : undefined;
}

type ConfigFile = { admin?: { passphrase?: string } } & Record<string, unknown>;

function readConfig(dataDir: string): ConfigFile {
  const file = join(dataDir, CONFIG_FILE);
  if (!existsSync(file)) return {};
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file} is not a JSON object`);
  return data as ConfigFile;
}

/** The stored passphrase hash, or undefined when none is set (or the file cannot be read). */
export function storedPassphraseHash(dataDir: string): string | undefined {
  try {
    const hash = readConfig(dataDir).admin?.passphrase;
    return typeof hash === 'string' && hash.startsWith('scrypt$') ? hash : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the hash into config.json (other keys kept), atomically, mode 0600. Throws when the file is not JSON. */
export function writePassphraseHash(dataDir: string, hash: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, CONFIG_FILE);
  const config = readConfig(dataDir);
  const admin = config.admin && typeof config.admin === 'object' ? config.admin : {};
  const next = { ...config, admin: { ...admin, passphrase: hash } };
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return file;
}
