// One file that carries a template (or bundle) and its background PDF from one kiosk to another:
//   { "kakanai": "template-package", "formatVersion": 1, "kind", "document",
//     "background": { "fileName", "sha256", "pdfBase64" } | null }
// Reading one refuses anything malformed with the path inside the file and the reason; the document itself is
// judged afterwards by the same validation as a save.
import { basename } from 'node:path';
import type { DocumentIssue, DocumentKind } from '../../contract/admin';
import { BackgroundRequestError, backgroundRefusalText, decodeBase64, designerBackgroundPath, inspectBackground, sha256Hex } from './backgrounds';

export const PACKAGE_MARK = 'template-package';
export const PACKAGE_FORMAT_VERSION = 1;

export interface TemplatePackage {
  kakanai: typeof PACKAGE_MARK;
  formatVersion: typeof PACKAGE_FORMAT_VERSION;
  kind: DocumentKind;
  document: unknown;
  background: { fileName: string; sha256: string; pdfBase64: string } | null;
}

export function packageFileName(id: string, version: number): string {
  return `${id}-v${version}.kakanai.json`;
}

export function writePackage(kind: DocumentKind, document: unknown, background: { fileName: string; bytes: Uint8Array } | null): string {
  const pkg: TemplatePackage = {
    kakanai: PACKAGE_MARK,
    formatVersion: PACKAGE_FORMAT_VERSION,
    kind,
    document,
    background: background && { fileName: background.fileName, sha256: sha256Hex(background.bytes), pdfBase64: Buffer.from(background.bytes).toString('base64') },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export type ReadPackage =
  | { ok: true; kind: DocumentKind; document: unknown; background: { hash: string; bytes: Uint8Array; pagesMm: { widthMm: number; heightMm: number }[] } | null }
  | { ok: false; issues: DocumentIssue[] };

/**
 * The package's kind, document and checked background. A document that names a background gets the stored path
 * `designer/<sha256>.pdf` (the path it had on the other kiosk means nothing here).
 */
export async function readPackage(text: string): Promise<ReadPackage> {
  const refuse = (path: (string | number)[], message: string): ReadPackage => ({ ok: false, issues: [{ path, message: `${path.length ? path.join('.') : '(file)'}: ${message}` }] });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return refuse([], `not JSON (${(e as Error).message})`);
  }
  if (!isRecord(data)) return refuse([], 'not a Kakanai template package (expected a JSON object)');
  if (data['kakanai'] !== PACKAGE_MARK) return refuse(['kakanai'], `not a Kakanai template package (expected "kakanai": "${PACKAGE_MARK}")`);
  if (data['formatVersion'] !== PACKAGE_FORMAT_VERSION) return refuse(['formatVersion'], `format version ${JSON.stringify(data['formatVersion'])} is not one this kiosk reads (${PACKAGE_FORMAT_VERSION})`);
  const kind = data['kind'];
  if (kind !== 'template' && kind !== 'bundle') return refuse(['kind'], 'must be "template" or "bundle"');
  if (!isRecord(data['document'])) return refuse(['document'], 'missing, or not a JSON object');
  const extra = Object.keys(data).filter((k) => !['kakanai', 'formatVersion', 'kind', 'document', 'background'].includes(k));
  if (extra.length > 0) return refuse([extra[0]!], 'unknown key in a template package');
  const document: Record<string, unknown> = { ...data['document'] };
  const named = isRecord(document['background']) ? document['background'] : undefined;
  const bg = data['background'] ?? null;

  if (kind === 'bundle' || !named) {
    if (bg !== null) return refuse(['background'], kind === 'bundle' ? 'a bundle has no background PDF' : 'the document names no background, but the package carries one');
    return { ok: true, kind, document, background: null };
  }
  if (bg === null) return refuse(['background'], `missing: the document names the background "${String(named['pdf'])}" but the package carries no PDF`);
  if (!isRecord(bg)) return refuse(['background'], 'must be an object with fileName, sha256 and pdfBase64, or null');
  if (typeof bg['sha256'] !== 'string' || !/^[0-9a-f]{64}$/.test(bg['sha256'])) return refuse(['background', 'sha256'], 'must be 64 lowercase hexadecimal digits');
  if (typeof bg['pdfBase64'] !== 'string') return refuse(['background', 'pdfBase64'], 'missing');
  const bytes = decodeBase64(bg['pdfBase64']);
  if (!bytes) return refuse(['background', 'pdfBase64'], 'not base64');
  const hash = sha256Hex(bytes);
  if (hash !== bg['sha256']) return refuse(['background', 'sha256'], `does not match the PDF inside (the file was changed or cut short: ${hash.slice(0, 12)}… ≠ ${bg['sha256'].slice(0, 12)}…)`);
  let pagesMm;
  try {
    pagesMm = (await inspectBackground(bytes)).pagesMm;
  } catch (e) {
    const file = typeof bg['fileName'] === 'string' && bg['fileName'] ? basename(bg['fileName'].replace(/\\/g, '/')).slice(0, 200) : 'the PDF';
    return refuse(['background', 'pdfBase64'], `${file}: ${backgroundRefusalText(e instanceof BackgroundRequestError ? e.problem : 'not-a-pdf')}`);
  }
  document['background'] = { ...named, pdf: designerBackgroundPath(hash) };
  return { ok: true, kind, document, background: { hash, bytes, pagesMm } };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
