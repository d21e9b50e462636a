// The IT staff's contract: what the admin app (src-renderer/admin, served at /admin) asks the counter service. Carried
// by the browser host as HTTP POST /api/admin/call with a signed-in admin session cookie; sign-in itself is the one
// admin call an anonymous browser may make. The renderer imports these as types only.
//
// No personal data crosses this wire except the fixture (fictional) residents of the preview. Figures are counts and
// durations per procedure and day; nothing identifies a resident.

import { z } from 'zod';
import { defineContract, noParams, type BackgroundInfo, type DocumentIssue, type DocumentKind, type FigureRow, type Localized, type ParamsOf, type PublishProblem } from './common';

// The designer's documents and their checks are shared with the hall's publishing: they live in common.ts.
export type { BackgroundInfo, DocumentIssue, DocumentKind, PublishProblem } from './common';

/** Where the live version of a document comes from: the files shipped in templates/, or a version published here. */
export type LiveSource = 'files' | 'designer';

export interface DocumentSummary {
  kind: DocumentKind;
  id: string;
  title: Localized;
  /** Template: its category; bundle: its life event. */
  category: string;
  /** The version the kiosks use now; null for a document only saved as drafts. */
  liveVersion: number | null;
  liveSource: LiveSource | null;
  /** The newest saved version (≥ liveVersion). */
  latestVersion: number;
  fieldCount: number;
  hasBackground: boolean;
}

export interface VersionInfo {
  version: number;
  savedAt: number;
  /** The signed-in staff name that saved it ("files" for the version shipped in templates/). */
  savedBy: string;
  note: string | null;
  /** Live on the kiosks now. */
  live: boolean;
  publishedAt: number | null;
}



export interface PreviewProblem {
  fieldId: string;
  /** A ValueIssueCode of the engine, e.g. fontShrunkBelowMinimum (the value overflows its box at the minimum size). */
  code: string;
}

/** One (day, procedure) line of the BPR figures. Durations are milliseconds summed over the sessions that had the step. */
export { FIGURE_STEPS, type FigureRow, type FigureStep } from './common';

/** The city's printer per procedure, as IT staff set it in the admin app (kept in <data>/procedure-printers.json). */
export interface ProcedurePrinters {
  /** CUPS's destinations now; empty with `cups` saying why when CUPS cannot be asked. */
  printers: { name: string; accepting: boolean; isDefault: boolean }[];
  cups: 'ok' | 'no-cups' | 'timeout';
  procedures: { id: string; kind: 'form' | 'life-event'; title: Localized }[];
  /** procedure id → printer; a procedure not listed prints on each desk's own printer. */
  byProcedure: Record<string, string>;
}

export interface AuditEntry {
  at: number;
  /** The signed-in staff name, or "kakanai admin" for the CLI. */
  who: string;
  action: 'sign-in' | 'sign-in-failed' | 'sign-out' | 'save' | 'publish' | 'rollback' | 'import' | 'export' | 'background' | 'set-passphrase' | 'staff-add' | 'staff-remove' | 'printer';
  kind?: DocumentKind;
  documentId?: string;
  version?: number;
  /** What changed, without values: e.g. "fields +name.kanji, ~address (at)". */
  detail?: string;
}

const kind = z.enum(['template', 'bundle']);
const id = z.string().min(1).max(100);
const version = z.int().min(1).max(1_000_000);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Every request the admin app makes, with the schema of its params: the admin desk checks them itself. */
export const adminContract = defineContract('admin', {
  'admin.whoami': noParams,
  'documents.list': noParams,
  /** A version's JSON as saved (default: the newest), with its background's page sizes. */
  'documents.get': z.strictObject({ kind, id, version: version.optional() }),
  'documents.versions': z.strictObject({ kind, id }),
  /** Validates with the same zod model as `kakanai templates check`; nothing is stored. */
  'documents.validate': z.strictObject({ kind, document: z.unknown() }),
  /**
   * Saves a new version (the document's `version` is set by the store). `basedOn` is the version the editor started
   * from: when somebody saved a newer one meanwhile, the result is { ok: false, conflict } and nothing is stored.
   */
  'documents.save': z.strictObject({ kind, document: z.unknown(), basedOn: version.nullable(), note: z.string().max(500).optional() }),
  /**
   * Makes a saved version live on the kiosks without a restart; a resident session in progress keeps its version.
   * A form with publish problems is refused (`publish-problems`) unless `anyway`, which the audit records.
   */
  'documents.publish': z.strictObject({ kind, id, version, anyway: z.literal(true).optional() }),
  /** Publishes an earlier version again. */
  'documents.rollback': z.strictObject({ kind, id, version }),
  /** One file with the document and its background PDF (base64 inside): `<id>-v<version>.kakanai.json`. */
  'documents.export': z.strictObject({ kind, id, version }),
  /** Imports such a file as a new version (not published). A malformed file is refused with file, field and reason. */
  'documents.import': z.strictObject({ fileName: z.string().min(1).max(255), text: z.string() }),
  /** Stores the city's PDF form as a background; refused when it is not a readable PDF. */
  'backgrounds.add': z.strictObject({ fileName: z.string().min(1).max(255), pdfBase64: z.string().min(1) }),
  'backgrounds.get': z.strictObject({ hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  /** The fictional residents of fixtures/residents the preview can fill a form with. */
  'preview.residents': noParams,
  /**
   * Renders an unsaved template with the real engine: a fixture resident for the card items, fixtures/answers or a
   * sample per type for the answers. `issues` is set (and no PDF) when the template does not validate.
   */
  'preview.render': z.strictObject({ document: z.unknown(), residentId: z.string().min(1).max(100) }),
  /** `today` in the result: the city's date (YYYY-MM-DD) by the service's clock, where the page's default range ends. */
  'figures.get': z.strictObject({ since: day, until: day.optional() }),
  'audit.list': z.strictObject({ limit: z.int().min(1).max(1000).optional() }),
  /** The system's CUPS destinations, the procedures and the printer the city set for each (others: each desk's own). */
  'printers.get': noParams,
  /** Sets (or with null clears) a procedure's printer; only a destination CUPS lists now is taken. Audited. */
  'printers.setProcedure': z.strictObject({ procedureId: z.string().regex(/^[a-z0-9-]{1,64}$/), printer: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,126}$/).nullable() }),
});

