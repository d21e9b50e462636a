// The city's templates at the hall: what IT staff save and make live for every joined kiosk, judged exactly as the
// designer's own save and publish judge them (the zod model, fonts, backgrounds, a bundle's forms; then the publish
// checks, missing languages included). Used by the hall's `templates.*` requests and by `kakanai hall publish`.
// Who saved a version is kept with it, who made it live (and when) in `publications`, who added a background with it.
import { basename, join } from 'node:path';
import type { BackgroundInfo, DocumentIssue, DocumentKind, PublishProblem } from '../contract/admin';
import type { HallDocument } from '../contract/hall';
import { BackgroundRequestError, backgroundRefusalText, decodeBase64, designerBackgroundHash, designerBackgroundPath, inspectBackground } from '../counter/admin/backgrounds';
import { PACKAGE_MARK, readPackage } from '../counter/admin/template-package';
import { PreviewRenderer } from '../counter/admin/preview';
import { publishProblems } from '../counter/admin/publish-checks';
import { parseDocument, validateDocument, withVersion } from '../counter/admin/validate';
import { loadFonts, repoRoot } from '../forms/load';
import type { Template } from '../forms/model/template';
import { existsSync } from 'node:fs';
import type { StoredBackground, StoredVersion, TemplateStore } from './stores/contract';
import { cityDayFormat } from '../forms/binding/city-day';

/** Why the hall refuses to make a version live: the designer's codes, with the checks' problems. */
export class PublishRefused extends Error {
  override readonly name = 'PublishRefused';
  constructor(
    readonly code: 'publish-problems' | 'conflict' | 'not-found' | 'not-a-pdf' | 'too-large',
    readonly problems?: PublishProblem[],
  ) {
    super(`publish refused: ${code}`);
  }
}

export interface TemplatePublishingOptions {
  /** templates/: the fonts, and backgrounds a document names by a path under it. Default the repository's. */
  templatesDir?: string;
  /** fixtures/: the fictional residents the publish checks fill a form with. */
  fixturesDir?: string;
  /** The city's day (YYYY-MM-DD) for sample dates. Default Asia/Tokyo's today. */
  today?: () => string;
}

export type SaveOutcome = { ok: true; version: number; unchanged: boolean } | { ok: false; issues: DocumentIssue[]; conflict?: { latestVersion: number } };

export type UploadOutcome =
  | { ok: true; kind: DocumentKind; id: string; version: number; unchanged: boolean; problems: PublishProblem[] }
  | { ok: false; file: string; issues: DocumentIssue[] };

export class TemplatePublishing {
  private readonly templatesDir: string;
  private readonly today: () => string;
  private readonly preview: PreviewRenderer;

  constructor(
    private readonly store: TemplateStore,
    options: TemplatePublishingOptions = {},
  ) {
    this.templatesDir = options.templatesDir ?? join(repoRoot, 'templates');
    this.today = options.today ?? (() => cityDayFormat()(new Date()));
    this.preview = new PreviewRenderer({
      fixturesDir: options.fixturesDir ?? join(repoRoot, 'fixtures'),
      fonts: () => this.fonts(),
      background: () => undefined,
      today: this.today,
      cityName: '香取市',
    });
  }

  /** Every document saved at the hall, with each version and which one is live. */
  async list(): Promise<HallDocument[]> {
    const [latest, live] = await Promise.all([this.store.latestVersions(), this.store.livePointers()]);
    const docs = await Promise.all(
      latest.map(async (newest) => {
        const pointer = live.find((p) => p.kind === newest.kind && p.id === newest.id);
        const versions = await this.store.versions(newest.kind, newest.id);
        const doc = readJson(newest.json);
        return {
          kind: newest.kind,
          id: newest.id,
          title: titleOf(doc, newest.id),
          liveVersion: pointer?.version ?? null,
          publishedAt: pointer?.publishedAt ?? null,
          latestVersion: newest.version,
          versions: versions
            .map((v) => ({ version: v.version, savedAt: v.savedAt, savedBy: v.savedBy, note: v.note, live: pointer?.version === v.version }))
            .reverse(),
        };
      }),
    );
    return docs.sort((a, b) => (a.kind === b.kind ? (a.id < b.id ? -1 : 1) : a.kind === 'template' ? -1 : 1));
  }

  /** The JSON of one saved version (the designer on a kiosk may take it from here). */
  async get(kind: DocumentKind, id: string, version: number): Promise<StoredVersion> {
    const v = await this.store.version(kind, id, version);
    if (!v) throw new PublishRefused('not-found');
    return v;
  }

