// The exact PDF pages as images for the review screen: pdf.js draws each page to a canvas, the canvas becomes a
// PNG object URL. The worker is bundled locally (no CDN); wipe() revokes the URLs and drops loaded documents.
import { GlobalWorkerOptions, getDocument, type PDFDocumentLoadingTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { onWipe } from './store';

GlobalWorkerOptions.workerSrc = workerUrl;

const loading = new Set<PDFDocumentLoadingTask>();
onWipe(() => {
  for (const task of loading) void task.destroy();
  loading.clear();
});

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** One object URL per page, at `cssWidth` pixels wide (times the device pixel ratio, for sharp zoom). */
export async function renderPdfPages(pdfBase64: string, cssWidth: number): Promise<string[]> {
  const task = getDocument({ data: bytesOf(pdfBase64), disableFontFace: false, useSystemFonts: false });
  loading.add(task);
  try {
    const doc = await task.promise;
    const urls: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const unscaled = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (cssWidth * 2) / unscaled.width });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      await page.render({ canvas, viewport }).promise;
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      canvas.width = 0;
      if (blob) urls.push(URL.createObjectURL(blob));
    }
    return urls;
  } finally {
    loading.delete(task);
    void task.destroy();
  }
}
