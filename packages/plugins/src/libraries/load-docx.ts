import type * as Docx from 'docx';
import { once } from './once.js';

export type DocxModule = typeof Docx;

/** The `docx` writer, loaded once on first use: about 18 MB that only a DOCX export needs. */
export const loadDocx: () => Promise<DocxModule> = once(() => import('docx'));
