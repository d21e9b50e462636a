// The engine's render in a worker thread, with a time and a heap limit: a hostile template or background can cost
// at most one worker (terminated, a typed error returned, a fresh one started), never the service's own thread.
// The worker stays warm between renders (fonts parsed once) and renders one request at a time; one worker per
// lane (the kiosk's, the designer's) so an IT person's preview never queues in front of a resident.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ResidentFields } from '../../../card-reader/personal-data';
import type { AnswerValue } from '../binding/bind';
import { fontsConfigOf } from '../load';
import type { Template } from '../model/template';
import type { BackgroundLimits, BackgroundProblem } from './background-check';
import type { RenderInput, RenderResult } from './render';

export type RenderLimits = {
  /** From the moment the worker starts on a render. */
  timeoutMs: number;
  /** The worker's V8 heap (old generation), fonts included. */
  maxHeapMb: number;
  background?: BackgroundLimits;
};

export const RENDER_LIMITS: RenderLimits = { timeoutMs: 10_000, maxHeapMb: 512 };

export type RenderFailure = 'render-timeout' | 'render-out-of-memory' | 'render-failed' | 'background-refused';

export class RenderError extends Error {
  override readonly name = 'RenderError';
  constructor(
    readonly code: RenderFailure,
    /** For background-refused: the template's background path and why. */
    readonly background?: { path: string; problem: BackgroundProblem },
  ) {
    super(code);
  }
}

/** FormData with the personal data unwrapped: it crosses to the worker by structured clone, in memory only. */
type PlainFormData = {
  today: string;
  resident?: ResidentFields;
  myNumber?: string;
  answers?: Readonly<Record<string, AnswerValue>>;
  session?: { ticketNumber?: string; cityName?: string; windowName?: string };
};
export type RenderRequest = { id: number; input: { templates: readonly Template[]; data: PlainFormData; backgrounds: [string, Uint8Array][]; title?: string } };
export type RenderReply =
  | { id: number; ok: true; result: RenderResult }
  | { id: number; ok: false; code: 'render-failed' }
  | { id: number; ok: false; code: 'background-refused'; path: string; problem: BackgroundProblem };

type Job = { request: RenderRequest; timeoutMs: number; resolve: (r: RenderResult) => void; reject: (e: RenderError) => void };

const STARTUP_TIMEOUT_MS = 60_000;

export class RenderWorker {
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #current: (Job & { timer: NodeJS.Timeout }) | undefined;
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;

  constructor(
    readonly fontsConfig: string,
    readonly limits: RenderLimits = RENDER_LIMITS,
  ) {}

  /** Starts the worker and parses the fonts now, so the first render is as fast as the next. */
  warm(): Promise<void> {
    return this.#start().catch(() => {});
  }

