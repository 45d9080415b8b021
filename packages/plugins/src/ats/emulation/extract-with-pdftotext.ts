import { type ExecFileException, execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { markRepeatedPageLines } from './mark-page-furniture.js';
import {
  type AtsExtractionOutcome,
  type AtsExtractorOptions,
  type ExtractedLine,
  plainLine,
} from './types.js';

export type PdftotextMode = 'layout' | 'raw';

/** `binary` is the program to run; `pdftotext` from PATH by default. */
export type PdftotextOptions = AtsExtractorOptions;

export const DEFAULT_PDFTOTEXT_TIMEOUT_MS = 10_000;

interface RunResult {
  stdout: string;
  error: ExecFileException | null;
  stderr: string;
}

function run(binary: string, args: string[], timeoutMs: number, signal?: AbortSignal): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      binary,
      args,
      { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, signal, windowsHide: true },
      (error, stdout, stderr) => resolve({ stdout, stderr, error }),
    );
  });
}

// In layout mode a wide run of spaces inside a line separates blocks set side by side.
const SIDE_BY_SIDE = /\S {4,}\S/;

function toLines(output: string): { lines: ExtractedLine[]; pageCount: number; sideBySide: number } {
  const lines: ExtractedLine[] = [];
  let sideBySide = 0;
  // pdftotext ends every page with a form feed.
  const pages = output.split('\f');
  if (pages.length > 1 && !pages[pages.length - 1]!.trim()) pages.pop();
  pages.forEach((page, index) => {
    for (const raw of page.split('\n')) {
      if (SIDE_BY_SIDE.test(raw.trim())) sideBySide += 1;
      const text = raw.replace(/\s+/g, ' ').trim();
      if (text) lines.push(plainLine(text, { page: index + 1 }));
    }
  });
  markRepeatedPageLines(lines);
  return { lines, pageCount: pages.length, sideBySide };
}

/**
 * Text through poppler's `pdftotext`, a second PDF extractor independent of pdfjs. `layout` keeps the
 * physical layout: each output line is a row across the whole page, so side-by-side columns share lines.
 * `raw` keeps the content-stream order (the order the writer drew the text). Neither gives positions or fonts.
 * Skipped, with the reason, when the program is not installed; killed after `timeoutMs`.
 */
export async function extractWithPdftotext(
  bytes: Uint8Array,
  mode: PdftotextMode,
  options: PdftotextOptions = {},
): Promise<AtsExtractionOutcome> {
  const started = performance.now();
  const extractor = `pdftotext-${mode}`;
  const failed = (reason: string, skipped = false): AtsExtractionOutcome => ({
    ok: false,
    extractor,
    format: 'pdf',
    skipped,
    reason,
  });
  const binary = options.binary ?? 'pdftotext';
  const timeoutMs = options.timeoutMs ?? DEFAULT_PDFTOTEXT_TIMEOUT_MS;
  // A file rather than stdin: older poppler releases do not read a PDF from a pipe.
  const dir = await mkdtemp(path.join(tmpdir(), 'dossier-pdftotext-'));
  try {
    const file = path.join(dir, 'in.pdf');
    await writeFile(file, bytes);
    const args = ['-q', '-enc', 'UTF-8', '-eol', 'unix', mode === 'layout' ? '-layout' : '-raw', file, '-'];
    const { stdout, stderr, error } = await run(binary, args, timeoutMs, options.signal);
    if (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (error.code === 'ENOENT') {
        return failed(`${binary} is not installed (it comes with poppler-utils); ${extractor} skipped`, true);
      }
      if (error.killed) return failed(`${extractor} took longer than ${timeoutMs} ms and was stopped`);
      const detail = stderr.trim() || error.message;
      return failed(`${extractor} could not read the PDF: ${detail}`);
    }
    const { lines, pageCount, sideBySide } = toLines(stdout);
    return {
      ok: true,
      extraction: {
        extractor,
        format: 'pdf',
        lines,
        text: lines.map((line) => line.text).join('\n'),
        pageCount,
        capabilities: {
          positions: false,
          headersAndFooters: true,
          tables: false,
          headingStyles: false,
          order: mode === 'layout' ? 'physical-rows' : 'content-stream',
        },
        notes:
          mode === 'layout' && sideBySide > 0
            ? [`${sideBySide} line(s) hold text set side by side, kept on one line by the physical layout`]
            : [],
        durationMs: performance.now() - started,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
