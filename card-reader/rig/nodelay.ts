// Builds nodelay.c (the TCP_NODELAY shim pcscd is started with) into a cache keyed by the source's hash, so gcc runs
// once per change of the source, not once per rig.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RigError } from './rig-error';

const SOURCE = fileURLToPath(new URL('./nodelay.c', import.meta.url));
/** The repository's git-ignored .rig/ folder. */
export const RIG_HOME = fileURLToPath(new URL('../../.rig/', import.meta.url));

function compile(source: string, output: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('gcc', ['-shared', '-fPIC', '-O2', '-Wall', '-o', output, source, '-ldl'], (error, _stdout, stderr) => {
      if (!error) return resolve();
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(new RigError(missing ? 'GccMissing' : 'ShimBuildFailed', missing ? 'gcc is not installed' : `gcc failed: ${stderr.trim()}`));
    });
  });
}

/** Path of the built shim, building it when the source changed since the last build. */
export async function nodelayLibrary(cacheDir = join(RIG_HOME, 'cache')): Promise<string> {
  const hash = createHash('sha256').update(readFileSync(SOURCE)).update(process.arch).digest('hex').slice(0, 16);
  const library = join(cacheDir, `nodelay-${hash}.so`);
  if (existsSync(library)) return library;
  mkdirSync(cacheDir, { recursive: true });
  // Build beside, then rename: parallel rigs never load a half-written library.
  const partial = `${library}.${process.pid}.partial`;
  try {
    await compile(SOURCE, partial);
    renameSync(partial, library);
  } finally {
    rmSync(partial, { force: true });
  }
  return library;
}
