// The card side of a visit: reader state for the screens, the tries probe, the one PIN read with progress, and the
// clerk's 照合番号B read. Every CardError becomes the same typed outcome here, in one place.
import { isCardError } from '../../card-reader/errors';
import type { MyNumber, ResidentInfo } from '../../card-reader/personal-data';
import { pinTriesLeft, readResident, readWithCheckCodeB } from '../../card-reader/protocol';
import type { CardChannel } from '../../card-reader/transport/channel';
import type { PcscReaderService } from '../../card-reader/transport/pcsc';
import type { CardReadOutcome, ReaderState, ResidentView } from '../contract/kiosk';

/** The exchanges of a read (docs/card.md): 6, or 8 with the My Number; a long address adds READ BINARYs. */
const EXCHANGES = { basic: 6, withMyNumber: 8 };

export function readerState(readers: PcscReaderService): ReaderState {
  const list = readers.readers();
  return {
    service: readers.pcscdAvailable,
    reader: list.length > 0,
    card: list.some((r) => r.card === 'present') ? 'present' : 'empty',
  };
}

export async function cardTries(readers: PcscReaderService, reader: string | undefined): Promise<{ triesLeft: number | null; error?: CardReadFailure['error'] }> {
  try {
    const { triesLeft } = await readers.withCard(reader, (channel) => pinTriesLeft(channel));
    return { triesLeft };
  } catch (e) {
    return { triesLeft: null, error: cardFailure(e).error };
  }
}

type CardReadFailure = Extract<CardReadOutcome, { ok: false }>;
export type CardRead = { ok: true; resident: ResidentInfo; myNumber?: MyNumber } | CardReadFailure;

/** One VERIFY with the PIN and the read; every CardError becomes a typed outcome. The PIN is not kept. */
export async function readCard(
  readers: PcscReaderService,
  options: { reader: string | undefined; pin: string; withMyNumber: boolean; allowLastTry?: boolean; onProgress: (done: number, total: number) => void },
): Promise<CardRead> {
  const expected = options.withMyNumber ? EXCHANGES.withMyNumber : EXCHANGES.basic;
  try {
    const read = await readers.withCard(options.reader, (channel) => {
      let done = 0;
      const counted: CardChannel = {
        atr: channel.atr,
        async transmit(apdu) {
          const response = await channel.transmit(apdu);
          done += 1;
          options.onProgress(done, Math.max(expected, done));
          return response;
        },
      };
      return readResident(counted, { pin: options.pin, withMyNumber: options.withMyNumber, allowLastTry: options.allowLastTry === true });
    });
    return { ok: true, resident: read.resident, ...(read.myNumber ? { myNumber: read.myNumber } : {}) };
  } catch (e) {
    return cardFailure(e);
  }
}

/** The clerk's read with 照合番号B (birth date, expiry year, security code) instead of the PIN: the 4 basic items. */
export async function readCardWithCheckCodeB(
  readers: PcscReaderService,
  options: { reader: string | undefined; code: { birth: string; expiryYear: string; securityCode: string } },
): Promise<{ ok: true; resident: ResidentInfo } | CardReadFailure> {
  try {
    const read = await readers.withCard(options.reader, (channel) => readWithCheckCodeB(channel, options.code));
    return { ok: true, resident: read.resident };
  } catch (e) {
    return cardFailure(e);
  }
}

/** A CardError as the typed outcome the screens word; anything else is not the card's and is thrown on. */
function cardFailure(e: unknown): CardReadFailure {
  if (!isCardError(e)) throw e;
  return { ok: false, error: e.code, ...(e.triesLeft === undefined ? {} : { triesLeft: e.triesLeft }) };
}

/** The review screen's copy of the 4 basic items; `sex` is the card's code ('1', '2', '9'), worded by the screen. */
export function residentView(resident: ResidentInfo): ResidentView {
  const r = resident.reveal();
  return { name: r.name, address: r.address, birthDate: r.birthDate, sex: r.sex };
}
