import type { EvalReport } from '../eval/types.js';
import type { EvalRunRow } from '../presenters/present-eval-run.js';
import type { TEvalComparison } from '../routes/eval/schema.js';

type Pair = { a: number | null; b: number | null; delta: number | null };

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A summary metric as one number: a `MetricSummary`'s mean, or a rate or total as it is. */
function metricValue(v: unknown): number | null {
  if (v && typeof v === 'object' && 'mean' in v) return finite((v as { mean: unknown }).mean);
  return finite(v);
}

function pair(a: number | null, b: number | null): Pair {
  return { a, b, delta: a !== null && b !== null ? b - a : null };
}

function cvMetric(c: unknown, name: 'keywordCoverage' | 'grounding'): number | null {
  const cv = (c as { cv?: Record<string, unknown> } | undefined)?.cv;
  return cv ? finite(cv[name]) : null;
}

/**
 * Two finished runs side by side: every summary metric in A and B with B − A, and, for the cases both ran,
 * the CV's keyword coverage and grounding with their deltas. Stored reports are read defensively, since a
 * report written by an older or newer harness may lack a field.
 */
export function compareEvalRuns(
  a: EvalRunRow & { report: EvalReport },
  b: EvalRunRow & { report: EvalReport },
): TEvalComparison {
  const ma = (a.report.summary?.metrics ?? {}) as Record<string, unknown>;
  const mb = (b.report.summary?.metrics ?? {}) as Record<string, unknown>;
  const names = [...new Set([...Object.keys(ma), ...Object.keys(mb)])];
  const casesA = new Map((a.report.cases ?? []).map((c) => [c.caseId, c]));
  const casesB = new Map((b.report.cases ?? []).map((c) => [c.caseId, c]));
  const side = (r: EvalRunRow) => ({
    id: r.id,
    configName: r.config_name ?? null,
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
  });
  return {
    a: side(a),
    b: side(b),
    metrics: names.map((metric) => ({ metric, ...pair(metricValue(ma[metric]), metricValue(mb[metric])) })),
    perCase: [...casesA.values()]
      .filter((c) => casesB.has(c.caseId))
      .map((ca) => {
        const cb = casesB.get(ca.caseId);
        return {
          caseId: ca.caseId,
          field: typeof ca.field === 'string' ? ca.field : null,
          keywordCoverage: pair(cvMetric(ca, 'keywordCoverage'), cvMetric(cb, 'keywordCoverage')),
          grounding: pair(cvMetric(ca, 'grounding'), cvMetric(cb, 'grounding')),
        };
      }),
    onlyInA: [...casesA.keys()].filter((id) => !casesB.has(id)),
    onlyInB: [...casesB.keys()].filter((id) => !casesA.has(id)),
  };
}

/** Whether a run has a report to compare. */
export function hasReport(row: EvalRunRow): row is EvalRunRow & { report: EvalReport } {
  return row.status === 'succeeded' && row.report !== null && row.report !== undefined;
}
