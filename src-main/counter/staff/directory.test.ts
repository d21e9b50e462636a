import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStaffDirectory, staffName } from './directory';
import { StaffSignIn } from './sign-in';
import { addStaff, TEST_PASSPHRASE } from './test/staff-fixture';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kakanai-staff-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the staff directory file', () => {
  it('keeps named people with a role and a scrypt hash only, mode 0600; names are plain and case-insensitive', async () => {
    const directory = new FileStaffDirectory(tempDir());
    await addStaff(directory, ' Tanaka.H ', 'clerk');
    expect(statSync(directory.file).mode & 0o777).toBe(0o600);
    expect(directory.find('TANAKA.h')).toMatchObject({ name: 'tanaka.h', role: 'clerk', passphraseHash: expect.stringMatching(/^scrypt\$/) });
    expect(directory.list()).toEqual([{ name: 'tanaka.h', role: 'clerk', addedAt: expect.any(Number) }]);
    await addStaff(directory, 'tanaka.h', 'it');
    expect(directory.list().map((m) => m.role)).toEqual(['it']);
    expect(directory.remove('tanaka.h')).toBe(true);
    expect(directory.remove('tanaka.h')).toBe(false);
    for (const bad of ['', '田中', 'a b', '-x', 'x'.repeat(33), 42]) expect(staffName(bad), String(bad)).toBeUndefined();
  });

  it('a file that is not the directory lets nobody in', () => {
    const dir = tempDir();
    const directory = new FileStaffDirectory(dir);
    writeFileSync(join(dir, 'staff.json'), '{ not json');
    expect(directory.list()).toEqual([]);
    writeFileSync(join(dir, 'staff.json'), JSON.stringify({ staff: [{ name: 'x', role: 'mayor', passphraseHash: 'scrypt$', addedAt: 1 }] }));
    expect(directory.find('x')).toBeUndefined();
  });
});

describe('staff sign-in', () => {
  it('answers a wrong passphrase, an unknown name and the wrong role alike', async () => {
    const directory = new FileStaffDirectory(tempDir());
    await addStaff(directory, 'tanaka', 'clerk');
    const signIn = new StaffSignIn(directory);
    expect(await signIn.check('tanaka', TEST_PASSPHRASE, 'clerk', 'a')).toMatchObject({ ok: true, name: 'tanaka', role: 'clerk', device: expect.any(String) });
    for (const [name, passphrase, role] of [['tanaka', 'wrong passphrase', 'clerk'], ['suzuki', TEST_PASSPHRASE, 'clerk'], ['tanaka', TEST_PASSPHRASE, 'it']] as const) {
      expect(await signIn.check(name, passphrase, role, `b-${name}-${role}`)).toEqual({ ok: false, reason: 'wrong-credentials' });
    }
    expect(await signIn.check('田中', TEST_PASSPHRASE, 'clerk', 'c')).toEqual({ ok: false, reason: 'invalid-request' });
    expect(signIn.hasRole('tanaka', 'clerk')).toBe(true);
    expect(signIn.hasRole('tanaka', 'it')).toBe(false);
  });
});
