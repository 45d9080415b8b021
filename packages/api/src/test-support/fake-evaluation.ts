import type { EvaluationService, RunEvaluationOptions } from '../eval/evaluation-service.js';
import type { CaseMetrics, CaseResult, EvalReport, EvalSummary, MetricSummary } from '../eval/types.js';

const summaryOf = (values: number[]): MetricSummary => {
  const sorted = [...values].sort((x, y) => x - y);
  const mean = values.reduce((s, v) => s + v, 0) / Math.max(values.length, 1);
  return {
    mean,
    median: sorted[Math.floor(sorted.length / 2)] ?? 0,
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
    ci95: [mean, mean],
    n: values.length,
  };
};

function metrics(keywordCoverage: number, grounding: number): CaseMetrics {
  return {
    keywordCoverage,
    atsScore: 90,
    atsPassed: true,
    atsEmulationPassRate: 1,
    grounding,
    fabrications: 0,
    fabricated: [],
    ndcgAt5: 0.8,
    mustFeatureRecall: 1,
    rougeL: null,
    keywordWeightedOverlap: null,
    evidenceCoverage: 0.5,
    words: 420,
    readability: 45,
    latencyMs: { generator: 12 },
    tokens: 0,
    costUsd: 0,
  };
}

/** A small, plausible report: one case per coverage value, named `case-1`, `case-2`, … */
export function fakeReport(
  opts: { configName?: string; coverage?: number[]; grounding?: number } = {},
): EvalReport {
  const coverage = opts.coverage ?? [0.9, 1, 0.8];
  const grounding = opts.grounding ?? 1;
  const cases: CaseResult[] = coverage.map((kc, i) => ({
    caseId: `case-${i + 1}`,
    persona: `persona-${i + 1}`,
    job: `job-${i + 1}`,
    field: i % 2 === 0 ? 'software' : 'data',
    cv: metrics(kc, grounding),
    coverLetter: metrics(kc, grounding),
    failures: kc < 0.85 ? ['keyword coverage 0.80 < 0.90'] : [],
    error: null,
  }));
  const kcSummary = summaryOf(coverage);
  const summary: EvalSummary = {
    cases: cases.length,
    metrics: {
      keywordCoverage: kcSummary,
      atsPassRate: 1,
      atsEmulationPassRate: summaryOf(coverage.map(() => 1)),
      grounding: summaryOf(coverage.map(() => grounding)),
      fabrications: 0,
      ndcgAt5: summaryOf(coverage.map(() => 0.8)),
      mustFeatureRecall: summaryOf(coverage.map(() => 1)),
      rougeL: null,
      keywordWeightedOverlap: null,
      evidenceCoverage: summaryOf(coverage.map(() => 0.5)),
      words: summaryOf(coverage.map(() => 420)),
      readability: summaryOf(coverage.map(() => 45)),
      latencyMs: summaryOf(coverage.map(() => 12)),
      tokens: 0,
      costUsd: 0,
    },
    byField: {
      software: { cases: 2, keywordCoverage: kcSummary.mean, atsPassRate: 1, grounding },
      data: { cases: 1, keywordCoverage: kcSummary.mean, atsPassRate: 1, grounding },
    },
    passed: kcSummary.mean >= 0.9,
    failures: kcSummary.mean >= 0.9 ? [] : ['keyword coverage mean below 0.90'],
  };
  return {
    version: 1,
    startedAt: new Date(Date.now() - 1000).toISOString(),
    finishedAt: new Date().toISOString(),
    config: { name: opts.configName ?? 'default', generator: 'template' },
    golden: { dir: '/golden', corpus: null },
    thresholds: {
      keywordCoverageMean: 0.9,
      atsPassRate: 0.95,
      groundingMean: 1,
      maxFabrications: 0,
      regressionTolerance: 0.02,
    },
    summary,
    cases,
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface FakeEvaluation extends EvaluationService {
  /** Every call's options, in order. */
  calls: RunEvaluationOptions[];
  /** Lets runs waiting at the gate go on. */
  release(): void;
}

/**
 * A scripted harness: reports progress case by case, optionally holds after the first case until `release()`
 * (or until its signal aborts), then returns `report(options)` or throws `fail`.
 */
export function createFakeEvaluation(
  opts: { gate?: boolean; fail?: Error; report?: (options: RunEvaluationOptions) => EvalReport } = {},
): FakeEvaluation {
  let open = !opts.gate;
  const waiting: Array<() => void> = [];
  const calls: RunEvaluationOptions[] = [];
  return {
    calls,
    release() {
      open = true;
      for (const r of waiting.splice(0)) r();
    },
    async run(options) {
      calls.push(options);
      const report = (
        opts.report ?? ((o) => fakeReport({ ...(o.configName ? { configName: o.configName } : {}) }))
      )(options);
      const total = options.limit ? Math.min(options.limit, report.cases.length) : report.cases.length;
      for (let done = 1; done <= total; done += 1) {
        options.signal?.throwIfAborted();
        options.onProgress?.({ done, total, caseId: report.cases[done - 1]?.caseId ?? null });
        if (done === 1 && !open) {
          await new Promise<void>((resolve, reject) => {
            waiting.push(resolve);
            options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
          });
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      if (opts.fail) throw opts.fail;
      return { ...report, cases: report.cases.slice(0, total) };
    },
    renderHtml(report) {
      return `<!doctype html><html><head><meta charset="utf-8"><title>Evaluation — ${escapeHtml(report.config.name)}</title></head><body><h1>${escapeHtml(report.config.name)}</h1><p>${report.summary.cases} cases</p></body></html>`;
    },
  };
}