  /**
   * Saves a new version after `basedOn` (null: the first), refused with the designer's issues when the document does
   * not validate. `basedOn: 'latest'` (the CLI) saves after whatever is newest, and saves nothing when the newest
   * version is the same document.
   */
  async save(who: string, kind: DocumentKind, document: unknown, basedOn: number | null | 'latest', note: string | null, background?: StoredBackground): Promise<SaveOutcome> {
    const id = (document as { id?: unknown } | null)?.id;
    const issues = await this.validate(kind, withVersion(kind, document, 1), background?.hash);
    if (issues.length > 0 || typeof id !== 'string') return { ok: false, issues: issues.length ? issues : [{ path: ['id'], message: 'id: missing' }] };
    // The background the document came with is stored only once the document itself is accepted.
    if (background) await this.store.addBackground(background, who);
    const newest = (await this.store.versions(kind, id)).at(-1);
    if (basedOn === 'latest' && newest && sameDocument(kind, newest.json, document)) return { ok: true, version: newest.version, unchanged: true };
    const after = basedOn === 'latest' ? (newest?.version ?? null) : basedOn;
    const saved = await this.store.saveVersion({ kind, id, basedOn: after, json: JSON.stringify(withVersion(kind, document, (after ?? 0) + 1)), who, note });
    return saved.ok ? { ok: true, version: saved.version, unchanged: false } : { ok: false, issues: [], conflict: { latestVersion: saved.latestVersion } };
  }

