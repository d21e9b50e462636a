// The exact PDF pages as images for the review screen: pdf.js draws a page to a canvas at the screen's device pixel
// ratio, the canvas becomes a PNG object URL. One local worker (no CDN), started before the review is reached;
// wipe() destroys it with every loaded document, so nothing of a resident outlives the session in it.
import { GlobalWorkerOptions, PDFWorker, getDocument, type PDFDocumentLoadingTask, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { onWipe } from './store';

GlobalWorkerOptions.workerSrc = workerUrl;

const loading = new Set<PDFDocumentLoadingTask>();
let worker: PDFWorker | undefined;

onWipe(() => {
  for (const task of loading) void task.destroy();
  loading.clear();
  worker?.destroy();
  worker = undefined;
});

/** Starts the worker ahead of the review (it holds no resident data until a document is opened). */
export function warmPdfPages(): void {
  worker ??= new PDFWorker();
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Sharp on this screen and no sharper: more pixels only cost drawing and PNG encoding time. */
const pixelRatio = () => Math.min(Math.max(globalThis.devicePixelRatio || 1, 1), 3);

export interface PdfPages {
  readonly pageCount: number;
  /** Page `n` (1-based) as a PNG object URL, `cssWidth` CSS pixels wide; the caller revokes it. */
  page(n: number, cssWidth: number): Promise<string>;
  /** Width / height of page `n`, to reserve its place before it is drawn. */
  aspect(n: number): Promise<number>;
  close(): void;
}

/** Opens one PDF for drawing its pages one at a time, as they are needed. */
export async function openPdfPages(pdfBase64: string): Promise<PdfPages> {
  warmPdfPages();
  const task = getDocument({ data: bytesOf(pdfBase64), worker: worker!, disableFontFace: false, useSystemFonts: false });
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
  return {
    pageCount: doc.numPages,
    async aspect(n) {
      const v = (await doc.getPage(n)).getViewport({ scale: 1 });
      return v.width / v.height;
    },
    page(n, cssWidth) {
      // One page at a time: pdf.js shares the document's fonts between renders, and the first page should win.
      const next = drawing.then(async () => {
        const page = await doc.getPage(n);
        const unscaled = page.getViewport({ scale: 1 });
        const viewport = page.getViewport({ scale: (cssWidth * pixelRatio()) / unscaled.width });
        const canvas = document.createElement('canvas');
        canvas.width = Math.ceil(viewport.width);
        canvas.height = Math.ceil(viewport.height);
        try {
          await page.render({ canvas, viewport }).promise;
          const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
          if (!blob) throw new Error('the page could not be encoded');
          return URL.createObjectURL(blob);
        } finally {
          canvas.width = 0; // drop the pixels now, not at the next GC
          page.cleanup();
        }
      });
      drawing = next.catch(() => {});
      return next;
    },
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
