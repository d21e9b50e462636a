// The clerk's desk behind ../../contract/clerk.ts: the queue (open, status, print, export), the live mirror of the
// kiosk session, corrections, the 照合番号B read and the PIN-guard override. Every action is audited through the
// queue's audit() with the desk's id and codes only, never a value.
import {
  isClerkRequestName,
  type ClerkApi,
  type DeskIdentity,
  clerkContract,
  type ClerkEvent,
  type ClerkFailure,
  type ClerkParams,
  type ClerkRequestName,
  type ClerkResult,
  type Mirror,
  type QueueItem,
} from '../../contract/clerk';
import type { AnswerProblem, AnswerValue, Localized } from '../../contract/kiosk';
import { exportSubmission } from '../export';
import { DeskPrinterError, DeskPrinters, PrintError, printSubmission } from '../printing';
import type { DayListEntry, DayListEvent } from '../figures';
import { QueueError, type Actor, type AuditAction, type ClerkQueue, type SubmissionSummary } from '../queue';
import { SessionTable } from '../access';
import type { StaffSignIn } from '../staff';
import { deskPlace, type DeskRegistry } from './desks';
import { SubmissionDesk, type DeskForms } from './submission-desk';

/** The live kiosk session, as the counter service lets a desk see and touch it. */
export interface LiveKiosk {
  mirror(): Mirror;
  /** The kiosk's own answer path (same checks); throws KioskRequestError('no-session' | 'invalid-request'). */
  correct(key: string, value: AnswerValue): Promise<{ problems: AnswerProblem[] }>;
  readWithCheckCodeB(code: { birth: string; expiryYear: string; securityCode: string }): Promise<ClerkResult<'card.readWithCheckCodeB'>>;
  allowLastTry(): void;
}

export class ClerkRequestError extends Error {
  override readonly name = 'ClerkRequestError';
  constructor(readonly code: ClerkFailure['code']) {
    super(code);
  }
}

/** What a host sends back for a failed clerk request: a code, never the thrown message. */
export function clerkFailureOf(error: unknown): ClerkFailure {
  if (error instanceof ClerkRequestError) return { code: error.code };
  if (error instanceof QueueError) return { code: error.code === 'not-found' ? 'not-found' : error.code === 'bad-transition' ? 'bad-transition' : 'internal' };
  if (error instanceof PrintError) return { code: 'print-failed' };
  if (error instanceof DeskPrinterError) return { code: 'not-found' };
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'no-session' || code === 'invalid-request' || code === 'busy' || code === 'not-signed-in') return { code };
  return { code: 'internal' };
}

export interface ClerkDeskOptions {
  desks: DeskRegistry;
  /** The staff directory's sign-in: a desk is paired, and the kiosk's staff panel opened, by a signed-in clerk. */
  staff: StaffSignIn;
  /** The kiosk screen's staff panel: idle and absolute limits of a clerk's sign-in there. Default 90 s and 15 min. */
  kioskStaff?: { idleMs?: number; absoluteMs?: number; clock?: () => number };
  live: LiveKiosk;
  /** Undefined when the service hands submissions elsewhere: queue requests then fail with `no-queue`. */
  queue: ClerkQueue | undefined;
  exportDir?: string;
  /** The printer when neither the clerk, the desk nor the procedure names one; undefined = the CUPS default. */
  printer?: string;
  /** The city's call bell, if it has one (call-bell.ts); the desk's page plays its shipped chime otherwise. */
  bell?: () => { file: string; type: string; size: number } | undefined;
  /** The desks' remembered printers and the city's per procedure (default: in memory only). */
  printers?: DeskPrinters;
  /** The title the kiosk offers a procedure under, for the queue's lines. */
  procedureTitle?: (procedureId: string) => Localized | undefined;
  /** The forms library and engine for corrections and the staff strip; without it those requests fail. */
  forms?: DeskForms;
  /** The BPR figures: when a hand-off was opened and decided (by the submission's random key, nothing else). */
  figures?: {
    clerkOpened(submissionKey: string): void;
    clerkStatus(submissionKey: string, status: 'confirmed' | 'done' | 'returned'): void;
    /** The desks' day list (ticket, procedure, times, clerk). */
    dayListed?(event: Omit<DayListEvent, 'day'>): void;
    dayList?(): DayListEntry[];
  };
}

type Handlers = { [N in ClerkRequestName]: (params: ClerkParams<N>, actor: Actor, desk: DeskIdentity) => Promise<ClerkResult<N>> };

export type DeskPairing =
  | { ok: true; sessionId: string; deskId: string; clerk: string; device: string }
  | { ok: false; reason: 'wrong-code' | 'stale-code' | 'wrong-credentials' | 'invalid-request' }
  | { ok: false; reason: 'rate-limited'; retryAfterMs: number };

