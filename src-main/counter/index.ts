// The counter service: the kiosk's behaviour behind the one contract (../contract/kiosk.ts). Both hosts only call
// request / onEvent / close. Personal data lives in the current ResidentSession and nowhere else; nothing is logged.
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { isCardError } from '../../card-reader/errors';
import { readWithCheckCodeB } from '../../card-reader/protocol';
import { PcscReaderService } from '../../card-reader/transport/pcsc';
import type { KioskStep, Mirror } from '../contract/clerk';
import {
  isKioskRequestName,
  type KioskApi,
  type KioskEvent,
  type KioskParams,
  type KioskRequestName,
  type KioskResult,
  type EndReason,
  type PreviewForm,
} from '../contract/kiosk';
import { bindValues } from '../forms/binding/bind';
import { renderForms } from '../forms/engine/render';
import { loadBackgrounds, loadFonts, templatesDir as defaultTemplatesDir } from '../forms/load';
import { AdminDesk, defaultDataDir, type AdminSessionOptions, type FiguresProvider } from './admin';
import { answerProblems } from './answer-problems';
import { buildCatalogue, type Catalogue } from './catalogue';
import { cardTries, readCard, readerState, residentView } from './card-session';
import { ClerkDesk, DeskRegistry, type DeskRegistryOptions, type LiveKiosk } from './clerk';
import { KioskRequestError } from './errors';
import { FiguresRecorder } from './figures';
import { folderOutput, type Output } from './output';
import { cupsPrintOutput, type PrinterChoice } from './printing';
import { ClerkQueue, clerkQueueOutput } from './queue';
import { requestParamSchemas } from './request-schemas';
import { ResidentSession, type RenderedForms } from './resident-session';
import { TicketCounter } from './ticket-counter';

export { failureOf, KioskRequestError } from './errors';
export type { Output, OutputJob } from './output';

export interface CounterServiceOptions {
  /** templates/ (forms, bundles/, fonts.json). */
  templatesDir?: string;
  /** Reload the library when a template file changes; running sessions keep their versions. Default true. */
  watchTemplates?: boolean;
  /** pcscd's socket (default $PCSCLITE_CSOCK_NAME or the system one), and a reader name to use only that one. */
  reader?: { socketPath?: string; name?: string };
  /** The virtual card rig with a demo resident: the screen shows DEMO. */
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
  /** Where the ticket counter and (with the default output) the PDFs go. Default out/kiosk in the repository. */
  outputDir?: string;
  /**
   * Kiosk printing through CUPS ({} = the system's default destination). Without it, "print" writes the PDFs into
   * <outputDir>/print (mode 0600): for development, the demo and tests, never for residents' real data.
   */
  printer?: PrinterChoice;
  output?: Output;
  /**
   * The clerk hand-off queue that `toClerk` submissions go to (unless `output` replaces the whole output). Default:
   * <outputDir>/queue (SQLite, sealed at rest). The service closes only a queue it opened itself.
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
}

export interface CounterService extends KioskApi {
  /** The clerk's desks (pairing, queue, live mirror): the browser host serves them at /clerk. */
  readonly clerk: ClerkDesk;
  /** The IT staff's admin app (designer, versions, figures): the browser host serves it at /admin. */
  readonly admin: AdminDesk;
  close(): Promise<void>;
}

type Handlers = { [N in KioskRequestName]: (params: KioskParams<N>) => Promise<KioskResult<N>> };

/** Answers can come in a burst (a clerk's corrections): the background render starts once they settle. */
const PRERENDER_DEBOUNCE_MS = 25;

export async function startCounterService(options: CounterServiceOptions = {}): Promise<CounterService> {
  const service = new KioskCounter(options);
  return service;
}

