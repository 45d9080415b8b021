import type JSZip from 'jszip';
import { once } from './once.js';

export type JSZipClass = typeof JSZip;

/** JSZip, loaded once on first use: only code that opens a DOCX archive itself needs it. */
export const loadJsZip: () => Promise<JSZipClass> = once(() => import('jszip').then((mod) => mod.default));
