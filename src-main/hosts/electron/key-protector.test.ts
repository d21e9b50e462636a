import { describe, expect, it } from 'vitest';
import { safeStorageProtector } from './key-protector';

// Electron is not installed here: safeStorage is played by an object with its shape (a reversible transform).
const safeStorage = (available: boolean, backend?: string) => ({
  isEncryptionAvailable: () => available,
  encryptString: (text: string) => Buffer.from(text, 'utf8').reverse(),
  decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString('utf8'),
  ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
});

describe("the queue key's protector", () => {
  it("wraps and unwraps the key through safeStorage where the OS keeps a secret", () => {
    const protector = safeStorageProtector(safeStorage(true, 'gnome_libsecret'), 'linux')!;
    const key = Buffer.alloc(32, 9);
    const sealed = protector.protect(key);
    expect(sealed.includes(key)).toBe(false);
    expect(protector.unprotect(sealed).equals(key)).toBe(true);
    expect(safeStorageProtector(safeStorage(true), 'win32')).toBeDefined();
  });

  it("is none when safeStorage cannot encrypt, or only with Linux's fixed fallback password", () => {
    expect(safeStorageProtector(safeStorage(false), 'win32')).toBeUndefined();
    expect(safeStorageProtector(safeStorage(true, 'basic_text'), 'linux')).toBeUndefined();
    expect(safeStorageProtector(safeStorage(true), 'linux')).toBeUndefined();
  });
});
