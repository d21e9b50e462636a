// The live mirror through the hall: two kiosks, two desks of their site and one of another. Each desk sees the kiosk
// it follows and nothing of the other; a call for a clerk reaches every desk of the site and no other; a session end
// leaves nothing of the resident in the hall's memory; an unenrolled client, a desk with no clerk, a clerk of another
// site, a kiosk asking as a desk and a revoked device get nothing on any message.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HallEvent, type HallMirror } from '../../contract/hall';
import { hashPassphrase } from '../../counter/admin/config';
import { startCounterService } from '../../counter';
import { joinHall } from '../join';
import { openClerkQueue } from '../../counter/queue';
import { keyFolderStore } from '../../counter/queue/key';
import type { KioskEvent } from '../../contract/kiosk';
import { CREDENTIAL_CACHE_MS } from '../service';
import type { HallServer } from '../server';
import { HallClient, startHallRig, type HallRig } from './hall-rig';

let rig: HallRig;
let hall: HallServer;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

interface Wire {
  ws: WebSocket;
  events: HallEvent[];
  closed: Promise<number>;
  ask(name: string, params: unknown): Promise<{ ok: boolean; result?: Loose; code?: string }>;
}

/** A device's WebSocket to the hall, keeping every event pushed to it. */
function wire(credential?: string): Promise<Wire | { refused: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`wss://localhost:${hall.port}/ws`, { ca: rig.tls.ca, headers: credential ? { authorization: `Bearer ${credential}` } : {} });
    const events: HallEvent[] = [];
    const waiting = new Map<number, (m: Loose) => void>();
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    let id = 1;
    ws.on('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
    ws.on('error', () => undefined);
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as Loose;
      if (m.kind === 'event') events.push(m.event as HallEvent);
      else waiting.get(m.id)?.(m);
    });
    ws.on('open', () =>
      resolve({
        ws,
        events,
        closed,
        ask: (name, params) =>
          new Promise((answer) => {
            const mine = id++;
            waiting.set(mine, (m) => answer({ ok: m.ok === true, result: m.result, code: m.error?.code }));
            ws.send(JSON.stringify({ kind: 'request', id: mine, name, params }));
          }),
      }),
    );
  });
}

async function open(credential?: string): Promise<Wire> {
  const w = await wire(credential);
  if (!('ws' in w)) throw new Error(`refused ${w.refused}`);
  return w;
}

let codes = 0;
async function enrol(kind: 'kiosk' | 'desk', site: string, name: string): Promise<{ id: string; credential: string }> {
  const device = await hall.stores.registry.add(kind, site, name);
  const code = `MIRRORCODE${String((codes += 1)).padStart(2, '0')}`;
  await hall.stores.registry.issueCode(device.id, code, Date.now() + 60_000);
  const redeemed = await new HallClient(hall.port, rig.tls.ca).call<{ credential: string }>('enrolment.redeem', { code });
  return { id: device.id, credential: redeemed.result!.credential };
}

