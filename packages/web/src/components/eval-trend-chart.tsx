import { formatMetric, metricMeta } from '../lib/eval-metrics';
import { formatDateTime } from '../lib/format';

export interface TrendPoint {
  runId: string;
  label: string;
  at: string;
  value: number;
}

const W = 320;
const H = 120;
const PAD = { top: 12, right: 10, bottom: 18, left: 44 };

/** One metric across runs, oldest to newest, with the CI gate's threshold when it has one. Inline SVG. */
export function EvalTrendChart({ metric, points }: { metric: string; points: TrendPoint[] }) {
  const meta = metricMeta(metric);
  const values = points.map((p) => p.value);
  const bounds = [...values, ...(meta.threshold !== undefined ? [meta.threshold] : [])];
  let lo = Math.min(...bounds);
  let hi = Math.max(...bounds);
  if (meta.kind === 'share') {
    lo = Math.min(lo, 1);
    hi = Math.max(hi, lo);
  }
  if (hi - lo < 1e-9) {
    const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const span = hi - lo;
  lo -= span * 0.08;
  hi += span * 0.08;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length === 1 ? plotW / 2 : (i / (points.length - 1)) * plotW);
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * plotH;
  const last = points[points.length - 1];
  const first = points[0];
  const description =
    points.length === 0
      ? `${meta.label}: no finished runs yet`
      : `${meta.label} over ${points.length} run${points.length === 1 ? '' : 's'}: from ${formatMetric(metric, first?.value)} to ${formatMetric(metric, last?.value)}`;

  return (
    <figure className="trend">
      <figcaption className="trend-head">
        <span className="trend-title">{meta.label}</span>
        <span className="trend-last">{last ? formatMetric(metric, last.value) : '—'}</span>
      </figcaption>
      {points.length === 0 ? (
        <p className="trend-empty muted">No finished runs yet.</p>
      ) : (
        <svg className="trend-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={description}>
          <line
            className="trend-axis"
            x1={PAD.left}
            x2={W - PAD.right}
            y1={H - PAD.bottom}
            y2={H - PAD.bottom}
          />
          <text className="trend-tick" x={PAD.left - 6} y={y(hi - span * 0.08) + 4} textAnchor="end">
            {formatMetric(metric, hi - span * 0.08)}
          </text>
          <text className="trend-tick" x={PAD.left - 6} y={y(lo + span * 0.08) + 4} textAnchor="end">
            {formatMetric(metric, lo + span * 0.08)}
          </text>
          {meta.threshold !== undefined && (
            <g className="trend-threshold">
              <line x1={PAD.left} x2={W - PAD.right} y1={y(meta.threshold)} y2={y(meta.threshold)} />
              <title>{`Gate: ${formatMetric(metric, meta.threshold)}`}</title>
            </g>
          )}
          <polyline
            className="trend-line"
            points={points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')}
          />
          {points.map((p, i) => (
            <circle key={p.runId} className="trend-dot" cx={x(i)} cy={y(p.value)} r={3.2}>
              <title>{`${p.label} · ${formatDateTime(p.at)}: ${formatMetric(metric, p.value)}`}</title>
            </circle>
          ))}
          {first && (
            <text className="trend-tick" x={PAD.left} y={H - 4}>
              {formatDateTime(first.at)}
            </text>
          )}
          {last && points.length > 1 && (
            <text className="trend-tick" x={W - PAD.right} y={H - 4} textAnchor="end">
              {formatDateTime(last.at)}
            </text>
          )}
        </svg>
      )}
    </figure>
  );
}
