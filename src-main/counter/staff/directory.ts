// Who may sign in as staff: named people, each with their own passphrase (a scrypt hash only) and a role. Behind an
// interface so the city's own directory can replace the file later; the file is <data folder>/staff.json, 0600.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `clerk`: the desks and the kiosk's staff panel. `it`: the admin app. */
export type StaffRole = 'clerk' | 'it';
export const STAFF_ROLES: readonly StaffRole[] = ['clerk', 'it'];

export interface StaffMember {
  name: string;
  role: StaffRole;
  /** `scrypt$N$r$p$salt$hash` (admin/config.ts). */
  passphraseHash: string;
  addedAt: number;
}

export interface StaffDirectory {
  find(name: string): StaffMember | undefined;
  list(): { name: string; role: StaffRole; addedAt: number }[];
  /** Adds the person, or replaces their role and passphrase. */
  put(member: StaffMember): void;
  remove(name: string): boolean;
}

export const STAFF_FILE = 'staff.json';

/**
 * A staff name: the sign-in name and the name in every audit, so plain and short — lower-case letters, digits and
 * `.` `_` `-`, 1–32 characters (the queue's audit takes only such ids). Undefined when it is not one.
 */
export function staffName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const trimmed = name.normalize('NFKC').trim().toLowerCase();
  return /^[a-z0-9][a-z0-9._-]{0,31}$/.test(trimmed) ? trimmed : undefined;
}

/** The directory as a file in the data folder; read at each look-up, so `kakanai staff` changes apply at once. */
export class FileStaffDirectory implements StaffDirectory {
  readonly file: string;

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, STAFF_FILE);
  }

  find(name: string): StaffMember | undefined {
    const key = staffName(name);
    return key === undefined ? undefined : this.read().find((m) => m.name === key);
  }

  list(): { name: string; role: StaffRole; addedAt: number }[] {
    return this.read().map(({ name, role, addedAt }) => ({ name, role, addedAt }));
  }

  put(member: StaffMember): void {
    const name = staffName(member.name);
    if (name === undefined || !STAFF_ROLES.includes(member.role) || !member.passphraseHash.startsWith('scrypt$')) throw new Error('not a staff member');
    this.write([...this.read().filter((m) => m.name !== name), { ...member, name }]);
  }

  remove(name: string): boolean {
    const key = staffName(name);
    const all = this.read();
    const rest = all.filter((m) => m.name !== key);
    if (rest.length === all.length) return false;
    this.write(rest);
    return true;
  }

  private read(): StaffMember[] {
    if (!existsSync(this.file)) return [];
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return []; // unreadable: nobody signs in, rather than anybody
    }
    const staff = (data as { staff?: unknown } | null)?.staff;
    if (!Array.isArray(staff)) return [];
    return staff.filter(
      (m): m is StaffMember =>
        typeof m === 'object' && m !== null && staffName(m.name) === m.name && STAFF_ROLES.includes(m.role) && typeof m.passphraseHash === 'string' && typeof m.addedAt === 'number',
    );
  }

  private write(staff: StaffMember[]): void {
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ staff }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }
}
