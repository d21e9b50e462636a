// kakanai start (npm start): the kiosk as a city hall runs it. A real reader if one is attached, else the demo card;
// Electron where its binary is installed, else the browser host, in Chromium's kiosk mode when there is a display.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setUpReader } from '../counter/reader-setup';
import { repoRoot } from '../forms/load';
import { CHROMIUM, openChromiumKiosk } from './chromium-kiosk';
import { serveKiosk } from './serve';

export const electronMain = join(repoRoot, 'dist', 'electron', 'main.mjs');
const rendererIndex = join(repoRoot, 'dist', 'renderer', 'index.html');

export async function run(args: string[]): Promise<number> {
  if (args.length > 0) {
    console.error('使い方 / usage: kakanai start');
    return 2;
  }
  const reader = await setUpReader('auto');
  console.error(reader.summary);

  const electron = electronBinary();
  if (electron && existsSync(electronMain)) return runElectron(electron, reader);
  console.error(
    electron
      ? 'Electron の画面がビルドされていません / the Electron host is not built (npm run build): starting the browser host'
      : 'Electron がインストールされていません / Electron is not installed here: starting the browser host',
  );
  if (!existsSync(rendererIndex) && !buildRenderer()) {
    await reader.stop();
    return 1;
  }
  const display = process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY'];
  return serveKiosk({ reader, onListening: display && existsSync(CHROMIUM) ? (host) => openChromiumKiosk(host.url, host.openKioskSession()).close : undefined });
}

/**
 * The Electron binary, if installed. The electron package's own `require('electron')` would start downloading a
 * missing binary, so read what it reads instead: path.txt (written by its install step) and the dist folder.
 */
export function electronBinary(): string | undefined {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const executable = readFileSync(pathFile, 'utf8').trim();
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const binary = override ? join(override, executable || 'electron') : join(packageDir, 'dist', executable);
  return existsSync(binary) ? binary : undefined;
}

async function runElectron(binary: string, reader: Awaited<ReturnType<typeof setUpReader>>): Promise<number> {
  const child = spawn(binary, [electronMain], {
    stdio: 'inherit',
    env: { ...process.env, PCSCLITE_CSOCK_NAME: reader.socketPath, KAKANAI_DEMO: reader.demo ? '1' : '0' },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  await reader.stop();
  return code;
}

function buildRenderer(): boolean {
  console.error('画面をビルドしています / building the kiosk screens (npx vite build)…');
  const r = spawnSync('npx', ['vite', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
  if (r.status === 0 && existsSync(rendererIndex)) return true;
  console.error('画面をビルドできませんでした / the kiosk screens did not build (see above)');
  return false;
}
