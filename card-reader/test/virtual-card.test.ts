// The virtual card through the real stack: @pokusew/pcsclite → pcscd → vpcd driver → TCP → VpcdCardClient.
// A private rig (own pcscd, own ports) per file; the PC/SC client is used raw here so this file tests the card side
// only, not card-reader/transport.

import pcsclite from '@pokusew/pcsclite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AID, EF, MY_NUMBER_CARD_ATR, TAG } from '../protocol/constants';
import { readTlv, readTlvList } from '../protocol/tlv';
import { startRig, type Rig } from '../rig/rig';
import { VirtualMyNumberCard, VirtualOtherCard, type VirtualCard } from '../virtual-card/card-model';
import { CARDS_DIR, loadCardFixture, loadResidentFixture, residentFixturePath } from '../virtual-card/resident-fixture';
import { VpcdCardClient } from '../virtual-card/vpcd-client';
import { join } from 'node:path';

type PcscLite = ReturnType<typeof pcsclite>;
// The package declares its reader type without exporting it: take it from the 'reader' listener (the last overload).
type CardReader = Parameters<Parameters<PcscLite['on']>[1]>[0];

const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');
const swOf = (r: Uint8Array) => hexOf(r.subarray(r.length - 2));
const selectAp = Buffer.from([0x00, 0xa4, 0x04, 0x0c, 0x0a, ...AID.cardInfoInputAp]);
const selectEf = (id: number) => Buffer.from([0x00, 0xa4, 0x02, 0x0c, 0x02, id >> 8, id & 0xff]);
const verify = (secret?: string) =>
  secret === undefined ? Buffer.from([0x00, 0x20, 0x00, 0x80]) : Buffer.from([0x00, 0x20, 0x00, 0x80, secret.length, ...Buffer.from(secret, 'ascii')]);
const readBinary = (offset: number) => Buffer.from([0x00, 0xb0, offset >> 8, offset & 0xff, 0x00]);

/** The first vpcd reader, with its presence tracked from status events. */
class WatchedReader {
  present = false;
  atr: Uint8Array = new Uint8Array(0);
  protocol = 0;
  #waiters: (() => void)[] = [];

  constructor(readonly reader: CardReader) {
    reader.on('error', () => {}); // "Command cancelled" on close, among others; the assertions below decide
    reader.on('status', (status) => {
      this.present = (status.state & reader.SCARD_STATE_PRESENT) !== 0;
      this.atr = status.atr ?? new Uint8Array(0);
      this.#waiters.splice(0).forEach((w) => w());
    });
  }

