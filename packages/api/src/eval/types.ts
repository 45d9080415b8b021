import type { Portfolio } from '@dossier/core';

/**
 * The evaluation harness's shapes, shared by the golden-set loader, the runner, the CLI (`dossier eval`), the
 * API (`/api/v1/eval/runs`) and the web dashboard. The on-disk golden format is documented in
 * `golden/README.md` and validated by the JSON Schemas in `golden/schema/`.
 */

export const GOLDEN_FIELDS = [
  'software',
  'data',
  'design',
  'product',
  'marketing',
  'finance',
  'healthcare',
  'research',
  'education',
  'operations',
  'sales',
  'legal',
] as const;
export type GoldenField = (typeof GOLDEN_FIELDS)[number];

export const CAREER_STAGES = ['entry', 'mid', 'senior', 'lead', 'career-change'] as const;
export type CareerStage = (typeof CAREER_STAGES)[number];

/** `golden/personas/<id>.json`: one person's whole portfolio, in the portfolio export format. */
export interface GoldenPersona {
  id: string;
  field: GoldenField;
  stage: CareerStage;
  /** Every artifact carries a stable `id`, which cases refer to. */
  portfolio: Portfolio;
}

/** `golden/jobs/<field>/<id>.md`: a job posting in Markdown whose first line is `# Title — Company`. */
export interface GoldenJob {
  id: string;
  field: GoldenField;
  /** The posting text as the job-description parser receives it. */
  text: string;
}

/** One entry of a `golden/cases/<persona-id>.json` file's `cases` array: a persona applying for a job. */
export interface GoldenCase {
  id: string;
  persona: string;
  job: string;
  field: GoldenField;
  /** Keywords a good CV for this job must contain (case-insensitive, taxonomy aliases count). */
  criticalKeywords: string[];
  /** Artifact ids (from the persona) a good CV must feature, most important first. */
  mustFeature: string[];
  /** Claims that must not appear: skills, employers or numbers the persona does not have. */
  mustNotClaim: string[];
  /** Paths, relative to the golden directory, of the reference documents, when the case has them. */
  reference?: { cv: string; coverLetter: string };
  /** Where the case came from: `golden` for in-house cases, `corpus:<file>` for ones built from a JSONL corpus. */
  source?: string;
}

export interface GoldenSet {
  dir: string;
  personas: Map<string, GoldenPersona>;
  jobs: Map<string, GoldenJob>;
  cases: GoldenCase[];
  /** Reference texts (Markdown) keyed by the path in `GoldenCase.reference`. */
  references: Map<string, string>;
}

/** Summary statistics of one numeric metric over cases. */
export interface MetricSummary {
  mean: number;
  median: number;
  min: number;
  max: number;
  /** 95% bootstrap confidence interval of the mean. */
  ci95: [number, number];
  n: number;
}

/** The numbers measured for one case and one document kind. */
export interface CaseMetrics {
  keywordCoverage: number;
  atsScore: number;
  atsPassed: boolean;
  /** Pass rate over the emulated ATS profiles (0–1). */
  atsEmulationPassRate: number;
  grounding: number;
  fabrications: number;
  fabricated: string[];
  ndcgAt5: number;
  mustFeatureRecall: number;
  /** Null when the case has no reference document. */
  rougeL: number | null;
  keywordWeightedOverlap: number | null;
  evidenceCoverage: number;
  words: number;
  /** Flesch reading ease. */
  readability: number;
  latencyMs: Record<string, number>;
  tokens: number;
  costUsd: number;
}

export interface CaseResult {
  caseId: string;
  persona: string;
  job: string;
  field: GoldenField;
  /** Metrics of the CV and of the cover letter. */
  cv: CaseMetrics;
  coverLetter: CaseMetrics;
  /** Threshold failures for this case, in words (empty when it passed). */
  failures: string[];
  error: string | null;
}

export interface MetricThresholds {
  keywordCoverageMean: number;
  atsPassRate: number;
  groundingMean: number;
  maxFabrications: number;
  /** Largest allowed drop of a mean against the baseline before it counts as a regression. */
  regressionTolerance: number;
}

export interface EvalSummary {
  cases: number;
  metrics: {
    keywordCoverage: MetricSummary;
    atsPassRate: number;
    atsEmulationPassRate: MetricSummary;
    grounding: MetricSummary;
    fabrications: number;
    ndcgAt5: MetricSummary;
    mustFeatureRecall: MetricSummary;
    rougeL: MetricSummary | null;
    keywordWeightedOverlap: MetricSummary | null;
    evidenceCoverage: MetricSummary;
    words: MetricSummary;
    readability: MetricSummary;
    latencyMs: MetricSummary;
    tokens: number;
    costUsd: number;
  };
  byField: Record<string, { cases: number; keywordCoverage: number; atsPassRate: number; grounding: number }>;
  passed: boolean;
  failures: string[];
}

export interface PairedComparison {
  metric: string;
  meanA: number;
  meanB: number;
  meanDelta: number;
  /** Two-sided p-value of a paired test (Wilcoxon signed-rank) over per-case values. */
  pValue: number;
  perCase: Array<{ caseId: string; a: number; b: number; delta: number }>;
}

export interface EvalReport {
  version: 1;
  startedAt: string;
  finishedAt: string;
  config: { name: string; generator: string };
  golden: { dir: string | null; corpus: string | null };
  thresholds: MetricThresholds;
  summary: EvalSummary;
  cases: CaseResult[];
  /** Present with `--compare`: the second configuration's run and the paired comparison. */
  compare?: {
    config: { name: string; generator: string };
    summary: EvalSummary;
    comparisons: PairedComparison[];
  };
  /** Present with `--baseline`: the baseline's means and the deltas. */
  baseline?: {
    file: string;
    deltas: Array<{ metric: string; baseline: number; current: number; regressed: boolean }>;
  };
  /** Things a reader should know about the run: data-quality warnings, a missing emulated ATS suite. */
  notes?: string[];
}

export interface EvalProgress {
  done: number;
  total: number;
  caseId: string | null;
}