class KioskCounter implements CounterService {
  private readonly listeners = new Set<(event: KioskEvent) => void>();
  private readonly readers: PcscReaderService;
  private readonly templatesDir: string;
  private catalogue: Catalogue;
  private session: ResidentSession | undefined;
  private backstop: NodeJS.Timeout | undefined;
  private watcher: FSWatcher | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private prerenderTimer: NodeJS.Timeout | undefined;
  private readonly tickets: TicketCounter;
  private readonly output: Output;
  private readonly queue: ClerkQueue | undefined;
  private readonly ownsQueue: boolean;
  private readonly clock: () => Date;
  private readonly inactivity: { warnAfterMs: number; wipeAfterMs: number; backstopMs: number };
  private lastReaderState = '';
  private closed = false;
  readonly clerk: ClerkDesk;
  readonly admin: AdminDesk;
  /** The kiosk's screen, as it reported it (session.step), for the clerk's mirror. */
  private step: KioskStep = 'attract';
  private mirrorUpdatedAt = Date.now();
  /** The clerk's PIN-guard override: for this session's next card.read only. */
  private lastTryAllowedFor: ResidentSession | undefined;
  /** Undefined when off or when figures.db could not be opened: the kiosk works without figures. */
  private readonly figures: FiguresRecorder | undefined;

  constructor(private readonly options: CounterServiceOptions) {
    this.templatesDir = options.templatesDir ?? defaultTemplatesDir;
    const outputDir = options.outputDir ?? defaultDataDir;
    this.clock = options.clock ?? (() => new Date());
    this.figures = options.figures === false ? undefined : openFigures(join(outputDir, 'figures.db'), this.clock, options.timeZone);
    const figuresProvider = options.admin?.figures ?? this.figures;
    // The kiosk's library: templates/ with the versions the IT staff published in the designer laid over.
    this.admin = new AdminDesk({
      templatesDir: this.templatesDir,
      dataDir: outputDir,
      today: () => this.today(),
      ...(options.cityName ? { cityName: options.cityName } : {}),
      ...(figuresProvider ? { figures: figuresProvider } : {}),
      ...(options.admin?.sessions ? { sessions: options.admin.sessions } : {}),
      ...(options.admin?.fixturesDir ? { fixturesDir: options.admin.fixturesDir } : {}),
      onLiveChanged: () => this.applyLibrary(),
    });
    this.catalogue = buildCatalogue(this.admin.liveLibrary());
    loadFonts(join(this.templatesDir, 'fonts.json')); // parse the fonts now, not during the first resident's preview
    const warnAfterMs = options.inactivity?.warnAfterMs ?? 60_000;
    const wipeAfterMs = options.inactivity?.wipeAfterMs ?? warnAfterMs + 30_000;
    this.inactivity = { warnAfterMs, wipeAfterMs, backstopMs: options.inactivity?.backstopMs ?? Math.max(wipeAfterMs * 2, 300_000) };
    this.tickets = new TicketCounter(join(outputDir, 'ticket-counter.json'));
    // Clerk queue: given, or opened in the data folder; kiosk printing keeps its own path (folder until CUPS is wired).
    this.ownsQueue = !options.output && !options.queue;
    this.queue = options.output ? options.queue : (options.queue ?? new ClerkQueue({ dir: join(outputDir, 'queue') }));
    const print = options.printer ? cupsPrintOutput(options.printer) : folderOutput(outputDir);
    this.output = options.output ?? clerkQueueOutput(this.queue!, print);

    this.readers = new PcscReaderService(options.reader?.socketPath ? { socketPath: options.reader.socketPath } : {});
    const onReaders = () => this.emitReaderState();
    for (const e of ['pcscd-up', 'pcscd-down', 'reader-added', 'reader-removed', 'card-inserted', 'card-removed'] as const) this.readers.on(e, onReaders);
    if (options.watchTemplates !== false) this.watchTemplates();
    this.clerk = new ClerkDesk({
      desks: new DeskRegistry(options.clerk?.desks),
      staff: this.admin.staff,
      live: this.liveKiosk,
      queue: this.queue,
      ...(options.clerk?.exportDir ? { exportDir: options.clerk.exportDir } : {}),
      ...(options.clerk?.printer ? { printer: options.clerk.printer } : {}),
      ...(this.figures ? { figures: this.figures } : {}),
      procedureTitle: (id) => this.catalogue.plans.get(id)?.procedure.title,
    });
  }

  async request<N extends KioskRequestName>(name: N, params: KioskParams<N>): Promise<KioskResult<N>> {
    if (this.closed) throw new KioskRequestError('internal');
    if (!isKioskRequestName(name)) throw new KioskRequestError('invalid-request');
    const parsed = requestParamSchemas[name].safeParse(params ?? {});
    if (!parsed.success) throw new KioskRequestError('invalid-request');
    if (this.session) this.armBackstop();
    const handler = this.handlers[name] as (p: unknown) => Promise<KioskResult<N>>;
    return handler(parsed.data);
  }

