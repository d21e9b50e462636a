import { describe, expect, it } from 'vitest';
import { AID, EF, MY_NUMBER_CARD_ATR, TAG } from '../protocol/constants';
import { readTlv, readTlvList } from '../protocol/tlv';
import { VirtualMyNumberCard, VirtualOtherCard, type VirtualCard } from './card-model';
import { loadAllResidentFixtures, loadCardFixture, loadResidentFixture, residentFixturePath, CARDS_DIR } from './resident-fixture';
import { join } from 'node:path';

const bytes = (h: string) => Uint8Array.from(h.trim().split(/\s+/).map((b) => parseInt(b, 16)));
const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');
const ascii = (s: string) => new TextEncoder().encode(s);

interface Answer {
  sw: string;
  data: Uint8Array;
}

function send(card: VirtualCard, apdu: Uint8Array | string): Answer {
  const r = card.handle(typeof apdu === 'string' ? bytes(apdu) : apdu);
  expect(r.length).toBeGreaterThanOrEqual(2);
  return { sw: hexOf(r.subarray(r.length - 2)), data: r.subarray(0, r.length - 2) };
}

const selectAp = (aid: Uint8Array) => Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, aid.length, ...aid);
const selectEf = (id: number) => Uint8Array.of(0x00, 0xa4, 0x02, 0x0c, 0x02, id >> 8, id & 0xff);
const verify = (secret?: string) =>
  secret === undefined ? bytes('00 20 00 80') : Uint8Array.of(0x00, 0x20, 0x00, 0x80, secret.length, ...ascii(secret));
const readBinary = (offset: number, le: number) => Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, le & 0xff);

const resident = (id: string) => loadResidentFixture(residentFixturePath(id));
const cardOf = (id: string) => new VirtualMyNumberCard(resident(id));
const checkCodeBOf = (id: string) => {
  const b = resident(id).checkCodeB;
  return b.birth + b.expiryYear + b.securityCode;
};

function openAp(card: VirtualCard): void {
  expect(send(card, selectAp(AID.cardInfoInputAp)).sw).toBe('90 00');
}

function verifyWith(card: VirtualCard, ef: number, secret: string): string {
  openAp(card);
  expect(send(card, selectEf(ef)).sw).toBe('90 00');
  return send(card, verify(secret)).sw;
}

/** Reads a whole EF the way a careful reader does: 256 at a time until the card says the offset is beyond. */
function readWholeEf(card: VirtualCard, ef: number): { content: Uint8Array; exchanges: number } {
  expect(send(card, selectEf(ef)).sw).toBe('90 00');
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (let exchanges = 1; ; exchanges++) {
    const r = send(card, readBinary(offset, 0));
    if (r.sw === '6B 00') return { content: Buffer.concat(chunks), exchanges };
    expect(r.sw).toBe('90 00');
    chunks.push(r.data);
    offset += r.data.length;
    if (r.data.length < 256) return { content: Buffer.concat(chunks), exchanges };
  }
}

function basicInfoOf(content: Uint8Array) {
  const container = readTlv(content);
  expect(container?.tag).toBe(TAG.basicInfo);
  const items = new Map(readTlvList(container!.value)!.map((t) => [t.tag, t.value]));
  const text = (tag: number) => new TextDecoder('utf-8', { fatal: true }).decode(items.get(tag));
  return { container: container!, items, name: text(TAG.name), address: text(TAG.address), birth: text(TAG.birthDate), sex: text(TAG.sex) };
}

