// A kiosk-side forwarder in its own process, for the kill -9 test: it makes `count` visits durable in the kiosk's
// outbox (printing `acked <n>` after each, as the resident is told), then forwards them all and prints `empty`.
// argv: data folder, keys folder, first visit number, count. No resident data.
import { join } from 'node:path';
import { keyFolderStore } from '../../counter/queue/key';
import { openClerkQueue } from '../../counter/queue/store';
import { TicketCounter } from '../../counter/ticket-counter';
import { readHallCredential } from '../join';
import { offlineTicketPrefix } from '../kiosk-link';
import { HallOutbox } from '../outbox';

const [dataDir, keysDir, first, count] = process.argv.slice(2) as [string, string, string, string];
const credential = readHallCredential(dataDir)!;
const queue = openClerkQueue({ dir: join(dataDir, 'queue'), keys: keyFolderStore(keysDir), purgeWhenDone: false });
const tickets = new TicketCounter(join(dataDir, 'ticket-counter.json'), offlineTicketPrefix(credential));
const outbox = new HallOutbox({ queue, credential, retryMs: 50, idleMs: 20 });

async function main(): Promise<void> {
  for (let n = Number(first); n < Number(first) + Number(count); n++) {
    const ticketNumber = tickets.next('2026-12-05');
    queue.enqueue({ ticketNumber, day: '2026-12-05', procedureId: 'juminhyo', submissionKey: `kill-${n}`, forms: [{ templateId: 'juminhyo', pdf: Buffer.from(`%PDF-1.7 ${n}`), values: { n: String(n) } }] });
    process.stdout.write(`acked ${n}\n`);
  }
  // A backlog forwarded in batches: a kill lands between the hall storing a visit and the kiosk marking it sent.
  outbox.start();
  while (queue.list().length > 0) await new Promise((r) => setTimeout(r, 20));
  await outbox.stop();
  queue.close();
  process.stdout.write('empty\n');
}
void main();
