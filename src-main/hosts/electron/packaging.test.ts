// The Electron binary cannot be downloaded here, so the installers are never built in CI: this test checks what
// electron-builder would be given instead: the config (read with the js-yaml electron-builder itself brings, and
// validated by electron-builder's own schema) and the bundles it would pack.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBundles } from './build';

const repoRoot = join(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const configText = readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8');

type Target = string | { target: string; arch?: string[] };
type BuilderConfig = {
  appId: string;
  productName: string;
  extraMetadata: { main: string };
  files: string[];
  extraResources: { from: string; to: string; filter?: string[] }[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  win: { target: Target[]; requestedExecutionLevel: string };
  nsis: { oneClick: boolean; perMachine: boolean };
  linux: { target: Target[] };
  deb: { depends: string[] };
};
const config = yaml.load(configText) as BuilderConfig;
const targetNames = (targets: Target[]) => targets.map((t) => (typeof t === 'string' ? t : t.target));
const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

describe('electron-builder.yml', () => {
  it('is a configuration electron-builder accepts', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(yaml.load(configText), new DebugLogger(false))).resolves.toBeUndefined();
  }, 30_000);

  it('names the product Kakanai', () => {
    expect(config.productName).toBe('Kakanai');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
  });

  it('builds an NSIS installer for Windows, per machine, and an app that never asks for elevation', () => {
    expect(targetNames(config.win.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
    expect(config.win.requestedExecutionLevel).toBe('asInvoker');
  });

  it('builds an AppImage and a deb for Linux, the deb depending on pcscd', () => {
    expect(targetNames(config.linux.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.deb.depends).toContain('pcscd');
  });

  it('packs the renderer, the bundled main and preload, the demo resident only, and the form fonts', () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['dist/renderer/**/*', 'dist/electron/main.mjs', 'dist/electron/render-worker.mjs', 'dist/electron/preload.cjs', 'fixtures/residents/demo.json']),
    );
    expect(config.files.filter((f) => f.startsWith('fixtures/'))).toEqual(['fixtures/residents/demo.json']);
    expect(existsSync(join(repoRoot, 'fixtures/residents/demo.json'))).toBe(true);
    const fonts = JSON.parse(readFileSync(join(repoRoot, 'templates/fonts.json'), 'utf8')) as { main: string };
    const fontPackage = fonts.main.split('/').slice(0, 3).join('/'); // node_modules/@scope/name
    expect(config.files).toContain(`${fontPackage}/**/*`);
    expect(config.files).not.toContain(`!${fontPackage}{,/**/*}`);
  });

  it('ships the templates as extraResources, outside the asar', () => {
    expect(config.extraResources).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'templates', to: 'templates' })]));
  });

  it('packs an asar with the PC/SC addon unpacked and rebuilt for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/@pokusew/pcsclite/**/*');
    expect(config.npmRebuild).toBe(true);
  });

  it('turns off ELECTRON_RUN_AS_NODE, NODE_OPTIONS and --inspect in the packaged binary', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });
});

describe('the bundles electron-builder packs', () => {
  async function bundleImports(index: number) {
    const options = electronBundles(join(repoRoot, 'dist/electron-test'))[index]!;
    const result = await build({ ...options, absWorkingDir: repoRoot, write: false, metafile: true, logLevel: 'silent' });
    const outputs = Object.entries(result.metafile.outputs);
    expect(outputs).toHaveLength(1);
    const [outFile, output] = outputs[0]!;
    const external = output.imports.filter((i) => i.external).map((i) => i.path);
    return { outFile, external: [...new Set(external)] };
  }
  const packageOf = (path: string) => path.split('/').slice(0, path.startsWith('@') ? 2 : 1).join('/');
  const builtin = (path: string) => path.startsWith('node:') || builtinModules.includes(path);

  it('main is the file extraMetadata.main names, and imports only packages the asar ships', async () => {
    const { outFile, external } = await bundleImports(0);
    expect(outFile).toBe('dist/electron-test/main.mjs');
    expect(config.extraMetadata.main).toBe('dist/electron/main.mjs');
    const packages = [...new Set(external.filter((p) => !builtin(p)).map(packageOf))];
    expect(packages).toContain('@pokusew/pcsclite');
    for (const name of packages) {
      if (name === 'electron') continue;
      expect(packageJson.dependencies, `${name} must be a production dependency`).toHaveProperty([name]);
      expect(config.files, `${name} must not be left out of the asar`).not.toContain(`!node_modules/${name}{,/**/*}`);
    }
  });

  it('the render worker sits beside main (render-isolated loads it from there) and imports only packages the asar ships', async () => {
    const { outFile, external } = await bundleImports(1);
    expect(outFile).toBe('dist/electron-test/render-worker.mjs');
    expect(config.files).toContain('dist/electron/render-worker.mjs');
    for (const name of new Set(external.filter((p) => !builtin(p)).map(packageOf))) {
      expect(packageJson.dependencies, `${name} must be a production dependency`).toHaveProperty([name]);
      expect(config.files, `${name} must not be left out of the asar`).not.toContain(`!node_modules/${name}{,/**/*}`);
    }
  });

  it('the sandboxed preload requires nothing but electron', async () => {
    const { outFile, external } = await bundleImports(2);
    expect(outFile).toBe('dist/electron-test/preload.cjs');
    expect(external).toEqual(['electron']);
  });
});
