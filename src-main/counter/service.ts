// The counter service: the kiosk's behaviour behind the one contract (../contract/kiosk.ts). Both hosts only call
// request / onEvent / close. It uses the parts compose.ts built from the host's choices and constructs none itself.
// Personal data lives in the current ResidentSession and nowhere else; nothing is logged.
import { join } from 'node:path';
import type { KioskStep } from '../contract/clerk';
import {
  isKioskRequestName,
  kioskContract,
  type KioskApi,
  type KioskEvent,
  type KioskParams,
  type KioskRequestName,
  type KioskResult,
  type EndReason,
  type AnswerProblem,
  type AddressList,
} from '../contract/kiosk';
import { bindValues } from '../forms/binding/bind';
import { isReadingOnly } from '../forms/binding/reading';
import { loadCityAddresses } from '../forms/city/addresses';
import { PostalLookup } from '../forms/city/postal-lookup';
import { loadCityProcedures, loadFonts } from '../forms/load';
import type { AdminDesk } from './admin';
import { answerProblems, unofferedOptionProblems } from './answer-problems';
import { householdProblems } from './household';
import { householdKey } from '../forms/model/people';
import { buildCatalogue, type Catalogue } from './catalogue';
import { cardTries, readCard, readerState, residentView } from './card-session';
import type { ClerkDesk, LiveKiosk } from './clerk';
import { composeCounter, type CounterParts, type CounterServiceOptions, type CounterSettings } from './compose';
import { KioskRequestError } from './errors';
import { liveKiosk } from './live-kiosk';
import { submittedForms } from './office';
import { FormRenderer } from './form-renderer';
import { PrintError } from './printing';

import { cardAnswers, dropUnneededMyNumbers, personCardView, personNeedsMyNumber, sameHolder, takeAnswers } from './person-card';
import { ResidentSession } from './resident-session';
import { watchTemplates, type TemplateWatch } from './template-watch';


export interface CounterService extends KioskApi {
  /** The clerk's desks (pairing, queue, live mirror): the browser host serves them at /clerk. */
  readonly clerk: ClerkDesk;
  /** The IT staff's admin app (designer, versions, figures): the browser host serves it at /admin. */
  readonly admin: AdminDesk;
  close(): Promise<void>;
}

type Handlers = { [N in KioskRequestName]: (params: KioskParams<N>) => Promise<KioskResult<N>> };

/** Every host starts the service through here: one composition (compose.ts), whatever the host. */
export async function startCounterService(options: CounterServiceOptions = {}): Promise<CounterService> {
  const parts = composeCounter(options);
  const service = new KioskCounter(parts);
  parts.bind(service);
  return service;
}

class KioskCounter implements CounterService {
  private readonly listeners = new Set<(event: KioskEvent) => void>();
  private readonly settings: CounterSettings;
  private catalogue: Catalogue;
  private session: ResidentSession | undefined;
  private backstop: NodeJS.Timeout | undefined;
  private watcher: TemplateWatch | undefined;
  private readonly renderer: FormRenderer;
  private lastReaderState = '';
  /** Addresses anywhere in Japan by postal code, when the postal data package is installed. */
  private readonly postal = PostalLookup.installed();
  private closed = false;
  readonly clerk: ClerkDesk;
  readonly admin: AdminDesk;
  /** What a paired desk may see and do of the live session (live-kiosk.ts). */
  readonly live: LiveKiosk;
  /** The kiosk's screen, as it reported it (session.step), for the clerk's mirror. */
  private step: KioskStep = 'attract';
  private mirrorUpdatedAt = Date.now();
  /** The clerk's PIN-guard override: for this session's next card.read only. */
  private lastTryAllowedFor: ResidentSession | undefined;