async function until(done: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
const settle = () => new Promise((r) => setTimeout(r, 300));

const loc = (ja: string) => ({ ja, easy: ja, en: ja, 'zh-Hans': ja, ko: ja, vi: ja, pt: ja });
function mirror(resident: string, calling = false): HallMirror {
  return {
    step: 'questions',
    updatedAt: Date.now(),
    session: {
      procedure: { id: 'juminhyo-request', title: loc('住民票の写し等交付申請書') },
      resident: { name: resident, address: '千葉県香取市佐原イ1', birthDate: '1980-04-01', sex: '女' },
      questions: [{ key: 'copies', type: 'number', label: loc('通数'), required: true }],
      answers: { copies: 1 },
      typing: {},
      problems: [],
      clerkCalled: calling,
      triesLeft: 3,
      lastTryAllowed: false,
    },
  };
}
const ended: HallMirror = { step: 'attract', updatedAt: 0, session: null };
const residentsIn = (events: HallEvent[]) => JSON.stringify(events);

let kioskA: { id: string; credential: string };
let kioskB: { id: string; credential: string };
let deskA: { id: string; credential: string };
let deskB: { id: string; credential: string };
let deskOther: { id: string; credential: string };

async function signedIn(desk: { credential: string }, name: string): Promise<Wire> {
  const w = await open(desk.credential);
  expect(await w.ask('staff.signIn', { name, passphrase: `${name} passphrase long` })).toMatchObject({ ok: true });
  return w;
}

beforeAll(async () => {
  rig = await startHallRig('hall-mirror');
  // A stand-in for the built screens: the clerk page and one asset, beside pages the hall must not serve.
  const rendererDir = join(rig.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  for (const [file, text] of [['clerk.html', '<!doctype html><title>clerk</title>'], ['index.html', 'kiosk'], ['admin.html', 'admin'], ['assets/clerk-abc.js', 'void 0;']] as [string, string][]) writeFileSync(join(rendererDir, file), text);
  hall = await rig.start(0, { rendererDir });
  for (const [name, site] of [['sato', 'honcho'], ['tanaka', 'honcho'], ['suzuki', 'sawara']] as const) {
    await hall.stores.staff.put({ name, role: 'clerk', site, passphraseHash: await hashPassphrase(`${name} passphrase long`, { N: 2 ** 10, r: 8, p: 1 }) });
  }
  kioskA = await enrol('kiosk', 'honcho', '1階 A');
  kioskB = await enrol('kiosk', 'honcho', '1階 B');
  deskA = await enrol('desk', 'honcho', '窓口 1');
  deskB = await enrol('desk', 'honcho', '窓口 2');
  deskOther = await enrol('desk', 'sawara', '佐原 窓口');
});

afterAll(async () => {
  await hall?.close();
  await rig?.remove();
});

describe('the live mirror through the hall', () => {
  it('shows each desk the kiosk it follows and nothing of the other; a session end leaves nothing of the resident at the hall', async () => {
    const [a, b] = [await open(kioskA.credential), await open(kioskB.credential)];
    const [sato, tanaka] = [await signedIn(deskA, 'sato'), await signedIn(deskB, 'tanaka')];
    try {
      // The answer tells the kiosk how many desks of its site have a clerk now (its call can be answered).
      expect(await a.ask('kiosk.mirror', { mirror: mirror('見本　花子') })).toEqual({ ok: true, result: { desks: 2 }, code: undefined });
      // Following answers the kiosk's mirror now; a kiosk not streaming yet answers null.
      expect((await sato.ask('mirror.follow', { kioskId: kioskA.id })).result.mirror.session.resident.name).toBe('見本　花子');
      expect(await tanaka.ask('mirror.follow', { kioskId: kioskB.id })).toMatchObject({ ok: true, result: { mirror: null } });

      // A family member's card step: the hall relays whose card it is as the kiosk's mirror has it.
      const reading = mirror('見本　花子');
      expect(await a.ask('kiosk.mirror', { mirror: { ...reading, step: 'person-card', session: { ...reading.session!, personCard: { person: 1 } } } })).toMatchObject({ ok: true });
      expect((await sato.ask('mirror.follow', { kioskId: kioskA.id })).result.mirror.session.personCard).toEqual({ person: 1 });
      await settle();
      sato.events.length = 0;

      await b.ask('kiosk.mirror', { mirror: mirror('試験　太郎') });
      await a.ask('kiosk.mirror', { mirror: { ...mirror('見本　花子'), step: 'review' } });
      await until(() => sato.events.some((e) => e.type === 'mirror' && e.mirror?.step === 'review') && tanaka.events.some((e) => e.type === 'mirror'));
      await settle();
      expect(sato.events.filter((e) => e.type === 'mirror').map((e) => e.type === 'mirror' && e.kioskId)).toEqual([kioskA.id]);
      expect(tanaka.events.filter((e) => e.type === 'mirror').map((e) => e.type === 'mirror' && e.kioskId)).toEqual([kioskB.id]);
      expect(residentsIn(sato.events)).not.toContain('試験');
      expect(residentsIn(tanaka.events)).not.toContain('見本');

      // Switching follows the new kiosk only.
      expect((await sato.ask('mirror.follow', { kioskId: kioskB.id })).result.mirror.session.resident.name).toBe('試験　太郎');
      sato.events.length = 0;
      await a.ask('kiosk.mirror', { mirror: mirror('見本　花子') });
      await settle();
      expect(sato.events).toEqual([]);

      // The resident's session ends: the desks see an empty kiosk, and the hall keeps nothing of her.
      await b.ask('kiosk.mirror', { mirror: ended });
      await until(() => tanaka.events.some((e) => e.type === 'mirror' && e.mirror?.session === null));
      expect(sato.events.at(-1)).toEqual({ type: 'mirror', kioskId: kioskB.id, mirror: ended });
      expect(await tanaka.ask('mirror.follow', { kioskId: kioskB.id })).toMatchObject({ result: { mirror: ended } });

      // The kiosk's stream closes: its mirror is dropped and its followers told.
      a.ws.close();
      await a.closed;
      const fresh = await signedIn(deskA, 'sato');
      expect(await fresh.ask('mirror.follow', { kioskId: kioskA.id })).toMatchObject({ ok: true, result: { mirror: null } });
      fresh.ws.close();
      expect(await sato.ask('mirror.unfollow', {})).toMatchObject({ ok: true });
      sato.events.length = 0;
      await b.ask('kiosk.mirror', { mirror: mirror('試験　太郎') });
      await until(() => tanaka.events.at(-1)?.type === 'mirror' && JSON.stringify(tanaka.events.at(-1)).includes('試験'));
      await settle();
      expect(sato.events).toEqual([]);
    } finally {
      for (const w of [a, b, sato, tanaka]) w.ws.close();
    }
  });

  it('sends a call for a clerk from any kiosk of the site to every desk of that site, and to no desk of another site', async () => {
    const b = await open(kioskB.credential);
    const [sato, tanaka, suzuki] = [await signedIn(deskA, 'sato'), await signedIn(deskB, 'tanaka'), await signedIn(deskOther, 'suzuki')];
    try {
      await b.ask('kiosk.mirror', { mirror: mirror('試験　太郎', true) });
      const call = { type: 'call', kioskId: kioskB.id, site: 'honcho', calling: true };
      await until(() => [sato, tanaka].every((d) => d.events.some((e) => JSON.stringify(e) === JSON.stringify(call))));
      const listed = await sato.ask('kiosks.list', {});
      expect(listed.result.devices.find((d: { id: string }) => d.id === kioskB.id)).toMatchObject({ calling: true });
      // The call goes once, not at every change while it stands; it ends with the card read (or the session).
      await b.ask('kiosk.mirror', { mirror: { ...mirror('試験　太郎', true), step: 'pin' } });
      await b.ask('kiosk.mirror', { mirror: ended });
      await until(() => sato.events.some((e) => e.type === 'call' && !e.calling));
      await settle();
      expect(sato.events.filter((e) => e.type === 'call')).toEqual([call, { ...call, calling: false }]);
      expect(suzuki.events).toEqual([]);
      expect(await suzuki.ask('mirror.follow', { kioskId: kioskB.id })).toMatchObject({ ok: false, code: 'not-found' });
    } finally {
      for (const w of [b, sato, tanaka, suzuki]) w.ws.close();
    }
  });

  it('gives nothing to an unenrolled client, a desk with no clerk signed in, a kiosk asking as a desk, a desk posing as a kiosk, or over plain HTTPS', async () => {
    expect(await wire()).toEqual({ refused: 401 });
    expect(await wire('not-a-credential-0123456789')).toEqual({ refused: 401 });
    const b = await open(kioskB.credential);
    const nobody = await open(deskA.credential);
    const sato = await signedIn(deskB, 'sato');
    try {
      expect(await nobody.ask('mirror.follow', { kioskId: kioskB.id })).toMatchObject({ ok: false, code: 'unauthorized' });
      expect(await b.ask('mirror.follow', { kioskId: kioskA.id })).toMatchObject({ ok: false, code: 'unauthorized' });
      expect(await sato.ask('kiosk.mirror', { mirror: mirror('偽物') })).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await b.ask('kiosk.mirror', { mirror: { ...mirror('見本'), extra: 1 } })).toMatchObject({ ok: false, code: 'invalid-request' });
      // Over POST /rpc there is no socket to stream to.
      const http = new HallClient(hall.port, rig.tls.ca, kioskB.credential);
      expect(await http.call('kiosk.mirror', { mirror: mirror('見本') })).toMatchObject({ ok: false, code: 'invalid-request' });
      http.close();
      // A signed-out desk hears nothing more, though it followed.
      await sato.ask('mirror.follow', { kioskId: kioskB.id });
      await sato.ask('staff.signOut', {});
      sato.events.length = 0;
      await b.ask('kiosk.mirror', { mirror: mirror('試験　太郎', true) });
      await settle();
      expect(sato.events).toEqual([]);
      expect(nobody.events).toEqual([]);
      await b.ask('kiosk.mirror', { mirror: ended });
    } finally {
      for (const w of [b, nobody, sato]) w.ws.close();
    }
  });

  it('lets a desk\'s new socket take up its clerk\'s session after a drop, never another desk\'s, never after sign-out', async () => {
    const first = await open(deskA.credential);
    const signed = await first.ask('staff.signIn', { name: 'sato', passphrase: 'sato passphrase long' });
    first.ws.close();
    await first.closed;
    const again = await open(deskA.credential);
    const elsewhere = await open(deskB.credential);
    const kiosk = await open(kioskA.credential);
    try {
      expect(await elsewhere.ask('staff.resume', { session: signed.result.session })).toMatchObject({ ok: false, code: 'unauthorized' });
      expect(await kiosk.ask('staff.resume', { session: signed.result.session })).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await again.ask('queue.list', {})).toMatchObject({ ok: false, code: 'unauthorized' });
      expect(await again.ask('staff.resume', { session: signed.result.session })).toMatchObject({ ok: true, result: { name: 'sato', role: 'clerk', site: 'honcho' } });
      expect(await again.ask('queue.list', {})).toMatchObject({ ok: true });
      expect(await again.ask('mirror.follow', { kioskId: kioskA.id })).toMatchObject({ ok: true });
      await again.ask('staff.signOut', {});
      expect(await again.ask('staff.resume', { session: signed.result.session })).toMatchObject({ ok: false, code: 'unauthorized' });
    } finally {
      for (const w of [again, elsewhere, kiosk]) w.ws.close();
    }
  });

  it('closes a revoked desk and a revoked kiosk at once: no mirror and no call reaches or leaves them afterwards', async () => {
    const it1 = await enrol('desk', 'honcho', 'IT');
    await hall.stores.staff.put({ name: 'it-1', role: 'it', site: null, passphraseHash: await hashPassphrase('it-1 passphrase long', { N: 2 ** 10, r: 8, p: 1 }) });
    const admin = await signedIn(it1, 'it-1');
    const doomedDesk = await enrol('desk', 'honcho', '窓口 9');
    const doomedKiosk = await enrol('kiosk', 'honcho', '1階 Z');
    const k = await open(doomedKiosk.credential);
    const watcher = await signedIn(deskA, 'sato');
    const doomed = await signedIn(doomedDesk, 'tanaka');
    try {
      await k.ask('kiosk.mirror', { mirror: mirror('見本　花子', true) });
      expect((await doomed.ask('mirror.follow', { kioskId: doomedKiosk.id })).ok).toBe(true);
      expect((await watcher.ask('mirror.follow', { kioskId: doomedKiosk.id })).ok).toBe(true);
      expect(await admin.ask('enrolment.revoke', { deviceId: doomedDesk.id })).toMatchObject({ ok: true });
      expect(await doomed.closed).toBe(4401);
      doomed.events.length = 0;
      await k.ask('kiosk.mirror', { mirror: mirror('見本　花子') });
      expect(doomed.events).toEqual([]);
      expect(await wire(doomedDesk.credential)).toEqual({ refused: 401 });

      // The revoked kiosk: its socket closes, its mirror and call are gone from the hall and from its followers.
      watcher.events.length = 0;
      await k.ask('kiosk.mirror', { mirror: mirror('見本　花子', true) });
      expect(await admin.ask('enrolment.revoke', { deviceId: doomedKiosk.id })).toMatchObject({ ok: true });
      expect(await k.closed).toBe(4401);
      await until(() => watcher.events.some((e) => e.type === 'mirror' && e.mirror === null));
      expect(watcher.events.filter((e) => e.type === 'call').at(-1)).toMatchObject({ calling: false });
      expect(await watcher.ask('mirror.follow', { kioskId: doomedKiosk.id })).toMatchObject({ ok: false, code: 'not-found' });
      expect(await wire(doomedKiosk.credential)).toEqual({ refused: 401 });
    } finally {
      for (const w of [k, watcher, doomed, admin]) w.ws.close();
    }
  });

  it('streams a joined kiosk\'s own session: its start, a call for a clerk, and its end reach the desk following it', async () => {
    const device = await hall.stores.registry.add('kiosk', 'honcho', '1階 実機');
    await hall.stores.registry.issueCode(device.id, 'REALKIOSK01', Date.now() + 60_000);
    const dataDir = join(rig.dir, 'kiosk-real');
    await joinHall({ hall: `https://localhost:${hall.port}`, code: 'REALKIOSK01', ca: rig.tls.ca, dataDir });
    const service = await startCounterService({
      reader: { socketPath: join(rig.dir, 'no-pcscd.sock') },
      outputDir: dataDir,
      keys: { dir: join(rig.dir, 'kiosk-real-keys') },
      watchTemplates: false,
      figures: false,
      hall: { templatesEveryMs: 60_000, stateEveryMs: 60_000 },
    });
    const sato = await signedIn(deskA, 'sato');
    try {
      let followed: Loose;
      const start = Date.now();
      do {
        followed = await sato.ask('mirror.follow', { kioskId: device.id });
        if (followed.result?.mirror) break;
        await new Promise((r) => setTimeout(r, 100));
      } while (Date.now() - start < 10_000);
      expect(followed.result.mirror).toMatchObject({ session: null });

      await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
      await until(() => sato.events.some((e) => e.type === 'mirror' && e.mirror?.session?.procedure.id === 'juminhyo-request'));
      expect(await service.request('session.callClerk', {})).toEqual({ deskPaired: true });
      await until(() => sato.events.some((e) => e.type === 'call' && e.kioskId === device.id && e.calling));
      await service.request('session.end', { reason: 'cancel' });
      await until(() => sato.events.some((e) => e.type === 'call' && !e.calling) && sato.events.some((e) => e.type === 'mirror' && e.mirror?.session === null));
      expect(sato.events.filter((e) => e.type === 'call').map((e) => e.type === 'call' && e.calling)).toEqual([true, false]);
    } finally {
      sato.ws.close();
      await service.close();
    }
  });
});

