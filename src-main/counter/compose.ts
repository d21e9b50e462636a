// The composition root: every host (Electron, the browser host, the demo, tests) builds the counter service's parts
// here from its choices, and the service (index.ts) only uses what it is given. The hand-off to the clerk always goes
// to the sealed queue; printing is a separate choice, and only the demo may write (fictional) prints to files.
import { isAbsolute, join, relative, resolve } from 'node:path';
import { PcscReaderService } from '../../card-reader/transport/pcsc';
import type { Localized } from '../contract/kiosk';
import type { Mirror } from '../contract/clerk';
import { warmRenderWorker } from '../forms/engine/render-isolated';
import { loadFonts, templatesDir as defaultTemplatesDir } from '../forms/load';
import { AdminDesk, defaultDataDir, type AdminSessionOptions, type FiguresProvider } from './admin';
import { cityBell, ClerkDesk, DeskRegistry, libraryDeskForms, type DeskRegistryOptions, type LiveKiosk } from './clerk';
import { FiguresRecorder } from './figures';
import type { ClerkHandOff, KioskPrinter } from './output';
import { cupsPrinter, type PrinterChoice } from './printing';
import { DeskPrinters } from './printing';
import { demoFolderPrinter, noPrinter } from './printing/kiosk-printers';
import { PrivateFolderError, securePrivateFolder, touchPrivateFile } from './private-folder';
import { ClerkQueue, clerkQueueHandOff, defaultKeysDir, keyFolderStore, type KeyProtector } from './queue';
import { TicketCounter } from './ticket-counter';
import { readerState } from './card-session';
import { HallLink, offlineTicketPrefix, type HallLinkOptions, type KioskReader } from '../hall/kiosk-link';
import { readHallCredential } from '../hall/join';
import { cityDayFormat } from '../forms/binding/city-day';

export interface CounterServiceOptions {
  /** templates/ (forms, bundles/, fonts.json). */
  templatesDir?: string;
  /** Reload the library when a template file changes; running sessions keep their versions. Default true. */
  watchTemplates?: boolean;
  /** pcscd's socket (default $PCSCLITE_CSOCK_NAME or the system one), and a reader name to use only that one. */
  reader?: { socketPath?: string; name?: string };
  /** The virtual card rig with a demo resident: the screen shows DEMO, and prints go to <outputDir>/print. */
  demo?: boolean;
  cityName?: string;
  windowName?: string;
  /** The service's clock (dates on the forms, the ticket's day). */
  clock?: () => Date;
  /** The city's time zone: the visit's day is taken there. Default Asia/Tokyo. */
  timeZone?: string;
  /**
   * warnAfterMs / wipeAfterMs: the screen's own timers (it warns, then wipes). backstopMs: the service wipes by
   * itself when no request came for that long (a screen that crashed or was closed). Any request counts.
   */
  inactivity?: { warnAfterMs?: number; wipeAfterMs?: number; backstopMs?: number };
  /**
   * The data folder (0700, files 0600, fixed on start when ours, refused when another user's): the queue, the ticket
   * counter, figures.db, designer.db, config.json. Default out/kiosk.
   */
  outputDir?: string;
  /**
   * Where the queue's key is kept, apart from the data folder (a folder inside it is refused): `dir` default
   * $XDG_CONFIG_HOME/kakanai/keys; `protector` wraps the key with the OS's secret store (Electron's safeStorage).
   */
  keys?: { dir?: string; protector?: KeyProtector };
  /**
   * The kiosk's printer: CUPS (a choice, {} = the system's default destination) or the host's own printer object
   * (Electron's silent print). Without one, a demo service writes its fictional prints to <outputDir>/print and any
   * other service refuses `print` with PrintError('no-printer').
   */
  printer?: PrinterChoice | KioskPrinter;
  /**
   * The clerk hand-off queue that `toClerk` submissions go to, opened elsewhere (the service does not close it).
   * Default: <outputDir>/queue, sealed at rest, closed with the service.
   */
  queue?: ClerkQueue;
  /** The clerk's desks: pairing timings, the export folder, the printer when the clerk names none. */
  clerk?: { desks?: DeskRegistryOptions; exportDir?: string; printer?: string };
  /**
   * The IT staff's admin app (config.json and designer.db in outputDir): the BPR figures it shows, session and
   * sign-in limits, and the fixtures folder the preview's fictional residents come from.
   */
  admin?: { figures?: FiguresProvider; sessions?: AdminSessionOptions; fixturesDir?: string };
  /**
   * The BPR figures: anonymous step durations per procedure and day in <outputDir>/figures.db (docs/figures.md).
   * false turns them off; the admin's `figures` option, when given, is what the admin page shows instead.
   */
  figures?: boolean;
  /**
   * A kiosk joined to the city hall (`kakanai kiosk join` left a credential in the data folder): its queue becomes the
   * outbox forwarded to the hall, its templates come from the hall. false ignores a credential; the numbers tune it.
   */
  hall?: false | Pick<HallLinkOptions, 'ackWithinMs' | 'stateEveryMs' | 'templatesEveryMs' | 'retryMs'>;
}

