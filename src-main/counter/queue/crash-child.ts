// Test helper for crash-safety.test.ts: enqueues submissions from..to-1 and prints "ack <n>" only after each commit
// returned, exactly as the kiosk is acknowledged. The parent kill -9's this process at random moments.
import { randomBytes } from 'node:crypto';
import { keyFolderStore } from './key';
import { ClerkQueue } from './store';

const [dir, keysDir, from, to] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4]), Number(process.argv[5])];
const queue = new ClerkQueue({ dir, keys: keyFolderStore(keysDir), retention: { kind: 'max-age', ms: 24 * 3600_000 } });
process.stdout.write('ready\n');
for (let n = from; n < to; n++) {
  const pdf = randomBytes(8 * 1024);
  queue.enqueue({
    ticketNumber: `A-${String(n).padStart(3, '0')}`,
    day: '2025-04-01',
    submissionKey: `crash-${n}`,
    forms: [{ templateId: 'juminhyo-request', templateVersion: 1, pdf, values: { 'applicant.name': `試験 ${n}` } }],
  });
  process.stdout.write(`ack ${n}\n`);
}
queue.close();
process.stdout.write('finished\n');
