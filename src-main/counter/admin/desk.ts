// The IT staff's desk behind ../../contract/admin.ts: sign-in and sessions, the designer's documents (the factory
// set in templates/, never written, plus the versions saved here), publishing without a restart, export and import,
// backgrounds, the live preview, the BPR figures and the audit. Every change is audited by staff name and ids.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type {
  AdminApi,
  AdminParams,
  AdminRequestName,
  AdminResult,
  BackgroundInfo,
  DocumentIssue,
  DocumentKind,
  DocumentSummary,
  FigureRow,
  LiveSource,
  ProcedurePrinters,
  PublishProblem,
  VersionInfo,
} from '../../contract/admin';
import { adminContract, isAdminRequestName } from '../../contract/admin';
import { loadFonts, loadLibrary, repoRoot, type TemplateLibrary } from '../../forms/load';
import type { Template } from '../../forms/model/template';
import { decodeBase64, designerBackgroundHash, inspectBackground, sha256Hex } from './backgrounds';
import { describeChanges } from './changes';
import { SessionTable, type AttemptLimiterOptions } from '../access';
import { FileStaffDirectory, StaffSignIn, staffName, type StaffDirectory } from '../staff';
import { AdminRequestError } from './errors';
import { PreviewRenderer } from './preview';
import { describeProblems, publishProblems } from './publish-checks';
import { DesignerStore, type StoredVersion } from './store';
import { packageFileName, readPackage, writePackage } from './template-package';
import { parseDocument, validateDocument, withVersion, type ValidationContext } from './validate';

/** Where 'figures.get' reads from: the BPR recorder (counter/figures), wired by the service. */
export interface FiguresProvider {
  rows(since: string, until?: string): FigureRow[];
  csv(rows: FigureRow[]): string;
}

/** Where the city's printer per procedure is kept: counter/printing's DeskPrinters. */
export interface ProcedurePrinterStore {
  destinations(): Promise<ProcedurePrinters['printers']>;
  byProcedure(): Record<string, string>;
  setProcedurePrinter(procedureId: string, printer: string | null): Promise<Record<string, string>>;
}

/** Admin sessions: idle and absolute limits (default 30 min and 8 h), and the delay on wrong passphrases. */
export interface AdminSessionOptions {
  idleMs?: number;
  absoluteMs?: number;
  limits?: AttemptLimiterOptions;
}

export type SignInOutcome =
  | { ok: true; sessionId: string; name: string; device: string }
  | { ok: false; reason: 'wrong-passphrase' | 'no-passphrase' }
  | { ok: false; reason: 'rate-limited'; retryAfterMs: number };

export interface AdminDeskOptions {
  /** templates/: the factory set, read only. */
  templatesDir: string;
  /** The data folder (the service's outputDir): config.json and designer.db. */
  dataDir: string;
  /** fixtures/ for the preview's fictional residents. Default fixtures/ in the repository. */
  fixturesDir?: string;
  /** The visit day (YYYY-MM-DD) in the city's time zone, for the preview. */
  today(): string;
  cityName?: string;
  figures?: FiguresProvider;
  sessions?: AdminSessionOptions;
  /** Who may sign in; default the staff file in the data folder (kakanai staff). */
  staff?: StaffDirectory;
  clock?: () => number;
  /** The city's printer per procedure (the same store the desks print by); without one the admin app shows none. */
  printers?: ProcedurePrinterStore;
  /** Called when a live version changed: the service rebuilds its catalogue from liveLibrary() at once. */
  onLiveChanged?: () => void;
}

type Handlers = { [N in AdminRequestName]: (who: string, params: AdminParams<N>) => Promise<AdminResult<N>> };

/** One version of a document as the designer sees it: from templates/ or from the store. */
type KnownVersion = { version: number; source: LiveSource; document: unknown; savedAt: number; savedBy: string; note: string | null };

const MAX_CACHED_BACKGROUNDS = 16;

