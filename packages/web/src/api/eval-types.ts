// Shapes of the evaluation endpoints (`/api/v1/eval/runs`, administrators only), transcribed from docs/api.md.
// Reports are written by the evaluation harness and stored as they are, so every field past the basics is
// read as optional: a report from an older or newer harness still renders.

export type EvalRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface MetricSummary {
  mean: number;
  median?: number;
  min?: number;
  max?: number;
  ci95?: [number, number];
  n?: number;
}

/** A summary metric: a distribution, a rate or total, or null when the run had nothing to measure. */
export type SummaryMetric = MetricSummary | number | null;

export interface EvalSummary {
  cases: number;
  metrics: Record<string, SummaryMetric | undefined>;
  byField?: Record<
    string,
    { cases: number; keywordCoverage: number; atsPassRate: number; grounding: number }
  >;
  passed: boolean;
  failures?: string[];
}

export interface EvalRun {
  id: string;
  status: EvalRunStatus;
  configName: string | null;
  limit: number | null;
  compareWith: string | null;
  progress: { done: number; total: number };
  summary: EvalSummary | null;
  error: { code: string; message: string } | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface CaseMetrics {
  keywordCoverage?: number;
  atsScore?: number;
  atsPassed?: boolean;
  grounding?: number;
  fabrications?: number;
  fabricated?: string[];
  ndcgAt5?: number;
  mustFeatureRecall?: number;
  rougeL?: number | null;
  evidenceCoverage?: number;
  words?: number;
}

export interface CaseResult {
  caseId: string;
  persona?: string;
  job?: string;
  field?: string;
  cv?: CaseMetrics;
  coverLetter?: CaseMetrics;
  failures?: string[];
  error?: string | null;
}

export interface EvalReport {
  version: number;
  startedAt?: string;
  finishedAt?: string;
  config?: { name: string; generator: string };
  thresholds?: Record<string, number>;
  summary: EvalSummary;
  cases: CaseResult[];
}

export interface ComparedValue {
  a: number | null;
  b: number | null;
  delta: number | null;
}

export interface EvalComparison {
  a: { id: string; configName: string | null; finishedAt: string | null };
  b: { id: string; configName: string | null; finishedAt: string | null };
  metrics: (ComparedValue & { metric: string })[];
  perCase: {
    caseId: string;
    field: string | null;
    keywordCoverage: ComparedValue;
    grounding: ComparedValue;
  }[];
  onlyInA: string[];
  onlyInB: string[];
}

export interface EvalRunDetail extends EvalRun {
  report: EvalReport | null;
  comparison: EvalComparison | null;
}

export interface NewEvalRun {
  configName?: string;
  pipelineConfig?: Record<string, unknown>;
  limit?: number;
  compareWith?: string;
}
