// The hall's store interfaces. Async because PostgreSQL is; the single-kiosk SQLite side implements the same
// contract, and one shared test suite runs against both so they cannot drift.
import { createHash } from 'node:crypto';

/** Enrolment codes are kept only as this hash. */
export const hashCode = (code: string): string => createHash('sha256').update(code, 'utf8').digest('hex');

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
  registry: RegistryStore;
  close(): Promise<void>;
}

export type DeviceKind = 'kiosk' | 'desk';

export interface Device {
  id: string;
  kind: DeviceKind;
  site: string;
  name: string;
  enrolled: boolean;
  /** Epoch ms, or null. */
  revokedAt: number | null;
  lastSeenAt: number | null;
  lastState: string | null;
}

export interface RegistryStore {
  /** A named kiosk or desk of a site; the name is unique per site and kind. */
  add(kind: DeviceKind, site: string, name: string): Promise<Device>;
  /** Stores only the hash of a one-time enrolment code valid until `expiresAt` (epoch ms). */
  issueCode(deviceId: string, code: string, expiresAt: number): Promise<void>;
  /** Redeems a code once, before it expires, for a device not revoked; stores the credential's hash. Null otherwise. */
  redeemCode(code: string, credentialHash: string, now: number): Promise<Device | null>;
  /** The device whose credential hash this is, unless revoked. */
  byCredential(credentialHash: string): Promise<Device | null>;
  revoke(deviceId: string, at: number): Promise<void>;
  seen(deviceId: string, at: number, state: string): Promise<void>;
  list(site: string): Promise<Device[]>;
}
