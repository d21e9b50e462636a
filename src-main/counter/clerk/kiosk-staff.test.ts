// The kiosk screen's staff panel on the real service (no card reader needed): the pairing code and the desks only
// with a clerk's sign-in on that screen, checked at each request; the sign-in ends when a resident starts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCounterService, type CounterService } from '../index';
import { addStaff, TEST_PASSPHRASE } from '../staff/test/staff-fixture';

let dir: string;
let service: CounterService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kakanai-kiosk-staff-'));
  service = await startCounterService({ reader: { socketPath: join(dir, 'no-pcscd.sock') }, outputDir: dir, watchTemplates: false });
  await addStaff(service.admin.staff.directory, 'tanaka', 'clerk');
  await addStaff(service.admin.staff.directory, 'joho', 'it');
});

afterEach(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(name = 'tanaka', passphrase = TEST_PASSPHRASE): Promise<string> {
  const outcome = await service.request('staff.signIn', { name, passphrase });
  if (!outcome.ok) throw new Error(`not signed in: ${outcome.reason}`);
  return outcome.staff;
}

describe("the kiosk's staff panel", () => {
  it('gives no pairing code, desk list or revoke without a sign-in, nor with a forged token', async () => {
    const forged = Buffer.alloc(32, 5).toString('base64url');
    for (const [name, params] of [
      ['kiosk.pairingCode', {}],
      ['desks.list', {}],
      ['desks.revoke', { deskId: 'desk-1-abcdef' }],
    ] as const) {
      await expect(service.request(name, params as never), name).rejects.toMatchObject({ code: 'invalid-request' });
      await expect(service.request(name, { ...params, staff: forged } as never), name).rejects.toMatchObject({ code: 'not-signed-in' });
    }
  });

  it("a clerk's sign-in opens it; a wrong passphrase, an unknown name or an IT staff member does not", async () => {
    expect(await service.request('staff.signIn', { name: 'tanaka', passphrase: 'not it at all' })).toEqual({ ok: false, reason: 'wrong-credentials' });
    expect(await service.request('staff.signIn', { name: 'suzuki', passphrase: TEST_PASSPHRASE })).toEqual({ ok: false, reason: 'wrong-credentials' });
    expect(await service.request('staff.signIn', { name: 'joho', passphrase: TEST_PASSPHRASE })).toEqual({ ok: false, reason: 'wrong-credentials' });
    const staff = await signIn();
    expect((await service.request('kiosk.pairingCode', { staff })).code).toMatch(/^\d{6}$/);
    expect(await service.request('desks.list', { staff })).toEqual({ desks: [] });
    expect(await service.request('desks.revoke', { staff, deskId: 'desk-1-abcdef' })).toEqual({ revoked: false });
  });

  it('ends on sign-out, when a resident starts a session, and when the clerk is removed from the directory', async () => {
    const a = await signIn();
    await service.request('staff.signOut', { staff: a });
    await expect(service.request('kiosk.pairingCode', { staff: a })).rejects.toMatchObject({ code: 'not-signed-in' });

    const b = await signIn();
    await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
    await expect(service.request('desks.list', { staff: b })).rejects.toMatchObject({ code: 'not-signed-in' });
    await service.request('session.end', { reason: 'cancel' });

    const c = await signIn();
    service.admin.staff.directory.remove('tanaka');
    await expect(service.request('kiosk.pairingCode', { staff: c })).rejects.toMatchObject({ code: 'not-signed-in' });
  });

  it('a pairing from a desk records the clerk who paired it, and the revoke the clerk who revoked it', async () => {
    const staff = await signIn();
    const { code } = await service.request('kiosk.pairingCode', { staff });
    const paired = await service.clerk.pair({ code, name: 'tanaka', passphrase: TEST_PASSPHRASE }, '192.0.2.10');
    if (!paired.ok) throw new Error(`not paired: ${paired.reason}`);
    expect((await service.request('desks.list', { staff })).desks).toEqual([expect.objectContaining({ deskId: paired.deskId, clerk: 'tanaka' })]);
    expect(await service.request('desks.revoke', { staff, deskId: paired.deskId })).toEqual({ revoked: true });
  });

  it('the lockout cannot be forced: wrong codes and wrong passphrases from many addresses, then the clerk pairs at once', async () => {
    const staff = await signIn();
    const { code } = await service.request('kiosk.pairingCode', { staff });
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let a = 0; a < 40; a++) {
      const address = `10.20.0.${a}`;
      for (let i = 0; i < 6; i++) await service.clerk.pair({ code: wrongCode, name: 'tanaka', passphrase: TEST_PASSPHRASE }, address);
      await service.clerk.pair({ code, name: 'tanaka', passphrase: `guess ${a}` }, `10.30.0.${a}`);
    }
    expect((await service.request('kiosk.pairingCode', { staff })).code).toBe(code); // guessing never replaces the code
    const paired = await service.clerk.pair({ code, name: 'tanaka', passphrase: TEST_PASSPHRASE }, '192.0.2.50');
    expect(paired).toMatchObject({ ok: true, clerk: 'tanaka' });
    // And on the kiosk screen itself, the panel's sign-in after others' wrong tries elsewhere.
    expect((await service.request('staff.signIn', { name: 'tanaka', passphrase: TEST_PASSPHRASE })).ok).toBe(true);
  });
});
