import { mean, summarize, wilcoxonSignedRank } from './metrics/stats.js';
import type { CaseMetrics, CaseResult, EvalSummary, MetricThresholds, PairedComparison } from './types.js';

export const DEFAULT_THRESHOLDS: MetricThresholds = {
  keywordCoverageMean: 0.9,
  atsPassRate: 0.95,
  groundingMean: 1.0,
  maxFabrications: 0,
  regressionTolerance: 0.02,
};

// Float noise must not fail a gate at exactly the threshold (a mean of 0.8999999999 for 0.9).
const EPS = 1e-9;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Threshold failures of one case, in words; the gates are on means, this shows which cases pull them down. */
export function caseFailures(result: Omit<CaseResult, 'failures'>, t: MetricThresholds): string[] {
  if (result.error) return [`error: ${result.error}`];
  const out: string[] = [];
  const { cv, coverLetter } = result;
  if (cv.keywordCoverage + EPS < t.keywordCoverageMean)
    out.push(`CV keyword coverage ${pct(cv.keywordCoverage)} < ${pct(t.keywordCoverageMean)}`);
  if (!cv.atsPassed) out.push(`CV fails the ATS check (score ${Math.round(cv.atsScore)})`);
  for (const [name, m] of [
    ['CV', cv],
    ['cover letter', coverLetter],
  ] as const) {
    if (m.grounding + EPS < t.groundingMean)
      out.push(`${name} grounding ${pct(m.grounding)} < ${pct(t.groundingMean)}`);
    if (m.fabrications > 0) out.push(`${name} fabricates: ${m.fabricated.join('; ')}`);
  }
  return out;
}

const cvValues = (cases: CaseResult[], pick: (m: CaseMetrics) => number | null): number[] =>
  cases.map((c) => pick(c.cv)).filter((v): v is number => v !== null);
const bothValues = (cases: CaseResult[], pick: (m: CaseMetrics) => number | null): number[] =>
  cases.flatMap((c) => [pick(c.cv), pick(c.coverLetter)]).filter((v): v is number => v !== null);

/**
 * Aggregates per-case results. Keyword coverage, ATS, artifact selection and evidence coverage are the CV's
 * (the document an ATS screens); grounding, fabrications, similarity to the references, length, readability,
 * latency, tokens and cost cover both documents. Cases that errored count as failures and are left out of
 * the means.
 */