export class AdminDesk implements AdminApi {
  readonly store: DesignerStore;
  readonly sessions: SessionTable<{ name: string }>;
  /** The staff directory's sign-in, shared with the clerk's desks (the service hands it on). */
  readonly staff: StaffSignIn;
  figures: FiguresProvider | undefined;
  onLiveChanged: (() => void) | undefined;
  private readonly preview: PreviewRenderer;
  private readonly backgroundCache = new Map<string, Uint8Array>();
  private readonly sweeper: NodeJS.Timeout;
  private files: { signature: string; lib: TemplateLibrary } | undefined;

  constructor(private readonly options: AdminDeskOptions) {
    this.store = new DesignerStore(join(options.dataDir, 'designer.db'), options.clock ? { clock: options.clock } : {});
    const clock = options.clock ? { clock: options.clock } : {};
    this.sessions = new SessionTable({ ...clock, idleMs: options.sessions?.idleMs ?? 30 * 60_000, absoluteMs: options.sessions?.absoluteMs ?? 8 * 60 * 60_000 });
    this.staff = new StaffSignIn(options.staff ?? new FileStaffDirectory(options.dataDir), { ...clock, ...options.sessions?.limits });
    this.figures = options.figures;
    this.onLiveChanged = options.onLiveChanged;
    this.preview = new PreviewRenderer({
      fixturesDir: options.fixturesDir ?? join(repoRoot, 'fixtures'),
      fonts: () => this.fonts(),
      background: (path) => this.tryBackground(path),
      today: options.today,
      cityName: options.cityName ?? '香取市',
    });
    this.sweeper = setInterval(() => {
      this.sessions.sweep();
      this.staff.limiter.sweep();
    }, 60_000);
    this.sweeper.unref();
  }

  async request<N extends AdminRequestName>(who: string, name: N, params: AdminParams<N>): Promise<AdminResult<N>> {
    if (!isAdminRequestName(name)) throw new AdminRequestError('invalid-request');
    const parsed = adminContract.params[name].safeParse(params ?? {});
    if (!parsed.success) throw new AdminRequestError('invalid-request');
    const handler = this.handlers[name] as (who: string, p: unknown) => Promise<AdminResult<N>>;
    return handler(who, parsed.data);
  }

  // --- Sign-in (the host's side: it sets and reads the cookie) -----------------------------------------------

  /**
   * A sign-in attempt by a named IT staff member (role `it`) from a client address; `device` is the token the
   * browser got at an earlier sign-in. Audited either way (the name only, never the passphrase).
   */
  async signIn(name: string, passphrase: string, client: string, device?: string): Promise<SignInOutcome> {
    if (!this.staff.directory.list().some((m) => m.role === 'it')) return { ok: false, reason: 'no-passphrase' };
    const outcome = await this.staff.check(name, passphrase, 'it', client, device);
    if (!outcome.ok && outcome.reason === 'invalid-request') throw new AdminRequestError('invalid-request');
    if (outcome.ok) {
      this.store.audit({ who: outcome.name, action: 'sign-in', detail: `from ${client}` });
      return { ok: true, sessionId: this.sessions.open({ name: outcome.name }), name: outcome.name, device: outcome.device };
    }
    if (outcome.reason === 'rate-limited') return outcome;
    this.store.audit({ who: staffName(name) ?? '?', action: 'sign-in-failed', detail: `wrong passphrase from ${client}` });
    return { ok: false, reason: 'wrong-passphrase' };
  }

  /** The staff name of a live admin session (touching its idle timer), or undefined; a removed person is out at once. */
  nameOf(sessionId: string | undefined): string | undefined {
    const who = this.sessions.get(sessionId);
    if (who && !this.staff.hasRole(who.name, 'it')) {
      this.sessions.end(sessionId, 'revoked');
      return undefined;
    }
    return who?.name;
  }

  signOut(sessionId: string | undefined): void {
    const who = this.sessions.end(sessionId, 'logout');
    if (who !== undefined) this.store.audit({ who: who.name, action: 'sign-out' });
  }

  /** The figures as CSV (UTF-8 with BOM), for /api/admin/figures.csv. */
  figuresCsv(since: string, until?: string): string {
    const rows = this.figures?.rows(since, until) ?? [];
    return this.figures ? this.figures.csv(rows) : '\uFEFF';
  }

