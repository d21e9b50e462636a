// Hostile PDFs made on the fly for tests (never committed: the point is that they are small files).
import { createDeflate } from 'node:zlib';
import { PDFDocument, PDFName } from 'pdf-lib';

/** Zeros deflated a chunk at a time, so the expanded bytes never exist at once (256 MiB deflate to ~256 KB). */
export async function deflatedZeros(bytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const chunk = Buffer.alloc(1024 * 1024);
  for (let left = bytes; left > 0; left -= chunk.length) {
    if (!deflate.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/** An A4 page whose content stream is `decodedBytes` of zeros behind FlateDecode: a decompression bomb. */
export async function decompressionBombPdf(decodedBytes = 256 * 1024 * 1024): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  const stream = doc.context.stream(await deflatedZeros(decodedBytes), { Filter: 'FlateDecode' });
  page.node.set(PDFName.of('Contents'), doc.context.register(stream));
  return doc.save({ useObjectStreams: false });
}
