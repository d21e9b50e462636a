// The render worker's code in development: the TypeScript source bundled once per process by esbuild (half the
// start-up of compiling each file through tsx in the worker). A packaged host ships render-worker.mjs instead and
// replaces this module in its bundle, so esbuild is never needed there.
import { dirname, join } from 'node:path';
import { repoRoot } from '../load';

export async function bundleRenderWorkerSource(): Promise<string> {
  const { build } = await import('esbuild');
  // From the repository root: inside a bundled host this module's own folder is the bundle's.
  const source = join(repoRoot, 'src-main/forms/engine/render-worker.ts');
  const out = await build({
    entryPoints: [source],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    define: { 'import.meta.dirname': JSON.stringify(join(dirname(source), '..')) }, // load.ts's folder: the repository root from there
    // Packages resolve from this file, whatever the process's working folder.
    banner: { js: `require = require('node:module').createRequire(${JSON.stringify(source)});` },
  });
  return out.outputFiles[0]!.text;
}