  constructor(private readonly parts: CounterParts) {
    this.settings = parts.settings;
    this.admin = parts.admin;
    this.clerk = parts.clerk;
    this.catalogue = this.buildCatalogue();
    this.renderer = new FormRenderer({
      templatesDir: this.settings.templatesDir,
      backgroundBytes: (path) => this.admin.backgroundBytes(path),
      tickets: { peek: () => parts.tickets.peek(this.today()), next: () => parts.tickets.next(this.today()) },
      today: () => this.today(),
      visit: (session) => this.visit(session),
      isCurrent: (session) => this.session === session,
    });
    const onReaders = () => this.emitReaderState();
    for (const e of ['pcscd-up', 'pcscd-down', 'reader-added', 'reader-removed', 'card-inserted', 'card-removed'] as const) parts.readers.on(e, onReaders);
    if (this.settings.watchTemplates) this.watcher = watchTemplates(this.settings.templatesDir, () => this.applyLibrary());
    this.live = liveKiosk({
      session: () => this.session,
      screen: () => ({ step: this.step, updatedAt: this.mirrorUpdatedAt }),
      lastTryAllowedFor: () => this.lastTryAllowedFor,
      allowLastTryFor: (session) => {
        this.lastTryAllowedFor = session;
      },
      answer: (answers) => this.handlers['session.answer']({ answers }),
      readers: parts.readers,
      readerName: this.settings.readerName,
      prerender: (session) => this.renderer.prerender(session),
      emit: (event) => this.emit(event),
      changed: () => this.liveChanged(),
    });
  }

  /** What the admin and clerk desks reach of the service (compose.ts binds them). */
  libraryChanged(): void {
    this.applyLibrary();
  }

  procedureTitle(procedureId: string) {
    return this.catalogue.plans.get(procedureId)?.procedure.title;
  }

  async request<N extends KioskRequestName>(name: N, params: KioskParams<N>): Promise<KioskResult<N>> {
    if (this.closed) throw new KioskRequestError('internal');
    if (!isKioskRequestName(name)) throw new KioskRequestError('invalid-request');
    const parsed = kioskContract.params[name].safeParse(params ?? {});
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
    this.listeners.clear();
    await this.parts.close();
  }

