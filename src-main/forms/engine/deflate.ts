import { deflateSync } from 'node:zlib';
import { type PDFDocument, PDFContentStream, PDFName, PDFRawStream } from 'pdf-lib';

// pdf-lib compresses every stream with pako (zlib in JavaScript): the font subset alone took a fifth of a warm
// render. Node's own zlib writes the same format, at the same level, several times faster. Per document, so
// nothing else that uses pdf-lib in the process is affected.

/** Streams pdf-lib builds from bytes (font files, ToUnicode maps) are deflated by node:zlib from now on. */
export function deflateWithZlib(doc: PDFDocument): void {
  const context = doc.context;
  context.flateStream = (contents, dict = {}) => context.stream(deflateSync(contents), { ...dict, Filter: 'FlateDecode' });
}

/** Replaces each page content stream, drawn and not yet written, by the same operators deflated by node:zlib. */
export function deflateContentStreams(doc: PDFDocument): void {
  const context = doc.context;
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFContentStream)) continue;
    const dict = object.dict.clone(context);
    dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
    context.assign(ref, PDFRawStream.of(dict, deflateSync(object.getUnencodedContents())));
  }
}