describe('corrections from a hall desk into a joined kiosk\'s live session', () => {
  it('reach the kiosk through its paired desk\'s own path: the resident\'s screen and the mirror show it, audited by field id with the hall clerk; nobody else gets anything', async () => {
    const device = await hall.stores.registry.add('kiosk', 'honcho', '1階 訂正');
    await hall.stores.registry.issueCode(device.id, 'CORRECTKIOSK', Date.now() + 60_000);
    const dataDir = join(rig.dir, 'kiosk-correct');
    await joinHall({ hall: `https://localhost:${hall.port}`, code: 'CORRECTKIOSK', ca: rig.tls.ca, dataDir });
    const queue = openClerkQueue({ dir: join(dataDir, 'queue'), keys: keyFolderStore(join(rig.dir, 'kiosk-correct-keys')), purgeWhenDone: false });
    const service = await startCounterService({
      reader: { socketPath: join(rig.dir, 'no-pcscd.sock') },
      outputDir: dataDir,
      queue,
      watchTemplates: false,
      figures: false,
      hall: { templatesEveryMs: 60_000, stateEveryMs: 60_000 },
    });
    const kioskEvents: KioskEvent[] = [];
    service.onEvent((e) => kioskEvents.push(e));
    const hash = (name: string, role: 'clerk' | 'it', site: string | null) =>
      hashPassphrase(`${name} passphrase long`, { N: 2 ** 10, r: 8, p: 1 }).then((passphraseHash) => hall.stores.staff.put({ name, role, site, passphraseHash }));
    await hash('kato', 'clerk', null);
    await hash('it-9', 'it', null);
    const deskAll = await enrol('desk', 'sawara', '全庁 窓口');
    const deskIt = await enrol('desk', 'honcho', '情報 窓口');
    const sato = await signedIn(deskA, 'sato');
    const kato = await signedIn(deskAll, 'kato');
    const suzuki = await signedIn(deskOther, 'suzuki');
    const itStaff = await signedIn(deskIt, 'it-9');
    const nobody = await open(deskB.credential);
    const otherKiosk = await open(kioskA.credential);
    try {
      let followed: Loose;
      const start = Date.now();
      do {
        followed = await sato.ask('mirror.follow', { kioskId: device.id });
        if (followed.result?.mirror) break;
        await new Promise((r) => setTimeout(r, 100));
      } while (Date.now() - start < 10_000);
      // No session yet: the kiosk refuses as it refuses its paired desk.
      expect(await sato.ask('mirror.correct', { kioskId: device.id, key: 'copies', value: 2 })).toMatchObject({ ok: false, code: 'no-session' });

      await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
      await until(() => sato.events.some((e) => e.type === 'mirror' && e.mirror?.session?.procedure.id === 'juminhyo-request'));
      const live = (sato.events.filter((e) => e.type === 'mirror').at(-1) as Extract<HallEvent, { type: 'mirror' }>).mirror!;
      const question = live.session!.questions.find((q) => q.type === 'text') ?? live.session!.questions[0]!;
      const key = question.key;
      const before = JSON.stringify(live.session!.answers);

      // Every other client: the socket refused, a desk with no clerk, a kiosk, the IT role, a clerk of another site.
      expect(await wire()).toEqual({ refused: 401 });
      expect(await nobody.ask('mirror.correct', { kioskId: device.id, key, value: '偽の訂正' })).toMatchObject({ ok: false, code: 'unauthorized' });
      expect(await otherKiosk.ask('mirror.correct', { kioskId: device.id, key, value: '偽の訂正' })).toMatchObject({ ok: false, code: 'unauthorized' });
      expect(await itStaff.ask('mirror.correct', { kioskId: device.id, key, value: '偽の訂正' })).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await suzuki.ask('mirror.correct', { kioskId: device.id, key, value: '偽の訂正' })).toMatchObject({ ok: false, code: 'not-found' });
      // A kiosk cannot answer for another kiosk's correction, nor over plain HTTPS.
      expect(await otherKiosk.ask('kiosk.corrected', { correctionId: 1, ok: true, problems: [] })).toMatchObject({ ok: true });
      const http = new HallClient(hall.port, rig.tls.ca, deskA.credential);
      expect(await http.call('mirror.correct', { kioskId: device.id, key, value: '偽の訂正' })).toMatchObject({ ok: false });
      http.close();
      await settle();
      expect(kioskEvents.filter((e) => e.type === 'clerk-correction')).toEqual([]);
      expect(JSON.stringify((await sato.ask('mirror.follow', { kioskId: device.id })).result.mirror.session.answers)).toBe(before);

      // The clerk of the kiosk's site: applied by the kiosk, shown on the resident's screen and in the mirror.
      expect(await sato.ask('mirror.correct', { kioskId: device.id, key, value: '窓口で訂正' })).toMatchObject({ ok: true, result: { problems: expect.any(Array) } });
      expect(kioskEvents.filter((e) => e.type === 'clerk-correction')).toEqual([{ type: 'clerk-correction', key, value: '窓口で訂正' }]);
      await until(() => sato.events.some((e) => e.type === 'mirror' && e.mirror?.session?.answers[key] === '窓口で訂正'));
      // A clerk of every site may too.
      expect(await kato.ask('mirror.correct', { kioskId: device.id, key, value: '全庁で訂正' })).toMatchObject({ ok: true });
      await until(() => sato.events.some((e) => e.type === 'mirror' && e.mirror?.session?.answers[key] === '全庁で訂正'));

      // Audited on the kiosk as its paired desk's corrections are: the field id and the hall clerk, never the value.
      const lines = queue.auditLog().filter((l) => l.action === 'correction');
      expect(lines.map((l) => [l.actor.kind, l.actor.id, l.fieldId, l.detail])).toEqual([
        ['clerk', `sato:hall-${deskA.id}`, key, 'live-session'],
        ['clerk', `kato:hall-${deskAll.id}`, key, 'live-session'],
      ]);
      expect(JSON.stringify(queue.auditLog())).not.toMatch(/訂正/);

      // The session over: refused as the paired desk is refused.
      await service.request('session.end', { reason: 'cancel' });
      expect(await sato.ask('mirror.correct', { kioskId: device.id, key, value: '遅い訂正' })).toMatchObject({ ok: false, code: 'no-session' });
    } finally {
      for (const w of [sato, kato, suzuki, itStaff, nobody, otherKiosk]) w.ws.close();
      await service.close();
      queue.close();
    }
  });
});

