import type { MetricSummary } from '../types.js';

/** A small seeded generator (mulberry32): the same seed gives the same bootstrap intervals on every run. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th quantile (0–1) by linear interpolation between order statistics. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * 95% percentile bootstrap interval of the mean: `resamples` resamples with replacement drawn from a seeded
 * generator, so a report is reproducible.
 */
export function bootstrapCi(
  values: readonly number[],
  { resamples = 2000, seed = 20_261_122 } = {},
): [number, number] {
  if (values.length === 0) return [0, 0];
  if (values.length === 1) return [values[0]!, values[0]!];
  const random = createRandom(seed);
  const means = new Float64Array(resamples);
  const n = values.length;
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random() * n)]!;
    means[r] = sum / n;
  }
  means.sort();
  return [quantile(means as unknown as number[], 0.025), quantile(means as unknown as number[], 0.975)];
}

export function summarize(values: readonly number[]): MetricSummary {
  if (values.length === 0) return { mean: 0, median: 0, min: 0, max: 0, ci95: [0, 0], n: 0 };
  return {
    mean: mean(values),
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    ci95: bootstrapCi(values),
    n: values.length,
  };
}

/** The standard normal distribution function, from the error function (Abramowitz–Stegun 7.1.26, |ε| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

export interface WilcoxonResult {
  /** Pairs with a non-zero difference (zero differences are dropped, Wilcoxon's convention). */
  n: number;
  /** Sum of the ranks of the positive differences (b − a > 0). */
  wPlus: number;
  wMinus: number;
  z: number;
  /** Two-sided p-value; 1 when no pair differs. */
  pValue: number;
}

/**
 * Wilcoxon signed-rank test for paired samples, normal approximation with the tie correction of the variance
 * and no continuity correction (SciPy's `wilcoxon(..., method="approx")` with its defaults).
 */
export function wilcoxonSignedRank(a: readonly number[], b: readonly number[]): WilcoxonResult {
  if (a.length !== b.length) throw new Error(`paired samples differ in length: ${a.length} and ${b.length}`);
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const d = b[i]! - a[i]!;
    // Differences below float noise count as ties at zero.
    if (Math.abs(d) > 1e-12) diffs.push(d);
  }
  const n = diffs.length;
  if (n === 0) return { n: 0, wPlus: 0, wMinus: 0, z: 0, pValue: 1 };
  const order = diffs.map((d, i) => ({ abs: Math.abs(d), i })).sort((x, y) => x.abs - y.abs);
  const ranks = new Array<number>(n);
  let tieTerm = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && Math.abs(order[end + 1]!.abs - order[start]!.abs) <= 1e-12) end++;
    const rank = (start + end + 2) / 2;
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = rank;
    const t = end - start + 1;
    tieTerm += t * t * t - t;
    start = end + 1;
  }
  let wPlus = 0;
  let wMinus = 0;
  for (let i = 0; i < n; i++) {
    if (diffs[i]! > 0) wPlus += ranks[i]!;
    else wMinus += ranks[i]!;
  }
  const expected = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
  const z = variance > 0 ? (wPlus - expected) / Math.sqrt(variance) : 0;
  const pValue = variance > 0 ? Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) : 1;
  return { n, wPlus, wMinus, z, pValue };
}
