export type AtsFormat = 'pdf' | 'docx';

/** Where on the page a line sits: page headers and footers are what some parsers skip. */
export type LineRegion = 'body' | 'header' | 'footer';

/** One line of extracted text with whatever the extractor could tell about its place in the layout. */
export interface ExtractedLine {
  text: string;
  /** 1-based page (PDF); null when the extractor has no pages (DOCX). */
  page: number | null;
  region: LineRegion;
  /** Left edge, right edge and baseline in PDF points (y grows upwards); null without positions. */
  x: number | null;
  x2: number | null;
  y: number | null;
  /** Largest font size on the line, in points; null when unknown. */
  size: number | null;
  /** Styled as a heading: a Word heading style, or type clearly larger than the body text. */
  headingStyle: boolean;
  /** Position in a Word table (innermost table, 0-based row and cell); null outside tables. */
  table: { index: number; row: number; cell: number } | null;
}

export interface ExtractorCapabilities {
  /** Lines carry x/y positions, so a reader can rebuild rows across the page. */
  positions: boolean;
  /** Text in page headers and footers is read (and marked as such). */
  headersAndFooters: boolean;
  /** Table rows and cells are known. */
  tables: boolean;
  /** Heading styles (or type sizes) are known. */
  headingStyles: boolean;
  /** The order lines come out in. */
  order: 'content-stream' | 'physical-rows' | 'document';
}

/** An extractor's output for one document. */
export interface AtsExtraction {
  extractor: string;
  format: AtsFormat;
  /** Lines in the extractor's own reading order. */
  lines: ExtractedLine[];
  /** The lines joined, as the extractor would hand them to a parser. */
  text: string;
  pageCount: number | null;
  capabilities: ExtractorCapabilities;
  /** Facts about the layout worth reporting when a parse fails ("12 lines hold text set side by side"). */
  notes: string[];
  durationMs: number;
}

/** Either an extraction, or why there is none: `skipped` when the extractor is unavailable (no binary). */
export type AtsExtractionOutcome =
  | { ok: true; extraction: AtsExtraction }
  | { ok: false; extractor: string; format: AtsFormat; skipped: boolean; reason: string };

export interface AtsExtractorOptions {
  signal?: AbortSignal;
  /** For extractors that run a program: its time limit. */
  timeoutMs?: number;
  /** For extractors that run a program: its path, instead of looking it up on PATH. */
  binary?: string;
}

export interface AtsExtractor {
  name: string;
  format: AtsFormat;
  description: string;
  extract(bytes: Uint8Array, options?: AtsExtractorOptions): Promise<AtsExtractionOutcome>;
}

/** A line with no layout facts, for extractors that only give text. */
export function plainLine(text: string, extra: Partial<ExtractedLine> = {}): ExtractedLine {
  return {
    text,
    page: null,
    region: 'body',
    x: null,
    x2: null,
    y: null,
    size: null,
    headingStyle: false,
    table: null,
    ...extra,
  };
}