type WebReply = { status: number; headers: Record<string, string | string[] | undefined>; text: string };
function web(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<WebReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: 'localhost', port: hall.port, path, method, ca: rig.tls.ca, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
function cookieWire(cookie: string, origin: string): Promise<Wire | { refused: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`wss://localhost:${hall.port}/ws`, { ca: rig.tls.ca, headers: { cookie, origin } });
    ws.on('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
    ws.on('error', () => undefined);
    ws.on('open', () => {
      ws.close();
      resolve({ ws, events: [], closed: Promise.resolve(1000), ask: () => Promise.reject(new Error('closed')) });
    });
  });
}

describe('the desk app on the hall', () => {
  it('serves the clerk page and its assets only, enrols a browser desk into an HttpOnly cookie, and takes that cookie on the socket from the hall\'s own page only', async () => {
    expect((await web('GET', '/desk/')).text).toContain('<title>clerk</title>');
    expect((await web('GET', '/desk/')).headers['content-security-policy']).toContain("default-src 'self'");
    expect((await web('GET', '/desk/assets/clerk-abc.js')).status).toBe(200);
    for (const path of ['/desk/index.html', '/desk/admin.html', '/desk/../index.html', '/desk/%2e%2e/index.html', '/desk/assets/../admin.html', '/index.html']) {
      expect([401, 404]).toContain((await web('GET', path)).status);
    }
    expect((await web('GET', '/desk')).status).toBe(308);

    // A kiosk's code spent in a browser gives nothing; a wrong one neither; a desk's sets the cookie.
    const kiosk = await hall.stores.registry.add('kiosk', 'honcho', '1階 ブラウザ');
    await hall.stores.registry.issueCode(kiosk.id, 'BROWSERKIOSK', Date.now() + 60_000);
    const json = { 'content-type': 'application/json' };
    expect((await web('POST', '/desk/enrol', json, JSON.stringify({ code: 'BROWSERKIOSK' }))).status).toBe(403);
    expect((await web('POST', '/desk/enrol', json, JSON.stringify({ code: 'WRONGCODE99' }))).status).toBe(403);
    expect((await web('POST', '/desk/enrol', json, '{not json')).status).toBe(400);
    const desk = await hall.stores.registry.add('desk', 'honcho', '窓口 ブラウザ');
    await hall.stores.registry.issueCode(desk.id, 'BROWSERDESK1', Date.now() + 60_000);
    const enrolled = await web('POST', '/desk/enrol', json, JSON.stringify({ code: 'BROWSERDESK1' }));
    expect(enrolled.status).toBe(200);
    const setCookie = String(enrolled.headers['set-cookie']);
    expect(setCookie).toMatch(/^kakanai_hall_device=[A-Za-z0-9_-]{20,}; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Strict$/);
    expect(enrolled.text).not.toContain(setCookie.split(';')[0]!.split('=')[1]!);
    const cookie = setCookie.split(';')[0]!;

    expect(JSON.parse((await web('GET', '/desk/device', { cookie })).text)).toEqual({ ok: true, site: 'honcho', name: '窓口 ブラウザ' });
    expect((await web('GET', '/desk/device')).status).toBe(401);
    expect((await web('GET', '/desk/device', { cookie: 'kakanai_hall_device=not-a-real-credential-000' })).status).toBe(401);
    // The cookie is a desk's credential on the socket only from the hall's own origin; over /rpc it is nothing.
    const own = `https://localhost:${hall.port}`;
    expect(await cookieWire(cookie, 'https://evil.example')).toEqual({ refused: 401 });
    expect('ws' in (await cookieWire(cookie, own))).toBe(true);
    expect((await web('POST', '/rpc', { ...json, cookie }, JSON.stringify({ kind: 'request', id: 1, name: 'queue.list', params: {} }))).status).toBe(401);

    // Revoked: the cookie opens nothing.
    await hall.stores.registry.revoke(desk.id, Date.now());
    // Revoked on the database (as `hall revoke` does): in force once the hall's remembered credential runs out.
    await new Promise((r) => setTimeout(r, CREDENTIAL_CACHE_MS + 100));
    expect((await web('GET', '/desk/device', { cookie })).status).toBe(401);
    expect(await cookieWire(cookie, own)).toEqual({ refused: 401 });
  });
});
