// The counter keeps running while pcscd dies: after pcscd is killed (-9) and started again, the same
// PcscReaderService reads a resident without restarting the app. A private rig: this file kills its pcscd.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isCardError } from '../errors';
import { readResident } from '../protocol';
import { startRig, type Rig } from '../rig/rig';
import { PcscReaderService } from '../transport/pcsc';
import { VirtualMyNumberCard } from '../virtual-card/card-model';
import { loadResidentFixture, residentFixturePath } from '../virtual-card/resident-fixture';
import { VpcdCardClient } from '../virtual-card/vpcd-client';

const resident = loadResidentFixture(residentFixturePath('old-kanji'));
let rig: Rig;
let service: PcscReaderService;
let card: VpcdCardClient;

beforeAll(async () => {
  rig = await startRig({ private: true });
  service = new PcscReaderService({ socketPath: rig.socketPath, pollMs: 200 });
  card = new VpcdCardClient(new VirtualMyNumberCard(resident), { port: rig.cardPort });
  await card.insert();
  await service.waitForCard({ timeoutMs: 10_000 });
});

afterAll(async () => {
  await card.close();
  await service.close();
  await rig.stop();
});

const read = () => service.withCard((c) => readResident(c, { pin: resident.pin, withMyNumber: true }));

it('reads, survives pcscd killed and restarted, and reads again with the same service object', async () => {
  expect((await read()).resident.reveal().name).toBe(resident.name);

  const down = new Promise<void>((resolve) => service.once('pcscd-down', () => resolve()));
  await rig.killPcscd();
  await down;
  expect(service.pcscdAvailable).toBe(false);
  // While pcscd is down a read fails fast with a typed error, and the event loop stays free (pitfall 3).
  const failure = await read().catch((e: unknown) => e);
  expect(isCardError(failure)).toBe(true);

  await rig.startPcscd();
  // The virtual card reconnects to the new driver by itself; the service finds pcscd's new socket by itself.
  await service.waitForCard({ timeoutMs: 15_000 });
  const again = await read();
  expect(again.resident.reveal()).toEqual({ name: resident.name, address: resident.address, birthDate: resident.birthDate, sex: resident.sex });
  expect(again.myNumber?.reveal()).toBe(resident.myNumber);
});
