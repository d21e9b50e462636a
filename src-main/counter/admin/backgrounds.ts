// The city's own PDF forms as backgrounds: checked once when added (a PDF pdf-lib can read and embed, not
// encrypted, within the size limit, every stream decoded within the engine's limits), named by the SHA-256 of its bytes so a stored background never changes — a
// resident session that started on one version keeps drawing on the same bytes whatever is published after.
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { BackgroundInfo } from '../../contract/admin';
import { type BackgroundProblem, BackgroundRefused, backgroundProblemText, loadCheckedBackground } from '../../forms/engine/background-check';
import { AdminRequestError } from './errors';

export const MAX_BACKGROUND_BYTES = 20 * 1024 * 1024;
const PT_TO_MM = 25.4 / 72;

/** The template path of a stored background: `designer/<hash>.pdf`. */
export function designerBackgroundPath(hash: string): string {
  return `designer/${hash}.pdf`;
}

/** The hash of a `designer/<hash>.pdf` path; undefined for a path under templates/. */
export function designerBackgroundHash(path: string): string | undefined {
  return /^designer\/([0-9a-f]{64})\.pdf$/.exec(path)?.[1];
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Base64 as JSON carries it; undefined when the text is not base64. */
export function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  return Buffer.from(compact, 'base64');
}

/** A background refused: the admin code (too-large or not-a-pdf) and, for an import's message, what exactly. */
export class BackgroundRequestError extends AdminRequestError {
  constructor(readonly problem: BackgroundProblem | 'too-large') {
    super(problem === 'not-a-pdf' ? 'not-a-pdf' : 'too-large');
  }
}

/** What an import prints after the file's name. */
export function backgroundRefusalText(problem: BackgroundProblem | 'too-large'): string {
  return problem === 'too-large' ? `larger than ${MAX_BACKGROUND_BYTES / 1024 / 1024} MB` : backgroundProblemText(problem);
}

/** The PDF's hash and page sizes in mm, decoded once within the limits; throws BackgroundRequestError. */
export async function inspectBackground(bytes: Uint8Array): Promise<BackgroundInfo> {
  if (bytes.byteLength > MAX_BACKGROUND_BYTES) throw new BackgroundRequestError('too-large');
  let pagesMm: BackgroundInfo['pagesMm'];
  try {
    const doc = await loadCheckedBackground(bytes);
    const pages = doc.getPages();
    pagesMm = pages.map((p) => {
      const { width, height } = p.getSize();
      return { widthMm: round1(width * PT_TO_MM), heightMm: round1(height * PT_TO_MM) };
    });
    // What the engine will do with it: embed its pages into a new document.
    const probe = await PDFDocument.create();
    await probe.embedPdf(doc, pages.map((_, i) => i));
  } catch (e) {
    throw new BackgroundRequestError(e instanceof BackgroundRefused ? e.code : 'not-a-pdf');
  }
  return { hash: sha256Hex(bytes), pagesMm };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
