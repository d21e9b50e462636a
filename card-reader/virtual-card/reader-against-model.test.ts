// The reader's session (card-reader/protocol) against the virtual card's model: the two sides are written from the
// same document by different hands, so running one against the other catches a misreading on either side.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCardError } from '../errors';
import { identifyCard, pinTriesLeft, readResident, readWithCheckCodeB } from '../protocol';
import { VirtualMyNumberCard, VirtualOtherCard } from './card-model';
import { virtualCardChannel } from './model-channel';
import { CARDS_DIR, loadAllResidentFixtures, loadCardFixture, loadResidentFixture, residentFixturePath } from './resident-fixture';

const residents = loadAllResidentFixtures();
const cardOf = (id: string) => new VirtualMyNumberCard(loadResidentFixture(residentFixturePath(id)));

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return isCardError(e) ? e.code : String(e);
  }
}

describe('the protocol session against the virtual card model', () => {
  it.each(residents.filter((r) => r.pinTriesLeft >= 2).map((r) => [r.id, r] as const))(
    'reads %s exactly as the fixture holds it, in 8 exchanges with the My Number',
    async (_id, r) => {
      const read = await readResident(virtualCardChannel(new VirtualMyNumberCard(r)), { pin: r.pin, withMyNumber: true });
      expect(read.resident.reveal()).toEqual({ name: r.name, address: r.address, birthDate: r.birthDate, sex: r.sex });
      expect(read.myNumber?.reveal()).toBe(r.myNumber);
      if (new TextEncoder().encode(r.address).length < 200) expect(read.apduCount).toBe(8);
    },
  );

  it('refuses to spend the last try, and reports a blocked PIN, without sending a PIN', async () => {
    const oneLeft = cardOf('one-try-left');
    expect(await codeOf(readResident(virtualCardChannel(oneLeft), { pin: '1111', withMyNumber: false }))).toBe('PinGuard');
    expect(oneLeft.triesLeft('pin')).toBe(1);
    const blocked = cardOf('pin-blocked');
    expect(await codeOf(readResident(virtualCardChannel(blocked), { pin: '2222', withMyNumber: false }))).toBe('PinBlocked');
  });

  it('reports a wrong PIN with the tries the card now has', async () => {
    const card = cardOf('demo');
    try {
      await readResident(virtualCardChannel(card), { pin: '9999', withMyNumber: false });
      expect.unreachable();
    } catch (e) {
      expect(isCardError(e, 'WrongPin') && e.triesLeft).toBe(2);
    }
    expect((await pinTriesLeft(virtualCardChannel(card))).triesLeft).toBe(2);
  });

  it('reads the 4 items of a PIN-blocked card with 照合番号B', async () => {
    const fixture = loadResidentFixture(residentFixturePath('pin-blocked'));
    const read = await readWithCheckCodeB(virtualCardChannel(new VirtualMyNumberCard(fixture)), fixture.checkCodeB);
    expect(read.resident.reveal().name).toBe(fixture.name);
  });

  it('tells a card that is not a My Number Card', async () => {
    const fixture = loadCardFixture(join(CARDS_DIR, 'not-my-number-card.json'));
    if (fixture.kind !== 'other-card') throw new Error('expected an other-card fixture');
    expect(await codeOf(identifyCard(virtualCardChannel(new VirtualOtherCard(fixture.card))))).toBe('NotMyNumberCard');
  });
});
