import {
  contentToText,
  type Taxonomy,
  type TDocumentContent,
  type TParsedJob,
  type TPipelinePortfolio,
} from '@dossier/core';
import {
  citedArtifacts,
  mustFeatureRecall,
  ndcgAtK,
  selectionRanking,
} from './metrics/artifact-selection.js';
import { documentProse, markdownToText, words } from './metrics/document-text.js';
import { evidenceCoverage } from './metrics/evidence-coverage.js';
import { findFabrications, groundingScore } from './metrics/grounding.js';
import { keywordCoverage } from './metrics/keyword-coverage.js';
import { fleschReadingEase } from './metrics/readability.js';
import { keywordWeightedOverlap, rougeL } from './metrics/similarity.js';
import type { CaseMetrics, GoldenCase } from './types.js';

export interface DocumentRun {
  content: TDocumentContent;
  job: TParsedJob;
  /** Artifact ids in the matcher's order. */
  ranked: string[];
  ats: { score: number; passed: boolean } | null;
  atsEmulationPassRate: number;
  timings: Record<string, number>;
  usage: { inputTokens: number; outputTokens: number; costUsd: number };
}

/** Every per-document metric of one case (see docs/evaluation.md for the definitions). */
export function measureDocument({
  run,
  goldenCase,
  portfolio,
  taxonomy,
  reference,
}: {
  run: DocumentRun;
  goldenCase: GoldenCase;
  portfolio: TPipelinePortfolio;
  taxonomy: Taxonomy;
  /** The reference document (Markdown) for this kind, when the case has one. */
  reference: string | null;
}): CaseMetrics {
  const { content } = run;
  const text = contentToText(content);
  const cited = citedArtifacts(content);
  const fabricated = findFabrications(
    content,
    portfolio.artifacts,
    taxonomy,
    goldenCase.mustNotClaim,
    portfolio.profile,
  );
  const referenceText = reference === null ? null : markdownToText(reference);
  const jobKeywords = [
    ...goldenCase.criticalKeywords,
    ...run.job.skills.map((s) => s.name),
    ...run.job.keywords.map((k) => k.term),
  ];
  const total = Object.values(run.timings).reduce((a, b) => a + b, 0);
  return {
    keywordCoverage: keywordCoverage(text, goldenCase.criticalKeywords, taxonomy).coverage,
    atsScore: run.ats?.score ?? 0,
    atsPassed: run.ats?.passed ?? false,
    atsEmulationPassRate: run.atsEmulationPassRate,
    grounding: groundingScore(content, portfolio.artifacts, taxonomy, portfolio.profile).grounding,
    fabrications: fabricated.length,
    fabricated,
    ndcgAt5: ndcgAtK(selectionRanking(run.ranked, cited), goldenCase.mustFeature, 5),
    mustFeatureRecall: mustFeatureRecall(new Set(cited), goldenCase.mustFeature),
    rougeL: referenceText === null ? null : rougeL(text, referenceText),
    keywordWeightedOverlap:
      referenceText === null ? null : keywordWeightedOverlap(text, referenceText, jobKeywords),
    evidenceCoverage: evidenceCoverage(content),
    words: words(text).length,
    readability: fleschReadingEase(documentProse(content)),
    latencyMs: { ...run.timings, total },
    tokens: run.usage.inputTokens + run.usage.outputTokens,
    costUsd: run.usage.costUsd,
  };
}