  onEvent(listener: (event: KioskEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.endSession(undefined);
    this.watcher?.close();
    clearTimeout(this.reloadTimer);
    this.listeners.clear();
    this.clerk.close();
    this.admin.close();
    this.figures?.close();
    await this.readers.close();
    if (this.ownsQueue) this.queue?.close();
  }

  private readonly handlers: Handlers = {
    'kiosk.info': async () => ({
      demo: this.options.demo ?? false,
      cityName: this.options.cityName ?? '香取市',
      procedures: this.catalogue.procedures,
      inactivity: { warnAfterMs: this.inactivity.warnAfterMs, wipeAfterMs: this.inactivity.wipeAfterMs },
      templatesVersion: this.catalogue.version,
    }),

    'reader.state': async () => readerState(this.readers),

    'session.start': async ({ procedureId, language }) => {
      const plan = this.catalogue.plans.get(procedureId);
      if (!plan) throw new KioskRequestError('unknown-procedure');
      if (this.session) this.endSession('cancel');
      this.clerk.endKioskStaff(); // a resident at the screen: no staff panel stays open
      const session = new ResidentSession(plan, language);
      this.session = session;
      this.figures?.sessionStarted(session.id, { id: plan.procedure.id, kind: plan.procedure.kind });
      this.armBackstop();
      this.liveChanged();
      return { sessionId: session.id, procedure: plan.procedure, questions: [...plan.questions], groups: [...plan.groups] };
    },

    'session.language': async ({ language }) => {
      this.current().language = language;
      return {};
    },

    'card.tries': async () => {
      if (this.session?.reading) throw new KioskRequestError('busy');
      const tries = await cardTries(this.readers, this.options.reader?.name);
      if (this.session) {
        this.session.triesLeft = tries.error === 'PinBlocked' ? 0 : tries.triesLeft;
        this.liveChanged();
      }
      return tries;
    },

    'session.callClerk': async () => {
      this.current().clerkCalled = true;
      this.liveChanged();
      return {};
    },

    'card.read': async ({ pin }) => {
      const session = this.current();
      if (session.reading) throw new KioskRequestError('busy');
      session.reading = true;
      const allowLastTry = this.lastTryAllowedFor === session;
      this.lastTryAllowedFor = undefined; // one-shot, whatever the read's outcome
      try {
        const read = await readCard(this.readers, {
          reader: this.options.reader?.name,
          pin,
          allowLastTry,
          withMyNumber: session.needsMyNumber(),
          onProgress: (done, total) => this.emit({ type: 'card-read-progress', done, total }),
        });
        // Wiped while the card was being read (backstop, or a new session): keep nothing of this read.
        if (this.session !== session) throw new KioskRequestError('no-session');
        if (!read.ok) {
          if (read.error === 'PinBlocked') session.triesLeft = 0;
          else if (read.triesLeft !== undefined) session.triesLeft = read.triesLeft;
          return read;
        }
        session.clerkCalled = false;
        session.forgetRendered();
        session.resident = read.resident;
        session.myNumber = read.myNumber;
        this.prerender(session);
        return { ok: true, resident: residentView(read.resident) };
      } finally {
        session.reading = false;
        this.liveChanged();
      }
    },

    'session.answer': async ({ answers }) => {
      const session = this.current();
      const keys = session.questionKeys();
      if (Object.keys(answers).some((k) => !keys.has(k))) throw new KioskRequestError('invalid-request');
      for (const [key, value] of Object.entries(answers)) {
        session.typing.delete(key);
        if (value === null) session.answers.delete(key);
        else session.answers.set(key, value);
      }
      session.forgetRendered();
      // A bundle whose answers left out every 番号利用事務 form no longer needs the My Number: drop it now.
      if (!session.needsMyNumber()) session.myNumber = undefined;
      const { fonts } = loadFonts(join(this.templatesDir, 'fonts.json'));
      const given = new Set(session.effectiveAnswers().keys());
      const problems = answerProblems(session.includedTemplates(), session.formData(this.today(), this.visit(session)), given, fonts);
      session.problems = problems;
      this.liveChanged();
      this.prerender(session);
      return { problems };
    },

    'session.typing': async ({ answers }) => {
      const session = this.current();
      const keys = session.questionKeys();
      if (Object.keys(answers).some((k) => !keys.has(k))) throw new KioskRequestError('invalid-request');
      session.typing.clear();
      for (const [key, value] of Object.entries(answers)) if (value !== session.answers.get(key)) session.typing.set(key, value);
      this.liveChanged();
      return {};
    },

    'session.signature': async ({ pngDataUrl }) => {
      const session = this.current();
      session.signature?.fill(0);
      session.signature = pngDataUrl === null ? null : Buffer.from(pngDataUrl.slice('data:image/png;base64,'.length), 'base64');
      session.forgetRendered();
      this.prerender(session);
      return {};
    },

    'session.preview': async () => ({ forms: (await this.render(this.current())).forms }),

    'session.submit': async ({ print, toClerk }) => {
      const session = this.current();
      if (session.submission) return session.submission;
      if (!session.resident) throw new KioskRequestError('invalid-request');
      // A required answer still missing (a screen that skipped its own check): nothing incomplete reaches the clerk.
      if (!session.answersComplete()) throw new KioskRequestError('invalid-request');
      const rendered = await this.render(session);
      const templates = session.includedTemplates();
      const data = session.formData(this.today(), this.visit(session));
      const job = {
        ticketNumber: session.ticketNumber!,
        day: this.today(),
        submissionKey: session.id,
        procedureId: session.plan.procedure.id,
        forms: rendered.forms.map((f, i) => {
          const template = templates.find((t) => t.id === f.templateId);
          // The clerk queue keeps the bound values beside the PDF, for corrections and the core-system export.
          return { templateId: f.templateId, pdf: rendered.pdfs[i]!, ...(template ? { templateVersion: template.version, values: bindValues(template, data) } : {}) };
        }),
      };
      const printed = print ? await this.output.print(job) : false;
      const sentToClerk = toClerk ? await this.output.sendToClerk(job) : false;
      if (this.session !== session) throw new KioskRequestError('no-session');
      session.submission = { ticketNumber: job.ticketNumber, printed, sentToClerk };
      if (sentToClerk) this.figures?.handedToClerk(session.id, job.submissionKey);
      if (sentToClerk) this.clerk.queueChanged();
      return session.submission;
    },

    'session.end': async ({ reason }) => {
      if (this.session) this.endSession(reason, { announce: false });
      return {};
    },

    'session.memory': async () => {
      const s = this.session;
      return {
        hasSession: s !== undefined,
        hasResident: s?.resident !== undefined,
        hasMyNumber: s?.myNumber !== undefined,
        answerCount: s?.answers.size ?? 0,
        renderedForms: s?.rendered?.forms.length ?? 0,
      };
    },

    'session.step': async ({ step }) => {
      this.step = step;
      if (this.session) this.figures?.step(this.session.id, step);
      this.liveChanged();
      return {};
    },

    'staff.signIn': async ({ name, passphrase }) => {
      const outcome = await this.clerk.kioskStaffSignIn(name, passphrase);
      if (outcome.ok) return { ok: true, staff: outcome.token, name: outcome.name, idleMs: outcome.idleMs };
      if (outcome.reason === 'rate-limited') return outcome;
      if (outcome.reason === 'invalid-request') throw new KioskRequestError('invalid-request');
      return { ok: false, reason: 'wrong-credentials' };
    },

    'staff.signOut': async ({ staff }) => {
      this.clerk.endKioskStaff(staff);
      return {};
    },

    // The staff panel's requests: only with a clerk's sign-in on this screen, checked at each request.
    'kiosk.pairingCode': async ({ staff }) => {
      this.kioskClerk(staff);
      return this.clerk.desks.pairingCode();
    },

    'desks.list': async ({ staff }) => {
      this.kioskClerk(staff);
      return { desks: this.clerk.desks.list() };
    },

    'desks.revoke': async ({ staff, deskId }) => {
      const clerk = this.kioskClerk(staff);
      const revoked = this.clerk.desks.revoke(deskId);
      if (revoked) this.clerk.kioskAudit('pairing', 'revoke', clerk);
      return { revoked };
    },
  };

  /** The clerk signed in on the kiosk screen's staff panel, or the request fails with `not-signed-in`. */
  private kioskClerk(staff: string): string {
    const clerk = this.clerk.kioskStaffOf(staff);
    if (clerk === undefined) throw new KioskRequestError('not-signed-in');
    return clerk;
  }

  /** What a paired desk may see and do of the live session (contract/clerk.ts). */
  private readonly liveKiosk: LiveKiosk = {
    mirror: (): Mirror => {
      const s = this.session;
      return {
        step: this.step,
        updatedAt: this.mirrorUpdatedAt,
        session: s
          ? {
              procedure: { id: s.plan.procedure.id, title: s.plan.procedure.title },
              resident: s.resident ? residentView(s.resident) : null,
              questions: s.plan.questions.map((q) => ({ key: q.key, type: q.type, label: q.label, required: q.required, ...(q.options ? { options: q.options } : {}) })),
              answers: Object.fromEntries(s.answers),
              typing: Object.fromEntries(s.typing),
              problems: s.problems,
              lastTryAllowed: this.lastTryAllowedFor === s,
              clerkCalled: s.clerkCalled,
              triesLeft: s.triesLeft,
            }
          : null,
      };
    },
    correct: async (key, value) => {
      const result = await this.handlers['session.answer']({ answers: { [key]: value } });
      this.emit({ type: 'clerk-correction', key, value });
      return result;
    },
    readWithCheckCodeB: async (code) => {
      const session = this.current();
      if (session.reading) throw new KioskRequestError('busy');
      session.reading = true;
      try {
        const read = await this.readers.withCard(this.options.reader?.name, (channel) => readWithCheckCodeB(channel, code));
        if (this.session !== session) throw new KioskRequestError('no-session');
        session.forgetRendered();
        session.resident = read.resident;
        session.clerkCalled = false;
        this.prerender(session);
        this.emit({ type: 'clerk-card-read', resident: residentView(read.resident) });
        return { ok: true as const };
      } catch (e) {
        if (!isCardError(e)) throw e;
        return { ok: false as const, error: e.code, ...(e.triesLeft === undefined ? {} : { triesLeft: e.triesLeft }) };
      } finally {
        session.reading = false;
        this.liveChanged();
      }
    },
    allowLastTry: () => {
      this.lastTryAllowedFor = this.current();
      this.emit({ type: 'last-try-allowed' });
      this.liveChanged();
    },
  };

  private liveChanged(): void {
    this.mirrorUpdatedAt = Date.now();
    this.clerk.mirrorChanged();
  }

  private current(): ResidentSession {
    if (!this.session) throw new KioskRequestError('no-session');
    return this.session;
  }

  /**
   * Every included form as the exact PDF the printer or the clerk gets; the ticket is reserved at the first render.
   * A render already in flight for the same answers (the background one) is joined, not repeated.
   */
  private async render(session: ResidentSession): Promise<RenderedForms> {
    for (;;) {
      if (session.rendered) return session.rendered;
      if (session.reading) throw new KioskRequestError('busy');
      const generation = session.renderGeneration;
      if (session.rendering?.generation !== generation) {
        const promise = this.renderForms(session, generation);
        session.rendering = { promise, generation };
        promise.catch(() => {}).finally(() => {
          if (session.rendering?.promise === promise) session.rendering = undefined;
        });
      }
      await session.rendering!.promise;
      // The answers changed while it ran (stale result dropped): render again from the new ones.
    }
  }

  private async renderForms(session: ResidentSession, generation: number): Promise<RenderedForms> {
    session.ticketNumber ??= this.tickets.next(this.today());
    const { fonts } = loadFonts(join(this.templatesDir, 'fonts.json'));
    const templates = session.includedTemplates();
    const data = session.formData(this.today(), this.visit(session));
    // A session keeps its plan's Template objects; their stored backgrounds are named by hash and never change.
    const backgrounds = loadBackgrounds(templates, (path) => this.admin.backgroundBytes(path));
    const forms: PreviewForm[] = [];
    const pdfs: Uint8Array[] = [];
    const stale = () => this.session !== session || session.renderGeneration !== generation;
    for (const template of templates) {
      // Let requests in between forms: a background render must not hold the screen's next answer.
      await new Promise((resolve) => setImmediate(resolve));
      if (stale()) break;
      const r = await renderForms({ templates: [template], data, fonts, backgrounds });
      pdfs.push(r.pdf);
      forms.push({
        templateId: template.id,
        title: template.title,
        pdfBase64: Buffer.from(r.pdf.buffer, r.pdf.byteOffset, r.pdf.byteLength).toString('base64'),
        pageCount: r.pageCount,
        missingGlyphs: r.missingGlyphs.map((g) => ({ fieldId: g.fieldId, codePoint: g.codePoint })),
        problems: r.issues.map((i) => ({ fieldId: i.fieldId, code: i.code })),
      });
    }
    const rendered = { forms, pdfs };
    if (this.session !== session) {
      for (const pdf of pdfs) pdf.fill(0);
      throw new KioskRequestError('no-session');
    }
    if (session.renderGeneration !== generation) {
      for (const pdf of pdfs) pdf.fill(0);
      return rendered;
    }
    session.rendered = rendered;
    return rendered;
  }

  /** Renders in the background once the answers are complete, so the review's session.preview answers at once. */
  private prerender(session: ResidentSession): void {
    clearTimeout(this.prerenderTimer);
    if (session.rendered || session.problems.length > 0 || !session.answersComplete()) return;
    this.prerenderTimer = setTimeout(() => {
      if (this.session !== session || session.rendered || session.reading) return;
      this.render(session).catch(() => {}); // the asked-for render reports its own failure
    }, PRERENDER_DEBOUNCE_MS);
    this.prerenderTimer.unref();
  }

  private visit(session: ResidentSession) {
    return {
      ...(session.ticketNumber ? { ticketNumber: session.ticketNumber } : {}),
      cityName: this.options.cityName ?? '香取市',
      ...(this.options.windowName ? { windowName: this.options.windowName } : {}),
    };
  }

  /** Wipes the current session; `announce` tells every screen (a wipe the screen did not ask for). */
  private endSession(reason: EndReason | undefined, { announce = true } = {}): void {
    clearTimeout(this.backstop);
    clearTimeout(this.prerenderTimer);
    this.backstop = undefined;
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    this.lastTryAllowedFor = undefined;
    this.figures?.sessionEnded(session.id, session.submission ? 'submitted' : reason === 'inactivity' ? 'timed-out' : 'cancelled');
    session.wipe();
    this.liveChanged();
    if (announce && reason) this.emit({ type: 'session-ended', reason });
  }

  private armBackstop(): void {
    clearTimeout(this.backstop);
    this.backstop = setTimeout(() => this.endSession('inactivity'), this.inactivity.backstopMs);
    this.backstop.unref();
  }

  private today(): string {
    return new Intl.DateTimeFormat('sv-SE', { timeZone: this.options.timeZone ?? 'Asia/Tokyo' }).format(this.clock());
  }

  private emit(event: KioskEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // a screen's listener failing must not stop the others
      }
    }
  }

  private emitReaderState(): void {
    const state = readerState(this.readers);
    const key = JSON.stringify(state);
    if (key === this.lastReaderState) return;
    this.lastReaderState = key;
    this.emit({ type: 'reader', state });
  }

  private watchTemplates(): void {
    try {
      this.watcher = watch(this.templatesDir, { recursive: true }, () => {
        clearTimeout(this.reloadTimer);
        this.reloadTimer = setTimeout(() => this.reloadTemplates(), 300);
        this.reloadTimer.unref();
      });
      this.watcher.unref();
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      // no watching on this file system: new templates need a restart
    }
  }

  private reloadTemplates(): void {
    if (this.closed) return;
    try {
      this.applyLibrary();
    } catch {
      // a file caught half-written: the next change event reloads again
    }
  }

  /**
   * Rebuilds the catalogue from templates/ and the designer's live versions, at once (a publish needs no restart).
   * Sessions already started keep the plan they started with.
   */
  private applyLibrary(): void {
    if (this.closed) return;
    const next: Catalogue = buildCatalogue(this.admin.liveLibrary());
    if (next.version === this.catalogue.version) return;
    this.catalogue = next;
    this.emit({ type: 'templates-changed', templatesVersion: next.version });
  }
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
