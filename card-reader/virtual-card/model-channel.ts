// The virtual card's pure model as a CardChannel, so protocol unit tests run the real session code against the
// card's rules without pcscd.

import { CardError } from '../errors';
import type { CardChannel } from '../transport/channel';
import type { VirtualCard } from './card-model';

export function virtualCardChannel(card: VirtualCard): CardChannel {
  return {
    atr: card.atr,
    async transmit(apdu: Uint8Array): Promise<Uint8Array> {
      const response = card.handle(apdu);
      if (response.length < 2) throw new CardError('CardRemoved', 'the virtual card gave no status word', { step: 'transmit' });
      return response;
    },
  };
}