  // --- What the kiosk uses ----------------------------------------------------------------------------------

  /** templates/ with the designer's live versions laid over: a designer-only document becomes a new procedure. */
  private procedureList(): ProcedurePrinters['procedures'] {
    const live = this.liveLibrary();
    return [
      ...[...live.bundles.values()].map((b) => ({ id: b.id, kind: 'life-event' as const, title: b.title })),
      ...[...live.templates.values()].map((t) => ({ id: t.id, kind: 'form' as const, title: t.title })),
    ];
  }

  private async procedurePrinters(): Promise<ProcedurePrinters> {
    const store = this.options.printers;
    let printers: ProcedurePrinters['printers'] = [];
    let cups: ProcedurePrinters['cups'] = 'ok';
    try {
      printers = store ? await store.destinations() : [];
    } catch (e) {
      cups = (e as { code?: unknown }).code === 'timeout' ? 'timeout' : 'no-cups';
    }
    return { printers, cups, procedures: this.procedureList(), byProcedure: store?.byProcedure() ?? {} };
  }

  liveLibrary(): TemplateLibrary {
    const files = this.filesLibrary();
    const lib: TemplateLibrary = { templates: new Map(files.templates), bundles: new Map(files.bundles), broken: [...files.broken], files: new Map(files.files) };
    for (const p of this.store.livePointers()) {
      if (p.source !== 'designer') continue;
      const stored = this.store.version(p.kind, p.id, p.version);
      if (!stored) continue;
      const parsed = parseDocument(p.kind, JSON.parse(stored.json));
      if (!parsed.ok) {
        lib.broken.push({ file: `designer.db ${p.kind} ${p.id} v${p.version}`, problems: parsed.issues.map((i) => i.message) });
        continue;
      }
      if ('template' in parsed) lib.templates.set(p.id, parsed.template);
      else lib.bundles.set(p.id, parsed.bundle);
      if (!lib.files.has(p.id)) lib.files.set(p.id, `designer.db/${p.kind}/${p.id}`);
    }
    return lib;
  }

  /** A background's bytes by the template's path (designer/<hash>.pdf from the store, else under templates/). */
  backgroundBytes(path: string): Uint8Array {
    const bytes = this.tryBackground(path);
    if (!bytes) throw new Error(`background ${path} is not there`);
    return bytes;
  }

  close(): void {
    clearInterval(this.sweeper);
    this.store.close();
  }

  // --- Requests ---------------------------------------------------------------------------------------------

