// The clerk's desk behind ../../contract/clerk.ts: the queue (open, status, print, export), the live mirror of the
// kiosk session, corrections, the 照合番号B read and the PIN-guard override. Every action is audited through the
// queue's audit() with the desk's id and codes only, never a value.
import {
  isClerkRequestName,
  type ClerkApi,
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
import { PrintError, printSubmission } from '../printing';
import { QueueError, type Actor, type AuditAction, type ClerkQueue, type SubmissionSummary } from '../queue';
import type { DeskRegistry } from './desks';
import { clerkParamSchemas } from './request-schemas';

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
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'no-session' || code === 'invalid-request' || code === 'busy') return { code };
  return { code: 'internal' };
}

export interface ClerkDeskOptions {
  desks: DeskRegistry;
  live: LiveKiosk;
  /** Undefined when the service hands submissions elsewhere: queue requests then fail with `no-queue`. */
  queue: ClerkQueue | undefined;
  exportDir?: string;
  /** The printer when the clerk names none; undefined = the CUPS default. */
  printer?: string;
  /** The title the kiosk offers a procedure under, for the queue's lines. */
  procedureTitle?: (procedureId: string) => Localized | undefined;
  /** The BPR figures: when a hand-off was opened and decided (by the submission's random key, nothing else). */
  figures?: { clerkOpened(submissionKey: string): void; clerkStatus(submissionKey: string, status: 'confirmed' | 'done' | 'returned'): void };
}

type Handlers = { [N in ClerkRequestName]: (params: ClerkParams<N>, actor: Actor) => Promise<ClerkResult<N>> };

export class ClerkDesk implements ClerkApi {
  private readonly listeners = new Set<(event: ClerkEvent, deskId: string | undefined) => void>();
  private readonly offDesks: () => void;

  constructor(private readonly options: ClerkDeskOptions) {
    this.offDesks = options.desks.onDeskEnded((deskId, why) => {
      this.audit({ kind: 'desk', id: deskId }, 'pairing', { detail: why });
      this.emit({ type: 'desk-ended' }, deskId);
    });
  }

  get desks(): DeskRegistry {
    return this.options.desks;
  }

  async request<N extends ClerkRequestName>(deskId: string, name: N, params: ClerkParams<N>): Promise<ClerkResult<N>> {
    if (!isClerkRequestName(name)) throw new ClerkRequestError('invalid-request');
    const parsed = clerkParamSchemas[name].safeParse(params ?? {});
    if (!parsed.success) throw new ClerkRequestError('invalid-request');
    const handler = this.handlers[name] as (p: unknown, actor: Actor) => Promise<ClerkResult<N>>;
    return handler(parsed.data, { kind: 'desk', id: deskId });
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

  /** A desk paired (the host calls this after DeskRegistry.pair succeeded). */
  paired(deskId: string): void {
    this.audit({ kind: 'desk', id: deskId }, 'pairing', { detail: 'paired' });
  }

  /** Audits what the kiosk's staff panel did (revoke). */
  kioskAudit(action: AuditAction, detail: string): void {
    this.audit({ kind: 'kiosk', id: 'kiosk' }, action, { detail });
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
    'desk.whoami': async (_p, actor) => ({ deskId: actor.id }),

    'queue.list': async () => ({ items: this.queue().list().map((s) => this.queueItem(s)) }),

    'queue.open': async ({ id }, actor) => {
      const opened = this.queue().open(id, actor);
      this.figuresOf(id, (f, key) => f.clerkOpened(key));
      const forms = opened.reveal().map((f) => ({
        templateId: f.templateId,
        pdfBase64: Buffer.from(f.pdf.buffer, f.pdf.byteOffset, f.pdf.byteLength).toString('base64'),
        values: { ...f.values },
      }));
      return { item: this.queueItem(opened.summary), forms };
    },

    'queue.setStatus': async ({ id, status, reason }, actor) => {
      const queue = this.queue();
      const key = this.options.figures ? queue.submissionKeyOf(id) : undefined; // before a done one is purged
      queue.setStatus(id, status, actor, reason);
      if (key !== undefined) this.options.figures?.clerkStatus(key, status);
      this.queueChanged();
      // A done submission is purged at once: there is nothing left to show.
      const item = queue.list().find((s) => s.id === id);
      return { item: item ? this.queueItem(item) : null };
    },

    'queue.print': async ({ id, printer }, actor) => {
      const chosen = printer ?? this.options.printer;
      const { jobIds } = await printSubmission(this.queue(), id, actor, chosen ? { printer: chosen } : {});
      return { jobs: jobIds.length };
    },

    'queue.export': async ({ id }, actor) => {
      const forms = exportSubmission(this.queue(), id, actor, this.options.exportDir ? { exportDir: this.options.exportDir } : {});
      return { forms: forms.map((f) => ({ templateId: f.templateId, baseName: f.baseName, json: f.json, csv: f.csv })) };
    },

    'mirror.get': async () => this.options.live.mirror(),

    'mirror.correct': async ({ key, value }, actor) => {
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
  };

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
