import type mammoth from 'mammoth';

export type Mammoth = typeof mammoth;

let loading: Promise<Mammoth> | undefined;

/** mammoth (DOCX to HTML or text), loaded once on first use: about 18 MB that only DOCX reading needs. */
export function loadMammoth(): Promise<Mammoth> {
  loading ??= import('mammoth').then((mod) => mod.default);
  return loading;
}
