import { formatMetric, metricMeta } from '../lib/eval-metrics';
import { formatDateTime, formatDay } from '../lib/format';

export interface TrendPoint {
  runId: string;
  label: string;
  at: string;
  value: number;
}

const W = 320;
const H = 130;
const PAD = { top: 10, right: 8, bottom: 18, left: 48 };

/** One metric across runs, oldest to newest, with the CI gate's threshold when it has one. Inline SVG. */
export function EvalTrendChart({ metric, points }: { metric: string; points: TrendPoint[] }) {
  const meta = metricMeta(metric);
  const values = points.map((p) => p.value);
  const bounds = [...values, ...(meta.threshold !== undefined ? [meta.threshold] : [])];
  // The axis spans the values and the threshold; a flat series gets a little room (from 0 when it is all 0).
  let dataLo = Math.min(...bounds);
  let dataHi = Math.max(...bounds);
  if (dataHi - dataLo < 1e-9) {
    if (dataHi === 0) dataHi = 1;
    else {
      dataLo -= Math.abs(dataLo) * 0.1;
      dataHi += Math.abs(dataHi) * 0.1;
    }
  }
  if (meta.kind === 'share') {
    // A share never passes 100%: a flat series at 100% gets its room below.
    dataHi = Math.min(dataHi, Math.max(1, ...bounds));
    dataLo = Math.max(0, Math.min(dataLo, dataHi - 0.05));
  }
  const margin = (dataHi - dataLo) * 0.08;
  const lo = Math.min(...bounds) >= 0 ? Math.max(0, dataLo - margin) : dataLo - margin;
  const hi = dataHi + margin;
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
          <text className="trend-tick" x={PAD.left - 6} y={y(dataHi) + 4} textAnchor="end">
            {formatMetric(metric, dataHi)}
          </text>
          <text className="trend-tick" x={PAD.left - 6} y={y(dataLo) + 4} textAnchor="end">
            {formatMetric(metric, dataLo)}
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
              {formatDay(first.at)}
            </text>
          )}
          {last && points.length > 1 && (
            <text className="trend-tick" x={W - PAD.right} y={H - 4} textAnchor="end">
              {formatDay(last.at)}
            </text>
          )}
        </svg>
      )}
    </figure>
  );
}
