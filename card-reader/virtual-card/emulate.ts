// `kakanai card emulate`: a fixture card on the vpcd reader until stopped. The CLI parses arguments and prints;
// this only builds the card and keeps it inserted.

import { VirtualMyNumberCard, VirtualOtherCard, type VirtualCard } from './card-model';
import { loadCardFixture, type CardFixture } from './resident-fixture';
import { VpcdCardClient, type VpcdEvent } from './vpcd-client';

export interface EmulatorOptions {
  /** A resident (fixtures/residents/*.json) or another card (fixtures/cards/*.json). */
  residentFile: string;
  host?: string;
  port?: number;
  delayMs?: number;
  onEvent?: (event: VpcdEvent) => void;
}

export interface RunningEmulator {
  fixture: CardFixture;
  card: VirtualCard;
  client: VpcdCardClient;
  /** Resolves when the card is first on the reader (the driver may not be listening yet). */
  inserted: Promise<void>;
  /** Takes the card off the reader and closes the connection. */
  stop(): Promise<void>;
}

export function cardFromFixture(fixture: CardFixture): VirtualCard {
  return fixture.kind === 'resident' ? new VirtualMyNumberCard(fixture.resident) : new VirtualOtherCard(fixture.card);
}

/** Loads the fixture (throws FixtureError naming file and field) and starts inserting the card. */
export function runEmulator(options: EmulatorOptions): RunningEmulator {
  const fixture = loadCardFixture(options.residentFile);
  const card = cardFromFixture(fixture);
  const client = new VpcdCardClient(card, {
    host: options.host,
    port: options.port,
    delayMs: options.delayMs,
    onEvent: options.onEvent,
  });
  return { fixture, card, client, inserted: client.insert(), stop: () => client.close() };
}
