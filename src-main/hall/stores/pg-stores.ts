import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import { hashCode, type HallStaffMember, type StaffStore, type Device, type DeviceKind, type HallStoreOptions, type HallStores, type IssuedTicket, type RegistryStore, type TicketStore } from './contract.js';
import { PgFiguresStore } from './pg-figures-store.js';
import { PgQueueStore } from './pg-queue-store.js';
import { PgTemplateStore } from './pg-template-store.js';

interface TicketRow {
  site: string;
  day: string;
  number: number;
  kiosk: string;
  offline: boolean;
}

const toTicket = (r: TicketRow): IssuedTicket => ({ site: r.site, day: r.day, number: r.number, kiosk: r.kiosk, offline: r.offline });

class PgTicketStore implements TicketStore {
  constructor(private readonly pool: pg.Pool) {}

  async next(site: string, day: string, kiosk: string): Promise<IssuedTicket> {
    // One statement: the upsert takes the row lock on (site, day), so concurrent kiosks queue on it, and the counter and
    // the ticket commit together — numbers have no gaps, and no transaction of its own is needed.
    const { rows } = await this.pool.query<{ number: number }>({
      name: 'hall-ticket-next', // prepared once per connection: every visit runs it
      text: `WITH c AS (
         INSERT INTO ticket_counters (site, day, last) VALUES ($1, $2, 1)
         ON CONFLICT (site, day) DO UPDATE SET last = ticket_counters.last + 1 RETURNING last)
       INSERT INTO tickets (site, day, number, kiosk, offline) SELECT $1, $2, c.last, $3, false FROM c RETURNING number`,
      values: [site, day, kiosk],
    });
    return { site, day, number: rows[0]!.number, kiosk, offline: false };
  }

  async recordOffline(site: string, day: string, kiosk: string, number: number): Promise<boolean> {
    const r = await this.pool.query(
      'INSERT INTO tickets (site, day, number, kiosk, offline) VALUES ($1, $2, $3, $4, true) ON CONFLICT DO NOTHING',
      [site, day, number, kiosk],
    );
    return r.rowCount === 1;
  }

  async recordOfflineMany(site: string, kiosk: string, tickets: { day: string; number: number }[]): Promise<void> {
    if (tickets.length === 0) return;
    await this.pool.query(
      'INSERT INTO tickets (site, day, number, kiosk, offline) SELECT $1, t.day, t.number, $2, true FROM unnest($3::date[], $4::integer[]) AS t (day, number) ON CONFLICT DO NOTHING',
      [site, kiosk, tickets.map((t) => t.day), tickets.map((t) => t.number)],
    );
  }

  async issuedTo(site: string, kiosk: string, tickets: { day: string; number: number }[]): Promise<{ day: string; number: number }[]> {
    if (tickets.length === 0) return [];
    const { rows } = await this.pool.query<{ day: string; number: number }>(
      `SELECT to_char(t.day, 'YYYY-MM-DD') AS day, t.number FROM tickets t
         JOIN unnest($3::date[], $4::integer[]) AS w (day, number) ON t.day = w.day AND t.number = w.number
       WHERE t.site = $1 AND t.kiosk = $2 AND NOT t.offline`,
      [site, kiosk, tickets.map((t) => t.day), tickets.map((t) => t.number)],
    );
    return rows;
  }

  async list(site: string, day: string): Promise<IssuedTicket[]> {
    const { rows } = await this.pool.query<TicketRow>(
      "SELECT site, to_char(day, 'YYYY-MM-DD') AS day, number, kiosk, offline FROM tickets WHERE site = $1 AND day = $2 ORDER BY offline, number, kiosk",
      [site, day],
    );
    return rows.map(toTicket);
  }
}

interface DeviceRow {
  id: string;
  kind: DeviceKind;
  site: string;
  name: string;
  credential_hash: string | null;
  revoked_at: Date | null;
  last_seen_at: Date | null;
  last_state: string | null;
}

const toDevice = (r: DeviceRow): Device => ({
  id: r.id,
  kind: r.kind,
  site: r.site,
  name: r.name,
  enrolled: r.credential_hash !== null,
  revokedAt: r.revoked_at?.getTime() ?? null,
  lastSeenAt: r.last_seen_at?.getTime() ?? null,
  lastState: r.last_state,
});

