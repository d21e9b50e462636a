// Staff members for tests: a cheap scrypt cost (N = 2^10) so a test signs in within milliseconds; the check itself
// is the real one.
import { hashPassphrase } from '../../admin/config';
import type { StaffDirectory, StaffRole } from '../directory';

export const TEST_PASSPHRASE = 'katori city hall 2025';

export async function addStaff(directory: StaffDirectory, name: string, role: StaffRole, passphrase = TEST_PASSPHRASE): Promise<void> {
  directory.put({ name, role, passphraseHash: await hashPassphrase(passphrase, { N: 1024, r: 8, p: 1 }), addedAt: Date.now() });
}