export type KioskStaffSignIn =
  | { ok: true; token: string; name: string; idleMs: number }
  | { ok: false; reason: 'wrong-credentials' | 'invalid-request' }
  | { ok: false; reason: 'rate-limited'; retryAfterMs: number };

/** The kiosk screen is one sender for the attempt limiter: a resident guessing there slows only that screen. */
const KIOSK_SCREEN = 'kiosk-screen';

export class ClerkDesk implements ClerkApi {
  private readonly listeners = new Set<(event: ClerkEvent, deskId: string | undefined) => void>();
  private readonly offDesks: () => void;
  /** Clerks signed in on the kiosk screen's staff panel (pairing code, desks, revoke). */
  readonly kioskStaff: SessionTable<{ name: string }>;
  private readonly kioskStaffIdleMs: number;
  private readonly submissions: SubmissionDesk;
  private readonly printers: DeskPrinters;

  constructor(private readonly options: ClerkDeskOptions) {
    this.printers = options.printers ?? new DeskPrinters();
    this.offDesks = options.desks.onDeskEnded((deskId, why) => {
      this.audit({ kind: 'desk', id: deskId }, 'pairing', { detail: why });
      this.emit({ type: 'desk-ended' }, deskId);
    });
    this.kioskStaffIdleMs = options.kioskStaff?.idleMs ?? 90_000;
    this.submissions = new SubmissionDesk(() => this.queue(), options.forms, (s) => this.queueItem(s));
    this.kioskStaff = new SessionTable({
      ...(options.kioskStaff?.clock ? { clock: options.kioskStaff.clock } : {}),
      idleMs: this.kioskStaffIdleMs,
      absoluteMs: options.kioskStaff?.absoluteMs ?? 15 * 60_000,
    });
  }

  get desks(): DeskRegistry {
    return this.options.desks;
  }

  get staff(): StaffSignIn {
    return this.options.staff;
  }

  /** The city's call bell file, or undefined (the shipped chime). */
  bellSound(): { file: string; type: string; size: number } | undefined {
    return this.options.bell?.();
  }

  /**
   * A desk's pairing: the kiosk's code, then the clerk's own name and passphrase (role `clerk`). `address` is the
   * caller's; `device` the token its browser got at an earlier sign-in; `place` the browser's own id across pairings
   * (kept as a hash). Audited with the clerk's name.
   */
  async pair(input: { code: unknown; name: unknown; passphrase: unknown }, address: string, device?: string, place?: string): Promise<DeskPairing> {
    if (typeof input.code !== 'string') return { ok: false, reason: 'invalid-request' };
    const code = this.desks.checkCode(input.code, address);
    if (!code.ok) return code;
    const clerk = await this.staff.check(input.name, input.passphrase, 'clerk', address, device);
    if (!clerk.ok) return clerk.reason === 'wrong-credentials' ? { ok: false, reason: 'wrong-credentials' } : clerk;
    const paired = this.desks.pair(input.code, clerk.name, place === undefined ? undefined : deskPlace(place));
    if (!paired.ok) return paired;
    this.audit(clerkActor({ deskId: paired.deskId, clerk: clerk.name }), 'pairing', { detail: 'paired' });
    return { ok: true, sessionId: paired.sessionId, deskId: paired.deskId, clerk: clerk.name, device: clerk.device };
  }

  /** The desk of a live session whose clerk is still in the staff directory as a clerk; a removed clerk's desks end. */
  deskOf(sessionId: string | undefined, { touch = true } = {}): DeskIdentity | undefined {
    const desk = this.desks.deskOf(sessionId, { touch });
    if (desk && !this.staff.hasRole(desk.clerk, 'clerk')) {
      this.desks.revokeClerk(desk.clerk);
      return undefined;
    }
    return desk;
  }

  /** A clerk's sign-in on the kiosk screen's staff panel. */
  async kioskStaffSignIn(name: unknown, passphrase: unknown): Promise<KioskStaffSignIn> {
    const clerk = await this.staff.check(name, passphrase, 'clerk', KIOSK_SCREEN);
    if (!clerk.ok) return clerk;
    this.kioskAudit('pairing', 'staff-sign-in', clerk.name);
    return { ok: true, token: this.kioskStaff.open({ name: clerk.name }), name: clerk.name, idleMs: this.kioskStaffIdleMs };
  }

  /** The clerk signed in on the kiosk's staff panel with this token, or undefined (the panel must sign in again). */
  kioskStaffOf(token: string | undefined): string | undefined {
    const who = this.kioskStaff.get(token);
    if (who && !this.staff.hasRole(who.name, 'clerk')) {
      this.kioskStaff.end(token, 'revoked');
      return undefined;
    }
    return who?.name;
  }

