import type mammoth from 'mammoth';
import { once } from './once.js';

export type Mammoth = typeof mammoth;

/** mammoth (DOCX to HTML or text), loaded once on first use: about 18 MB that only DOCX reading needs. */
export const loadMammoth: () => Promise<Mammoth> = once(() => import('mammoth').then((mod) => mod.default));
