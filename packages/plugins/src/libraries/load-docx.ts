import type * as Docx from 'docx';

export type DocxModule = typeof Docx;

let loading: Promise<DocxModule> | undefined;

/** The `docx` writer, loaded once on first use: about 18 MB that only a DOCX export needs. */
export function loadDocx(): Promise<DocxModule> {
  loading ??= import('docx');
  return loading;
}
