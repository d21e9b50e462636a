// kakanai serve [--port N] [--host 127.0.0.1] [--demo] [--templates DIR] [--out DIR] [--printer NAME] [--tls-cert PEM --tls-key PEM]
// The browser host: the counter service over HTTP + WebSocket, serving the built renderer. Prints one line, the URL.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startCounterService, type CounterServiceOptions } from '../counter';
import { setUpReader, type ReaderSetup } from '../counter/reader-setup';
import { DEFAULT_PORT, startWebHost, type WebHost } from '../hosts/web/server';

const USAGE = '使い方 / usage: kakanai serve [--port N] [--host 127.0.0.1] [--demo] [--templates DIR] [--out DIR] [--printer NAME] [--tls-cert PEM --tls-key PEM]';

export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        demo: { type: 'boolean' },
        templates: { type: 'string' },
        out: { type: 'string' },
        printer: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
      },
    }));
  } catch {
    console.error(USAGE);
    return 2;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(USAGE);
    return 2;
  }
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) {
    console.error('TLS には証明書と鍵の両方が必要です / --tls-cert and --tls-key go together');
    return 2;
  }
  let tls: ServeOptions['tls'];
  try {
    tls = values['tls-cert'] ? { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']!) } : undefined;
  } catch {
    console.error('証明書または鍵を読めません / cannot read the TLS certificate or key');
    return 2;
  }
  const reader = await setUpReader(values.demo ? 'demo' : 'system');
  if (reader.demo) console.error(reader.summary);
  return serveKiosk({ reader, host: values.host, port, templatesDir: values.templates, outputDir: values.out, printer: values.printer, ...(tls ? { tls } : {}) });
}

export interface ServeOptions {
  reader: ReaderSetup;
  host?: string;
  port?: number;
  templatesDir?: string;
  outputDir?: string;
  /** A CUPS queue for the kiosk's prints (default $KAKANAI_PRINTER, else the system default). The demo writes files instead. */
  printer?: string;
  /** PEM certificate and key: required to bind to anything but loopback (clerk desks on other PCs). */
  tls?: { cert: Buffer; key: Buffer };
  /**
   * Called once the host listens, to open the kiosk's browser (signed in with host.openKioskSession()); returns a
   * stop function. Without it a one-time launch URL is printed for the developer's own browser.
   */
  onListening?: (host: WebHost) => (() => void) | void;
}

/** Runs the browser host until SIGINT / SIGTERM, then stops everything it started. */
export async function serveKiosk(options: ServeOptions): Promise<number> {
  const { reader } = options;
  let host: WebHost | undefined;
  const service = await startCounterService(browserServiceOptions(options, process.env));
  try {
    host = await startWebHost({ service, host: options.host, port: options.port, clerk: service.clerk, admin: service.admin, ...(options.tls ? { tls: options.tls } : {}) });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!code && e instanceof Error) console.error(e.message); // the TLS refusal says what to do
    console.error(`起動できません / cannot listen on ${options.host ?? '127.0.0.1'}:${options.port ?? DEFAULT_PORT}${code ? ` (${code})` : ''}`);
    await service.close();
    await reader.stop();
    return 1;
  }
  console.log(host.url);
  if (!options.onListening) {
    // The kiosk socket answers only a page signed in as the kiosk: this URL does it once, within 5 minutes.
    console.log(host.launchUrl());
    console.error('キオスク画面は上の 2 行目の URL を一度だけ開いてください / open the second URL above once (one use, 5 minutes) for the kiosk screen');
  }
  const stopExtra = options.onListening?.(host);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  stopExtra?.();
  await host.close();
  await service.close();
  await reader.stop();
  return 0;
}

/**
 * The browser host's choices for the one composition (counter/compose.ts). Real residents' forms are printed through
 * CUPS (the named queue, else the system default), never written to disk; the demo resident's go to <data>/print.
 */
export function browserServiceOptions(options: Omit<ServeOptions, 'onListening' | 'tls'>, env: Record<string, string | undefined>): CounterServiceOptions {
  const { reader } = options;
  const printer = options.printer ?? env['KAKANAI_PRINTER'];
  return {
    reader: { socketPath: reader.socketPath, ...(reader.readerName ? { name: reader.readerName } : {}) },
    demo: reader.demo,
    ...(options.templatesDir ? { templatesDir: options.templatesDir } : {}),
    ...(options.outputDir ? { outputDir: options.outputDir } : {}),
    ...(reader.demo ? {} : { printer: printer ? { printer } : {} }),
  };
}