  private readonly handlers: Handlers = {
    'admin.whoami': async (who) => ({ name: who }),

    'documents.list': async () => {
      const lib = this.filesLibrary();
      const keys = new Map<string, { kind: DocumentKind; id: string }>();
      for (const id of lib.templates.keys()) keys.set(`template:${id}`, { kind: 'template', id });
      for (const id of lib.bundles.keys()) keys.set(`bundle:${id}`, { kind: 'bundle', id });
      for (const v of this.store.latestVersions()) keys.set(`${v.kind}:${v.id}`, { kind: v.kind, id: v.id });
      const documents = [...keys.values()].map(({ kind, id }) => this.summary(kind, id, lib));
      documents.sort((a, b) => (a.kind === b.kind ? (a.id < b.id ? -1 : 1) : a.kind === 'template' ? -1 : 1));
      return { documents };
    },

    'documents.get': async (_who, { kind, id, version }) => {
      const known = this.knownVersions(kind, id);
      const chosen = version === undefined ? known[0] : known.find((v) => v.version === version);
      if (!chosen) throw new AdminRequestError('not-found');
      return { kind, id, version: chosen.version, document: chosen.document, background: await this.backgroundInfo(chosen.document) };
    },

    'documents.versions': async (_who, { kind, id }) => {
      const known = this.knownVersions(kind, id);
      if (known.length === 0) throw new AdminRequestError('not-found');
      const live = this.liveOf(kind, id, known);
      const published = this.store.publishedAt(kind, id);
      const versions: VersionInfo[] = known.map((v) => ({
        version: v.version,
        savedAt: v.savedAt,
        savedBy: v.savedBy,
        note: v.note,
        live: live !== undefined && live.version === v.version && live.source === v.source,
        publishedAt: published.get(`${v.source}:${v.version}`) ?? null,
      }));
      return { versions };
    },

    'documents.validate': async (_who, { kind, document }) => ({ issues: this.validate(kind, withVersion(kind, document, 1)) }),

    'documents.save': async (who, { kind, document, basedOn, note }) => {
      const id = documentId(document);
      const issues = this.validate(kind, withVersion(kind, document, (basedOn ?? 0) + 1));
      if (issues.length > 0 || id === undefined) return { ok: false, issues: issues.length ? issues : [{ path: ['id'], message: 'id: missing' }] };
      const before = this.knownVersions(kind, id).find((v) => v.version === basedOn)?.document;
      const saved = this.store.saveVersion(
        { kind, id, basedOn, otherVersion: this.fileVersion(kind, id)?.version, who, note: note?.trim() || null, action: 'save' },
        (version) => {
          const doc = withVersion(kind, document, version);
          return { json: JSON.stringify(doc), detail: describeChanges(kind, before, doc) };
        },
      );
      if (!saved.ok) return { ok: false, issues: [], conflict: { latestVersion: saved.latestVersion } };
      return { ok: true, version: saved.version };
    },

    'documents.publish': async (who, { kind, id, version, anyway }) => this.publish(who, kind, id, version, 'publish', anyway === true),

    'documents.rollback': async (who, { kind, id, version }) => {
      const live = this.liveOf(kind, id, this.knownVersions(kind, id));
      if (!live || version >= live.version) throw new AdminRequestError('invalid-request');
      return this.publish(who, kind, id, version, 'rollback');
    },

    'documents.export': async (who, { kind, id, version }) => {
      const chosen = this.knownVersions(kind, id).find((v) => v.version === version);
      if (!chosen) throw new AdminRequestError('not-found');
      const path = backgroundPathOf(chosen.document);
      let background: { fileName: string; bytes: Uint8Array } | null = null;
      if (kind === 'template' && path) {
        const bytes = this.tryBackground(path);
        if (!bytes) throw new AdminRequestError('not-found');
        background = { fileName: basename(path), bytes };
      }
      const fileName = packageFileName(id, version);
      this.store.audit({ who, action: 'export', kind, documentId: id, version, detail: fileName });
      return { fileName, text: writePackage(kind, chosen.document, background) };
    },

    'documents.import': async (who, { fileName, text }) => {
      const file = basename(fileName.replace(/\\/g, '/')).slice(0, 200) || 'package';
      const refused = (issues: DocumentIssue[]) => {
        this.store.audit({ who, action: 'import', detail: `refused ${file}: ${issues.length} issue(s)` });
        return { ok: false as const, file, issues };
      };
      const pkg = await readPackage(text);
      if (!pkg.ok) return refused(pkg.issues);
      const extra = pkg.background ? pkg.background : undefined;
      const id = documentId(pkg.document);
      const issues = this.validate(pkg.kind, withVersion(pkg.kind, pkg.document, 1), extra?.hash).map((i) => ({
        ...i,
        path: ['document', ...i.path],
        message: `document.${i.message}`,
      }));
      if (issues.length > 0 || id === undefined) return refused(issues.length ? issues : [{ path: ['document', 'id'], message: 'document.id: missing' }]);
      if (extra) this.store.addBackground(extra, who);
      const previous = this.knownVersions(pkg.kind, id)[0]?.document;
      const saved = this.store.saveVersion(
        { kind: pkg.kind, id, basedOn: null, otherVersion: this.fileVersion(pkg.kind, id)?.version, who, note: `取り込み / imported: ${file}`, action: 'import' },
        (version) => {
          const doc = withVersion(pkg.kind, pkg.document, version);
          return { json: JSON.stringify(doc), detail: `from ${file}; ${describeChanges(pkg.kind, previous, doc)}` };
        },
      );
      if (!saved.ok) throw new AdminRequestError('conflict');
      return { ok: true, kind: pkg.kind, id, version: saved.version };
    },

    'backgrounds.add': async (who, { pdfBase64 }) => {
      // Base64 is 4/3 of the bytes: refuse a too-large file before decoding it.
      if (pdfBase64.length > Math.ceil((20 * 1024 * 1024 * 4) / 3) + 8) throw new AdminRequestError('too-large');
      const bytes = decodeBase64(pdfBase64);
      if (!bytes) throw new AdminRequestError('not-a-pdf');
      const info = await inspectBackground(bytes);
      this.store.addBackground({ ...info, bytes }, who);
      return info;
    },

    'backgrounds.get': async (_who, { hash }) => {
      const bytes = this.store.background(hash)?.bytes ?? this.fileBackgroundByHash(hash);
      if (!bytes) throw new AdminRequestError('not-found');
      return { pdfBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
    },

    'preview.residents': async () => ({ residents: this.preview.residents() }),

    'preview.render': async (_who, { document, residentId }) => {
      const rendered = await this.preview.render(document, residentId);
      const parsed = rendered.issues.length === 0 ? parseDocument('template', document) : undefined;
      return { ...rendered, publishProblems: parsed?.ok && 'template' in parsed ? await this.publishProblemsOf(parsed.template) : [] };
    },

    'figures.get': async (_who, { since, until }) => ({ rows: this.figures?.rows(since, until) ?? [], today: this.options.today() }),

    'audit.list': async (_who, { limit }) => ({ entries: this.store.auditLog(limit ?? 100) }),

    'printers.get': async () => this.procedurePrinters(),

    'printers.setProcedure': async (who, { procedureId, printer }) => {
      const store = this.options.printers;
      if (!store) throw new AdminRequestError('not-found');
      if (!this.procedureList().some((p) => p.id === procedureId)) throw new AdminRequestError('not-found');
      try {
        await store.setProcedurePrinter(procedureId, printer);
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (code === 'unknown-printer' || code === 'broken-file') throw new AdminRequestError(code);
        throw e;
      }
      this.store.audit({ who, action: 'printer', detail: `${procedureId} → ${printer ?? 'each desk\'s own'}` });
      return this.procedurePrinters();
    },
  };

  private async publish(who: string, kind: DocumentKind, id: string, version: number, action: 'publish' | 'rollback', anyway = false): Promise<{ liveVersion: number }> {
    const chosen = this.knownVersions(kind, id).find((v) => v.version === version);
    if (!chosen) throw new AdminRequestError('not-found');
    // A roll-back returns to a version that was live before; a form going live for the first time is checked.
    let despite = '';
    if (kind === 'template' && action === 'publish') {
      const parsed = parseDocument('template', chosen.document);
      const problems = parsed.ok && 'template' in parsed ? await this.publishProblemsOf(parsed.template) : [];
      if (problems.length > 0 && !anyway) throw new AdminRequestError('publish-problems', problems);
      if (problems.length > 0) despite = `; published anyway despite ${describeProblems(problems)}`;
    }
    if (kind === 'bundle') {
      // A bundle naming a form that is not live would not be offered at all: refuse rather than publish nothing.
      const live = this.liveLibrary();
      const refs = (chosen.document as { templates?: { id?: unknown }[] }).templates ?? [];
      if (refs.some((r) => typeof r.id !== 'string' || !live.templates.has(r.id))) throw new AdminRequestError('conflict');
    }
    const current = this.store.live(kind, id);
    const from = current ? `from v${current.version}` : this.fileVersion(kind, id) ? `from v${this.fileVersion(kind, id)!.version} (files)` : 'first publication';
    this.store.publish({ kind, id, version, source: chosen.source }, who, action, `${from}${chosen.source === 'files' ? '; the templates/ file' : ''}${despite}`);
    this.onLiveChanged?.();
    return { liveVersion: version };
  }

  /** The publish checks of a form, on its background's pages, filled with every fixture resident. */
  private async publishProblemsOf(template: Template): Promise<PublishProblem[]> {
    const background = template.background ? await this.backgroundInfo(template) : null;
    const today = this.options.today();
    return publishProblems(template, { fonts: this.fonts(), samples: this.preview.sampleData(template), today, ...(background?.pagesMm.length ? { pagesMm: background.pagesMm } : {}) });
  }

  // --- Documents: templates/ and the store together ---------------------------------------------------------

  /** Every version of a document, newest first (a stored version before a file version of the same number). */
  private knownVersions(kind: DocumentKind, id: string, lib = this.filesLibrary()): KnownVersion[] {
    const out: KnownVersion[] = this.store.versions(kind, id).map((v: StoredVersion) => ({
      version: v.version,
      source: 'designer' as const,
      document: JSON.parse(v.json) as unknown,
      savedAt: v.savedAt,
      savedBy: v.savedBy,
      note: v.note,
    }));
    const file = this.fileVersion(kind, id, lib);
    if (file) out.push({ ...file, source: 'files', savedBy: 'files', note: null });
    return out.sort((a, b) => b.version - a.version || (a.source === 'designer' ? -1 : 1));
  }

  /** The document as templates/ ships it: its raw JSON, version and file time. */
  private fileVersion(kind: DocumentKind, id: string, lib = this.filesLibrary()): { version: number; document: unknown; savedAt: number } | undefined {
    const parsed = kind === 'template' ? lib.templates.get(id) : lib.bundles.get(id);
    const rel = lib.files.get(id);
    if (!parsed || !rel) return undefined;
    const file = join(repoRoot, rel);
    const version = kind === 'template' ? (parsed as Template).version : 1;
    return { version, document: JSON.parse(readFileSync(file, 'utf8')) as unknown, savedAt: Math.round(statSync(file).mtimeMs) };
  }

  /** The live version: the pointer, or the templates/ file when nothing was published. */
  private liveOf(kind: DocumentKind, id: string, known: KnownVersion[]): { version: number; source: LiveSource; publishedAt: number | null } | undefined {
    const pointer = this.store.live(kind, id);
    if (pointer) return pointer.source === 'files' ? { ...pointer, version: known.find((v) => v.source === 'files')?.version ?? pointer.version } : pointer;
    const file = known.find((v) => v.source === 'files');
    return file ? { version: file.version, source: 'files', publishedAt: null } : undefined;
  }

  private summary(kind: DocumentKind, id: string, lib: TemplateLibrary): DocumentSummary {
    const known = this.knownVersions(kind, id, lib);
    const newest = known[0]!;
    const doc = (newest.document ?? {}) as Record<string, unknown>;
    const live = this.liveOf(kind, id, known);
    const list = doc[kind === 'template' ? 'fields' : 'templates'];
    return {
      kind,
      id,
      title: (doc['title'] ?? { ja: id }) as DocumentSummary['title'],
      category: String((kind === 'template' ? doc['category'] : doc['event']) ?? 'other'),
      liveVersion: live?.version ?? null,
      liveSource: live?.source ?? null,
      latestVersion: newest.version,
      fieldCount: Array.isArray(list) ? list.length : 0,
      hasBackground: kind === 'template' && backgroundPathOf(doc) !== undefined,
    };
  }

  private validate(kind: DocumentKind, document: unknown, extraBackgroundHash?: string): DocumentIssue[] {
    return validateDocument(kind, document, this.validationContext(kind, extraBackgroundHash));
  }

  private validationContext(kind: DocumentKind, extraBackgroundHash?: string): ValidationContext {
    const live = this.liveLibrary();
    const templates = new Map(live.templates);
    // A bundle may name a form saved here but not yet live: its newest version counts for the checks.
    for (const v of this.store.latestVersions()) {
      if (v.kind !== 'template' || templates.has(v.id)) continue;
      const parsed = parseDocument('template', JSON.parse(v.json));
      if (parsed.ok && 'template' in parsed) templates.set(v.id, parsed.template);
    }
    const otherKind: DocumentKind = kind === 'template' ? 'bundle' : 'template';
    const otherKindIds = new Set([...(otherKind === 'template' ? live.templates.keys() : live.bundles.keys()), ...this.store.latestVersions().filter((v) => v.kind === otherKind).map((v) => v.id)]);
    return {
      fonts: this.fonts(),
      hasBackground: (path) => (extraBackgroundHash !== undefined && designerBackgroundHash(path) === extraBackgroundHash) || this.backgroundExists(path),
      templates,
      otherKindIds,
    };
  }

  // --- Backgrounds --------------------------------------------------------------------------------------------

  private async backgroundInfo(document: unknown): Promise<BackgroundInfo | null> {
    const path = backgroundPathOf(document);
    if (!path) return null;
    const hash = designerBackgroundHash(path);
    if (hash) {
      const pagesMm = this.store.backgroundPages(hash);
      return pagesMm ? { hash, pagesMm } : null;
    }
    const bytes = this.tryBackground(path);
    if (!bytes) return null;
    const fileHash = sha256Hex(bytes);
    let pagesMm = this.filePages.get(fileHash);
    if (!pagesMm) {
      pagesMm = await inspectBackground(bytes).then((i) => i.pagesMm, () => []);
      this.filePages.set(fileHash, pagesMm);
    }
    return { hash: fileHash, pagesMm };
  }

  private backgroundExists(path: string): boolean {
    const hash = designerBackgroundHash(path);
    if (hash) return this.store.backgroundPages(hash) !== undefined;
    const file = this.filePath(path);
    return file !== undefined && existsSync(file);
  }

  /** Stored backgrounds never change (named by hash), so their bytes are cached; files are read each time. */
  private tryBackground(path: string): Uint8Array | undefined {
    const hash = designerBackgroundHash(path);
    if (hash) {
      const cached = this.backgroundCache.get(hash);
      if (cached) return cached;
      const bytes = this.store.background(hash)?.bytes;
      if (!bytes) return undefined;
      if (this.backgroundCache.size >= MAX_CACHED_BACKGROUNDS) this.backgroundCache.delete(this.backgroundCache.keys().next().value!);
      this.backgroundCache.set(hash, bytes);
      return bytes;
    }
    const file = this.filePath(path);
    return file && existsSync(file) ? readFileSync(file) : undefined;
  }

  private filePath(path: string): string | undefined {
    if (path.includes('..') || path.startsWith('/') || path.includes('\\')) return undefined;
    return join(this.options.templatesDir, path);
  }

  /** Page sizes of templates/ backgrounds by hash (the designer's canvas). */
  private readonly filePages = new Map<string, BackgroundInfo['pagesMm']>();

  private fileBackgroundByHash(hash: string): Uint8Array | undefined {
    const lib = this.filesLibrary();
    for (const t of lib.templates.values()) {
      const path = t.background?.pdf;
      if (!path || designerBackgroundHash(path)) continue;
      const bytes = this.tryBackground(path);
      if (bytes && sha256Hex(bytes) === hash) return bytes;
    }
    return undefined;
  }

  /**
   * templates/ as loadLibrary reads it, read again only when a file under it changed (name, size or time): the
   * designer asks for it on every request. Callers copy the maps before changing them.
   */
  private filesLibrary(): TemplateLibrary {
    const dir = this.options.templatesDir;
    const signature = ['.', 'examples', 'bundles']
      .flatMap((sub) => {
        const folder = join(dir, sub);
        if (!existsSync(folder)) return [];
        return readdirSync(folder)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => {
            const s = statSync(join(folder, f));
            return `${sub}/${f}:${s.size}:${s.mtimeMs}`;
          });
      })
      .join('|');
    if (this.files?.signature !== signature) this.files = { signature, lib: loadLibrary(dir) };
    return this.files.lib;
  }

  private fonts() {
    return loadFonts(join(this.options.templatesDir, 'fonts.json')).fonts;
  }
}

function documentId(document: unknown): string | undefined {
  const id = (document as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

function backgroundPathOf(document: unknown): string | undefined {
  const bg = (document as { background?: { pdf?: unknown } } | null)?.background;
  return typeof bg?.pdf === 'string' ? bg.pdf : undefined;
}