describe('the virtual My Number Card', () => {
  it('answers with the contact ATR of a JPKI card', () => {
    expect(hexOf(cardOf('demo').atr)).toBe(hexOf(MY_NUMBER_CARD_ATR));
  });

  describe('SELECT', () => {
    it('selects the 券面事項入力補助AP, the card face AP and the JPKI AP by AID, and refuses an unknown AID with 6A 82', () => {
      const card = cardOf('demo');
      expect(send(card, selectAp(AID.cardInfoInputAp)).sw).toBe('90 00');
      expect(send(card, selectAp(AID.cardFaceAp)).sw).toBe('90 00');
      expect(send(card, selectAp(AID.jpkiAp)).sw).toBe('90 00');
      expect(send(card, selectAp(bytes('A0 00 00 00 03 10 10'))).sw).toBe('6A 82');
    });

    it('refuses SELECT EF before any application with 69 86', () => {
      expect(send(cardOf('demo'), selectEf(EF.basicInfo)).sw).toBe('69 86');
    });

    it('answers 6A 82 for an EF the application does not have', () => {
      const card = cardOf('demo');
      openAp(card);
      expect(send(card, selectEf(0x0099)).sw).toBe('6A 82');
    });

    it('keeps the application selected after a failed SELECT by AID', () => {
      const card = cardOf('demo');
      openAp(card);
      expect(send(card, selectAp(bytes('A0 00 00 00 03 10 10'))).sw).toBe('6A 82');
      expect(send(card, selectEf(EF.pin)).sw).toBe('90 00');
    });

    it('refuses P2 other than 0C (no FCI) with 6A 86, and an EF id that is not 2 bytes with 67 00', () => {
      const card = cardOf('demo');
      expect(send(card, Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 10, ...AID.cardInfoInputAp)).sw).toBe('6A 86');
      openAp(card);
      expect(send(card, '00 A4 02 0C 01 11').sw).toBe('67 00');
      expect(send(card, '00 A4 02 0C').sw).toBe('67 00');
    });

    it('accepts a SELECT that carries an Le byte', () => {
      expect(send(cardOf('demo'), Uint8Array.of(...selectAp(AID.cardInfoInputAp), 0x00)).sw).toBe('90 00');
    });
  });

  describe('VERIFY', () => {
    it('reports tries left without spending one when sent with no data', () => {
      const card = cardOf('demo');
      openAp(card);
      send(card, selectEf(EF.pin));
      expect(send(card, verify()).sw).toBe('63 C3');
      expect(send(card, verify()).sw).toBe('63 C3');
      expect(card.triesLeft('pin')).toBe(3);
    });

    it('answers 90 00 to a probe once the PIN is verified in this session', () => {
      const card = cardOf('demo');
      expect(verifyWith(card, EF.pin, '1234')).toBe('90 00');
      expect(send(card, verify()).sw).toBe('90 00');
    });

    it('counts down on wrong PINs, blocks at the third, then refuses even the right PIN', () => {
      const card = cardOf('demo');
      openAp(card);
      send(card, selectEf(EF.pin));
      expect(send(card, verify('0000')).sw).toBe('63 C2');
      expect(send(card, verify('0000')).sw).toBe('63 C1');
      expect(send(card, verify('0000')).sw).toBe('63 C0');
      expect(send(card, verify()).sw).toBe('63 C0');
      expect(send(card, verify('1234')).sw).toBe('69 83');
      expect(card.triesLeft('pin')).toBe(0);
      send(card, selectEf(EF.basicInfo));
      expect(send(card, readBinary(0, 0)).sw).toBe('69 82');
    });

    it('resets the count when the right PIN follows wrong ones', () => {
      const card = cardOf('demo');
      expect(verifyWith(card, EF.pin, '9999')).toBe('63 C2');
      expect(send(card, verify('9999')).sw).toBe('63 C1');
      expect(send(card, verify('1234')).sw).toBe('90 00');
      expect(card.triesLeft('pin')).toBe(3);
    });

    it('drops the verified state after a wrong PIN', () => {
      const card = cardOf('demo');
      expect(verifyWith(card, EF.pin, '1234')).toBe('90 00');
      expect(send(card, verify('1235')).sw).toBe('63 C2');
      send(card, selectEf(EF.basicInfo));
      expect(send(card, readBinary(0, 0)).sw).toBe('69 82');
    });

    it('treats a PIN of the wrong length as a wrong PIN (the card compares bytes; the reader must check the format)', () => {
      const card = cardOf('demo');
      expect(verifyWith(card, EF.pin, '12345')).toBe('63 C2');
    });

    it('refuses VERIFY when no PIN EF is current, and with P2 other than 80', () => {
      const card = cardOf('demo');
      expect(send(card, verify('1234')).sw).toBe('69 86');
      openAp(card);
      expect(send(card, verify('1234')).sw).toBe('69 86');
      send(card, selectEf(EF.basicInfo));
      expect(send(card, verify('1234')).sw).toBe('69 86');
      send(card, selectEf(EF.pin));
      expect(send(card, '00 20 00 81 04 31 32 33 34').sw).toBe('6A 86');
      expect(card.triesLeft('pin')).toBe(3);
    });

    it('reports one try left for the one-try-left resident and 63 C0 / 69 83 for the blocked one', () => {
      const oneLeft = cardOf('one-try-left');
      openAp(oneLeft);
      send(oneLeft, selectEf(EF.pin));
      expect(send(oneLeft, verify()).sw).toBe('63 C1');

      const blocked = cardOf('pin-blocked');
      openAp(blocked);
      send(blocked, selectEf(EF.pin));
      expect(send(blocked, verify()).sw).toBe('63 C0');
      expect(send(blocked, verify(resident('pin-blocked').pin)).sw).toBe('69 83');
    });
  });

  describe('照合番号B and 照合番号A', () => {
    it('opens the 4 items but not the My Number with the right 照合番号B', () => {
      const card = cardOf('demo');
      expect(verifyWith(card, EF.checkCodeB, checkCodeBOf('demo'))).toBe('90 00');
      send(card, selectEf(EF.basicInfo));
      expect(send(card, readBinary(0, 0)).sw).toBe('90 00');
      send(card, selectEf(EF.myNumber));
      expect(send(card, readBinary(0, 0)).sw).toBe('69 82');
    });

    it('counts a wrong 照合番号B down from 10 and opens nothing', () => {
      const card = cardOf('demo');
      expect(verifyWith(card, EF.checkCodeB, '85041220340000')).toBe('63 C9');
      expect(card.triesLeft('checkCodeB')).toBe(9);
      send(card, selectEf(EF.basicInfo));
      expect(send(card, readBinary(0, 0)).sw).toBe('69 82');
    });

    it('blocks 照合番号B when its last try fails', () => {
      const card = cardOf('check-code-b-one-try');
      openAp(card);
      send(card, selectEf(EF.checkCodeB));
      expect(send(card, verify()).sw).toBe('63 C1');
      expect(send(card, verify('00000000000000')).sw).toBe('63 C0');
      expect(send(card, verify(checkCodeBOf('check-code-b-one-try'))).sw).toBe('69 83');
    });

    it('lets 照合番号B open the 4 items of a card whose PIN is blocked', () => {
      const card = cardOf('pin-blocked');
      expect(verifyWith(card, EF.checkCodeB, checkCodeBOf('pin-blocked'))).toBe('90 00');
      const { name } = basicInfoOf(readWholeEf(card, EF.basicInfo).content);
      expect(name).toBe(resident('pin-blocked').name);
    });

    it('opens the My Number but not the 4 items with 照合番号A', () => {
      const card = cardOf('demo');
      expect(verifyWith(card, EF.checkCodeA, resident('demo').myNumber)).toBe('90 00');
      send(card, selectEf(EF.myNumber));
      expect(send(card, readBinary(0, 0)).sw).toBe('90 00');
      send(card, selectEf(EF.basicInfo));
      expect(send(card, readBinary(0, 0)).sw).toBe('69 82');
    });
  });

  describe('READ BINARY', () => {
    it('refuses a read with no current EF (69 86) and before VERIFY (69 82)', () => {
      const card = cardOf('demo');
      expect(send(card, readBinary(0, 0)).sw).toBe('69 86');
      openAp(card);
      expect(send(card, readBinary(0, 0)).sw).toBe('69 86');
      send(card, selectEf(EF.pin));
      expect(send(card, readBinary(0, 0)).sw).toBe('69 86');
      send(card, selectEf(EF.basicInfo));
      expect(send(card, readBinary(0, 0)).sw).toBe('69 82');
      send(card, selectEf(EF.myNumber));
      expect(send(card, readBinary(0, 0)).sw).toBe('69 82');
    });

    it('reads the application information EF without any VERIFY', () => {
      const card = cardOf('demo');
      openAp(card);
      send(card, selectEf(EF.apInfo));
      expect(send(card, readBinary(0, 0)).sw).toBe('90 00');
    });

    it('returns 256 bytes for Le 00, the rest with 90 00 at the end, and 6B 00 beyond the end', () => {
      const card = cardOf('long-katagaki');
      expect(verifyWith(card, EF.pin, resident('long-katagaki').pin)).toBe('90 00');
      send(card, selectEf(EF.basicInfo));
      const first = send(card, readBinary(0, 0));
      expect(first.sw).toBe('90 00');
      expect(first.data.length).toBe(256);
      const rest = send(card, readBinary(256, 0));
      expect(rest.sw).toBe('90 00');
      expect(rest.data.length).toBeGreaterThan(0);
      expect(rest.data.length).toBeLessThan(256);
      const size = 256 + rest.data.length;
      expect(send(card, readBinary(size - 3, 0x10)).data.length).toBe(3);
      expect(send(card, readBinary(size, 1)).sw).toBe('6B 00');
      expect(send(card, readBinary(size + 100, 0)).sw).toBe('6B 00');
    });

    it('returns exactly Le bytes from the offset asked', () => {
      const card = cardOf('demo');
      verifyWith(card, EF.pin, '1234');
      const whole = readWholeEf(card, EF.basicInfo).content;
      const part = send(card, readBinary(5, 7));
      expect(part.sw).toBe('90 00');
      expect(hexOf(part.data)).toBe(hexOf(whole.subarray(5, 12)));
    });

    it('refuses a READ BINARY without Le or with data (67 00) and short-EF addressing (6A 86)', () => {
      const card = cardOf('demo');
      verifyWith(card, EF.pin, '1234');
      send(card, selectEf(EF.basicInfo));
      expect(send(card, '00 B0 00 00').sw).toBe('67 00');
      expect(send(card, '00 B0 00 00 01 00 00').sw).toBe('67 00');
      expect(send(card, '00 B0 82 00 00').sw).toBe('6A 86');
    });
  });

  describe('command structure', () => {
    it('answers 67 00 when Lc disagrees with the data', () => {
      const card = cardOf('demo');
      expect(send(card, '00 A4 04 0C 0A D3 92 10 00 31').sw).toBe('67 00');
      expect(send(card, Uint8Array.of(...selectAp(AID.cardInfoInputAp), 0x00, 0x00)).sw).toBe('67 00');
      expect(send(card, '00 A4 04').sw).toBe('67 00');
    });

    it('answers 6D 00 to an unknown instruction and 6E 00 to a class other than 00', () => {
      const card = cardOf('demo');
      expect(send(card, '00 84 00 00 08').sw).toBe('6D 00');
      expect(send(card, Uint8Array.of(0x80, 0xa4, 0x04, 0x0c, 10, ...AID.cardInfoInputAp)).sw).toBe('6E 00');
      expect(send(card, 'FF CA 00 00 00').sw).toBe('6E 00');
    });
  });

  describe('power, reset and the security state', () => {
    it('drops the selected application and the verified PIN on power off/on and on reset', () => {
      for (const cycle of [(c: VirtualMyNumberCard) => (c.powerOff(), c.powerOn()), (c: VirtualMyNumberCard) => c.reset()]) {
        const card = cardOf('demo');
        verifyWith(card, EF.pin, '1234');
        send(card, selectEf(EF.basicInfo));
        cycle(card);
        expect(send(card, readBinary(0, 0)).sw).toBe('69 86');
        openAp(card);
        send(card, selectEf(EF.basicInfo));
        expect(send(card, readBinary(0, 0)).sw).toBe('69 82');
      }
    });

    it('drops the verified PIN when an application is selected again', () => {
      const card = cardOf('demo');
      verifyWith(card, EF.pin, '1234');
      openAp(card);
      send(card, selectEf(EF.basicInfo));
      expect(send(card, readBinary(0, 0)).sw).toBe('69 82');
    });

    it('keeps the PIN retry counter across power cycles and resets', () => {
      const card = cardOf('demo');
      expect(verifyWith(card, EF.pin, '0000')).toBe('63 C2');
      card.powerOff();
      card.powerOn();
      expect(verifyWith(card, EF.pin, '0000')).toBe('63 C1');
      card.reset();
      openAp(card);
      send(card, selectEf(EF.pin));
      expect(send(card, verify()).sw).toBe('63 C1');
      expect(send(card, verify('0000')).sw).toBe('63 C0');
      card.powerOff();
      card.powerOn();
      expect(verifyWith(card, EF.pin, '1234')).toBe('69 83');
    });

    it('keeps the 照合番号B counter across power cycles', () => {
      const card = cardOf('demo');
      expect(verifyWith(card, EF.checkCodeB, '00000000000000')).toBe('63 C9');
      card.powerOff();
      card.powerOn();
      openAp(card);
      send(card, selectEf(EF.checkCodeB));
      expect(send(card, verify()).sw).toBe('63 C9');
    });

    it('is mute while unpowered', () => {
      const card = cardOf('demo');
      card.powerOff();
      expect(card.handle(selectAp(AID.cardInfoInputAp)).length).toBe(0);
    });
  });

  describe('EF contents', () => {
    it('encodes the 4 items of every resident as FF 20 { DF 21, DF 22, DF 23, DF 24, DF 25 } followed by FF padding, code points untouched', () => {
      for (const r of loadAllResidentFixtures()) {
        const card = new VirtualMyNumberCard(r);
        if (r.pinTriesLeft > 0) expect(verifyWith(card, EF.pin, r.pin), r.id).toBe('90 00');
        else expect(verifyWith(card, EF.checkCodeB, r.checkCodeB.birth + r.checkCodeB.expiryYear + r.checkCodeB.securityCode)).toBe('90 00');
        const { content } = readWholeEf(card, EF.basicInfo);
        const info = basicInfoOf(content);
        expect([...info.items.keys()], r.id).toEqual([TAG.basicInfoHeader, TAG.name, TAG.address, TAG.birthDate, TAG.sex]);
        expect(info.name, r.id).toBe(r.name);
        expect(info.address, r.id).toBe(r.address);
        expect(info.birth, r.id).toBe(r.birthDate.replaceAll('-', ''));
        expect(info.sex, r.id).toBe(r.sex);
        const padding = content.subarray(info.container.end);
        expect(padding.length, r.id).toBeGreaterThan(0);
        expect(padding.every((b) => b === 0xff), r.id).toBe(true);
      }
    });

    it('uses the 82 long form and needs two READ BINARY of 256 for the long 方書 address', () => {
      const r = resident('long-katagaki');
      const card = new VirtualMyNumberCard(r);
      verifyWith(card, EF.pin, r.pin);
      const { content, exchanges } = readWholeEf(card, EF.basicInfo);
      expect(exchanges).toBeGreaterThanOrEqual(2);
      expect(hexOf(content.subarray(0, 3))).toBe('FF 20 82');
      const info = basicInfoOf(content);
      expect(info.container.end).toBeGreaterThan(256);
      // DF 23 itself passes 255 bytes: its length is 82 xx xx too.
      const df23At = content.findIndex((b, i) => b === 0xdf && content[i + 1] === 0x23);
      expect(content[df23At + 2]).toBe(0x82);
      expect(info.address).toBe(r.address);
    });

    it('uses the 81 form for a name between 128 and 255 bytes', () => {
      const r = resident('foreign-resident');
      const card = new VirtualMyNumberCard(r);
      verifyWith(card, EF.pin, r.pin);
      const { content } = readWholeEf(card, EF.basicInfo);
      const df22At = content.findIndex((b, i) => b === 0xdf && content[i + 1] === 0x22);
      expect(content[df22At + 2]).toBe(0x81);
      expect(basicInfoOf(content).name).toBe(r.name);
    });

    it('keeps the non-BMP 𠮷 as 4 UTF-8 bytes', () => {
      const r = resident('non-bmp-name');
      const card = new VirtualMyNumberCard(r);
      verifyWith(card, EF.pin, r.pin);
      const { content } = readWholeEf(card, EF.basicInfo);
      expect(hexOf(content)).toContain('F0 A0 AE B7');
    });

    it('holds the My Number in EF 0001 as DF 10 with 12 ASCII digits', () => {
      const r = resident('demo');
      const card = new VirtualMyNumberCard(r);
      verifyWith(card, EF.pin, r.pin);
      send(card, selectEf(EF.myNumber));
      const first17 = send(card, readBinary(0, 17));
      expect(first17.sw).toBe('90 00');
      const tlv = readTlv(first17.data);
      expect(tlv?.tag).toBe(TAG.myNumber);
      expect(new TextDecoder().decode(tlv!.value)).toBe(r.myNumber);
    });

    it('holds FF 30 { DF 31, DF 32, DF 33 } in EF 0003, readable after the PIN only', () => {
      const card = cardOf('demo');
      verifyWith(card, EF.checkCodeB, checkCodeBOf('demo'));
      send(card, selectEf(EF.signature));
      expect(send(card, readBinary(0, 0)).sw).toBe('69 82');
      verifyWith(card, EF.pin, '1234');
      const tlv = readTlv(readWholeEf(card, EF.signature).content);
      expect(tlv?.tag).toBe(0xff30);
      expect(readTlvList(tlv!.value)!.map((t) => t.tag)).toEqual([0xdf31, 0xdf32, 0xdf33]);
    });
  });

  describe('the JPKI AP PIN files', () => {
    it('report the authentication PIN and signature password tries without spending them', () => {
      const card = cardOf('demo');
      send(card, selectAp(AID.jpkiAp));
      expect(send(card, selectEf(0x0018)).sw).toBe('90 00');
      expect(send(card, verify()).sw).toBe('63 C3');
      expect(send(card, selectEf(0x001b)).sw).toBe('90 00');
      expect(send(card, verify()).sw).toBe('63 C5');
    });

    it('are absent from a card issued without electronic certificates', () => {
      const card = cardOf('sex-other');
      send(card, selectAp(AID.jpkiAp));
      expect(send(card, selectEf(0x0018)).sw).toBe('6A 82');
    });
  });
});

describe('a card that is not a My Number Card', () => {
  const fixture = loadCardFixture(join(CARDS_DIR, 'not-my-number-card.json'));
  if (fixture.kind !== 'other-card') throw new Error('expected an other-card fixture');
  const card = new VirtualOtherCard(fixture.card);

  it('has its own ATR', () => {
    expect(hexOf(card.atr)).toBe(fixture.card.atr);
    expect(hexOf(card.atr)).not.toBe(hexOf(MY_NUMBER_CARD_ATR));
  });

  it('answers 6A 82 to SELECT of the 券面事項入力補助AP and 6D 00 to other instructions', () => {
    expect(send(card, selectAp(AID.cardInfoInputAp)).sw).toBe('6A 82');
    expect(send(card, readBinary(0, 0)).sw).toBe('6D 00');
  });

  it('answers the PC/SC GET DATA pseudo-APDU with its UID', () => {
    const r = send(card, 'FF CA 00 00 00');
    expect(r.sw).toBe('90 00');
    expect(hexOf(r.data)).toBe(fixture.card.uid);
  });
});
