import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { once } from './once.js';

export type PdfjsModule = typeof Pdfjs;

/**
 * pdfjs-dist's legacy build (the one that runs under Node), loaded once on first use: it adds about 40 MB to
 * a process, which one that never reads a PDF (the API serving lists) should not pay.
 */
export const loadPdfjs: () => Promise<PdfjsModule> = once(() => import('pdfjs-dist/legacy/build/pdf.mjs'));