  private readonly handlers: Handlers = {
    'kiosk.info': async () => ({
      demo: this.settings.demo,
      cityName: this.settings.cityName,
      procedures: this.catalogue.procedures,
      sections: this.catalogue.sections,
      inactivity: { warnAfterMs: this.settings.inactivity.warnAfterMs, wipeAfterMs: this.settings.inactivity.wipeAfterMs },
      templatesVersion: this.catalogue.version,
    }),

    'reader.state': async () => readerState(this.parts.readers),

    'session.start': async ({ procedureId, language }) => {
      const plan = this.catalogue.plans.get(procedureId);
      if (!plan) throw new KioskRequestError('unknown-procedure');
      if (this.session) this.endSession('cancel');
      this.clerk.endKioskStaff(); // a resident at the screen: no staff panel stays open
      const session = new ResidentSession(plan, language, this.today());
      this.session = session;
      this.parts.figures?.sessionStarted(session.id, { id: plan.procedure.id, kind: plan.procedure.kind });
      this.armBackstop();
      this.liveChanged();
      const addressList = this.cityAddresses();
      // A picked address or 続柄 is kanji: the clerk's note is the input's own, shown only for a typed reading.
      const questions = plan.questions.map(({ kanjiByClerk, ...q }) =>
        q.type === 'address' && (addressList || this.postal)
          ? { ...q, ...(addressList ? { addressList } : {}), ...(this.postal ? { postalLookup: true as const } : {}), ...(kanjiByClerk ? { readingByClerk: true as const } : {}) }
          : q.options && q.type === 'text'
            ? { ...q, ...(kanjiByClerk ? { readingByClerk: true as const } : {}) }
            : { ...q, ...(kanjiByClerk ? { kanjiByClerk } : {}) },
      );
      return { sessionId: session.id, procedure: plan.procedure, questions, groups: [...plan.groups] };
    },

    'session.language': async ({ language }) => {
      this.current().language = language;
      return {};
    },

    'card.tries': async () => {
      if (this.session?.reading) throw new KioskRequestError('busy');
      const tries = await cardTries(this.parts.readers, this.settings.readerName);
      // A household person's card on the reader: its tries are its own, never shown as the visitor's.
      if (this.session && this.session.personCardFor === undefined) {
        this.session.triesLeft = tries.error === 'PinBlocked' ? 0 : tries.triesLeft;
        this.liveChanged();
      }
      return tries;
    },

    'session.callClerk': async () => {
      this.current().clerkCalled = true;
      this.liveChanged();
      // A joined kiosk's call also reaches the hall's desks of its site.
      return { deskPaired: this.clerk.desks.list().length > 0 || (this.parts.hall?.desksListening() ?? 0) > 0 };
    },

    'card.read': async ({ pin }) => {
      const session = this.current();
      if (session.reading) throw new KioskRequestError('busy');
      // While a household person's card is placed, the card on the reader is not the visitor's: never read it as theirs.
      if (session.personCardFor !== undefined) throw new KioskRequestError('invalid-request');
      session.reading = true;
      const allowLastTry = this.lastTryAllowedFor === session;
      this.lastTryAllowedFor = undefined; // one-shot, whatever the read's outcome
      try {
        const read = await readCard(this.parts.readers, {
          reader: this.settings.readerName,
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
        this.renderer.prerender(session);
        return { ok: true, resident: residentView(read.resident), facts: session.conditionFacts() };
      } finally {
        session.reading = false;
        this.liveChanged();
      }
    },

    'person.card.begin': async ({ person }) => {
      const session = this.current();
      // Only once the visitor's own card was read (their session is what the person's card joins), one at a time.
      if (!session.resident || !session.questionKeys().has(householdKey(person, 'kana'))) throw new KioskRequestError('invalid-request');
      if (session.reading) throw new KioskRequestError('busy');
      session.personCardFor = person;
      this.liveChanged();
      return {};
    },

    'person.card.read': async ({ pin }) => {
      const session = this.current();
      const person = session.personCardFor;
      if (person === undefined || !session.resident) throw new KioskRequestError('invalid-request');
      if (session.reading) throw new KioskRequestError('busy');
      session.reading = true;
      try {
        // The person's own guard: never their last try (no clerk override reaches a second card).
        const read = await readCard(this.parts.readers, {
          reader: this.settings.readerName,
          pin,
          withMyNumber: personNeedsMyNumber(session, person),
          onProgress: (done, total) => this.emit({ type: 'card-read-progress', done, total }),
        });
        if (this.session !== session || session.personCardFor !== person) throw new KioskRequestError('no-session');
        if (!read.ok) return read;
        const card = { resident: read.resident, ...(read.myNumber ? { myNumber: read.myNumber } : {}) };
        if (sameHolder(card.resident, session.resident)) return { ok: false, error: 'VisitorCard' };
        if ([...session.personCards].some(([n, other]) => n !== person && sameHolder(card.resident, other.resident))) return { ok: false, error: 'CardAlreadyRead' };
        session.personCards.set(person, card);
        session.personCardFor = undefined;
        for (const [key, value] of cardAnswers(person, card)) session.answers.set(key, value);
        session.forgetRendered();
        this.renderer.prerender(session);
        return { ok: true, person: personCardView(person, card) };
      } finally {
        session.reading = false;
        this.liveChanged();
      }
    },

    'person.card.cancel': async () => {
      const session = this.current();
      if (session.reading) throw new KioskRequestError('busy');
      session.personCardFor = undefined;
      this.liveChanged();
      return {};
    },

    'person.card.forget': async ({ person }) => {
      const session = this.current();
      const card = session.personCards.get(person);
      if (!card) return {};
      // What the card gave goes with it: the person's screen asks those items again.
      for (const key of cardAnswers(person, card).keys()) session.answers.delete(key);
      session.personCards.delete(person);
      session.forgetRendered();
      this.liveChanged();
      return {};
    },

    'session.answer': async ({ answers: given }) => {
      const session = this.current();
      const keys = session.questionKeys();
      if (Object.keys(given).some((k) => !keys.has(k))) throw new KioskRequestError('invalid-request');
      const answers = takeAnswers(session, given);
      for (const [key, value] of Object.entries(answers)) {
        session.asked.add(key);
        session.typing.delete(key);
        if (value === null) session.answers.delete(key);
        else session.answers.set(key, value);
      }
      session.forgetRendered();
      // A bundle whose answers left out every 番号利用事務 form no longer needs the My Number: drop it now; so for a
      // family member whose relationship no longer has a form take theirs.
      if (!session.needsMyNumber()) session.myNumber = undefined;
      dropUnneededMyNumbers(session);
      const live = session.liveKeys();
      const problems = this.problemsOf(session, new Set([...session.effectiveAnswers().keys(), ...[...session.asked].filter((k) => live.has(k))]));
      session.problems = problems;
      this.liveChanged();
      this.renderer.prerender(session);
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

    'address.towns': async ({ postalCode }) => {
      this.current(); // a resident's screen asks, within a session
      return { towns: this.postal?.towns(postalCode) ?? [] };
    },

    'session.signature': async ({ pngDataUrl }) => {
      const session = this.current();
      session.signature?.fill(0);
      session.signature = pngDataUrl === null ? null : Buffer.from(pngDataUrl.slice('data:image/png;base64,'.length), 'base64');
      session.forgetRendered();
      this.renderer.prerender(session);
      return {};
    },

    'session.preview': async () => ({ forms: (await this.renderer.render(this.current())).forms }),

    'session.submit': async ({ print, toClerk }) => {
      const session = this.current();
      if (session.submission) return session.submission;
      if (!session.resident) throw new KioskRequestError('invalid-request');
      // A required answer still missing (a screen that skipped its own check): nothing incomplete reaches the clerk.
      if (!session.answersComplete()) throw new KioskRequestError('invalid-request');
      // Nor a refused answer or a broken rule of a question that is asked (0 copies, no account chosen).
      const refused = this.problemsOf(session, session.liveKeys());
      if (refused.some((p) => p.code !== 'not-drawable')) throw new KioskRequestError('answers-refused');
      // Only the ways the city allows for this procedure (the screen offers no other).
      const way = print && toClerk ? 'both' : print ? 'print' : toClerk ? 'clerk' : undefined;
      const allowed = session.plan.procedure.handIn?.offer;
      if (way && allowed && !allowed.includes(way)) throw new KioskRequestError('invalid-request');
      // No printer on this kiosk: refused before anything is rendered or handed off, never written to a file instead.
      if (print && !this.parts.printer.available) throw new PrintError('no-printer');
      const rendered = await this.renderer.renderToSubmit(session);
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
      // A name or address the resident could type only as its reading is finished by a clerk at the desk: such a
      // visit always goes to the clerk's queue too, whatever was chosen, and the done screen says so.
      const kanjiByClerk = job.forms.some((f) => {
        const template = templates.find((t) => t.id === f.templateId);
        return template?.fields.some((field) => field.kanji === 'clerk' && isReadingOnly(f.values?.get(field.id)));
      });
      const printed = print ? await this.parts.printer.print(job) : false;
      const sentToClerk = toClerk || kanjiByClerk ? await this.parts.handOff.sendToClerk(job) : false;
      if (this.session !== session) throw new KioskRequestError('no-session');
      const receipt = sentToClerk ? await this.parts.handOff.acknowledge?.(job) : undefined;
      if (this.session !== session) throw new KioskRequestError('no-session');
      session.submission = {
        ticketNumber: receipt?.ticketNumber ?? job.ticketNumber,
        ...(receipt?.offline ? { offlineTicket: true } : {}),
        printed,
        sentToClerk,
        ...(kanjiByClerk ? { kanjiByClerk: true as const } : {}),
        forms: submittedForms(templates, job.forms),
      };
      if (sentToClerk) this.parts.figures?.handedToClerk(session.id, job.submissionKey);
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
        personCards: s?.personCards.size ?? 0,
        personMyNumbers: [...(s?.personCards.values() ?? [])].filter((c) => c.myNumber !== undefined).length,
      };
    },

    'session.step': async ({ step }) => {
      this.step = step;
      if (this.session) this.parts.figures?.step(this.session.id, step);
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

  /** The problems of the answers to these questions, over the forms the visit fills now, and of the people entered. */
  private problemsOf(session: ResidentSession, keys: ReadonlySet<string>): AnswerProblem[] {
    const { fonts } = loadFonts(join(this.settings.templatesDir, 'fonts.json'));
    const household = session.plan.household;
    const problems = [
      ...answerProblems(session.includedTemplates(), session.formData(this.today(), this.visit(session)), keys, fonts),
      ...(household ? householdProblems(household, session.effectiveAnswers(), keys) : []),
    ];
    // An unknown option is already refused by the forms' check: one problem per key and code.
    const refused = new Set(problems.map((p) => `${p.key}\u0000${p.code}`));
    return [...problems, ...unofferedOptionProblems(session.plan.questions, session.answers, keys).filter((p) => !refused.has(`${p.key}\u0000${p.code}`))];
  }

  /** The clerk signed in on the kiosk screen's staff panel, or the request fails with `not-signed-in`. */
  private kioskClerk(staff: string): string {
    const clerk = this.clerk.kioskStaffOf(staff);
    if (clerk === undefined) throw new KioskRequestError('not-signed-in');
    return clerk;
  }

  private liveChanged(): void {
    this.mirrorUpdatedAt = Date.now();
    this.clerk.mirrorChanged();
  }

  private current(): ResidentSession {
    if (!this.session) throw new KioskRequestError('no-session');
    return this.session;
  }

  private visit(session: ResidentSession) {
    return {
      ...(session.ticketNumber ? { ticketNumber: session.ticketNumber } : {}),
      cityName: this.settings.cityName,
      ...(this.settings.windowName ? { windowName: this.settings.windowName } : {}),
    };
  }

  /** Wipes the current session; `announce` tells every screen (a wipe the screen did not ask for). */
  private endSession(reason: EndReason | undefined, { announce = true } = {}): void {
    clearTimeout(this.backstop);
    this.renderer.cancelPrerender();
    this.backstop = undefined;
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    this.lastTryAllowedFor = undefined;
    this.parts.figures?.sessionEnded(session.id, session.submission ? 'submitted' : reason === 'inactivity' ? 'timed-out' : 'cancelled');
    session.wipe();
    this.liveChanged();
    if (announce && reason) this.emit({ type: 'session-ended', reason });
  }

  private armBackstop(): void {
    clearTimeout(this.backstop);
    this.backstop = setTimeout(() => this.endSession('inactivity'), this.settings.inactivity.backstopMs);
    this.backstop.unref();
  }

  private today(): string {
    return this.settings.today();
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
    const state = readerState(this.parts.readers);
    const key = JSON.stringify(state);
    if (key === this.lastReaderState) return;
    this.lastReaderState = key;
    this.emit({ type: 'reader', state });
  }

  /** The city's 町字 for the address picker, read at each session start so IT staff's update needs no restart. */
  private cityAddresses(): AddressList | undefined {
    const { list, problems } = loadCityAddresses(this.settings.templatesDir);
    for (const line of problems) console.error(`templates: ${line}`);
    return list && { prefecture: list.prefecture, city: list.city, areas: list.areas };
  }

  /** The procedures as the city arranges them; a broken city file leaves the plain order and says why in the log. */
  private buildCatalogue(): Catalogue {
    const { city, problems } = loadCityProcedures(this.settings.templatesDir);
    for (const line of problems) console.error(`templates: ${line}`);
    const catalogue = buildCatalogue(this.admin.liveLibrary(), city);
    for (const id of catalogue.unknownInCity) console.error(`templates: city/procedures.json names "${id}", which is neither a form nor a life event`);
    return catalogue;
  }

  /**
   * Rebuilds the catalogue from templates/ and the designer's live versions, at once (a publish needs no restart).
   * Sessions already started keep the plan they started with.
   */
  private applyLibrary(): void {
    if (this.closed) return;
    const next: Catalogue = this.buildCatalogue();
    if (next.version === this.catalogue.version) return;
    this.catalogue = next;
    this.emit({ type: 'templates-changed', templatesVersion: next.version });
  }
}