  /** Closes the kiosk's staff panel server-side: a resident's session started, or the clerk closed it. */
  endKioskStaff(token?: string): void {
    if (token === undefined) this.kioskStaff.endWhere(() => true, 'logout');
    else this.kioskStaff.end(token, 'logout');
  }

  async request<N extends ClerkRequestName>(desk: DeskIdentity, name: N, params: ClerkParams<N>): Promise<ClerkResult<N>> {
    if (!isClerkRequestName(name)) throw new ClerkRequestError('invalid-request');
    // The role is checked at each request: a clerk removed from the directory is out at once.
    if (!this.staff.hasRole(desk.clerk, 'clerk')) throw new ClerkRequestError('not-signed-in');
    const parsed = clerkContract.params[name].safeParse(params ?? {});
    if (!parsed.success) throw new ClerkRequestError('invalid-request');
    const handler = this.handlers[name] as (p: unknown, actor: Actor, desk: DeskIdentity) => Promise<ClerkResult<N>>;
    return handler(parsed.data, clerkActor(desk), desk);
  }

  /**
   * A clerk at a desk on the city hall's server corrects the live session (the hall checked who they are and their
   * site): the paired desk's own `mirror.correct`, the same refusals and the same audit line, the actor
   * `clerk:<name>:hall-<desk id>`.
   */
  async correctFromHall(who: { clerk: string; deskId: string }, key: string, value: AnswerValue): Promise<{ ok: true; problems: AnswerProblem[] } | { ok: false; code: 'no-session' | 'invalid-request' | 'busy' | 'internal' }> {
    const parsed = clerkContract.params['mirror.correct'].safeParse({ key, value });
    if (!parsed.success) return { ok: false, code: 'invalid-request' };
    const desk = { deskId: `hall-${who.deskId}`, clerk: who.clerk };
    try {
      return { ok: true, ...(await this.handlers['mirror.correct'](parsed.data, clerkActor(desk), desk)) };
    } catch (error) {
      const { code } = clerkFailureOf(error);
      return { ok: false, code: code === 'no-session' || code === 'invalid-request' || code === 'busy' ? code : 'internal' };
    }
  }