/** Settings the service reads, resolved once. */
export interface CounterSettings {
  templatesDir: string;
  dataDir: string;
  watchTemplates: boolean;
  demo: boolean;
  cityName: string;
  windowName: string | undefined;
  readerName: string | undefined;
  clock: () => Date;
  /** The visit's day (YYYY-MM-DD) in the city's time zone, now. */
  today(): string;
  inactivity: { warnAfterMs: number; wipeAfterMs: number; backstopMs: number };
}

/** What the admin and clerk desks call back into: the service binds itself once it is built. */
export interface ServiceLinks {
  live: LiveKiosk;
  libraryChanged(): void;
  procedureTitle(procedureId: string): Localized | undefined;
}

export interface TicketSource {
  peek(day: string): string;
  next(day: string): Promise<string>;
}

/** Everything the service uses. It closes them with `close()`, after it stopped using them. */
export interface CounterParts {
  settings: CounterSettings;
  readers: PcscReaderService;
  queue: ClerkQueue;
  handOff: ClerkHandOff;
  printer: KioskPrinter;
  /** Undefined when off or when figures.db could not be opened: the kiosk works without figures. */
  figures: FiguresRecorder | undefined;
  /** A visit's ticket: `peek` for its preview, `next` when it is submitted (a joined kiosk asks the hall first). */
  tickets: TicketSource;
  admin: AdminDesk;
  clerk: ClerkDesk;
  /** The link to the city hall when this kiosk joined one, else undefined (the kiosk works alone). */
  hall: HallLink | undefined;
  bind(service: ServiceLinks): void;
  close(): Promise<void>;
}

export function composeCounter(options: CounterServiceOptions = {}): CounterParts {
  const settings = resolveSettings(options);
  const { dataDir } = settings;
  const keysDir = options.keys?.dir ?? defaultKeysDir();
  if (!options.queue && isWithin(keysDir, dataDir)) throw new PrivateFolderError('keys-in-data');
  securePrivateFolder(dataDir);
  // SQLite creates a new database with the process's umask: these exist 0600 before it opens them.
  for (const file of ['figures.db', 'designer.db']) touchPrivateFile(join(dataDir, file));
  let links: ServiceLinks | undefined;
  const linked = () => {
    if (!links) throw new Error('counter service not bound');
    return links;
  };

  const figures = options.figures === false ? undefined : openFigures(join(dataDir, 'figures.db'), settings.clock, options.timeZone);
  const figuresProvider = options.admin?.figures ?? figures;
  // The kiosk's library: templates/ with the versions the IT staff published in the designer laid over.
  // One store of printer choices: IT staff set a procedure's printer in the admin app, the desks print by it.
  const deskPrinters = new DeskPrinters({ dataDir });
  const admin = new AdminDesk({
    templatesDir: settings.templatesDir,
    dataDir,
    printers: deskPrinters,
    today: settings.today,
    ...(options.cityName ? { cityName: options.cityName } : {}),
    ...(figuresProvider ? { figures: figuresProvider } : {}),
    ...(options.admin?.sessions ? { sessions: options.admin.sessions } : {}),
    ...(options.admin?.fixturesDir ? { fixturesDir: options.admin.fixturesDir } : {}),
    onLiveChanged: () => links?.libraryChanged(),
  });
  // Parse the fonts and start the kiosk's render worker now, not during the first resident's preview.
  warmRenderWorker(loadFonts(join(settings.templatesDir, 'fonts.json')).fonts);

  const credential = options.hall === false ? undefined : readHallCredential(dataDir);
  const ownsQueue = !options.queue;
  // A joined kiosk's queue is its outbox: the outbox purges once per round, not per visit.
  const queue = options.queue ?? new ClerkQueue({ dir: join(dataDir, 'queue'), keys: keyFolderStore(keysDir, options.keys?.protector), ...(credential ? { purgeWhenDone: false } : {}) });
  const printer = choosePrinter(options, dataDir);
  // A joined kiosk's own numbers carry its prefix: unique across the hall's kiosks when issued offline.
  const tickets = new TicketCounter(join(dataDir, 'ticket-counter.json'), credential ? offlineTicketPrefix(credential) : undefined);
  const readers = new PcscReaderService(options.reader?.socketPath ? { socketPath: options.reader.socketPath } : {});
  const hall =
    credential?.kind === 'kiosk' ? linkToHall(credential, options.hall || {}, queue, admin, readers, () => links?.libraryChanged(), () => linked().live.mirror(), (who, key, value) => clerk.correctFromHall(who, key, value))
      : undefined;
  const clerk = new ClerkDesk({
    desks: new DeskRegistry(options.clerk?.desks),
    staff: admin.staff,
    live: {
      mirror: () => linked().live.mirror(),
      correct: (key, value) => linked().live.correct(key, value),
      readWithCheckCodeB: (code) => linked().live.readWithCheckCodeB(code),
      allowLastTry: () => linked().live.allowLastTry(),
    },
    queue,
    ...(options.clerk?.exportDir ? { exportDir: options.clerk.exportDir } : {}),
    ...(options.clerk?.printer ? { printer: options.clerk.printer } : {}),
    printers: deskPrinters,
    bell: () => cityBell(dataDir),
    ...(figures ? { figures } : {}),
    procedureTitle: (id) => links?.procedureTitle(id),
    forms: libraryDeskForms({ library: () => admin.liveLibrary(), fontsConfig: join(settings.templatesDir, 'fonts.json'), backgroundBytes: (path) => admin.backgroundBytes(path) }),
  });

  return {
    settings,
    readers,
    queue,
    handOff: hall ? { ...clerkQueueHandOff(queue), acknowledge: (job) => hall.acknowledge(job.submissionKey ?? '', job.ticketNumber) } : clerkQueueHandOff(queue),
    printer,
    figures,
    tickets: {
      // A joined kiosk cannot know the hall's number before it is issued: its preview leaves the box empty.
      peek: (day) => (hall ? '' : tickets.peek(day)),
      // The site's one sequence when the hall answers within the short wait; the kiosk's own (offline) otherwise.
      next: async (day) => (await hall?.ticket(day)) ?? tickets.next(day),
    },
    admin,
    clerk,
    hall,
    bind(service) {
      links = service;
      // A joined kiosk streams the same mirror its local desks get to the hall's desks.
      if (hall) clerk.onEvent((event) => event.type === 'mirror' && hall.mirrorChanged(event.mirror));
      hall?.start();
    },
    async close() {
      await hall?.close();
      clerk.close();
      admin.close();
      figures?.close();
      await readers.close();
      if (ownsQueue) queue.close();
    },
  };
}