  render(input: Omit<RenderInput, 'fonts'>, timeoutMs = this.limits.timeoutMs): Promise<RenderResult> {
    if (this.#closed) return Promise.reject(new RenderError('render-failed'));
    const { data } = input;
    const request: RenderRequest = {
      id: this.#nextId++,
      input: {
        templates: input.templates,
        data: {
          today: data.today,
          ...(data.resident ? { resident: { ...data.resident.reveal() } } : {}),
          ...(data.myNumber ? { myNumber: data.myNumber.reveal() } : {}),
          ...(data.answers ? { answers: data.answers } : {}),
          ...(data.session ? { session: data.session } : {}),
        },
        backgrounds: [...(input.backgrounds ?? new Map())].filter(([path]) => input.templates.some((t) => t.background?.pdf === path)),
        ...(input.title ? { title: input.title } : {}),
      },
    };
    return new Promise<RenderResult>((resolve, reject) => {
      this.#queue.push({ request, timeoutMs, resolve, reject });
      this.#next();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new RenderError('render-failed'));
    this.#fail(new RenderError('render-failed'), false);
  }

  #start(): Promise<void> {
    if (this.#ready) return this.#ready;
    this.#ready = workerEntry().then((entry) => this.#spawn(entry));
    return this.#ready;
  }

  #spawn(entry: { script: string | URL; eval: boolean }): Promise<void> {
    const worker = new Worker(entry.script, {
      eval: entry.eval,
      workerData: { fontsConfig: this.fontsConfig, ...(this.limits.background ? { backgroundLimits: this.limits.background } : {}) },
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxHeapMb },
      stdout: true, // whatever the engine might print stays in the worker: nothing reaches a log
      stderr: true,
    });
    worker.unref();
    this.#worker = worker;
    let started = false;
    return new Promise<void>((resolve, reject) => {
      const startup = setTimeout(() => ended(new RenderError('render-timeout')), STARTUP_TIMEOUT_MS);
      startup.unref();
      // A worker that never started (fonts missing, heap too small for them) is not restarted in a loop.
      const ended = (error: RenderError) => {
        clearTimeout(startup);
        reject(error);
        if (this.#worker === worker) this.#fail(error, started);
      };
      worker.on('message', (m: RenderReply | { ready: true }) => {
        if ('ready' in m) {
          started = true;
          clearTimeout(startup);
          resolve();
        } else this.#reply(m);
      });
      worker.on('error', (e: Error & { code?: string }) => ended(new RenderError(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'render-out-of-memory' : 'render-failed')));
      worker.on('exit', () => ended(new RenderError('render-failed')));
    });
  }

  #next(): void {
    if (this.#current || this.#queue.length === 0 || this.#closed) return;
    const job = this.#queue.shift()!;
    const timer = setTimeout(() => this.#fail(new RenderError('render-timeout'), true), job.timeoutMs + STARTUP_TIMEOUT_MS);
    this.#current = { ...job, timer };
    this.#start().then(
      () => {
        if (this.#current?.request !== job.request) return;
        // The time limit counts from here: a worker that is still starting is not the render's fault.
        clearTimeout(timer);
        this.#current.timer = setTimeout(() => this.#fail(new RenderError('render-timeout'), true), job.timeoutMs);
        this.#worker!.ref();
        this.#worker!.postMessage(job.request);
      },
      (e: unknown) => {
        // The worker could not start: no restart in a loop, the queue fails with it.
        if (this.#current?.request === job.request) this.#fail(e instanceof RenderError ? e : new RenderError('render-failed'), false);
      },
    );
  }

  #reply(reply: RenderReply): void {
    const job = this.#current;
    if (!job || job.request.id !== reply.id) return;
    clearTimeout(job.timer);
    this.#current = undefined;
    this.#worker?.unref();
    if (reply.ok) job.resolve(reply.result);
    else if (reply.code === 'background-refused') job.reject(new RenderError('background-refused', { path: reply.path, problem: reply.problem }));
    else job.reject(new RenderError(reply.code));
    this.#next();
  }

  /** Ends the worker (after a timeout, a crash or out of memory): the render in flight fails, the queue goes on. */
  #fail(error: RenderError, restart: boolean): void {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#ready = undefined;
    if (worker) {
      worker.removeAllListeners('exit');
      worker.on('error', () => {});
      void worker.terminate();
    }
    const job = this.#current;
    this.#current = undefined;
    if (job) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    if (!restart || this.#closed) {
      for (const queued of this.#queue.splice(0)) queued.reject(error);
      return;
    }
    if (this.#queue.length > 0) this.#next();
    else void this.warm(); // the next resident finds a warm worker
  }
}

/**
 * The worker's code: render-worker.mjs when a packaged host bundled it beside this file; otherwise the TypeScript
 * source bundled once per process by esbuild (half the start-up of compiling each file through tsx in the worker).
 */
function workerEntry(): Promise<{ script: string | URL; eval: boolean }> {
  const bundled = new URL('./render-worker.mjs', import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return Promise.resolve({ script: bundled, eval: false });
  // Development only: a packaged host ships render-worker.mjs, and its bundle replaces this module with a stub.
  bundling ??= import('./render-worker-source').then(async ({ bundleRenderWorkerSource }) => ({ script: await bundleRenderWorkerSource(), eval: true }));
  return bundling;
}
let bundling: Promise<{ script: string; eval: boolean }> | undefined;

export type RenderLane = 'kiosk' | 'designer' | 'cli';
const workers = new Map<string, RenderWorker>();

/** The warm worker of a lane for the fonts a FontSet was loaded from (loadFonts). */
export function renderWorkerFor(fonts: RenderInput['fonts'], lane: RenderLane = 'kiosk'): RenderWorker {
  const config = fontsConfigOf(fonts);
  if (!config) throw new RenderError('render-failed'); // fonts not from loadFonts: the worker could not load the same
  const key = `${lane}\u0000${config}`;
  let worker = workers.get(key);
  if (!worker) {
    worker = new RenderWorker(config);
    workers.set(key, worker);
  }
  return worker;
}

/** Starts the lane's worker ahead of its first render (fonts parsed, code loaded); never throws. */
export function warmRenderWorker(fonts: RenderInput['fonts'], lane: RenderLane = 'kiosk'): void {
  if (fontsConfigOf(fonts)) void renderWorkerFor(fonts, lane).warm();
}

/** renderForms in the lane's worker: the same input and result, or a RenderError. */
export async function renderFormsIsolated(input: RenderInput, lane: RenderLane = 'kiosk'): Promise<RenderResult> {
  const { fonts, ...rest } = input;
  return renderWorkerFor(fonts, lane).render(rest);
}

/** Ends every lane's worker (a CLI run, a test's cleanup). */
export async function closeRenderWorkers(): Promise<void> {
  const all = [...workers.values()];
  workers.clear();
  await Promise.all(all.map((w) => w.close()));
}
