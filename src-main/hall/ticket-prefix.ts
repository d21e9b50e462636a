// The prefix of a joined kiosk's own tickets (`K3FA2-017`), issued while the hall is out of reach. The hall picks it
// when the kiosk joins: the shortest run (four hex digits or more) of a hash of the device id that no other kiosk of
// the site shares at that length — so it differs from every earlier kiosk's prefix, in content or in length.
import { createHash } from 'node:crypto';

const MIN_DIGITS = 4;

const digitsOf = (deviceId: string): string => createHash('sha256').update(deviceId).digest('hex').toUpperCase();

export function ticketPrefixFor(deviceId: string, otherKioskIds: readonly string[]): string {
  const own = digitsOf(deviceId);
  const others = otherKioskIds.map(digitsOf);
  let length = MIN_DIGITS;
  while (length < own.length && others.some((o) => o.slice(0, length) === own.slice(0, length))) length += 1;
  return `K${own.slice(0, length)}`;
}

/** A kiosk whose credential carries no prefix (joined before the hall chose them): the shortest form. */
export const defaultTicketPrefix = (deviceId: string): string => ticketPrefixFor(deviceId, []);

/** A ticket the hall issued (the site's sequence: digits only); a kiosk's own carries its prefix (`K3FA2-017`). */
export const isHallTicket = (ticket: string): boolean => /^[1-9]\d{0,5}$/.test(ticket);
