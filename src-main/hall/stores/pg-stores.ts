import type pg from 'pg';
import type { HallStores, IssuedTicket, TicketStore } from './contract.js';

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
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // The upsert takes the row lock on (site, day): concurrent kiosks queue on it, so numbers have no gaps.
      const { rows } = await client.query<{ last: number }>(
        `INSERT INTO ticket_counters (site, day, last) VALUES ($1, $2, 1)
         ON CONFLICT (site, day) DO UPDATE SET last = ticket_counters.last + 1 RETURNING last`,
        [site, day],
      );
      const number = rows[0]!.last;
      await client.query('INSERT INTO tickets (site, day, number, kiosk, offline) VALUES ($1, $2, $3, $4, false)', [site, day, number, kiosk]);
      await client.query('COMMIT');
      return { site, day, number, kiosk, offline: false };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async recordOffline(site: string, day: string, kiosk: string, number: number): Promise<boolean> {
    const r = await this.pool.query(
      'INSERT INTO tickets (site, day, number, kiosk, offline) VALUES ($1, $2, $3, $4, true) ON CONFLICT DO NOTHING',
      [site, day, number, kiosk],
    );
    return r.rowCount === 1;
  }

  async list(site: string, day: string): Promise<IssuedTicket[]> {
    const { rows } = await this.pool.query<TicketRow>(
      "SELECT site, to_char(day, 'YYYY-MM-DD') AS day, number, kiosk, offline FROM tickets WHERE site = $1 AND day = $2 ORDER BY offline, number, kiosk",
      [site, day],
    );
    return rows.map(toTicket);
  }
}

/** The hall's stores over one pool; the schema must already be migrated. */
export function pgStores(pool: pg.Pool): HallStores {
  return { tickets: new PgTicketStore(pool), close: () => pool.end() };
}
