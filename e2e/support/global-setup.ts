// Builds the renderer once when dist/renderer is older than any source the kiosk bundle is made from, so a run
// never tests yesterday's screens.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '..', '..');
const builtIndex = join(repo, 'dist', 'renderer', 'index.html');
/** What Vite bundles into the kiosk: the renderer and the isomorphic parts of src-main it imports. */
const sources = ['src-renderer', 'src-main/contract', 'src-main/forms', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function rendererIsStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  return sources.some((s) => existsSync(join(repo, s)) && newestMtime(join(repo, s)) > built);
}

export default function globalSetup(): void {
  if (!rendererIsStale()) return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: repo, stdio: 'inherit', timeout: 180_000 });
}
