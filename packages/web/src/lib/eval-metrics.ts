import type { EvalSummary, MetricSummary, SummaryMetric } from '../api/eval-types';

export type MetricKind = 'share' | 'count' | 'number' | 'ms' | 'usd';

export interface MetricMeta {
  label: string;
  kind: MetricKind;
  /** Whether more is better; null when neither direction is a regression (length, say). */
  higherIsBetter: boolean | null;
  /** The CI gate's threshold, drawn on trend charts. */
  threshold?: number;
}

/** The metrics a report summarises, in the order they are shown. Unknown ones are shown after these. */
export const METRICS: Record<string, MetricMeta> = {
  keywordCoverage: { label: 'Keyword coverage', kind: 'share', higherIsBetter: true, threshold: 0.9 },
  atsPassRate: { label: 'ATS pass rate', kind: 'share', higherIsBetter: true, threshold: 0.95 },
  atsEmulationPassRate: { label: 'Emulated ATS pass rate', kind: 'share', higherIsBetter: true },
  grounding: { label: 'Grounding', kind: 'share', higherIsBetter: true, threshold: 1 },
  fabrications: { label: 'Fabrications', kind: 'count', higherIsBetter: false, threshold: 0 },
  ndcgAt5: { label: 'Artifact nDCG@5', kind: 'number', higherIsBetter: true },
  mustFeatureRecall: { label: 'Must-feature recall', kind: 'share', higherIsBetter: true },
  rougeL: { label: 'ROUGE-L F', kind: 'number', higherIsBetter: true },
  keywordWeightedOverlap: { label: 'Keyword-weighted overlap', kind: 'share', higherIsBetter: true },
  evidenceCoverage: { label: 'Evidence coverage', kind: 'share', higherIsBetter: true },
  words: { label: 'Words', kind: 'number', higherIsBetter: null },
  readability: { label: 'Readability (Flesch)', kind: 'number', higherIsBetter: null },
  latencyMs: { label: 'Latency', kind: 'ms', higherIsBetter: false },
  tokens: { label: 'Tokens', kind: 'count', higherIsBetter: false },
  costUsd: { label: 'Cost', kind: 'usd', higherIsBetter: false },
};

/** The metrics of the trend charts, most telling first. */
export const TREND_METRICS = [
  'keywordCoverage',
  'atsPassRate',
  'grounding',
  'fabrications',
  'ndcgAt5',
  'mustFeatureRecall',
  'evidenceCoverage',
  'latencyMs',
];

export function metricMeta(name: string): MetricMeta {
  return METRICS[name] ?? { label: name, kind: 'number', higherIsBetter: null };
}

/** Known metrics in their order, then any others a newer harness reports. */
export function orderMetrics(names: Iterable<string>): string[] {
  const all = new Set(names);
  return [...Object.keys(METRICS).filter((n) => all.has(n)), ...[...all].filter((n) => !(n in METRICS))];
}

export function isDistribution(value: SummaryMetric | undefined): value is MetricSummary {
  return typeof value === 'object' && value !== null && typeof value.mean === 'number';
}

/** A summary metric as one number: a distribution's mean, or the rate or total itself. */
export function metricValue(value: SummaryMetric | undefined): number | null {
  if (isDistribution(value)) return value.mean;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function summaryValue(summary: EvalSummary | null | undefined, name: string): number | null {
  return summary ? metricValue(summary.metrics?.[name]) : null;
}

export function formatMetric(name: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (metricMeta(name).kind) {
    case 'share':
      return `${(value * 100).toFixed(1)}%`;
    case 'count':
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
    case 'ms':
      return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
    case 'usd':
      return `$${value.toFixed(value < 1 ? 4 : 2)}`;
    default:
      return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(3);
  }
}

/** A signed delta in the metric's unit ("+2.5 pt" for shares). */
export function formatDelta(name: string, delta: number | null | undefined): string {
  if (delta === null || delta === undefined || !Number.isFinite(delta)) return '—';
  // Float noise (0.8 − 0.8000000001) is no change.
  if (Math.abs(delta) < 1e-9) delta = 0;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const abs = Math.abs(delta);
  if (metricMeta(name).kind === 'share') return `${sign}${(abs * 100).toFixed(1)} pt`;
  return `${sign}${formatMetric(name, abs)}`;
}

/** Whether a change is good, bad, or neither, for colouring deltas. */
export function deltaTone(name: string, delta: number | null | undefined): 'better' | 'worse' | 'same' {
  if (delta === null || delta === undefined || Math.abs(delta) < 1e-9) return 'same';
  const up = metricMeta(name).higherIsBetter;
  if (up === null) return 'same';
  return delta > 0 === up ? 'better' : 'worse';
}
