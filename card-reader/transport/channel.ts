// The one thing the protocol needs from a transport: a connected card that answers APDUs.
// PC/SC implements it (transport/pcsc.ts); unit tests implement it with recorded exchanges or the virtual card's
// pure model, so the protocol runs the same code against both.

export interface CardChannel {
  /** The ATR the reader reported (synthesised by contactless readers: never use it to identify the card). */
  readonly atr: Uint8Array;
  /**
   * Sends one command APDU and resolves with the whole response (data + SW1 SW2).
   * Rejects with CardError('CardRemoved') when the card left the field, including the case where the stack
   * returns fewer than 2 bytes. Implementations must never log or keep the APDU bytes (a VERIFY holds the PIN).
   */
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
}
