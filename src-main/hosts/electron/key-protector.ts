// The queue key wrapped by the OS's secret store through Electron's safeStorage (DPAPI on Windows, the Keychain on
// macOS, libsecret/kwallet on Linux). Linux without a keyring falls back to a fixed password ("basic_text"), which
// protects nothing: then there is no protector and the key stays a plain 0600 file in its own key folder.
import type { SafeStorage } from 'electron';
import type { KeyProtector } from '../../counter/queue';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string;
};

export function safeStorageProtector(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): KeyProtector | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend?.() ?? 'unknown')) return undefined;
  return {
    protect: (plain) => safeStorage.encryptString(plain.toString('base64')),
    unprotect: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
