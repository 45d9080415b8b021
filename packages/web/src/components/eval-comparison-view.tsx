import { useMemo } from 'react';
import type { EvalComparison } from '../api/eval-types';
import { deltaTone, formatDelta, formatMetric, metricMeta, orderMetrics } from '../lib/eval-metrics';
import { Link } from '../router';

const side = (s: EvalComparison['a']) => s.configName || `Run ${s.id.slice(0, 8)}`;

/** The A, B and Δ column headings of one compared metric. */
function AbDeltaHeads() {
  return (
    <>
      <th scope="col" className="num">
        A
      </th>
      <th scope="col" className="num">
        B
      </th>
      <th scope="col" className="num">
        Δ
      </th>
    </>
  );
}

/** One metric's A, B and B − A cells, the difference coloured by whether B is better. */
function AbDeltaCells({
  metric,
  value,
}: {
  metric: string;
  value: { a: number | null; b: number | null; delta: number | null };
}) {
  return (
    <>
      <td className="num">{formatMetric(metric, value.a)}</td>
      <td className="num">{formatMetric(metric, value.b)}</td>
      <td className={`num delta delta-${deltaTone(metric, value.delta)}`}>
        {formatDelta(metric, value.delta)}
      </td>
    </>
  );
}

/** Two runs side by side: every metric's A, B and B − A, then per-case keyword coverage and grounding. */
export function EvalComparisonView({ comparison }: { comparison: EvalComparison }) {
  const { a, b } = comparison;
  const order = orderMetrics(comparison.metrics.map((m) => m.metric));
  const metrics = order.map((name) => comparison.metrics.find((m) => m.metric === name)!);
  const perCase = useMemo(
    // Largest drops in keyword coverage first: the regressions are what a reviewer looks for.
    () =>
      [...comparison.perCase].sort(
        (x, y) =>
          (x.keywordCoverage.delta ?? 0) - (y.keywordCoverage.delta ?? 0) ||
          (x.grounding.delta ?? 0) - (y.grounding.delta ?? 0),
      ),
    [comparison.perCase],
  );
  const changed = perCase.filter(
    (c) => Math.abs(c.keywordCoverage.delta ?? 0) > 1e-9 || Math.abs(c.grounding.delta ?? 0) > 1e-9,
  ).length;

  return (
    <>
      <section className="eval-section" aria-labelledby="means-heading">
        <h2 id="means-heading" className="section-title">
          Means side by side
        </h2>
        <p className="muted">
          A: <Link to={`/eval/runs/${a.id}`}>{side(a)}</Link> · B:{' '}
          <Link to={`/eval/runs/${b.id}`}>{side(b)}</Link> · Δ is B − A, green where B is better.
        </p>
        <div className="table-wrap">
          <table className="table eval-compare-table">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <AbDeltaHeads />
              </tr>
            </thead>
            <tbody>
              {metrics.map((m) => (
                <tr key={m.metric}>
                  <th scope="row">{metricMeta(m.metric).label}</th>
                  <AbDeltaCells metric={m.metric} value={m} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="eval-section" aria-labelledby="per-case-heading">
        <h2 id="per-case-heading" className="section-title">
          Per case{' '}
          <span className="muted">
            ({changed} of {perCase.length} changed)
          </span>
        </h2>
        {(comparison.onlyInA.length > 0 || comparison.onlyInB.length > 0) && (
          <p className="muted">
            {comparison.onlyInA.length > 0 && `Only in A: ${comparison.onlyInA.join(', ')}. `}
            {comparison.onlyInB.length > 0 && `Only in B: ${comparison.onlyInB.join(', ')}.`}
          </p>
        )}
        <div className="table-wrap">
          <table className="table eval-compare-table">
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  Case
                </th>
                <th scope="colgroup" colSpan={3} className="group">
                  Keyword coverage (CV)
                </th>
                <th scope="colgroup" colSpan={3} className="group">
                  Grounding (CV)
                </th>
              </tr>
              <tr>
                <AbDeltaHeads />
                <AbDeltaHeads />
              </tr>
            </thead>
            <tbody>
              {perCase.map((c) => (
                <tr key={c.caseId}>
                  <th scope="row">
                    {c.caseId}
                    {c.field && <span className="eval-case-sub">{c.field}</span>}
                  </th>
                  <AbDeltaCells metric="keywordCoverage" value={c.keywordCoverage} />
                  <AbDeltaCells metric="grounding" value={c.grounding} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
