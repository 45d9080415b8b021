import {
  ATS_PASS_SCORE,
  type TAtsReport,
  type TAtsResult,
  type Taxonomy,
  type TParsedJob,
} from '@dossier/core';
import { checkTextStructure } from './check-text-structure.js';
import { extractDocumentText } from './extract-document-text.js';
import { measureKeywordCoverage } from './measure-keyword-coverage.js';
import { scoreFindings } from './score-findings.js';

export interface CheckExistingDocumentInput {
  bytes: Uint8Array;
  /** `application/pdf`, the DOCX type, `text/markdown`, `text/html` or `text/plain`. */
  mediaType: string;
  job: TParsedJob;
  taxonomy: Taxonomy;
}

const WEIGHTS = { 'keyword-coverage': 0.45, structure: 0.2 };

/**
 * ATS report for a resume that exists only as a file (`dossier ats resume.pdf --job job.md`): the text is read
 * with the same extractors as the round-trip check, then keyword coverage (every critical term counts, as
 * there is no portfolio to excuse one) and the text-level structure rules. Same shape as the pipeline's report.
 */
export async function checkExistingDocument(input: CheckExistingDocumentInput): Promise<TAtsReport> {
  const extracted = await extractDocumentText(input.bytes, input.mediaType);
  const coverage = measureKeywordCoverage({
    text: extracted.text,
    job: input.job,
    taxonomy: input.taxonomy,
    artifacts: null,
  });
  const structure = checkTextStructure({
    text: extracted.text,
    pageCount: extracted.pageCount,
    ligatureGlyphs: extracted.ligatureGlyphs,
  });
  const results: TAtsResult[] = [
    { checker: 'keyword-coverage', ...coverage },
    { checker: 'structure', ...scoreFindings(structure.findings), ...structure },
  ];
  const total = results.reduce((sum, r) => sum + WEIGHTS[r.checker as keyof typeof WEIGHTS], 0);
  const score =
    Math.round(
      (results.reduce((sum, r) => sum + r.score * WEIGHTS[r.checker as keyof typeof WEIGHTS], 0) / total) *
        100,
    ) / 100;
  return { score, passed: score >= ATS_PASS_SCORE, results };
}
