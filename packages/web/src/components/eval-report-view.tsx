import { useMemo, useState } from 'react';
import type { CaseResult, EvalReport } from '../api/eval-types';
import { formatMetric, isDistribution, metricMeta, orderMetrics } from '../lib/eval-metrics';

const hasFailed = (c: CaseResult) => (c.failures?.length ?? 0) > 0 || Boolean(c.error);

/** A run's report: the summary with its gate, the breakdown by field, and every case, failures first. */
export function EvalReportView({ report }: { report: EvalReport }) {
  const summary = report.summary;
  const names = orderMetrics(Object.keys(summary.metrics ?? {}));
  return (
    <>
      <section className="eval-section" aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="section-title">
          Summary
        </h2>
        <p className={`eval-gate ${summary.passed ? 'is-ok' : 'is-low'}`}>
          {summary.passed ? '✓ Every gate passed' : '✕ Below the gate'} · {summary.cases} case
          {summary.cases === 1 ? '' : 's'}
          {report.config ? ` · ${report.config.name} (${report.config.generator})` : ''}
        </p>
        {(summary.failures?.length ?? 0) > 0 && (
          <ul className="eval-failures">
            {summary.failures?.map((failure) => (
              <li key={failure}>{failure}</li>
            ))}
          </ul>
        )}
        <div className="table-wrap">
          <table className="table eval-summary-table">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col" className="num">
                  Mean / value
                </th>
                <th scope="col" className="num">
                  Median
                </th>
                <th scope="col" className="num">
                  95% CI
                </th>
                <th scope="col" className="num">
                  Min – max
                </th>
                <th scope="col" className="num">
                  n
                </th>
              </tr>
            </thead>
            <tbody>
              {names.map((name) => {
                const value = summary.metrics[name];
                return (
                  <tr key={name}>
                    <th scope="row">{metricMeta(name).label}</th>
                    {isDistribution(value) ? (
                      <>
                        <td className="num">{formatMetric(name, value.mean)}</td>
                        <td className="num">{formatMetric(name, value.median)}</td>
                        <td className="num">
                          {value.ci95
                            ? `${formatMetric(name, value.ci95[0])} – ${formatMetric(name, value.ci95[1])}`
                            : '—'}
                        </td>
                        <td className="num">
                          {formatMetric(name, value.min)} – {formatMetric(name, value.max)}
                        </td>
                        <td className="num">{value.n ?? '—'}</td>
                      </>
                    ) : (
                      <>
                        <td className="num">
                          {formatMetric(name, typeof value === 'number' ? value : null)}
                        </td>
                        <td colSpan={4} className="muted">
                          {value === null || value === undefined ? 'not measured in this run' : ''}
                        </td>
                      </>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      {summary.byField && Object.keys(summary.byField).length > 0 && (
        <section className="eval-section" aria-labelledby="fields-heading">
          <h2 id="fields-heading" className="section-title">
            By field
          </h2>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col" className="num">
                    Cases
                  </th>
                  <th scope="col" className="num">
                    Keyword coverage
                  </th>
                  <th scope="col" className="num">
                    ATS pass rate
                  </th>
                  <th scope="col" className="num">
                    Grounding
                  </th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(summary.byField)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([field, row]) => (
                    <tr key={field}>
                      <th scope="row">{field}</th>
                      <td className="num">{row.cases}</td>
                      <td className="num">{formatMetric('keywordCoverage', row.keywordCoverage)}</td>
                      <td className="num">{formatMetric('atsPassRate', row.atsPassRate)}</td>
                      <td className="num">{formatMetric('grounding', row.grounding)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <CaseTable cases={report.cases ?? []} />
    </>
  );
}

function CaseTable({ cases }: { cases: CaseResult[] }) {
  const [onlyFailures, setOnlyFailures] = useState(false);
  const failed = cases.filter(hasFailed).length;
  const rows = useMemo(() => {
    // Failures first, then the weakest keyword coverage, so what needs looking at is at the top.
    const sorted = [...cases].sort(
      (a, b) =>
        Number(hasFailed(b)) - Number(hasFailed(a)) ||
        (a.cv?.keywordCoverage ?? 0) - (b.cv?.keywordCoverage ?? 0) ||
        a.caseId.localeCompare(b.caseId),
    );
    return onlyFailures ? sorted.filter(hasFailed) : sorted;
  }, [cases, onlyFailures]);

  return (
    <section className="eval-section" aria-labelledby="cases-heading">
      <div className="eval-section-head">
        <h2 id="cases-heading" className="section-title">
          Cases{' '}
          <span className="muted">
            ({failed} failing of {cases.length})
          </span>
        </h2>
        <label className="checkbox-inline">
          <input type="checkbox" checked={onlyFailures} onChange={(e) => setOnlyFailures(e.target.checked)} />{' '}
          Only failures
        </label>
      </div>
      <div className="table-wrap">
        <table className="table eval-cases-table">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Field</th>
              <th scope="col" className="num">
                Keywords (CV)
              </th>
              <th scope="col" className="num">
                Keywords (letter)
              </th>
              <th scope="col" className="num">
                ATS
              </th>
              <th scope="col" className="num">
                Grounding
              </th>
              <th scope="col" className="num">
                Fabrications
              </th>
              <th scope="col" className="num">
                nDCG@5
              </th>
              <th scope="col">Failures</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.caseId} className={hasFailed(c) ? 'is-failed' : undefined}>
                <th scope="row">
                  {c.caseId}
                  {c.persona && (
                    <span className="eval-case-sub">
                      {c.persona} → {c.job}
                    </span>
                  )}
                </th>
                <td>{c.field ?? '—'}</td>
                <td className="num">{formatMetric('keywordCoverage', c.cv?.keywordCoverage)}</td>
                <td className="num">{formatMetric('keywordCoverage', c.coverLetter?.keywordCoverage)}</td>
                <td className="num">
                  {c.cv?.atsScore ?? '—'}
                  {c.cv?.atsPassed === false && <span className="eval-bad"> ✕</span>}
                </td>
                <td className="num">{formatMetric('grounding', c.cv?.grounding)}</td>
                <td className="num" title={c.cv?.fabricated?.join(', ') || undefined}>
                  {(c.cv?.fabrications ?? 0) + (c.coverLetter?.fabrications ?? 0)}
                </td>
                <td className="num">{formatMetric('ndcgAt5', c.cv?.ndcgAt5)}</td>
                <td className="eval-case-failures">
                  {c.error ? (
                    <span className="eval-bad">{c.error}</span>
                  ) : (
                    (c.failures ?? []).join('; ') || '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
