/**
 * Reads a PDF's bookmarks (Chromium writes them from the h1–h6 headings when `outline` and `tagged` are on)
 * with the 1-based page each one points to, and the page count.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfOutline } from '../../core/ports.js';
import { withPdf } from './pdfjs.js';

interface OutlineNode {
  readonly title: string;
  readonly dest: string | unknown[] | null;
  readonly items: readonly OutlineNode[];
}

export interface PdfLayout {
  readonly pageCount: number;
  readonly outline: readonly PdfOutline[];
}

function isRef(value: unknown): value is { num: number; gen: number } {
  return typeof value === 'object' && value !== null && 'num' in value && 'gen' in value;
}

/** The 1-based page of an outline destination, or 0 when it cannot be resolved. */
async function destinationPage(doc: PDFDocumentProxy, dest: OutlineNode['dest']): Promise<number> {
  const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
  const target: unknown = explicit?.[0];
  if (isRef(target)) return (await doc.getPageIndex(target)) + 1;
  // Some writers use a page index instead of a page reference.
  if (typeof target === 'number' && Number.isInteger(target)) return target + 1;
  return 0;
}

async function convert(doc: PDFDocumentProxy, nodes: readonly OutlineNode[]): Promise<PdfOutline[]> {
  const out: PdfOutline[] = [];
  for (const node of nodes) {
    out.push({
      title: node.title,
      page: await destinationPage(doc, node.dest),
      children: await convert(doc, node.items),
    });
  }
  return out;
}

export async function readOutline(doc: PDFDocumentProxy): Promise<PdfOutline[]> {
  const nodes = (await doc.getOutline()) as readonly OutlineNode[] | null;
  return nodes ? convert(doc, nodes) : [];
}

/** Page count and outline of a PDF. */
export function readPdfLayout(bytes: Uint8Array): Promise<PdfLayout> {
  return withPdf(bytes, async (doc) => ({ pageCount: doc.numPages, outline: await readOutline(doc) }));
}
