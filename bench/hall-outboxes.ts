// Joined kiosks' outboxes for `npm run bench:hall`, in a process of their own: each simulated kiosk's SQLite queue
// waits for its disk on every commit, and 30 of them on the bench's one thread made the drain wait for each other's
// disk syncs in turn (on the floor each kiosk is its own machine). Told what to do over IPC; reports when each outbox
// is empty (epoch ms) and its CPU time on request.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { keyFolderStore } from '../src-main/counter/queue/key';
import { openClerkQueue, type ClerkQueue } from '../src-main/counter/queue/store';
import type { HallCredential } from '../src-main/hall/join';
import { HallOutbox } from '../src-main/hall/outbox';

interface Start {
  dir: string;
  kiosks: { k: number; credential: HallCredential }[];
  queued: number;
  pdfBytes: number;
  day: string;
}

/** An outbox that says when each of its rounds ended (the purge that empties it is a round's last step). */
class WatchedOutbox extends HallOutbox {
  afterRound: (() => void) | undefined;
  override async forwardOnce(): Promise<{ forwarded: number; reachable: boolean }> {
    try {
      return await super.forwardOnce();
    } finally {
      this.afterRound?.();
    }
  }
}

const now = (): number => performance.timeOrigin + performance.now();
const running: { k: number; queue: ClerkQueue; outbox: WatchedOutbox }[] = [];
let start: Start | undefined;

process.on('message', (message: { start?: Start; fill?: true; usage?: true; stop?: true }) => {
  if (message.usage) process.send?.({ usage: process.cpuUsage() });
  if (message.start) {
    start = message.start;
    for (const { k, credential } of start.kiosks) {
      const queue = openClerkQueue({ dir: join(start.dir, `kiosk-${k}`, 'queue'), keys: keyFolderStore(join(start.dir, `kiosk-${k}-keys`)), purgeWhenDone: false });
      const outbox = new WatchedOutbox({ queue, credential });
      running.push({ k, queue, outbox });
      outbox.start();
    }
    process.send?.({ started: running.length });
  }
  if (message.fill && start) {
    const s = start;
    const pdfs = Array.from({ length: 16 }, () => randomBytes(s.pdfBytes));
    const values = { 'applicant.name': '見本　花子', 'applicant.address': '千葉県香取市佐原ロ２１２７番地', purpose: '年金の手続きのため', 'include.householder': true };
    let waiting = 0;
    for (const { k, queue, outbox } of running) {
      for (let n = 1; n <= s.queued; n++) {
        queue.enqueue({ ticketNumber: `K${k}-${1000 + n}`, day: s.day, procedureId: 'juminhyo', submissionKey: `bench-${k}-${1000 + n}`, forms: [{ templateId: 'juminhyo', templateVersion: 1, pdf: pdfs[(k + n) % pdfs.length]!, values }] });
      }
      waiting += queue.list().length;
      let firstAt: number | undefined;
      outbox.afterRound = () => {
        const left = queue.list().length;
        if (firstAt === undefined && left < s.queued) firstAt = now();
        if (left > 0) return;
        outbox.afterRound = undefined;
        process.send?.({ emptied: k, at: now(), firstAt });
      };
    }
    process.send?.({ filled: waiting });
  }
  if (message.stop) {
    void Promise.all(running.map((r) => r.outbox.stop())).finally(() => {
      for (const r of running) r.queue.close();
      process.exit(0);
    });
  }
});
