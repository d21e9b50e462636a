// The kiosk's address questions: the city's 町字 list and, for an address anywhere else, the towns of a postal code
// from the installed postal data — asked within a resident's session only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { templatesDir } from '../forms/load';
import { startCounterService, type CounterService } from './index';

let root: string;
let service: CounterService;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'kakanai-address-towns-'));
  service = await startCounterService({ reader: { socketPath: join(root, 'no-pcscd.sock') }, outputDir: join(root, 'data'), templatesDir, watchTemplates: false, keys: { dir: join(root, 'keys') } });
});

afterEach(async () => {
  await service.close();
  rmSync(root, { recursive: true, force: true });
});

it('offers the postal lookup on an address question and answers the towns of a code only within a session', async () => {
  await expect(service.request('address.towns', { postalCode: '100-0005' })).rejects.toMatchObject({ code: 'no-session' });
  const { questions } = await service.request('session.start', { procedureId: 'resident-move', language: 'ja' });
  const address = questions.find((q) => q.key === 'move.newAddress')!;
  expect(address.type).toBe('address');
  expect(address.postalLookup).toBe(true);
  expect(address.addressList?.city).toBe('香取市');
  expect(await service.request('address.towns', { postalCode: '1000005' })).toEqual({ towns: [{ prefecture: '東京都', city: '千代田区', town: '丸の内', reading: 'まるのうち' }] });
  await service.request('session.end', { reason: 'cancel' });
  await expect(service.request('address.towns', { postalCode: '100-0005' })).rejects.toMatchObject({ code: 'no-session' });
});