/** What each admin request answers. */
export interface AdminResults {
  'admin.whoami': { name: string };
  'documents.list': { documents: DocumentSummary[] };
  'documents.get': { kind: DocumentKind; id: string; version: number; document: unknown; background: BackgroundInfo | null };
  'documents.versions': { versions: VersionInfo[] };
  'documents.validate': { issues: DocumentIssue[] };
  'documents.save': { ok: true; version: number } | { ok: false; issues: DocumentIssue[]; conflict?: { latestVersion: number } };
  'documents.publish': { liveVersion: number };
  'documents.rollback': { liveVersion: number };
  'documents.export': { fileName: string; text: string };
  'documents.import': { ok: true; kind: DocumentKind; id: string; version: number } | { ok: false; file: string; issues: DocumentIssue[] };
  'backgrounds.add': BackgroundInfo;
  'backgrounds.get': { pdfBase64: string };
  'preview.residents': { residents: { id: string; label: string }[] };
  'preview.render': {
    pdfBase64: string | null;
    pageCount: number;
    renderMs: number;
    problems: PreviewProblem[];
    missingGlyphs: { fieldId: string; codePoint: number }[];
    issues: DocumentIssue[];
    /** What would block publishing this draft (the same checks as 'documents.publish'). */
    publishProblems: PublishProblem[];
  };
  'figures.get': { rows: FigureRow[]; today: string };
  'audit.list': { entries: AuditEntry[] };
  'printers.get': ProcedurePrinters;
  'printers.setProcedure': ProcedurePrinters;
}

type AdminSchemas = typeof adminContract.params;
export type AdminRequestName = keyof AdminSchemas & keyof AdminResults;
export type AdminParams<N extends AdminRequestName> = ParamsOf<AdminSchemas, N>;
export type AdminResult<N extends AdminRequestName> = AdminResults[N];
export type AdminRequests = { [N in AdminRequestName]: { params: AdminParams<N>; result: AdminResult<N> } };
export const ADMIN_REQUEST_NAMES = adminContract.names;
export const isAdminRequestName = adminContract.isName;

export interface AdminFailure {
  code: 'invalid-request' | 'not-found' | 'conflict' | 'not-a-pdf' | 'too-large' | 'publish-problems' | 'unknown-printer' | 'broken-file' | 'internal';
  problems?: PublishProblem[];
}

/** Over HTTP. Every path but sign-in answers 401 {error: "not-signed-in"} without an admin session. */
export const ADMIN_HTTP = {
  /** POST {name, passphrase} → 204 + Set-Cookie; 403 wrong; 429 + Retry-After when rate-limited; 409 no passphrase set. */
  signIn: '/api/admin/sign-in',
  /** POST → 204, the session dropped and the cookie cleared. */
  signOut: '/api/admin/sign-out',
  /** GET → 200 {name} when signed in. */
  session: '/api/admin/session',
  /** POST {name, params} → 200 {ok: true, result} | {ok: false, error: AdminFailure}. */
  call: '/api/admin/call',
  /** GET ?since=YYYY-MM-DD[&until=…] → text/csv (UTF-8 with BOM) of the figures. */
  figuresCsv: '/api/admin/figures.csv',
} as const;
export const ADMIN_COOKIE = 'kakanai_admin';
/** Background PDFs travel as base64 inside the call's JSON. */
export const MAX_ADMIN_BODY_BYTES = 32 * 1024 * 1024;

/** What the counter service offers a host for the admin app. `who` is the signed-in staff name. */
export interface AdminApi {
  request<N extends AdminRequestName>(who: string, name: N, params: AdminParams<N>): Promise<AdminResult<N>>;
}
