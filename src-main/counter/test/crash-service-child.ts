// Child process of crash-service.test.ts: the real counter service (startCounterService with a ClerkQueue in the
// given folder) on the rig's pcscd, doing visits from..to-1 as a kiosk would — session.start, card.read with the
// fixture's PIN, the answers, session.submit to the clerk. It prints "visit <n>" as a visit starts, "submit <n>" before
// session.submit and "ack <n> <ticket>" only after it said sentToClerk; the parent kill -9's it at random moments.
// The visit number travels in an answer (the purpose), so the parent finds each visit in the decrypted store.
import { join } from 'node:path';
import { loadResidentFixture, residentFixturePath } from '../../../card-reader/virtual-card/resident-fixture';
import { startCounterService } from '../index';
import { ClerkQueue, keyFolderStore } from '../queue';

// The card's fixture id comes on the command line, never its PIN (argv is readable by every user of the machine).
const [dir, from, to, fixtureId] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4]), process.argv[5]!];
const { pin } = loadResidentFixture(residentFixturePath(fixtureId));
const readerName = process.env['KAKANAI_CRASH_READER'];

// dir holds the data folder and, apart from it, the key folder.
const queue = new ClerkQueue({ dir: join(dir, 'data', 'queue'), keys: keyFolderStore(join(dir, 'keys')), retention: { kind: 'max-age', ms: 24 * 3600_000 } });
const service = await startCounterService({
  outputDir: join(dir, 'data'),
  queue,
  watchTemplates: false,
  reader: { ...(process.env['PCSCLITE_CSOCK_NAME'] ? { socketPath: process.env['PCSCLITE_CSOCK_NAME'] } : {}), ...(readerName ? { name: readerName } : {}) },
});
for (let i = 0; ; i++) {
  const state = await service.request('reader.state', {});
  if (state.card === 'present') break;
  if (i > 400) throw new Error('no card on the reader');
  await new Promise((r) => setTimeout(r, 25));
}
process.stdout.write('ready\n');
for (let n = from; n < to; n++) {
  process.stdout.write(`visit ${n}\n`);
  await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
  const read = await service.request('card.read', { pin });
  if (!read.ok) throw new Error(`card read failed: ${read.error}`);
  await service.request('session.answer', {
    answers: { kana: 'みほん はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1, 'juminhyo.purpose': `crash-visit-${n}` },
  });
  process.stdout.write(`submit ${n}\n`);
  const submitted = await service.request('session.submit', { print: false, toClerk: true });
  if (!submitted.sentToClerk) throw new Error('not sent to the clerk');
  process.stdout.write(`ack ${n} ${submitted.ticketNumber}\n`);
  await service.request('session.end', { reason: 'done' });
}
await service.close();
queue.close();
process.stdout.write('finished\n');
