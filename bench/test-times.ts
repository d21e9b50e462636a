// npm run bench:test-times [playwright.json] [vitest.json] — where the test run's wall time went, from the reports a
// run leaves in test-results/: the journeys' wall time, each worker's busy time, the spec files by duration (which
// worker ran them), and vitest's files by duration. Prints tables; asserts nothing.
import { existsSync, readFileSync } from 'node:fs';

interface PwResult { duration: number; startTime: string; workerIndex: number; status: string }
interface PwSuite { file?: string; title: string; suites?: PwSuite[]; specs?: { file: string; tests: { projectName: string; results: PwResult[] }[] }[] }
interface PwReport { suites: PwSuite[]; stats?: { startTime: string; duration: number } }
interface VitestReport { startTime: number; testResults: { name: string; startTime: number; endTime: number }[] }

const [playwrightFile = 'test-results/playwright.json', vitestFile = 'test-results/vitest.json'] = process.argv.slice(2);
const seconds = (ms: number) => (ms / 1000).toFixed(0).padStart(6);

function* results(suite: PwSuite): Generator<{ file: string; project: string; result: PwResult }> {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests) for (const result of t.results) yield { file: spec.file, project: t.projectName, result };
  }
  for (const child of suite.suites ?? []) yield* results(child);
}

if (existsSync(playwrightFile)) {
  const report = JSON.parse(readFileSync(playwrightFile, 'utf8')) as PwReport;
  const files = new Map<string, { ms: number; tests: number; workers: Set<number>; project: string; failed: number }>();
  const workers = new Map<number, number>();
  for (const suite of report.suites) {
    for (const { file, project, result } of results(suite)) {
      const f = files.get(file) ?? { ms: 0, tests: 0, workers: new Set<number>(), project, failed: 0 };
      f.ms += result.duration;
      f.tests += 1;
      f.workers.add(result.workerIndex);
      if (result.status !== 'passed' && result.status !== 'skipped') f.failed += 1;
      files.set(file, f);
      workers.set(result.workerIndex, (workers.get(result.workerIndex) ?? 0) + result.duration);
    }
  }
  const total = [...files.values()].reduce((s, f) => s + f.ms, 0);
  console.log(`Playwright: wall ${seconds(report.stats?.duration ?? 0).trim()} s, tests' own time ${seconds(total).trim()} s (the wall time of one worker, roughly)`);
  console.log('\nworker  busy (s)   (a worker index is a process; a new one starts after a failure or for another project)');
  for (const [w, ms] of [...workers].sort((a, b) => a[0] - b[0])) console.log(`${String(w).padStart(6)}  ${seconds(ms)}`);
  console.log('\n  time (s)  tests  failed  project    workers  spec file');
  for (const [file, f] of [...files].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`  ${seconds(f.ms)}   ${String(f.tests).padStart(4)}  ${String(f.failed).padStart(6)}  ${f.project.padEnd(9)}  ${[...f.workers].join(',').padEnd(7)}  ${file}`);
  }
} else {
  console.log(`no ${playwrightFile}`);
}

if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8')) as VitestReport;
  const end = Math.max(...report.testResults.map((r) => r.endTime));
  console.log(`\nvitest: wall ${seconds(end - report.startTime).trim()} s; the slowest files:`);
  console.log('  time (s)  file');
  const cwd = `${process.cwd()}/`;
  for (const r of [...report.testResults].sort((a, b) => b.endTime - b.startTime - (a.endTime - a.startTime)).slice(0, 15)) {
    console.log(`  ${seconds(r.endTime - r.startTime)}  ${r.name.replace(cwd, '')}`);
  }
} else {
  console.log(`no ${vitestFile}`);
}
