// After the tests: no file a test wrote into the system temp folder may still hold a fixture resident's name or a
// queue key. Prints each such path and exits 1. Usage: node .ci/temp-check.mjs [--since <epoch ms>] [--dir <folder>]
// (default: files changed in the last 24 hours under os.tmpdir()).
import { lstatSync, openSync, readdirSync, readFileSync, readSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const repo = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { since: { type: 'string' }, dir: { type: 'string' } } });
const since = values.since ? Number(values.since) : Date.now() - 24 * 3600_000;
const root = values.dir ?? tmpdir();
if (!Number.isFinite(since)) {
  console.error('temp-check: --since takes milliseconds since the epoch');
  process.exit(2);
}

/** Tool caches hold our transpiled sources (whose tests name the fixtures), not anything a test wrote. */
const TOOL_CACHES = [/^tsx-\d+$/, /^playwright-transform-cache-\d+$/, /^node-compile-cache$/, /^v8-compile-cache/, /^jiti$/];
const MAX_BYTES = 256 * 1024 * 1024;

const residentsDir = join(repo, 'fixtures', 'residents');
const names = readdirSync(residentsDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(residentsDir, f), 'utf8')).name)
  .filter((n) => typeof n === 'string' && n.length >= 2);
const needles = names.flatMap((name) => {
  const le = Buffer.from(name, 'utf16le');
  return [Buffer.from(name, 'utf8'), le, Buffer.from(le).swap16()].map((bytes) => ({ what: 'a fixture resident name', bytes }));
});
const KEY_FILE_NAME = /^queue-key.*\.(json|protected)$/;
const KEY_FORMAT = /"(queueKey|protectedKey)"\s*:\s*"[A-Za-z0-9+/=]{40,}"/;

const findings = [];
function visit(dir, top) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // another user's private folder, or gone meanwhile
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (top && TOOL_CACHES.some((re) => re.test(entry.name))) continue;
    if (entry.isDirectory()) visit(path, false);
    else if (entry.isFile()) check(path, entry.name);
  }
}

function check(path, name) {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (Math.max(stat.mtimeMs, stat.ctimeMs) < since || stat.size === 0 || stat.size > MAX_BYTES) return;
  let bytes;
  try {
    bytes = readWhole(path, stat.size);
  } catch {
    return;
  }
  const why = [];
  if (KEY_FILE_NAME.test(name)) why.push('a queue key file name');
  if (stat.size < 64 * 1024 && KEY_FORMAT.test(bytes.toString('latin1'))) why.push('a queue key');
  const hit = needles.find((n) => bytes.includes(n.bytes));
  if (hit) why.push(hit.what);
  if (why.length > 0) findings.push(`${path}: ${[...new Set(why)].join(', ')}`);
}

function readWhole(path, size) {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(size);
    let done = 0;
    while (done < size) {
      const n = readSync(fd, buffer, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    return buffer.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

visit(root, true);
if (findings.length > 0) {
  console.error(`temp-check: ${findings.length} file(s) in ${root} written during the run hold a resident's name or a queue key:`);
  for (const f of findings) console.error(`  ${f}`);
  process.exit(1);
}
console.error(`temp-check: nothing of a fixture resident or a queue key left in ${root}`);
