import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { DesignerStore } from '../../counter/admin/store';
import { openClerkQueue } from '../../counter/queue/store';
import { hashCode, type HallStaffMember, type StaffStore, type Device, type DeviceKind, type HallStoreOptions, type HallStores, type IssuedTicket, type RegistryStore, type TicketStore } from './contract.js';
import { SqliteFiguresStore } from './sqlite-figures-store';
import { SqliteQueueStore } from './sqlite-queue-store';
import { SqliteTemplateStore } from './sqlite-template-store';

/** better-sqlite3 throws synchronously; the contract's callers expect a rejected promise, as from PostgreSQL. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

interface TicketRow {
  site: string;
  day: string;
  number: number;
  kiosk: string;
  offline: number;
}

class SqliteTicketStore implements TicketStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS hall_ticket_counters (site TEXT NOT NULL, day TEXT NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (site, day));
      CREATE TABLE IF NOT EXISTS hall_tickets (site TEXT NOT NULL, day TEXT NOT NULL, number INTEGER NOT NULL, kiosk TEXT NOT NULL,
        offline INTEGER NOT NULL, PRIMARY KEY (site, day, number, offline, kiosk));
      CREATE UNIQUE INDEX IF NOT EXISTS hall_tickets_online ON hall_tickets (site, day, number) WHERE offline = 0;
    `);
  }

  next(site: string, day: string, kiosk: string): Promise<IssuedTicket> {
    // One immediate transaction: the write lock serialises every writer of this file, so no gap and no repeat.
    const take = this.db.transaction(() => {
      const { last } = this.db
        .prepare(
          `INSERT INTO hall_ticket_counters (site, day, last) VALUES (?, ?, 1)
           ON CONFLICT (site, day) DO UPDATE SET last = last + 1 RETURNING last`,
        )
        .get(site, day) as { last: number };
      this.db.prepare('INSERT INTO hall_tickets (site, day, number, kiosk, offline) VALUES (?, ?, ?, ?, 0)').run(site, day, last, kiosk);
      return last;
    });
    return settle(() => ({ site, day, number: take.immediate(), kiosk, offline: false }));
  }

  recordOffline(site: string, day: string, kiosk: string, number: number): Promise<boolean> {
    const r = this.db
      .prepare('INSERT INTO hall_tickets (site, day, number, kiosk, offline) VALUES (?, ?, ?, ?, 1) ON CONFLICT DO NOTHING')
      .run(site, day, number, kiosk);
    return Promise.resolve(r.changes === 1);
  }

  recordOfflineMany(site: string, kiosk: string, tickets: { day: string; number: number }[]): Promise<void> {
    const insert = this.db.prepare('INSERT INTO hall_tickets (site, day, number, kiosk, offline) VALUES (?, ?, ?, ?, 1) ON CONFLICT DO NOTHING');
    return settle(() => this.db.transaction(() => {
      for (const t of tickets) insert.run(site, t.day, t.number, kiosk);
    }).immediate());
  }

  issuedTo(site: string, kiosk: string, tickets: { day: string; number: number }[]): Promise<{ day: string; number: number }[]> {
    const one = this.db.prepare('SELECT 1 FROM hall_tickets WHERE site = ? AND day = ? AND number = ? AND kiosk = ? AND offline = 0');
    return Promise.resolve(tickets.filter((t) => one.get(site, t.day, t.number, kiosk) !== undefined));
  }

  list(site: string, day: string): Promise<IssuedTicket[]> {
    const rows = this.db
      .prepare('SELECT site, day, number, kiosk, offline FROM hall_tickets WHERE site = ? AND day = ? ORDER BY offline, number, kiosk')
      .all(site, day) as TicketRow[];
    return Promise.resolve(rows.map((r) => ({ ...r, offline: r.offline === 1 })));
  }
}

interface DeviceRow {
  id: string;
  kind: DeviceKind;
  site: string;
  name: string;
  credential_hash: string | null;
  revoked_at: number | null;
  last_seen_at: number | null;
  last_state: string | null;
}

const toDevice = (r: DeviceRow): Device => ({
  id: r.id,
  kind: r.kind,
  site: r.site,
  name: r.name,
  enrolled: r.credential_hash !== null,
  revokedAt: r.revoked_at,
  lastSeenAt: r.last_seen_at,
  lastState: r.last_state,
});

class SqliteRegistryStore implements RegistryStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS hall_devices (id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'desk')), site TEXT NOT NULL,
        name TEXT NOT NULL, credential_hash TEXT, revoked_at INTEGER, last_seen_at INTEGER, last_state TEXT, UNIQUE (site, kind, name));
      CREATE TABLE IF NOT EXISTS hall_enrolment_codes (code_hash TEXT PRIMARY KEY, device_id TEXT NOT NULL REFERENCES hall_devices(id) ON DELETE CASCADE,
        expires_at INTEGER NOT NULL, used_at INTEGER);
    `);
  }

  add(kind: DeviceKind, site: string, name: string): Promise<Device> {
    return settle(() => toDevice(this.db.prepare('INSERT INTO hall_devices (id, kind, site, name) VALUES (?, ?, ?, ?) RETURNING *').get(randomUUID(), kind, site, name) as DeviceRow));
  }

  issueCode(deviceId: string, code: string, expiresAt: number): Promise<void> {
    return settle(() => {
      this.db.prepare('INSERT INTO hall_enrolment_codes (code_hash, device_id, expires_at) VALUES (?, ?, ?)').run(hashCode(code), deviceId, expiresAt);
    });
  }

  redeemCode(code: string, credentialHash: string, now: number): Promise<Device | null> {
    const redeem = this.db.transaction((): DeviceRow | undefined => {
      const used = this.db
        .prepare('UPDATE hall_enrolment_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING device_id')
        .get(now, hashCode(code), now) as { device_id: string } | undefined;
      if (!used) return undefined;
      return this.db
        .prepare('UPDATE hall_devices SET credential_hash = ? WHERE id = ? AND revoked_at IS NULL RETURNING *')
        .get(credentialHash, used.device_id) as DeviceRow | undefined;
    });
    const row = redeem.immediate();
    return Promise.resolve(row ? toDevice(row) : null);
  }

  byCredential(credentialHash: string): Promise<Device | null> {
    const row = this.db.prepare('SELECT * FROM hall_devices WHERE credential_hash = ? AND revoked_at IS NULL').get(credentialHash) as DeviceRow | undefined;
    return Promise.resolve(row ? toDevice(row) : null);
  }

  revoke(deviceId: string, at: number): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('UPDATE hall_devices SET revoked_at = ?, credential_hash = NULL WHERE id = ?').run(at, deviceId);
      this.db.prepare('DELETE FROM hall_enrolment_codes WHERE device_id = ?').run(deviceId);
    })();
    return Promise.resolve();
  }

  seen(deviceId: string, at: number, state: string): Promise<void> {
    this.db.prepare('UPDATE hall_devices SET last_seen_at = ?, last_state = ? WHERE id = ?').run(at, state, deviceId);
    return Promise.resolve();
  }

  list(site?: string | null): Promise<Device[]> {
    const rows = this.db.prepare('SELECT * FROM hall_devices WHERE (? IS NULL OR site = ?) ORDER BY site, kind, name').all(site ?? null, site ?? null) as DeviceRow[];
    return Promise.resolve(rows.map(toDevice));
  }
}

class SqliteStaffStore implements StaffStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS hall_staff (name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('clerk', 'it')), site TEXT,
      passphrase_hash TEXT NOT NULL CHECK (passphrase_hash LIKE 'scrypt$%'), added_at INTEGER NOT NULL) STRICT;`);
  }

  find(name: string): Promise<HallStaffMember | undefined> {
    const r = this.db.prepare('SELECT * FROM hall_staff WHERE name = ?').get(name) as { name: string; role: 'clerk' | 'it'; site: string | null; passphrase_hash: string } | undefined;
    return Promise.resolve(r && { name: r.name, role: r.role, site: r.site, passphraseHash: r.passphrase_hash });
  }

  put(m: HallStaffMember): Promise<void> {
    return settle(() => {
      this.db
        .prepare('INSERT INTO hall_staff (name, role, site, passphrase_hash, added_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET role = excluded.role, site = excluded.site, passphrase_hash = excluded.passphrase_hash')
        .run(m.name, m.role, m.site, m.passphraseHash, Date.now());
    });
  }

  remove(name: string): Promise<boolean> {
    return Promise.resolve(this.db.prepare('DELETE FROM hall_staff WHERE name = ?').run(name).changes === 1);
  }

  list(): Promise<Omit<HallStaffMember, 'passphraseHash'>[]> {
    return Promise.resolve(this.db.prepare('SELECT name, role, site FROM hall_staff ORDER BY name').all() as Omit<HallStaffMember, 'passphraseHash'>[]);
  }
}

/** The same stores in SQLite: the single-kiosk `npm start` needs no server. The sealed queue keeps its own file in
 * `queueDir` (default: `hall-queue` beside `file`), exactly as a kiosk's queue; the templates share `file`. */
export function sqliteStores(file: string, options: HallStoreOptions & { queueDir?: string }): HallStores {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  const queue = openClerkQueue({
    dir: options.queueDir ?? join(dirname(file), 'hall-queue'),
    keys: options.keys,
    ...(options.retention ? { retention: options.retention } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const designer = new DesignerStore(file, options.clock ? { clock: options.clock } : {});
  return {
    tickets: new SqliteTicketStore(db),
    registry: new SqliteRegistryStore(db),
    queue: new SqliteQueueStore(queue, db, options.clock),
    templates: new SqliteTemplateStore(designer),
    figures: new SqliteFiguresStore(db),
    staff: new SqliteStaffStore(db),
    close: () => {
      queue.close();
      designer.close();
      db.close();
      return Promise.resolve();
    },
  };
}