  async until(present: boolean): Promise<void> {
    while (this.present !== present) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** EXCLUSIVE, T=1 (the card's ATR offers T=1 only). Disconnects first: `connected` outlives a removal. */
  async connect(): Promise<void> {
    await this.disconnect();
    this.protocol = await new Promise<number>((resolve, reject) =>
      this.reader.connect({ share_mode: this.reader.SCARD_SHARE_EXCLUSIVE, protocol: this.reader.SCARD_PROTOCOL_T1 }, (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
  }

  disconnect(): Promise<void> {
    if (!this.reader.connected) return Promise.resolve();
    return new Promise((resolve) => this.reader.disconnect(this.reader.SCARD_LEAVE_CARD, () => resolve()));
  }

  transmit(apdu: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) =>
      this.reader.transmit(apdu, 1024, this.protocol, (err, data) => (err ? reject(err) : resolve(data))),
    );
  }
}

describe('the virtual card on a real pcscd', () => {
  let rig: Rig;
  let pcsc: PcscLite;
  let reader: WatchedReader;
  const clients: VpcdCardClient[] = [];

  beforeAll(async () => {
    rig = await startRig();
    // libpcsclite reads this once, at the first PC/SC call of the process.
    process.env['PCSCLITE_CSOCK_NAME'] = rig.socketPath;
    pcsc = pcsclite();
    pcsc.on('error', () => {});
    reader = await new Promise<WatchedReader>((resolve) =>
      pcsc.on('reader', (r) => {
        if (r.name.startsWith(rig.readers[0].name)) resolve(new WatchedReader(r));
        else r.close();
      }),
    );
  });

  afterAll(async () => {
    for (const c of clients) await c.close();
    await reader?.disconnect();
    reader?.reader.close();
    pcsc?.close();
    await rig?.stop();
  });

  async function insert(card: VirtualCard, delayMs = 0): Promise<VpcdCardClient> {
    const client = new VpcdCardClient(card, { port: rig.cardPort, delayMs });
    clients.push(client);
    await client.insert();
    await reader.until(true);
    await reader.connect();
    return client;
  }

  async function remove(client: VpcdCardClient): Promise<void> {
    await client.remove();
    await reader.until(false);
    await reader.disconnect();
  }

  it('is seen with the My Number Card ATR and reads a long 方書 address in several READ BINARY', async () => {
    const resident = loadResidentFixture(residentFixturePath('long-katagaki'));
    const client = await insert(new VirtualMyNumberCard(resident), 20);
    expect(hexOf(reader.atr)).toBe(hexOf(MY_NUMBER_CARD_ATR));
    expect(swOf(await reader.transmit(selectAp))).toBe('90 00');
    expect(swOf(await reader.transmit(selectEf(EF.pin)))).toBe('90 00');
    expect(swOf(await reader.transmit(verify()))).toBe('63 C3');
    expect(swOf(await reader.transmit(verify(resident.pin)))).toBe('90 00');
    expect(swOf(await reader.transmit(selectEf(EF.basicInfo)))).toBe('90 00');
    const chunks: Buffer[] = [];
    for (let offset = 0; ; ) {
      const r = await reader.transmit(readBinary(offset));
      if (swOf(r) === '6B 00') break;
      expect(swOf(r)).toBe('90 00');
      chunks.push(r.subarray(0, r.length - 2));
      offset += r.length - 2;
      if (r.length - 2 < 256) break;
    }
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    const container = readTlv(Buffer.concat(chunks));
    const items = new Map(readTlvList(container!.value)!.map((t) => [t.tag, t.value]));
    expect(new TextDecoder().decode(items.get(TAG.address))).toBe(resident.address);
    await remove(client);
  });

  it('keeps the PIN retry counter across removal and re-insertion, and forgets the verified state', async () => {
    const resident = loadResidentFixture(residentFixturePath('demo'));
    const card = new VirtualMyNumberCard(resident);
    let client = await insert(card);
    await reader.transmit(selectAp);
    await reader.transmit(selectEf(EF.pin));
    expect(swOf(await reader.transmit(verify('0000')))).toBe('63 C2');
    await remove(client);

    client = await insert(card);
    await reader.transmit(selectAp);
    await reader.transmit(selectEf(EF.pin));
    expect(swOf(await reader.transmit(verify()))).toBe('63 C2');
    expect(swOf(await reader.transmit(verify(resident.pin)))).toBe('90 00');
    await remove(client);

    client = await insert(card);
    await reader.transmit(selectAp);
    await reader.transmit(selectEf(EF.basicInfo));
    expect(swOf(await reader.transmit(readBinary(0)))).toBe('69 82');
    await remove(client);
  });

  it('gives the reader fewer than 2 bytes (or an error) when the card leaves in the middle of a VERIFY', async () => {
    const resident = loadResidentFixture(residentFixturePath('demo'));
    const client = await insert(new VirtualMyNumberCard(resident));
    await reader.transmit(selectAp);
    await reader.transmit(selectEf(EF.pin));
    client.removeOnNextApdu((apdu) => apdu[1] === 0x20 && apdu.length > 4);
    const outcome = await reader.transmit(verify(resident.pin)).then(
      (r) => (r.length < 2 ? 'card removed' : `answered ${swOf(r)}`),
      () => 'card removed',
    );
    expect(outcome).toBe('card removed');
    await reader.until(false);
    await reader.disconnect();
  });

  it('shows a card that is not a My Number Card with its own ATR, refusing the 券面事項入力補助AP', async () => {
    const fixture = loadCardFixture(join(CARDS_DIR, 'not-my-number-card.json'));
    if (fixture.kind !== 'other-card') throw new Error('expected an other-card fixture');
    const client = new VpcdCardClient(new VirtualOtherCard(fixture.card), { port: rig.cardPort });
    clients.push(client);
    await client.insert();
    await reader.until(true);
    await reader.disconnect();
    // Its ATR offers T=0 and T=1; ask for either.
    reader.protocol = await new Promise<number>((resolve, reject) =>
      reader.reader.connect(
        { share_mode: reader.reader.SCARD_SHARE_EXCLUSIVE, protocol: reader.reader.SCARD_PROTOCOL_T0 | reader.reader.SCARD_PROTOCOL_T1 },
        (err, p) => (err ? reject(err) : resolve(p)),
      ),
    );
    expect(hexOf(reader.atr)).toBe(fixture.card.atr);
    expect(swOf(await reader.transmit(selectAp))).toBe('6A 82');
    await remove(client);
  });
});
