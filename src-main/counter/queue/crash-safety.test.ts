import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFolderStore } from './key';
import { ClerkQueue } from './store';

const child = join(import.meta.dirname, 'crash-child.ts');
const TOTAL = 200;

/**
 * Runs the child from `from` and kills it with SIGKILL when it has acknowledged `killAfterAcks` more submissions —
 * the child is then somewhere inside the next enqueue, whatever the disk's speed. undefined: let it finish.
 */
function runChild(dir: string, from: number, killAfterAcks: number | undefined): Promise<{ acked: number[]; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, dir, join(dir, '..', 'keys'), String(from), String(TOTAL)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: number[] = [];
    let buffered = '';
    let finished = false;
    p.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
        if (line === 'finished') finished = true;
        if (acked.length === killAfterAcks) p.kill('SIGKILL');
      }
    });
    const guard = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.on('error', reject);
    p.on('close', () => {
      clearTimeout(guard);
      resolve({ acked, finished });
    });
  });
}

describe('the clerk queue under kill -9', () => {
  it('keeps every acknowledged submission exactly once across random kills, and the file stays sound', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kakanai-crash-'));
    const dir = join(root, 'queue');
    const acked = new Set<number>();
    let killsMidRun = 0;
    let next = 0;
    for (let round = 0; round < 8 && next < TOTAL; round++) {
      const { acked: got, finished } = await runChild(dir, next, 1 + Math.floor(Math.random() * 40));
      for (const n of got) acked.add(n);
      if (!finished && got.length > 0) killsMidRun++;
      // Resume after the last acknowledged one: the in-flight one (committed or not) is sent again with its key.
      if (got.length > 0) next = Math.max(...got) + 1;
    }
    const last = await runChild(dir, next, undefined);
    expect(last.finished).toBe(true);
    for (const n of last.acked) acked.add(n);
    expect(killsMidRun).toBeGreaterThanOrEqual(4); // the kills really interrupted submissions

    const queue = new ClerkQueue({ dir, keys: keyFolderStore(join(root, 'keys')), retention: { kind: 'max-age', ms: 24 * 3600_000 } });
    try {
      expect(queue.integrityCheck()).toEqual(['ok']);
      const tickets = queue.list().map((s) => s.ticketNumber);
      expect(new Set(tickets).size).toBe(tickets.length); // nothing twice
      for (const n of acked) expect(tickets).toContain(`A-${String(n).padStart(3, '0')}`);
      expect(acked.size).toBe(TOTAL);
      expect(tickets).toHaveLength(TOTAL);
      // Spot-check that a record written just before a kill still decrypts.
      const sample = queue.list().at(-1)!;
      expect(queue.open(sample.id, { kind: 'system', id: 'crash-test' }).reveal()[0]!.pdf.length).toBe(8 * 1024);
    } finally {
      queue.close();
      rmSync(root, { recursive: true, force: true });
    }
  }, 180_000);
});
