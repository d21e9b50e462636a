// The preview's pages drawn straight onto canvases (no PNG in between: the preview is redrawn on every edit). Its
// own pdf.js worker, started with the designer and kept until it closes; the pages hold only fictional residents.
import { GlobalWorkerOptions, PDFWorker, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

let worker: PDFWorker | undefined;

export function closePreviewWorker(): void {
  worker?.destroy();
  worker = undefined;
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Every page of the PDF on a new canvas `cssWidth` CSS pixels wide, at the screen's pixel ratio. */
export async function drawPdfPages(pdfBase64: string, cssWidth: number, isStale: () => boolean): Promise<HTMLCanvasElement[] | undefined> {
  worker ??= new PDFWorker();
  const task = getDocument({ data: bytesOf(pdfBase64), worker, useSystemFonts: false, disableFontFace: true });
  try {
    const doc = await task.promise;
    const ratio = Math.min(Math.max(globalThis.devicePixelRatio || 1, 1), 2);
    const canvases: HTMLCanvasElement[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (isStale()) return undefined;
      const page = await doc.getPage(n);
      const unscaled = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (cssWidth * ratio) / unscaled.width });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      await page.render({ canvas, viewport }).promise;
      page.cleanup();
      canvases.push(canvas);
    }
    return canvases;
  } finally {
    void task.destroy();
  }
}
