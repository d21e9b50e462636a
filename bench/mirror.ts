// Mirror update latency, kiosk → clerk, over real WebSockets on loopback: the kiosk sends an answer, the clerk's
// socket receives the mirror carrying it. Prints a table; never asserted. `npm run bench:mirror`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { CLERK_HTTP, CLERK_WS_PATH, type ClerkEvent, type ClerkFailure } from '../src-main/contract/clerk';
import type { RpcMessage } from '../src-main/contract/common';

type ClerkWireMessage = RpcMessage<ClerkEvent, ClerkFailure>;
import { KIOSK_WS_PATH } from '../src-main/contract/wire';
import { startCounterService } from '../src-main/counter';
import { startWebHost } from '../src-main/hosts/web/server';
import { addStaff, TEST_PASSPHRASE } from '../src-main/counter/staff/test/staff-fixture';

const ROUNDS = 300;
const outputDir = mkdtempSync(join(tmpdir(), 'kakanai-bench-mirror-'));
// No reader is needed: the mirror follows answers, not the card. A socket path nobody listens on keeps pcscd out.
const service = await startCounterService({ outputDir, watchTemplates: false, reader: { socketPath: join(outputDir, 'no-pcscd') } });
const host = await startWebHost({ service, port: 0, clerk: service.clerk });
const origin = host.url.replace(/\/$/, '');
const wsOrigin = origin.replace('http', 'ws');

await addStaff(service.admin.staff.directory, 'bench', 'clerk');
const signedIn = await service.request('staff.signIn', { name: 'bench', passphrase: TEST_PASSPHRASE });
if (!signedIn.ok) throw new Error('the bench clerk could not sign in');
const { code } = await service.request('kiosk.pairingCode', { staff: signedIn.staff });
const paired = await fetch(`${origin}${CLERK_HTTP.pair}`, { method: 'POST', headers: { Origin: origin }, body: JSON.stringify({ code, name: 'bench', passphrase: TEST_PASSPHRASE }) });
const cookie = (paired.headers.get('set-cookie') ?? '').split(';')[0]!;

const opened = (ws: WebSocket) => new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
const kioskSession = host.openKioskSession();
const kiosk = new WebSocket(`${wsOrigin}${KIOSK_WS_PATH}`, { headers: { Origin: origin, Cookie: `${kioskSession.name}=${kioskSession.value}` } });
const clerk = new WebSocket(`${wsOrigin}${CLERK_WS_PATH}`, { headers: { Origin: origin, Cookie: cookie } });
await Promise.all([opened(kiosk), opened(clerk)]);

let nextId = 1;
const kioskRequest = (name: string, params: unknown) =>
  new Promise<unknown>((resolve) => {
    const id = nextId++;
    const onMessage = (m: WebSocket.RawData) => {
      const msg = JSON.parse(String(m)) as { kind: string; id?: number; result?: unknown };
      if (msg.kind !== 'response' || msg.id !== id) return;
      kiosk.off('message', onMessage);
      resolve(msg.result);
    };
    kiosk.on('message', onMessage);
    kiosk.send(JSON.stringify({ kind: 'request', id, name, params }));
  });

await kioskRequest('session.start', { procedureId: 'juminhyo-request', language: 'ja' });

const waiting = new Map<string, (at: number) => void>();
clerk.on('message', (m) => {
  const at = performance.now();
  const msg = JSON.parse(String(m)) as ClerkWireMessage;
  if (msg.kind !== 'event' || msg.event.type !== 'mirror') return;
  const phone = msg.event.mirror.session?.answers['phone'];
  if (typeof phone === 'string') waiting.get(phone)?.(at);
});

const latencies: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const phone = `0478-54-${String(1000 + i)}`;
  const seen = new Promise<number>((resolve) => waiting.set(phone, resolve));
  const sentAt = performance.now();
  void kioskRequest('session.answer', { answers: { phone } });
  latencies.push((await seen) - sentAt);
  waiting.delete(phone);
}

latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
console.log(`mirror update latency, kiosk answer → clerk mirror event (${ROUNDS} answers, loopback WebSockets)`);
console.log('| measure | ms |');
console.log('|---|---|');
console.log(`| median | ${at(0.5).toFixed(2)} |`);
console.log(`| p95 | ${at(0.95).toFixed(2)} |`);
console.log(`| max | ${latencies.at(-1)!.toFixed(2)} |`);

kiosk.close();
clerk.close();
await host.close();
await service.close();
rmSync(outputDir, { recursive: true, force: true });