export function summarizeRun(cases: CaseResult[], t: MetricThresholds): EvalSummary {
  const ok = cases.filter((c) => c.error === null);
  const rouge = bothValues(ok, (m) => m.rougeL);
  const overlap = bothValues(ok, (m) => m.keywordWeightedOverlap);
  const metrics: EvalSummary['metrics'] = {
    keywordCoverage: summarize(cvValues(ok, (m) => m.keywordCoverage)),
    atsPassRate: ok.length === 0 ? 0 : ok.filter((c) => c.cv.atsPassed).length / ok.length,
    atsEmulationPassRate: summarize(cvValues(ok, (m) => m.atsEmulationPassRate)),
    grounding: summarize(bothValues(ok, (m) => m.grounding)),
    fabrications: ok.reduce((n, c) => n + c.cv.fabrications + c.coverLetter.fabrications, 0),
    ndcgAt5: summarize(cvValues(ok, (m) => m.ndcgAt5)),
    mustFeatureRecall: summarize(cvValues(ok, (m) => m.mustFeatureRecall)),
    rougeL: rouge.length > 0 ? summarize(rouge) : null,
    keywordWeightedOverlap: overlap.length > 0 ? summarize(overlap) : null,
    evidenceCoverage: summarize(cvValues(ok, (m) => m.evidenceCoverage)),
    words: summarize(bothValues(ok, (m) => m.words)),
    readability: summarize(bothValues(ok, (m) => m.readability)),
    latencyMs: summarize(ok.map((c) => (c.cv.latencyMs.total ?? 0) + (c.coverLetter.latencyMs.total ?? 0))),
    tokens: ok.reduce((n, c) => n + c.cv.tokens + c.coverLetter.tokens, 0),
    costUsd: ok.reduce((n, c) => n + c.cv.costUsd + c.coverLetter.costUsd, 0),
  };
  const byField: EvalSummary['byField'] = {};
  for (const field of [...new Set(ok.map((c) => c.field))].sort()) {
    const inField = ok.filter((c) => c.field === field);
    byField[field] = {
      cases: inField.length,
      keywordCoverage: mean(inField.map((c) => c.cv.keywordCoverage)),
      atsPassRate: inField.filter((c) => c.cv.atsPassed).length / inField.length,
      grounding: mean(inField.flatMap((c) => [c.cv.grounding, c.coverLetter.grounding])),
    };
  }
  const failures: string[] = [];
  const errored = cases.length - ok.length;
  if (cases.length === 0) failures.push('no cases were evaluated');
  if (errored > 0) failures.push(`${errored} case${errored === 1 ? '' : 's'} failed to run`);
  if (ok.length > 0) {
    if (metrics.keywordCoverage.mean + EPS < t.keywordCoverageMean)
      failures.push(
        `keyword coverage mean ${pct(metrics.keywordCoverage.mean)} < ${pct(t.keywordCoverageMean)}`,
      );
    if (metrics.atsPassRate + EPS < t.atsPassRate)
      failures.push(`ATS pass rate ${pct(metrics.atsPassRate)} < ${pct(t.atsPassRate)}`);
    if (metrics.grounding.mean + EPS < t.groundingMean)
      failures.push(`grounding mean ${pct(metrics.grounding.mean)} < ${pct(t.groundingMean)}`);
    if (metrics.fabrications > t.maxFabrications)
      failures.push(
        `${metrics.fabrications} fabrication${metrics.fabrications === 1 ? '' : 's'} > ${t.maxFabrications}`,
      );
  }
  return { cases: cases.length, metrics, byField, passed: failures.length === 0, failures };
}

/** Per-case metrics compared between two configurations (CV values; grounding and fabrications over both). */
export const COMPARED_METRICS: Array<{ metric: string; pick: (c: CaseResult) => number | null }> = [
  { metric: 'keywordCoverage', pick: (c) => c.cv.keywordCoverage },
  { metric: 'atsScore', pick: (c) => c.cv.atsScore },
  { metric: 'atsEmulationPassRate', pick: (c) => c.cv.atsEmulationPassRate },
  { metric: 'grounding', pick: (c) => (c.cv.grounding + c.coverLetter.grounding) / 2 },
  { metric: 'fabrications', pick: (c) => c.cv.fabrications + c.coverLetter.fabrications },
  { metric: 'ndcgAt5', pick: (c) => c.cv.ndcgAt5 },
  { metric: 'mustFeatureRecall', pick: (c) => c.cv.mustFeatureRecall },
  { metric: 'rougeL', pick: (c) => c.cv.rougeL },
  { metric: 'keywordWeightedOverlap', pick: (c) => c.cv.keywordWeightedOverlap },
  { metric: 'evidenceCoverage', pick: (c) => c.cv.evidenceCoverage },
  { metric: 'words', pick: (c) => c.cv.words },
  { metric: 'readability', pick: (c) => c.cv.readability },
  { metric: 'latencyMs', pick: (c) => (c.cv.latencyMs.total ?? 0) + (c.coverLetter.latencyMs.total ?? 0) },
];

/** A-vs-B over the cases both runs completed, with a Wilcoxon signed-rank p-value per metric. */
export function compareRuns(a: CaseResult[], b: CaseResult[]): PairedComparison[] {
  const bById = new Map(b.filter((c) => c.error === null).map((c) => [c.caseId, c]));
  return COMPARED_METRICS.map(({ metric, pick }) => {
    const perCase: PairedComparison['perCase'] = [];
    for (const ca of a) {
      const cb = bById.get(ca.caseId);
      if (ca.error !== null || !cb) continue;
      const va = pick(ca);
      const vb = pick(cb);
      if (va === null || vb === null) continue;
      perCase.push({ caseId: ca.caseId, a: va, b: vb, delta: vb - va });
    }
    const meanA = mean(perCase.map((p) => p.a));
    const meanB = mean(perCase.map((p) => p.b));
    const { pValue } = wilcoxonSignedRank(
      perCase.map((p) => p.a),
      perCase.map((p) => p.b),
    );
    return { metric, meanA, meanB, meanDelta: meanB - meanA, pValue, perCase };
  });
}

