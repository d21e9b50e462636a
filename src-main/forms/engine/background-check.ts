// A background PDF decoded once, with limits, before pdf-lib or any viewer expands it: a 256 KB file can hold a
// stream that inflates to gigabytes. Every stream in the file is decoded up to what is left of a total budget
// (zlib's maxOutputLength for Flate, pdf-lib's own decoders read no further than the budget for the rest), so a
// decompression bomb is refused without ever being expanded in memory.
import { constants, inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFName, PDFNumber, PDFParser, PDFRawStream, type PDFContext, type PDFObject, type PDFRef } from 'pdf-lib';

export type BackgroundLimits = { maxPages: number; maxDecodedBytes: number; maxObjects: number };

/** Generous for a city's forms (a few pages of vector drawing, perhaps a scan): far below what hurts the counter. */
export const BACKGROUND_LIMITS: BackgroundLimits = { maxPages: 50, maxDecodedBytes: 64 * 1024 * 1024, maxObjects: 100_000 };

export type BackgroundProblem = 'not-a-pdf' | 'too-many-pages' | 'too-many-objects' | 'too-much-decoded';

export class BackgroundRefused extends Error {
  override readonly name = 'BackgroundRefused';
  constructor(readonly code: BackgroundProblem) {
    super(code);
  }
}

/** What `templates check` and an import print after the file's name. */
export function backgroundProblemText(code: BackgroundProblem, limits: BackgroundLimits = BACKGROUND_LIMITS): string {
  switch (code) {
    case 'not-a-pdf':
      return 'not a PDF this kiosk can read (damaged, or encrypted)';
    case 'too-many-pages':
      return `has more than ${limits.maxPages} pages`;
    case 'too-many-objects':
      return `has more than ${limits.maxObjects} PDF objects`;
    case 'too-much-decoded':
      return `decodes to more than ${Math.round(limits.maxDecodedBytes / 1024 / 1024)} MiB (a compressed stream that expands enormously)`;
  }
}

/** The PDF loaded by pdf-lib once every stream fits the limits; throws BackgroundRefused. */
export async function loadCheckedBackground(bytes: Uint8Array, limits: BackgroundLimits = BACKGROUND_LIMITS): Promise<PDFDocument> {
  const context = await parseRaw(bytes);
  let objects = 0;
  let decoded = 0;
  for (const [, object] of context.enumerateIndirectObjects()) {
    objects += 1;
    if (!(object instanceof PDFRawStream)) continue;
    if (object.dict.lookup(PDFName.of('Type')) === PDFName.of('ObjStm')) objects += numberIn(object.dict.lookup(PDFName.of('N')));
    if (objects > limits.maxObjects) throw new BackgroundRefused('too-many-objects');
    decoded += decodedSize(object, limits.maxDecodedBytes - decoded);
    if (decoded > limits.maxDecodedBytes) throw new BackgroundRefused('too-much-decoded');
  }
  let doc: PDFDocument;
  let pages: number;
  try {
    // Encrypted PDFs are refused here (pdf-lib throws): the engine could not draw them under the values.
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
    pages = doc.getPageCount();
  } catch {
    throw new BackgroundRefused('not-a-pdf');
  }
  if (pages === 0) throw new BackgroundRefused('not-a-pdf');
  if (pages > limits.maxPages) throw new BackgroundRefused('too-many-pages');
  return doc;
}

type RawParser = {
  parseIndirectObject(): Promise<PDFRef>;
  parseIndirectObjectHeader(): PDFRef;
  skipWhitespaceAndComments(): void;
  parseObject(): PDFObject;
  matchKeyword(keyword: number[]): boolean;
  context: PDFContext;
};
const ENDOBJ = [...'endobj'].map((c) => c.charCodeAt(0));

/** Every indirect object as it is in the file: pdf-lib's parser, told not to decode object and xref streams. */
async function parseRaw(bytes: Uint8Array): Promise<PDFContext> {
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1').includes('%PDF-')) throw new BackgroundRefused('not-a-pdf');
  const parser = PDFParser.forBytesWithOptions(bytes, Infinity, false, true);
  const raw = parser as unknown as RawParser;
  raw.parseIndirectObject = async function (this: RawParser) {
    const ref = this.parseIndirectObjectHeader();
    this.skipWhitespaceAndComments();
    const object = this.parseObject();
    this.skipWhitespaceAndComments();
    this.matchKeyword(ENDOBJ);
    this.context.assign(ref, object);
    return ref;
  };
  try {
    return await parser.parseDocument();
  } catch {
    throw new BackgroundRefused('not-a-pdf');
  }
}

const PDF_LIB_FILTERS = new Set(['FlateDecode', 'Fl', 'LZWDecode', 'LZW', 'ASCIIHexDecode', 'AHx', 'ASCII85Decode', 'A85', 'RunLengthDecode', 'RL']);

/** The stream's decoded size, or budget + 1 as soon as it is known to exceed the budget. */
function decodedSize(stream: PDFRawStream, budget: number): number {
  const over = budget + 1;
  const filters = filterNames(stream.dict.lookup(PDFName.of('Filter')));
  let size = stream.contents.byteLength;
  if (filters.length > 0 && filters.every((f) => PDF_LIB_FILTERS.has(f))) {
    size = filters.length === 1 && (filters[0] === 'FlateDecode' || filters[0] === 'Fl') ? inflatedSize(stream, over) ?? pdfLibDecodedSize(stream, over) : pdfLibDecodedSize(stream, over);
  }
  // An image a viewer (the kiosk's review, the clerk's desk, a printer) expands to width × height × 4 bytes.
  if (stream.dict.lookup(PDFName.of('Subtype')) === PDFName.of('Image')) {
    const pixels = numberIn(stream.dict.lookup(PDFName.of('Width'))) * numberIn(stream.dict.lookup(PDFName.of('Height')));
    size = Math.max(size, pixels * 4);
  }
  return Math.min(size, over);
}

function inflatedSize(stream: PDFRawStream, over: number): number | undefined {
  try {
    return inflateSync(stream.contents, { maxOutputLength: Math.max(1, over), finishFlush: constants.Z_SYNC_FLUSH }).byteLength;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return over;
    return undefined; // damaged zlib data pdf-lib may still read: measured its way below
  }
}

function pdfLibDecodedSize(stream: PDFRawStream, over: number): number {
  try {
    return decodePDFRawStream(stream).getBytes(over).byteLength;
  } catch {
    return stream.contents.byteLength; // undecodable: pdf-lib cannot expand it either
  }
}

function filterNames(filter: PDFObject | undefined): string[] {
  if (filter instanceof PDFName) return [filter.decodeText()];
  if (filter instanceof PDFArray) return filter.asArray().flatMap((f) => (f instanceof PDFName ? [f.decodeText()] : []));
  return [];
}

function numberIn(value: PDFObject | undefined): number {
  return value instanceof PDFNumber ? Math.max(0, value.asNumber()) : 0;
}
