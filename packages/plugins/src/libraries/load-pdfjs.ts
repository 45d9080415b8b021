import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfjsModule = typeof Pdfjs;

let loading: Promise<PdfjsModule> | undefined;

/**
 * pdfjs-dist's legacy build (the one that runs under Node), loaded once on first use: it adds about 40 MB to
 * a process, which one that never reads a PDF (the API serving lists) should not pay.
 */
export function loadPdfjs(): Promise<PdfjsModule> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return loading;
}
