// The one pdf.js wrapper of the screens: the kiosk's review, the clerk's submission and the designer's paper and
// preview all draw PDF pages through it. One local worker (no CDN), started ahead of need; wipePdfPages() destroys it
// with every document still loading or open, so nothing of a resident outlives a session in it (the kiosk calls it
// on its wipe; the designer when it closes).
import { GlobalWorkerOptions, PDFWorker, getDocument, type PDFDocumentLoadingTask, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

const loading = new Set<PDFDocumentLoadingTask>();
let worker: PDFWorker | undefined;

/** Destroys the worker and every document it holds. */
export function wipePdfPages(): void {
  for (const task of loading) void task.destroy();
  loading.clear();
  worker?.destroy();
  worker = undefined;
}

/** Starts the worker ahead of use (it holds no resident data until a document is opened). */
export function warmPdfPages(): void {
  worker ??= new PDFWorker();
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Sharp on this screen and no sharper: more pixels only cost drawing and encoding time. */
const pixelRatio = (max: number) => Math.min(Math.max(globalThis.devicePixelRatio || 1, 1), max);

export interface PdfPages {
  readonly pageCount: number;
  /** Page `n` (1-based) as a PNG object URL, `cssWidth` CSS pixels wide; the caller revokes it. */
  page(n: number, cssWidth: number): Promise<string>;
  /** Page `n` drawn on a new canvas `cssWidth` CSS pixels wide (pixel ratio at most `maxRatio`). */
  canvas(n: number, cssWidth: number, maxRatio?: number): Promise<HTMLCanvasElement>;
  /** Width / height of page `n`, to reserve its place before it is drawn. */
  aspect(n: number): Promise<number>;
  close(): void;
}

export interface OpenOptions {
  /** Draw with the PDF's embedded fonts as CSS font faces (sharper text) or as paths (no font registration). */
  fontFaces?: boolean;
}

/** Opens one PDF for drawing its pages one at a time, as they are needed. */
export async function openPdfPages(pdfBase64: string, options: OpenOptions = {}): Promise<PdfPages> {
  warmPdfPages();
  const task = getDocument({ data: bytesOf(pdfBase64), worker: worker!, disableFontFace: options.fontFaces === false, useSystemFonts: false });
  loading.add(task);
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (e) {
    loading.delete(task);
    void task.destroy();
    throw e;
  }
  let drawing: Promise<unknown> = Promise.resolve();
  // One page at a time: pdf.js shares the document's fonts between renders, and the first page should win.
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = drawing.then(work);
    drawing = next.catch(() => {});
    return next;
  };
  const draw = async (n: number, cssWidth: number, maxRatio: number): Promise<HTMLCanvasElement> => {
    const page = await doc.getPage(n);
    try {
      const unscaled = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (cssWidth * pixelRatio(maxRatio)) / unscaled.width });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      await page.render({ canvas, viewport }).promise;
      return canvas;
    } finally {
      page.cleanup();
    }
  };
  return {
    pageCount: doc.numPages,
    async aspect(n) {
      const v = (await doc.getPage(n)).getViewport({ scale: 1 });
      return v.width / v.height;
    },
    canvas: (n, cssWidth, maxRatio = 3) => serial(() => draw(n, cssWidth, maxRatio)),
    page: (n, cssWidth) => serial(async () => {
      const canvas = await draw(n, cssWidth, 3);
      try {
        const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
        if (!blob) throw new Error('the page could not be encoded');
        return URL.createObjectURL(blob);
      } finally {
        canvas.width = 0; // drop the pixels now, not at the next GC
      }
    }),
    close() {
      loading.delete(task);
      void task.destroy();
    },
  };
}

/** Every page at once (the clerk's screen): one object URL per page. */
export async function renderPdfPages(pdfBase64: string, cssWidth: number): Promise<string[]> {
  const pages = await openPdfPages(pdfBase64);
  try {
    const urls: string[] = [];
    for (let n = 1; n <= pages.pageCount; n++) urls.push(await pages.page(n, cssWidth));
    return urls;
  } finally {
    pages.close();
  }
}

/** Every page on its own canvas (the designer's preview, redrawn on each edit); undefined once `isStale()`. */
export async function drawPdfPages(pdfBase64: string, cssWidth: number, isStale: () => boolean): Promise<HTMLCanvasElement[] | undefined> {
  const pages = await openPdfPages(pdfBase64, { fontFaces: false });
  try {
    const canvases: HTMLCanvasElement[] = [];
    for (let n = 1; n <= pages.pageCount; n++) {
      if (isStale()) return undefined;
      canvases.push(await pages.canvas(n, cssWidth, 2));
    }
    return canvases;
  } finally {
    pages.close();
  }
}