/** The means a baseline file keeps, and whether a higher value is better. */
const BASELINE_METRICS: Array<{
  metric: string;
  higherIsBetter: boolean;
  get: (s: EvalSummary) => number | null;
}> = [
  { metric: 'keywordCoverage', higherIsBetter: true, get: (s) => s.metrics.keywordCoverage.mean },
  { metric: 'atsPassRate', higherIsBetter: true, get: (s) => s.metrics.atsPassRate },
  { metric: 'atsEmulationPassRate', higherIsBetter: true, get: (s) => s.metrics.atsEmulationPassRate.mean },
  { metric: 'grounding', higherIsBetter: true, get: (s) => s.metrics.grounding.mean },
  { metric: 'fabrications', higherIsBetter: false, get: (s) => s.metrics.fabrications },
  { metric: 'ndcgAt5', higherIsBetter: true, get: (s) => s.metrics.ndcgAt5.mean },
  { metric: 'mustFeatureRecall', higherIsBetter: true, get: (s) => s.metrics.mustFeatureRecall.mean },
  { metric: 'rougeL', higherIsBetter: true, get: (s) => s.metrics.rougeL?.mean ?? null },
  {
    metric: 'keywordWeightedOverlap',
    higherIsBetter: true,
    get: (s) => s.metrics.keywordWeightedOverlap?.mean ?? null,
  },
  { metric: 'evidenceCoverage', higherIsBetter: true, get: (s) => s.metrics.evidenceCoverage.mean },
];

/** What `--update-baseline` writes: the run's headline means. */
export interface EvalBaseline {
  version: 1;
  createdAt: string;
  config: { name: string; generator: string };
  cases: number;
  means: Record<string, number>;
}

export function toBaseline(
  summary: EvalSummary,
  config: EvalBaseline['config'],
  createdAt: string,
): EvalBaseline {
  const means: Record<string, number> = {};
  for (const { metric, get } of BASELINE_METRICS) {
    const v = get(summary);
    if (v !== null) means[metric] = v;
  }
  return { version: 1, createdAt, config, cases: summary.cases, means };
}

/** Reads a baseline file's means: a baseline written by `--update-baseline`, or a whole `report.json`. */
export function baselineMeans(json: unknown): Record<string, number> {
  const value = json as Partial<EvalBaseline> & { summary?: EvalSummary };
  if (value && typeof value === 'object' && value.means && typeof value.means === 'object') {
    return Object.fromEntries(Object.entries(value.means).filter(([, v]) => typeof v === 'number'));
  }
  if (value?.summary?.metrics) return toBaseline(value.summary, { name: '', generator: '' }, '').means;
  throw new Error('not an evaluation baseline (expected "means" or a report with "summary")');
}

/**
 * Deltas against a baseline: a metric regresses when it drops more than the tolerance below the baseline
 * (fabrications: when there are more than before). Metrics missing on either side are skipped.
 */
export function compareToBaseline(
  summary: EvalSummary,
  baseline: Record<string, number>,
  tolerance: number,
): Array<{ metric: string; baseline: number; current: number; regressed: boolean }> {
  const out: Array<{ metric: string; baseline: number; current: number; regressed: boolean }> = [];
  for (const { metric, higherIsBetter, get } of BASELINE_METRICS) {
    const current = get(summary);
    const before = baseline[metric];
    if (current === null || before === undefined) continue;
    const regressed = higherIsBetter ? current < before - tolerance - EPS : current > before + EPS;
    out.push({ metric, baseline: before, current, regressed });
  }
  return out;
}
