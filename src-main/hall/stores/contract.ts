// The hall's store interfaces. Async because PostgreSQL is; the single-kiosk SQLite side implements the same
// contract, and one shared test suite runs against both so they cannot drift.

export interface IssuedTicket {
  site: string;
  /** YYYY-MM-DD in Asia/Tokyo. */
  day: string;
  number: number;
  kiosk: string;
  offline: boolean;
}

export interface TicketStore {
  /** The next number of `site` on `day`: no gaps, unique across every kiosk of the site. */
  next(site: string, day: string, kiosk: string): Promise<IssuedTicket>;
  /** Records a ticket a kiosk issued while the hall was unreachable; unique per kiosk, marked offline.
   * Returns false when that kiosk already recorded the number (a resend). */
  recordOffline(site: string, day: string, kiosk: string, number: number): Promise<boolean>;
  list(site: string, day: string): Promise<IssuedTicket[]>;
}

export interface HallStores {
  tickets: TicketStore;
  close(): Promise<void>;
}
