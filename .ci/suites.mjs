// `npm test`'s suites at the same time: the checks and vitest (unit, rig, pg) in one line of work, the Playwright
// journeys in another; the journeys are the long one, so the rest finishes inside them. Each output line is prefixed
// with its suite, both reports stay in test-results/, and the exit status is 1 when any suite failed.
// Usage: node .ci/suites.mjs [suite…] (default: all; names below).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Each suite is a chain of commands run one after the other; the chain stops at the first that fails. vitest gets one
 * worker beside the journeys' two: its unit files have 5 s timeouts, and several forks plus two browsers on two cores
 * ran some of them out (it still ends well inside the journeys).
 */
const SUITES = {
  checks: [['npm', 'run', '--silent', 'typecheck'], ['npm', 'run', '--silent', 'lint'], ['npx', 'vitest', 'run', '--maxWorkers=1']],
  e2e: [['npx', 'playwright', 'test']],
};

const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(SUITES);
const unknown = names.filter((n) => !(n in SUITES));
if (unknown.length > 0) {
  console.error(`suites: no suite ${unknown.join(', ')} (there are ${Object.keys(SUITES).join(', ')})`);
  process.exit(2);
}

// Each command runs in a process group of its own, and a signal goes to the whole group: npx's wrapper does not pass
// it on, and a Playwright or vitest left behind keeps its browsers and rigs running.
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    }
  });
}

function runOne(name, [command, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
    }
    child.once('error', (e) => {
      console.log(`[${name}] ${command} could not start: ${e.message}`);
      resolve(1);
    });
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function runSuite(name) {
  const started = Date.now();
  for (const command of SUITES[name]) {
    const code = await runOne(name, command);
    if (code !== 0) return { name, ok: false, failed: command.join(' '), seconds: (Date.now() - started) / 1000 };
  }
  return { name, ok: true, seconds: (Date.now() - started) / 1000 };
}

// The built screens first, as Playwright's global setup would: vitest's host tests serve dist/renderer too, and must
// not read it while Vite rewrites it.
const RENDERER = ['node', '--import', 'tsx', '--input-type=module', '-e', "await (await import('./e2e/support/global-setup.ts')).default()"];
if ((await runOne('build', RENDERER)) !== 0) {
  console.log('suites: the screens could not be built (dist/renderer)');
  process.exit(1);
}

const results = await Promise.all(names.map(runSuite));
for (const r of results) {
  console.log(`suites: ${r.name} ${r.ok ? 'passed' : `FAILED at \`${r.failed}\``} in ${Math.round(r.seconds)} s`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
