import type JSZip from 'jszip';

export type JSZipClass = typeof JSZip;

let loading: Promise<JSZipClass> | undefined;

/** JSZip, loaded once on first use: only code that opens a DOCX archive itself needs it. */
export function loadJsZip(): Promise<JSZipClass> {
  loading ??= import('jszip').then((mod) => mod.default);
  return loading;
}