class PgRegistryStore implements RegistryStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(kind: DeviceKind, site: string, name: string): Promise<Device> {
    const { rows } = await this.pool.query<DeviceRow>('INSERT INTO devices (id, kind, site, name) VALUES ($1, $2, $3, $4) RETURNING *', [randomUUID(), kind, site, name]);
    return toDevice(rows[0]!);
  }

  async issueCode(deviceId: string, code: string, expiresAt: number): Promise<void> {
    await this.pool.query('INSERT INTO enrolment_codes (code_hash, device_id, expires_at) VALUES ($1, $2, $3)', [hashCode(code), deviceId, new Date(expiresAt)]);
  }

  async redeemCode(code: string, credentialHash: string, now: number): Promise<Device | null> {
    // One statement marks the code used only while unused and unexpired: of two redeemers, one wins.
    const { rows } = await this.pool.query<DeviceRow>(
      `WITH used AS (
         UPDATE enrolment_codes SET used_at = $3 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $3 RETURNING device_id)
       UPDATE devices SET credential_hash = $2 FROM used WHERE devices.id = used.device_id AND devices.revoked_at IS NULL RETURNING devices.*`,
      [hashCode(code), credentialHash, new Date(now)],
    );
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async byCredential(credentialHash: string): Promise<Device | null> {
    const { rows } = await this.pool.query<DeviceRow>('SELECT * FROM devices WHERE credential_hash = $1 AND revoked_at IS NULL', [credentialHash]);
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async revoke(deviceId: string, at: number): Promise<void> {
    await this.pool.query('UPDATE devices SET revoked_at = $2, credential_hash = NULL WHERE id = $1', [deviceId, new Date(at)]);
    await this.pool.query('DELETE FROM enrolment_codes WHERE device_id = $1', [deviceId]);
  }

  async seen(deviceId: string, at: number, state: string): Promise<void> {
    await this.pool.query('UPDATE devices SET last_seen_at = $2, last_state = $3 WHERE id = $1', [deviceId, new Date(at), state]);
  }

  async list(site?: string | null): Promise<Device[]> {
    const { rows } = await this.pool.query<DeviceRow>('SELECT * FROM devices WHERE ($1::text IS NULL OR site = $1) ORDER BY site, kind, name', [site ?? null]);
    return rows.map(toDevice);
  }
}

class PgStaffStore implements StaffStore {
  constructor(private readonly pool: pg.Pool) {}

  async find(name: string): Promise<HallStaffMember | undefined> {
    const { rows } = await this.pool.query<{ name: string; role: 'clerk' | 'it'; site: string | null; passphrase_hash: string }>('SELECT * FROM staff WHERE name = $1', [name]);
    const r = rows[0];
    return r && { name: r.name, role: r.role, site: r.site, passphraseHash: r.passphrase_hash };
  }

  async put(m: HallStaffMember): Promise<void> {
    await this.pool.query(
      'INSERT INTO staff (name, role, site, passphrase_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO UPDATE SET role = excluded.role, site = excluded.site, passphrase_hash = excluded.passphrase_hash',
      [m.name, m.role, m.site, m.passphraseHash],
    );
  }

  async remove(name: string): Promise<boolean> {
    return (await this.pool.query('DELETE FROM staff WHERE name = $1', [name])).rowCount === 1;
  }

  async list(): Promise<Omit<HallStaffMember, 'passphraseHash'>[]> {
    const { rows } = await this.pool.query<{ name: string; role: 'clerk' | 'it'; site: string | null }>('SELECT name, role, site FROM staff ORDER BY name');
    return rows;
  }
}

/**
 * Keeps a PostgreSQL restart from ending the process: a connection that dies reports it as an 'error' event, which
 * without a listener is thrown. Its queries still fail (and are retried by the caller); the pool drops the connection.
 * Call before the pool's first connection.
 */
export function survivePgRestarts(pool: pg.Pool): pg.Pool {
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** The hall's stores over one pool; the schema must already be migrated. */
export function pgStores(pool: pg.Pool, options: HallStoreOptions): HallStores {
  return {
    tickets: new PgTicketStore(pool),
    registry: new PgRegistryStore(pool),
    queue: new PgQueueStore(pool, options),
    templates: new PgTemplateStore(pool, options.clock),
    figures: new PgFiguresStore(pool),
    staff: new PgStaffStore(pool),
    close: () => pool.end(),
  };
}
