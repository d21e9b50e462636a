import Database from 'better-sqlite3';
import type { HallStores, IssuedTicket, TicketStore } from './contract.js';

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
    return Promise.resolve({ site, day, number: take.immediate(), kiosk, offline: false });
  }

  recordOffline(site: string, day: string, kiosk: string, number: number): Promise<boolean> {
    const r = this.db
      .prepare('INSERT INTO hall_tickets (site, day, number, kiosk, offline) VALUES (?, ?, ?, ?, 1) ON CONFLICT DO NOTHING')
      .run(site, day, number, kiosk);
    return Promise.resolve(r.changes === 1);
  }

  list(site: string, day: string): Promise<IssuedTicket[]> {
    const rows = this.db
      .prepare('SELECT site, day, number, kiosk, offline FROM hall_tickets WHERE site = ? AND day = ? ORDER BY offline, number, kiosk')
      .all(site, day) as TicketRow[];
    return Promise.resolve(rows.map((r) => ({ ...r, offline: r.offline === 1 })));
  }
}

/** The same stores in one SQLite file: the single-kiosk `npm start` needs no server. */
export function sqliteStores(file: string): HallStores {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  return {
    tickets: new SqliteTicketStore(db),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}
