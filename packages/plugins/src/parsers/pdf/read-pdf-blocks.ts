import type { ResumeBlock } from '../resume/resume-block.js';
import { buildPdfLines } from './build-pdf-lines.js';
import { detectColumns } from './detect-columns.js';
import { loadPdfPages } from './load-pdf-pages.js';
import { pdfLinesToBlocks } from './pdf-lines-to-blocks.js';
import { removePageFurniture } from './remove-page-furniture.js';

export interface PdfBlocks {
  blocks: ResumeBlock[];
  name: string | null;
  pageCount: number;
  pagesRead: number;
  twoColumnPages: number;
}

/** A PDF's text as resume blocks in reading order: pages → column regions → lines → blocks. */
export async function readPdfBlocks(
  bytes: Uint8Array,
  options: { signal: AbortSignal; maxPages: number },
): Promise<PdfBlocks> {
  const { pages, pageCount } = await loadPdfPages(bytes, options);
  let twoColumnPages = 0;
  const lines = pages.flatMap((page) => {
    const layout = detectColumns(page);
    if (layout.gutter !== null) twoColumnPages++;
    return layout.regions.flatMap((region) => buildPdfLines(region, page.links));
  });
  options.signal.throwIfAborted();
  const { blocks, name } = pdfLinesToBlocks(removePageFurniture(lines, pages));
  return { blocks, name, pageCount, pagesRead: pages.length, twoColumnPages };
}
