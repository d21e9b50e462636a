// Checks a staff member's name, passphrase and role, through the attempt limiter. The answer to a wrong name, a
// wrong passphrase and a wrong role is the same, and an unknown name costs the same scrypt time as a known one.
import { AttemptLimiter, type AttemptLimiterOptions } from '../access';
import { hashPassphrase, verifyPassphrase } from '../admin/config';
import { staffName, type StaffDirectory, type StaffRole } from './directory';

export type StaffCheck =
  | { ok: true; name: string; role: StaffRole; device: string }
  | { ok: false; reason: 'wrong-credentials' | 'invalid-request' }
  | { ok: false; reason: 'rate-limited'; retryAfterMs: number };

const MAX_PASSPHRASE = 1024;

export class StaffSignIn {
  readonly limiter: AttemptLimiter;
  private decoy: Promise<string> | undefined;

  constructor(
    readonly directory: StaffDirectory,
    limits: AttemptLimiterOptions = {},
  ) {
    this.limiter = new AttemptLimiter(limits);
  }

  /** One sign-in try for `role` from a client address; `device` is the token the browser holds from an earlier sign-in. */
  async check(name: unknown, passphrase: unknown, role: StaffRole, address: string, device?: string): Promise<StaffCheck> {
    const who = staffName(name);
    if (who === undefined || typeof passphrase !== 'string' || passphrase.length === 0 || passphrase.length > MAX_PASSPHRASE) return { ok: false, reason: 'invalid-request' };
    const verdict = this.limiter.begin(address, who, device);
    if (!verdict.ok) return { ok: false, reason: 'rate-limited', retryAfterMs: Math.max(1000, verdict.retryAfterMs) };
    const member = this.directory.find(who);
    const matched = await verifyPassphrase(passphrase, member?.passphraseHash ?? (await this.decoyHash()));
    if (!member || !matched || member.role !== role) return { ok: false, reason: 'wrong-credentials' };
    return { ok: true, name: member.name, role: member.role, device: this.limiter.succeeded(verdict.sender, member.name) };
  }

  /** Whether the person still has this role (removed staff lose their open sessions at their next request). */
  hasRole(name: string, role: StaffRole): boolean {
    return this.directory.find(name)?.role === role;
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= hashPassphrase('a passphrase nobody has');
    return this.decoy;
  }
}
