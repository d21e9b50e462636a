// One session's APDU exchanges over a CardChannel: counted (the bench reports it), status words turned into typed
// errors, 6C xx answered with one resend, and whole TLV-shaped EFs read in as few READ BINARYs as possible.

import { CardError } from '../errors';
import type { CardChannel } from '../transport/channel';
import { MAX_READ_OFFSET, MAX_SHORT_LE, parseResponse, readBinary, statusToError, type CommandKind, type ResponseApdu } from './apdu';
import { SW } from './constants';
import { concatBytes, tlvTotalLength } from './tlv';

export class CardExchange {
  #count = 0;
  constructor(private readonly channel: CardChannel) {}

  /** Exchanges so far, resends included. */
  get count(): number {
    return this.#count;
  }

  /** Sends one APDU and returns the response as it came; the caller reads the status word itself. */
  async transmit(apdu: Uint8Array, step: string): Promise<ResponseApdu> {
    this.#count++;
    return parseResponse(await this.channel.transmit(apdu), step);
  }

  /** Sends one APDU and returns its data, or throws the CardError its status word means. */
  async command(apdu: Uint8Array, step: string, kind: CommandKind): Promise<Uint8Array> {
    let response = await this.transmit(apdu, step);
    // 6C xx: "resend with Le = xx". Only READ BINARY carries an Le here; once, so a confused card cannot loop us.
    if ((response.sw & 0xff00) === SW.correctLeBase && kind === 'readBinary') {
      const resend = apdu.slice();
      resend[resend.length - 1] = response.sw & 0xff;
      response = await this.transmit(resend, step);
    }
    const error = statusToError(response.sw, step, kind);
    if (error) throw error;
    return response.data;
  }

  /**
   * Reads the current EF from offset 0 up to the end of the TLV that starts it: one READ BINARY of 256 bytes, then
   * more at offsets only if the TLV header says it is longer. Bytes after the TLV (padding) are dropped.
   */
  async readTlvEf(efLabel: string): Promise<Uint8Array> {
    const step = (offset: number) => `READ BINARY EF ${efLabel} at ${offset}`;
    const malformed = (what: string) => new CardError('MalformedData', `EF ${efLabel}: ${what}`, { step: step(0) });

    const first = await this.command(readBinary(0, MAX_SHORT_LE), step(0), 'readBinary');
    const total = tlvTotalLength(first);
    if (total === null) throw malformed('the file does not start with a complete TLV header');
    if (total > MAX_READ_OFFSET + 1) throw malformed('the TLV is longer than READ BINARY can address');
    if (first.length >= total) return first.slice(0, total);

    const chunks = [first];
    let have = first.length;
    while (have < total) {
      const want = Math.min(MAX_SHORT_LE, total - have);
      const chunk = await this.command(readBinary(have, want), step(have), 'readBinary');
      // A card gives less than Le only at the end of the file, so a short chunk means the TLV is cut off. This also
      // bounds the loop: every turn adds `want` bytes.
      if (chunk.length < want) throw malformed('the file ends before its TLV does');
      chunks.push(chunk.subarray(0, want));
      have += want;
    }
    return concatBytes(...chunks);
  }
}
