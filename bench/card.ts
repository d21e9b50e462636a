// npm run bench:card — APDUs and wall time from "card present" to "data in hand", over the real stack
// (PcscReaderService → pcscd → vpcd → virtual card), for the 4 items alone and with the My Number, at 0 ms and
// 30 ms emulated card time per APDU. Prints a table; asserts nothing.
//
// libpcsclite binds a process to one pcscd, so the row without the TCP_NODELAY shim runs in a child process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readResident } from '../card-reader/protocol';
import { startRig } from '../card-reader/rig/rig';
import { PcscReaderService } from '../card-reader/transport/pcsc';
import { VirtualMyNumberCard } from '../card-reader/virtual-card/card-model';
import { loadResidentFixture, residentFixturePath } from '../card-reader/virtual-card/resident-fixture';
import { VpcdCardClient } from '../card-reader/virtual-card/vpcd-client';

type Row = {
  read: string;
  delayMs: number;
  nodelay: boolean;
  apdus: number;
  presentMedian: number;
  readMedian: number;
  readP95: number;
  runs: number;
};

const RUNS = Number(process.env['BENCH_RUNS'] ?? 15);

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function measure(options: { nodelay: boolean; cases: { withMyNumber: boolean; delayMs: number }[] }): Promise<Row[]> {
  const rig = await startRig({ private: true, nodelay: options.nodelay });
  const service = new PcscReaderService({ socketPath: rig.socketPath, pollMs: 200 });
  const resident = loadResidentFixture(residentFixturePath('demo'));
  const rows: Row[] = [];
  try {
    for (const { withMyNumber, delayMs } of options.cases) {
      const reads: number[] = [];
      const presents: number[] = [];
      let apdus = 0;
      for (let i = 0; i < RUNS; i++) {
        const client = new VpcdCardClient(new VirtualMyNumberCard(resident), { port: rig.cardPort, delayMs });
        const inserting = performance.now();
        const present = new Promise<number>((resolve) => service.once('card-inserted', () => resolve(performance.now())));
        await client.insert();
        const t0 = await present;
        presents.push(t0 - inserting);
        const read = await service.withCard((channel) => readResident(channel, { pin: resident.pin, withMyNumber }));
        reads.push(performance.now() - t0);
        apdus = read.apduCount;
        await client.close();
        const removed = Date.now() + 5000;
        while (service.readers().some((r) => r.card === 'present') && Date.now() < removed) await new Promise((r) => setTimeout(r, 20));
      }
      rows.push({
        read: withMyNumber ? '4 items + My Number' : '4 items',
        delayMs,
        nodelay: options.nodelay,
        apdus,
        presentMedian: quantile(presents, 0.5),
        readMedian: quantile(reads, 0.5),
        readP95: quantile(reads, 0.95),
        runs: RUNS,
      });
    }
  } finally {
    await service.close();
    await rig.stop();
  }
  return rows;
}

const fmt = (n: number) => n.toFixed(1).padStart(8);

async function main(): Promise<void> {
  if (process.argv.includes('--child-without-nodelay')) {
    const rows = await measure({ nodelay: false, cases: [{ withMyNumber: false, delayMs: 0 }] });
    process.stdout.write(JSON.stringify(rows));
    return;
  }
  const cases = [0, 30].flatMap((delayMs) => [false, true].map((withMyNumber) => ({ withMyNumber, delayMs })));
  const rows = await measure({ nodelay: true, cases });
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child-without-nodelay'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (child.status === 0) rows.push(...(JSON.parse(child.stdout) as Row[]));
  else console.error('the row without the TCP_NODELAY shim failed:', child.stderr.split('\n').slice(-5).join('\n'));

  console.log(`\nCard read over real PC/SC (pcscd + vpcd + virtual card), ${RUNS} runs each, times in ms`);
  console.log('"present" = virtual card connects → PC/SC reports the card; "read" = card reported → data parsed\n');
  console.log('| read                 | card delay/APDU | TCP_NODELAY shim | APDUs | present median | read median | read p95 | read − APDUs×delay |');
  console.log('|----------------------|----------------:|:----------------:|------:|---------------:|------------:|---------:|-------------------:|');
  for (const r of rows) {
    const overhead = r.readMedian - r.apdus * r.delayMs;
    console.log(
      `| ${r.read.padEnd(20)} | ${String(r.delayMs).padStart(15)} | ${(r.nodelay ? 'yes' : 'no').padEnd(16)} | ${String(r.apdus).padStart(5)} | ${fmt(r.presentMedian).padStart(14)} | ${fmt(r.readMedian).padStart(11)} | ${fmt(r.readP95)} | ${fmt(overhead).padStart(18)} |`,
    );
  }
}

await main();