/** The joined kiosk's link: templates cached into the designer's store, the reader's state as the hall lists it. */
function linkToHall(
  credential: NonNullable<ReturnType<typeof readHallCredential>>,
  tuning: Pick<HallLinkOptions, 'ackWithinMs' | 'stateEveryMs' | 'templatesEveryMs' | 'retryMs'>,
  queue: ClerkQueue,
  admin: AdminDesk,
  readers: PcscReaderService,
  libraryChanged: () => void,
  mirror: () => Mirror,
  correct: NonNullable<HallLinkOptions['correct']>,
): HallLink {
  const reader = (): KioskReader => {
    const state = readerState(readers);
    return !state.service ? 'unavailable' : !state.reader ? 'absent' : state.card === 'present' ? 'card' : 'present';
  };
  const link = new HallLink({
    ...tuning,
    credential,
    queue,
    reader,
    mirror,
    correct,
    backgrounds: { has: (hash) => admin.store.backgroundPages(hash) !== undefined, add: (bg) => void admin.store.addBackground(bg, 'hall') },
    cacheTemplates: (versions) => {
      const changed = admin.store.cacheHallVersions(versions);
      if (changed) libraryChanged();
      return changed;
    },
  });
  for (const e of ['pcscd-up', 'pcscd-down', 'reader-added', 'reader-removed', 'card-inserted', 'card-removed'] as const) readers.on(e, () => link.readerChanged());
  return link;
}

function isWithin(path: string, folder: string): boolean {
  const r = relative(resolve(folder), resolve(path));
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

function resolveSettings(options: CounterServiceOptions): CounterSettings {
  const clock = options.clock ?? (() => new Date());
  const day = cityDayFormat(options.timeZone);
  const warnAfterMs = options.inactivity?.warnAfterMs ?? 60_000;
  const wipeAfterMs = options.inactivity?.wipeAfterMs ?? warnAfterMs + 30_000;
  return {
    templatesDir: options.templatesDir ?? defaultTemplatesDir,
    dataDir: options.outputDir ?? defaultDataDir,
    watchTemplates: options.watchTemplates !== false,
    demo: options.demo ?? false,
    cityName: options.cityName ?? '香取市',
    windowName: options.windowName,
    readerName: options.reader?.name,
    clock,
    today: () => day(clock()),
    inactivity: { warnAfterMs, wipeAfterMs, backstopMs: options.inactivity?.backstopMs ?? Math.max(wipeAfterMs * 2, 300_000) },
  };
}

/** The printer given, else the demo's folder for a demo service, else none (a print is refused, never written). */
function choosePrinter(options: CounterServiceOptions, dataDir: string): KioskPrinter {
  const given = options.printer;
  if (given && 'print' in given) return given;
  if (given) return cupsPrinter(given);
  return options.demo ? demoFolderPrinter(dataDir) : noPrinter;
}

function openFigures(file: string, clock: () => Date, timeZone: string | undefined): FiguresRecorder | undefined {
  try {
    return new FiguresRecorder({
      file,
      clock,
      ...(timeZone ? { timeZone } : {}),
      onError: (e) => console.error(`figures: ${e.code}`),
    });
  } catch (e) {
    // Figures are for the city's BPR: a kiosk without them still serves residents.
    console.error(`figures: ${(e as { code?: string }).code ?? 'cannot-open'}`);
    return undefined;
  }
}
