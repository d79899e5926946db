/**
 * Lazy access to pdfjs-dist (legacy build, which runs in Node without DOM polyfills).
 * The module is large (~1 MB of JS); it is imported on first use only, and once per process.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsModule: Promise<PdfjsModule> | undefined;

/**
 * Imports pdfjs and its worker module in parallel, once. In Node pdfjs runs the "worker" in-process and
 * would import it on the first getDocument(); handing it over via `globalThis.pdfjsWorker` (which pdfjs
 * checks first) lets the printer start both imports while Chromium launches.
 */
export function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsModule ??= (async () => {
    const [main, worker] = await Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
    ]);
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= worker;
    return main;
  })();
  pdfjsModule.catch(() => {
    pdfjsModule = undefined;
  });
  return pdfjsModule;
}

/**
 * Opens a PDF for reading. The bytes are copied, since pdfjs may transfer (detach) the buffer it is given.
 * No eval, no font faces, no system fonts, errors only: we read structure and text, never render.
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  return task.promise;
}

/** Opens a PDF, runs `fn`, and always releases pdfjs' resources. */
export async function withPdf<T>(bytes: Uint8Array, fn: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const doc = await openPdf(bytes);
  try {
    return await fn(doc);
  } finally {
    await doc.destroy();
  }
}
