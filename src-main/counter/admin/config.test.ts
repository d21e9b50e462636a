import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassphrase, passphraseProblem, SCRYPT_COST, storedPassphraseHash, verifyPassphrase, writePassphraseHash } from './config';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kakanai-admin-config-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the admin passphrase', () => {
  it('is stored as scrypt$N$r$p$salt$hash with the default cost, and verifies only the same passphrase', async () => {
    const hash = await hashPassphrase('correct horse battery staple');
    const [name, N, r, p, salt, key] = hash.split('$');
    expect([name, Number(N), Number(r), Number(p)]).toEqual(['scrypt', SCRYPT_COST.N, SCRYPT_COST.r, SCRYPT_COST.p]);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassphrase('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassphrase('correct horse battery stapler', hash)).toBe(false);
    expect(await hashPassphrase('correct horse battery staple')).not.toBe(hash); // a fresh salt each time
  });

  it('a tampered or malformed hash matches nothing, and absurd costs are refused without running them', async () => {
    const hash = await hashPassphrase('correct horse battery staple', { N: 1024, r: 8, p: 1 });
    const parts = hash.split('$');
    const flipped = Buffer.from(parts[5]!, 'base64');
    flipped[0]! ^= 1;
    expect(await verifyPassphrase('correct horse battery staple', [...parts.slice(0, 5), flipped.toString('base64')].join('$'))).toBe(false);
    expect(await verifyPassphrase('correct horse battery staple', ['scrypt', 2 ** 30, 8, 1, parts[4], parts[5]].join('$'))).toBe(false);
    expect(await verifyPassphrase('correct horse battery staple', 'plain text')).toBe(false);
    expect(await verifyPassphrase('correct horse battery staple', '')).toBe(false);
  });

  it('must be at least 12 characters, counted as a person counts them', () => {
    expect(passphraseProblem('short')).toBe('too-short');
    expect(passphraseProblem('           a')).toBe('too-short');
    expect(passphraseProblem('かかないかかないかかないか')).toBeUndefined();
    expect(passphraseProblem('𠮷𠮷𠮷𠮷𠮷𠮷')).toBe('too-short'); // 6 characters, 12 UTF-16 units
  });
});

describe('config.json', () => {
  it('is written with mode 0600, holds only the hash, and keeps other keys', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ cityName: '香取市', admin: { other: 1 } }), { mode: 0o644 });
    const hash = await hashPassphrase('correct horse battery staple', { N: 1024, r: 8, p: 1 });
    const file = writePassphraseHash(dir, hash);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(written).toEqual({ cityName: '香取市', admin: { other: 1, passphrase: hash } });
    expect(readFileSync(file, 'utf8')).not.toContain('correct horse');
    expect(storedPassphraseHash(dir)).toBe(hash);
  });

  it('no file, or a file that is not JSON, means no passphrase; writing over a broken file is refused', () => {
    const dir = tempDir();
    expect(storedPassphraseHash(dir)).toBeUndefined();
    writeFileSync(join(dir, 'config.json'), '{ broken');
    expect(storedPassphraseHash(dir)).toBeUndefined();
    expect(() => writePassphraseHash(dir, 'scrypt$1024$8$1$x$y')).toThrow();
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{ broken');
  });
});
