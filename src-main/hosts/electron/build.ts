// Bundles the Electron host for packaging: main as an ES module (the forms engine finds templates and fonts through
// import.meta.dirname), the preload as CommonJS (a sandboxed preload cannot be a module). npm packages stay
// external: electron-builder ships them in the asar and rebuilds the PC/SC addon for Electron's ABI.
//   tsx src-main/hosts/electron/build.ts   →   dist/electron/main.mjs, render-worker.mjs, preload.cjs
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const repoRoot = join(import.meta.dirname, '../../..');
export const electronOutDir = join(repoRoot, 'dist/electron');

/** The packaged app ships render-worker.mjs beside main: the development fallback (esbuild at run time) is left out. */
const packagedRenderWorker: Plugin = {
  name: 'packaged-render-worker',
  setup(b) {
    b.onResolve({ filter: /\/render-worker-source$/ }, () => ({ path: 'render-worker-source', namespace: 'packaged' }));
    b.onLoad({ filter: /.*/, namespace: 'packaged' }, () => ({
      contents: "export async function bundleRenderWorkerSource() { throw new Error('render-worker.mjs is missing beside the bundle'); }",
      loader: 'js',
    }));
  },
};

// dist/electron is two folders below the app root, like src-main/forms: the engine's repoRoot stays the app root.
export function electronBundles(outdir = electronOutDir): BuildOptions[] {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    outdir,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  };
  return [
    {
      ...common,
      entryPoints: { main: join(import.meta.dirname, 'main.ts') },
      format: 'esm',
      outExtension: { '.js': '.mjs' },
      packages: 'external',
      plugins: [packagedRenderWorker],
    },
    {
      // The forms engine's worker thread (render-isolated.ts loads render-worker.mjs from beside the main bundle).
      ...common,
      entryPoints: { 'render-worker': join(repoRoot, 'src-main/forms/engine/render-worker.ts') },
      format: 'esm',
      outExtension: { '.js': '.mjs' },
      packages: 'external',
    },
    {
      ...common,
      entryPoints: { preload: join(import.meta.dirname, 'preload.ts') },
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      // Only `electron` may be required in a sandboxed preload; everything else is bundled in.
      external: ['electron'],
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const options of electronBundles()) await build(options);
  console.log(`Electron host bundled into ${electronOutDir}`);
}