  onEvent(listener: (event: ClerkEvent, deskId: string | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** The counter service calls this whenever the kiosk's step, session or answers changed. */
  mirrorChanged(): void {
    if (this.listeners.size === 0) return;
    this.emit({ type: 'mirror', mirror: this.options.live.mirror() }, undefined);
  }

  queueChanged(): void {
    this.emit({ type: 'queue-changed' }, undefined);
  }

  /** Audits what the kiosk's staff panel did (sign-in, revoke), with the clerk's name. */
  kioskAudit(action: AuditAction, detail: string, clerk?: string): void {
    this.audit(clerk ? { kind: 'clerk', id: `${clerk}:kiosk` } : { kind: 'kiosk', id: 'kiosk' }, action, { detail });
  }

  private queueItem(s: SubmissionSummary): QueueItem {
    return queueItem(s, (id) => this.options.procedureTitle?.(id));
  }

  private figuresOf(id: number, record: (figures: NonNullable<ClerkDeskOptions['figures']>, submissionKey: string) => void): void {
    const figures = this.options.figures;
    const key = figures ? this.options.queue?.submissionKeyOf(id) : undefined;
    if (figures && key !== undefined) record(figures, key);
  }

  close(): void {
    this.offDesks();
    this.listeners.clear();
  }

  private readonly handlers: Handlers = {
    'desk.whoami': async (_p, _actor, desk) => ({ deskId: desk.deskId, clerk: desk.clerk }),

    'queue.list': async () => ({ items: this.queue().list().map((s) => this.queueItem(s)) }),

    'queue.open': async ({ id }, actor, desk) => {
      const opened = this.queue().open(id, actor);
      this.figuresOf(id, (f, key) => f.clerkOpened(key));
      this.dayListed(opened.summary, 'opened', desk);
      const forms = opened.reveal().map((f) => ({
        templateId: f.templateId,
        pdfBase64: Buffer.from(f.pdf.buffer, f.pdf.byteOffset, f.pdf.byteLength).toString('base64'),
        values: { ...f.values },
      }));
      return { item: this.queueItem(opened.summary), forms };
    },

    'queue.setStatus': async ({ id, status, reason }, actor, desk) => {
      const queue = this.queue();
      if (status !== 'returned') {
        await this.submissions.assertFinal(id, actor);
        queue.confirmCorrections(id, actor);
      }
      const key = this.options.figures ? queue.submissionKeyOf(id) : undefined; // before a done one is purged
      const before = queue.summary(id);
      queue.setStatus(id, status, actor, reason);
      this.dayListed({ ...before, status }, 'status', desk);
      if (key !== undefined) this.options.figures?.clerkStatus(key, status);
      this.queueChanged();
      // A done submission is purged at once: there is nothing left to show.
      const item = queue.list().find((s) => s.id === id);
      return { item: item ? this.queueItem(item) : null };
    },

    'queue.print': async ({ id, printer }, actor, desk) => {
      await this.submissions.assertFinal(id, actor);
      const chosen = printer ?? this.printers.printerFor(this.placeOf(desk), this.queue().summary(id).procedureId) ?? this.options.printer;
      const { jobIds } = await printSubmission(this.queue(), id, actor, chosen ? { printer: chosen } : {});
      return { jobs: jobIds.length };
    },

    'queue.export': async ({ id }, actor) => {
      const forms = exportSubmission(this.queue(), id, actor, this.options.exportDir ? { exportDir: this.options.exportDir } : {});
      return { forms: forms.map((f) => ({ templateId: f.templateId, baseName: f.baseName, json: f.json, csv: f.csv })) };
    },

    'mirror.get': async () => this.options.live.mirror(),

    'mirror.correct': async ({ key, value }, actor) => {
      // After the submit the kiosk's answers no longer reach a form: the queue's correction is the way then.
      if (this.options.live.mirror().step === 'done') throw new ClerkRequestError('no-session');
      const result = await this.options.live.correct(key, value);
      this.audit(actor, 'correction', { fieldId: key, detail: 'live-session' });
      return result;
    },

    'card.readWithCheckCodeB': async (code, actor) => {
      const outcome = await this.options.live.readWithCheckCodeB(code);
      this.audit(actor, 'card', { detail: outcome.ok ? 'check-code-b-read' : `check-code-b-${outcome.error.toLowerCase()}` });
      return outcome;
    },

    'card.allowLastTry': async (_p, actor) => {
      this.options.live.allowLastTry();
      this.audit(actor, 'card', { detail: 'last-try-allowed' });
      return {};
    },

    'queue.view': async ({ id }, actor) => this.submissions.view(id, actor),
    'queue.correct': async ({ id, position, fields }, actor) => this.submissions.correct(id, position, fields, actor),
    'queue.staffArea': async ({ id, idDocument }, actor) => this.submissions.staffArea(id, idDocument, actor),
    'queue.confirmCorrections': async ({ id }, actor) => this.submissions.confirmCorrections(id, actor),
    'printers.list': async (_p, _actor, desk) => this.printers.choices(this.placeOf(desk)),

    'printers.choose': async ({ printer }, actor, desk) => {
      const chosen = await this.printers.choose(this.placeOf(desk), printer);
      this.audit(actor, 'print', { detail: chosen === null ? 'printer-forgotten' : 'printer-chosen' });
      return { chosen };
    },

    'day.list': async () => ({
      items: (this.options.figures?.dayList?.() ?? []).map((e) => ({ ...e, procedureTitle: (e.procedureId === null ? undefined : this.options.procedureTitle?.(e.procedureId)) ?? null })),
    }),
  };

  /** What a desk remembers is kept by the browser it was paired from; a desk paired without one, by its id. */
  private placeOf(desk: DeskIdentity): string {
    return this.desks.placeOf(desk.deskId) ?? desk.deskId;
  }

  private dayListed(s: SubmissionSummary, event: 'opened' | 'status', desk: DeskIdentity): void {
    this.options.figures?.dayListed?.({ ticketNumber: s.ticketNumber, procedureId: s.procedureId, submittedAt: s.createdAt, event, status: s.status, clerk: desk.clerk });
  }

  private queue(): ClerkQueue {
    if (!this.options.queue) throw new ClerkRequestError('no-queue');
    return this.options.queue;
  }

  private audit(actor: Actor, action: AuditAction, about: { fieldId?: string; detail?: string }): void {
    try {
      this.options.queue?.audit(actor, action, about);
    } catch {
      // a closed queue (service shutting down) must not turn a finished action into a failure
    }
  }

  private emit(event: ClerkEvent, deskId: string | undefined): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event, deskId);
      } catch {
        // one desk's socket failing must not stop the others
      }
    }
  }
}

/** The queue's audit names the clerk and the desk: `<staff name>:<desk id>`. */
function clerkActor(desk: DeskIdentity): Actor {
  return { kind: 'clerk', id: `${desk.clerk}:${desk.deskId}` };
}

function queueItem(s: SubmissionSummary, titleOf: (procedureId: string) => Localized | undefined): QueueItem {
  return {
    id: s.id,
    ticketNumber: s.ticketNumber,
    day: s.day,
    procedureId: s.procedureId,
    procedureTitle: (s.procedureId === null ? undefined : titleOf(s.procedureId)) ?? null,
    status: s.status,
    returnReason: s.returnReason,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    templateIds: s.forms.map((f) => f.templateId),
  };
}
