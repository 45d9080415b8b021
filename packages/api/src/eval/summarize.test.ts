import { describe, expect, it } from 'vitest';
import { escapeHtml, renderReportHtml } from './render-report-html.js';
import {
  baselineMeans,
  caseFailures,
  compareRuns,
  compareToBaseline,
  DEFAULT_THRESHOLDS,
  summarizeRun,
  toBaseline,
} from './summarize.js';
import type { CaseMetrics, CaseResult, EvalReport } from './types.js';

const metrics = (over: Partial<CaseMetrics> = {}): CaseMetrics => ({
  keywordCoverage: 1,
  atsScore: 90,
  atsPassed: true,
  atsEmulationPassRate: 1,
  grounding: 1,
  fabrications: 0,
  fabricated: [],
  ndcgAt5: 1,
  mustFeatureRecall: 1,
  rougeL: null,
  keywordWeightedOverlap: null,
  evidenceCoverage: 1,
  words: 300,
  readability: 40,
  latencyMs: { total: 100 },
  tokens: 0,
  costUsd: 0,
  ...over,
});

function result(
  id: string,
  field: 'software' | 'data',
  cv: Partial<CaseMetrics> = {},
  error: string | null = null,
): CaseResult {
  const base = { caseId: id, persona: 'p', job: 'j', field, cv: metrics(cv), coverLetter: metrics(), error };
  return { ...base, failures: caseFailures(base, DEFAULT_THRESHOLDS) };
}

describe('summarizeRun', () => {
  it('passes when every gate holds and breaks results down by field', () => {
    const s = summarizeRun(
      [result('a', 'software'), result('b', 'data', { keywordCoverage: 0.8 })],
      DEFAULT_THRESHOLDS,
    );
    expect(s.passed).toBe(true);
    expect(s.metrics.keywordCoverage.mean).toBeCloseTo(0.9, 12);
    expect(s.metrics.grounding.n).toBe(4);
    expect(s.metrics.rougeL).toBeNull();
    expect(s.byField).toEqual({
      data: { cases: 1, keywordCoverage: 0.8, atsPassRate: 1, grounding: 1 },
      software: { cases: 1, keywordCoverage: 1, atsPassRate: 1, grounding: 1 },
    });
  });

  it('fails each gate in words, and counts errored cases', () => {
    const s = summarizeRun(
      [
        result('a', 'software', {
          keywordCoverage: 0.5,
          atsPassed: false,
          grounding: 0.5,
          fabrications: 2,
          fabricated: ['x', 'y'],
        }),
        result('b', 'software', {}, 'boom'),
      ],
      DEFAULT_THRESHOLDS,
    );
    expect(s.passed).toBe(false);
    expect(s.failures).toEqual([
      '1 case failed to run',
      'keyword coverage mean 50.0% < 90.0%',
      'ATS pass rate 0.0% < 95.0%',
      'grounding mean 75.0% < 100.0%',
      '2 fabrications > 0',
    ]);
  });

  it('lists per-case failures', () => {
    const r = result('a', 'data', { keywordCoverage: 0.5, fabrications: 1, fabricated: ['skill: "Kafka"'] });
    expect(r.failures).toEqual(['CV keyword coverage 50.0% < 90.0%', 'CV fabricates: skill: "Kafka"']);
    expect(result('b', 'data', {}, 'the parser failed').failures).toEqual(['error: the parser failed']);
  });
});

describe('comparisons', () => {
  it('pairs cases and tests the differences', () => {
    const a = [0.5, 0.6, 0.7, 0.8, 0.9, 0.6].map((k, i) => result(`c${i}`, 'data', { keywordCoverage: k }));
    const b = [0.6, 0.8, 0.8, 1, 1, 0.9].map((k, i) => result(`c${i}`, 'data', { keywordCoverage: k }));
    const k = compareRuns(a, b).find((c) => c.metric === 'keywordCoverage')!;
    expect(k.perCase).toHaveLength(6);
    expect(k.meanDelta).toBeCloseTo(1 / 6, 12);
    expect(k.pValue).toBeLessThan(0.05);
    const same = compareRuns(a, a).find((c) => c.metric === 'keywordCoverage')!;
    expect(same.pValue).toBe(1);
  });

  it('flags regressions beyond the tolerance against a baseline', () => {
    const before = summarizeRun(
      [result('a', 'data', { keywordCoverage: 0.95, ndcgAt5: 0.9 })],
      DEFAULT_THRESHOLDS,
    );
    const baseline = toBaseline(
      before,
      { name: 'template', generator: 'template-cv' },
      '2026-01-01T00:00:00Z',
    );
    expect(baselineMeans(JSON.parse(JSON.stringify(baseline)))).toEqual(baseline.means);
    expect(baselineMeans({ summary: before })).toEqual(baseline.means);
    expect(() => baselineMeans({})).toThrow(/not an evaluation baseline/);
    const now = summarizeRun(
      [result('a', 'data', { keywordCoverage: 0.94, ndcgAt5: 0.8, fabrications: 1, fabricated: ['x'] })],
      DEFAULT_THRESHOLDS,
    );
    const deltas = compareToBaseline(now, baseline.means, 0.02);
    const regressed = deltas.filter((d) => d.regressed).map((d) => d.metric);
    expect(regressed).toEqual(['fabrications', 'ndcgAt5']);
  });
});

describe('renderReportHtml', () => {
  it('escapes every piece of text and has no external assets', () => {
    const evil = '<script>alert("x")</script>';
    const cases = [result(evil, 'data', { keywordCoverage: 0.2 })];
    const report: EvalReport = {
      version: 1,
      startedAt: 's',
      finishedAt: 'f',
      config: { name: evil, generator: 'g' },
      golden: { dir: evil, corpus: null },
      thresholds: DEFAULT_THRESHOLDS,
      summary: summarizeRun(cases, DEFAULT_THRESHOLDS),
      cases,
      notes: [evil],
    };
    report.compare = {
      config: { name: 'B', generator: 'g' },
      summary: report.summary,
      comparisons: compareRuns(cases, cases),
    };
    report.baseline = {
      file: evil,
      deltas: [{ metric: 'keywordCoverage', baseline: 0.9, current: 0.2, regressed: true }],
    };
    const html = renderReportHtml(report);
    expect(html).not.toContain(evil);
    expect(html).toContain(escapeHtml(evil));
    expect(html).not.toMatch(/<(?:link|img)\b|src=|href="http/);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toContain('<svg');
    expect(html).toContain('REGRESSED');
    expect(html.indexOf('FAIL</td>')).toBeGreaterThan(0);
  });
});
