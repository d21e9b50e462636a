// The Electron host's choices for the one composition (counter/compose.ts), as a plain function so a Node test runs
// the exact options main.ts starts the service with. Electron's own objects (its silent print) come in as arguments.
import { join } from 'node:path';
import type { CounterServiceOptions } from '../../counter';
import type { KeyProtector } from '../../counter/queue';
import { electronPrinter } from './print';

export interface ElectronServiceInput {
  /** app.getPath('userData'): the data folder is its output/. */
  userData: string;
  packaged: boolean;
  /** process.resourcesPath: packaged, the templates sit outside the asar so the city can publish new versions. */
  resourcesPath?: string;
  env: Record<string, string | undefined>;
  /** Electron's silent PDF print (print.ts pdfPrinter), made only when a printer is named. */
  silentPrint: () => (pdf: Uint8Array, deviceName: string) => Promise<boolean>;
  /** safeStorage as a key protector (key-protector.ts), when the OS has a real secret store. */
  keyProtector?: KeyProtector;
}

/**
 * KAKANAI_PRINTER names the printer Electron prints to; without it the demo writes its fictional prints to files and
 * a real kiosk refuses to print. The hand-off to the clerk is the sealed queue either way.
 */
export function electronServiceOptions(input: ElectronServiceInput): CounterServiceOptions {
  const printerName = input.env['KAKANAI_PRINTER'];
  return {
    ...(input.packaged && input.resourcesPath ? { templatesDir: join(input.resourcesPath, 'templates') } : {}),
    outputDir: join(input.userData, 'output'),
    // The queue's key beside the data folder, never in it: a copy of output/ alone opens nothing.
    keys: { dir: join(input.userData, 'keys'), ...(input.keyProtector ? { protector: input.keyProtector } : {}) },
    demo: input.env['KAKANAI_DEMO'] === '1',
    ...(printerName ? { printer: electronPrinter(input.silentPrint(), printerName) } : {}),
  };
}
