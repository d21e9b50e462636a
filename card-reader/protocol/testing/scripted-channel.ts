// A CardChannel that plays recorded exchanges: it asserts each command APDU is the one expected and answers the
// recorded response. Tests only. It keeps a reference to every buffer it was given, so a test can check that the
// VERIFY buffer was zero-filled after the exchange.

import { CardError } from '../../errors';
import type { CardChannel } from '../../transport/channel';
import { MY_NUMBER_CARD_ATR, hex } from '../constants';

export interface ScriptedExchange {
  /** Expected command APDU, as bytes or as hex ('00 A4 04 0C …'). */
  command: Uint8Array | string;
  /** Recorded response (data + SW1 SW2), or an error the transport rejects with. */
  response: Uint8Array | string | Error;
}

const toBytes = (b: Uint8Array | string) => (typeof b === 'string' ? hex(b.trim().replace(/\s+/g, ' ')) : b);
const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');
// A mismatch message shows a VERIFY's header only: its data is a secret even in a test.
const describe = (b: Uint8Array) => (b[1] === 0x20 && b.length > 5 ? `${toHex(b.subarray(0, 5))} <${b.length - 5} secret bytes>` : toHex(b));

export class ScriptMismatch extends Error {
  override readonly name = 'ScriptMismatch';
}

export class ScriptedChannel implements CardChannel {
  readonly atr: Uint8Array;
  /** The very buffers passed to transmit, in order (not copies: a test checks they were zero-filled). */
  readonly sentBuffers: Uint8Array[] = [];
  /** What each command was when sent, without its data: 'CLA INS P1 P2 +n' (n data/Le bytes). */
  readonly sentHeaders: string[] = [];
  #next = 0;
  readonly #script: ScriptedExchange[];

  constructor(script: ScriptedExchange[], atr: Uint8Array = MY_NUMBER_CARD_ATR) {
    this.#script = script;
    this.atr = atr;
  }

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    this.sentBuffers.push(apdu);
    this.sentHeaders.push(`${toHex(apdu.subarray(0, 4))} +${Math.max(0, apdu.length - 4)}`);
    const step = this.#script[this.#next];
    if (!step) throw new ScriptMismatch(`exchange ${this.#next + 1}: unexpected command ${describe(apdu)} after the script ended`);
    const expected = toBytes(step.command);
    if (expected.length !== apdu.length || !expected.every((b, i) => b === apdu[i])) {
      throw new ScriptMismatch(`exchange ${this.#next + 1}: expected ${describe(expected)}, got ${describe(apdu)}`);
    }
    this.#next++;
    if (step.response instanceof Error) throw step.response;
    // A copy: the protocol zero-fills what it reads, and the script must stay reusable.
    return toBytes(step.response).slice();
  }

  /** Exchanges answered so far. */
  get exchanged(): number {
    return this.#next;
  }

  /** Throws unless every scripted exchange was used. */
  assertDone(): void {
    if (this.#next !== this.#script.length) {
      throw new ScriptMismatch(`only ${this.#next} of ${this.#script.length} scripted exchanges were used`);
    }
  }
}

/** The error a transport rejects with when the card leaves the field. */
export const cardRemovedByTransport = () => new CardError('CardRemoved', 'card left the field', { step: 'transmit' });