  /**
   * A file uploaded at the 様式 screen: a package the designer exported (its PDF inside), or a template or bundle JSON
   * (a bundle lists `templates`), a template with the city's PDF as its background. Read as `kakanai hall publish`
   * reads a file, saved after the newest version as the designer's save judges it; nothing is stored when the file or
   * the document is refused. The answer carries what the publish checks say of it now.
   */
  async upload(who: string, upload: { fileName: string; text: string; pdfBase64?: string | undefined }): Promise<UploadOutcome> {
    const file = basename(upload.fileName.replace(/\\/g, '/')).slice(0, 200) || 'upload';
    const refused = (path: (string | number)[], message: string): UploadOutcome => ({ ok: false, file, issues: [{ path, message: `${path.length ? path.join('.') : '(file)'}: ${message}` }] });
    let data: unknown;
    try {
      data = JSON.parse(upload.text);
    } catch (e) {
      return refused([], `not JSON (${(e as Error).message})`);
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return refused([], 'not a template, a bundle or a Kakanai template package (expected a JSON object)');
    let kind: DocumentKind;
    let document: Record<string, unknown> = data as Record<string, unknown>;
    let background: StoredBackground | undefined;
    if (document['kakanai'] === PACKAGE_MARK) {
      if (upload.pdfBase64 !== undefined) return refused(['background'], 'a package carries its own PDF: send the package alone');
      const pkg = await readPackage(upload.text);
      if (!pkg.ok) return { ok: false, file, issues: pkg.issues };
      kind = pkg.kind;
      document = pkg.document as Record<string, unknown>;
      background = pkg.background ?? undefined;
    } else {
      kind = Array.isArray(document['templates']) ? 'bundle' : 'template';
      if (upload.pdfBase64 !== undefined) {
        if (kind === 'bundle') return refused(['background'], 'a bundle has no background PDF');
        const bytes = decodeBase64(upload.pdfBase64);
        if (!bytes) return refused(['background'], backgroundRefusalText('not-a-pdf'));
        try {
          background = { ...(await inspectBackground(bytes)), bytes };
        } catch (e) {
          return refused(['background'], backgroundRefusalText(e instanceof BackgroundRequestError ? e.problem : 'not-a-pdf'));
        }
        const named = document['background'];
        document = { ...document, background: { ...(named && typeof named === 'object' ? named : {}), pdf: designerBackgroundPath(background.hash) } };
      }
    }
    const saved = await this.save(who, kind, document, 'latest', `取り込み / uploaded: ${file}`, background);
    if (!saved.ok) return { ok: false, file, issues: saved.conflict ? [{ path: ['id'], message: `id: saved meanwhile as v${saved.conflict.latestVersion}; upload again` }] : saved.issues };
    const parsed = parseDocument(kind, withVersion(kind, document, saved.version));
    const problems = parsed.ok && 'template' in parsed ? await this.problemsOf(parsed.template) : [];
    return { ok: true, kind, id: document['id'] as string, version: saved.version, unchanged: saved.unchanged, problems };
  }

  /** Stores the city's PDF form once by its hash; a template names it as `designer/<hash>.pdf`. */
  async addBackground(who: string, pdfBase64: string): Promise<BackgroundInfo> {
    const bytes = decodeBase64(pdfBase64);
    if (!bytes) throw new PublishRefused('not-a-pdf');
    let info: BackgroundInfo;
    try {
      info = await inspectBackground(bytes);
    } catch (e) {
      throw new PublishRefused((e as { code?: unknown }).code === 'too-large' ? 'too-large' : 'not-a-pdf');
    }
    await this.store.addBackground({ ...info, bytes }, who);
    return info;
  }

  /**
   * Makes a saved version live for every joined kiosk's next session. A form is checked as the designer checks it
   * (`publish-problems` with the problems); a bundle naming a form that is not live at the hall is refused (`conflict`).
   */
  async publish(who: string, kind: DocumentKind, id: string, version: number): Promise<{ liveVersion: number }> {
    const stored = await this.store.version(kind, id, version);
    if (!stored) throw new PublishRefused('not-found');
    const parsed = parseDocument(kind, readJson(stored.json));
    if (!parsed.ok) throw new PublishRefused('conflict');
    if ('template' in parsed) {
      const problems = await this.problemsOf(parsed.template);
      if (problems.length > 0) throw new PublishRefused('publish-problems', problems);
    } else {
      const live = new Set((await this.store.livePointers()).filter((p) => p.kind === 'template').map((p) => p.id));
      if (parsed.bundle.templates.some((r) => !live.has(r.id))) throw new PublishRefused('conflict');
    }
    await this.store.publish({ kind, id, version }, who);
    return { liveVersion: version };
  }

  /** The designer's publish checks on the background's pages, filled with every fixture resident. */
  async problemsOf(template: Template): Promise<PublishProblem[]> {
    const hash = template.background ? designerBackgroundHash(template.background.pdf) : undefined;
    const pagesMm = hash ? (await this.store.background(hash))?.pagesMm : undefined;
    return publishProblems(template, { fonts: this.fonts(), samples: this.preview.sampleData(template), today: this.today(), ...(pagesMm?.length ? { pagesMm } : {}) });
  }

  /** `pendingBackground`: the hash of a background that comes with the document (stored only if it is accepted). */
  private async validate(kind: DocumentKind, document: unknown, pendingBackground?: string): Promise<DocumentIssue[]> {
    const [latest, liveVersions] = await Promise.all([this.store.latestVersions(), this.store.liveVersions()]);
    // A bundle may name a form that is live, or saved here and not yet live (its newest version): as the designer.
    const templates = new Map<string, Template>();
    for (const v of [...latest, ...liveVersions]) {
      if (v.kind !== 'template' || templates.has(v.id)) continue;
      const parsed = parseDocument('template', readJson(v.json));
      if (parsed.ok && 'template' in parsed) templates.set(v.id, parsed.template);
    }
    const otherKind: DocumentKind = kind === 'template' ? 'bundle' : 'template';
    const bgPath = (document as { background?: { pdf?: unknown } } | null)?.background?.pdf;
    const bgHash = typeof bgPath === 'string' ? designerBackgroundHash(bgPath) : undefined;
    const storedBackground = bgHash !== undefined && (bgHash === pendingBackground || (await this.store.background(bgHash)) !== undefined);
    return validateDocument(kind, document, {
      fonts: this.fonts(),
      hasBackground: (path) => (designerBackgroundHash(path) !== undefined ? storedBackground : !path.includes('..') && existsSync(join(this.templatesDir, path))),
      templates,
      otherKindIds: new Set(latest.filter((v) => v.kind === otherKind).map((v) => v.id)),
    });
  }

  private fonts() {
    return loadFonts(join(this.templatesDir, 'fonts.json')).fonts;
  }
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The same document apart from the version number the hall gives it. */
function sameDocument(kind: DocumentKind, storedJson: string, document: unknown): boolean {
  return JSON.stringify(withVersion(kind, readJson(storedJson), 0)) === JSON.stringify(withVersion(kind, document, 0));
}

function titleOf(doc: unknown, id: string): HallDocument['title'] {
  const title = (doc as { title?: unknown } | null)?.title;
  return title && typeof title === 'object' && typeof (title as { ja?: unknown }).ja === 'string' ? (title as HallDocument['title']) : { ja: id, easy: id, en: id };
}
