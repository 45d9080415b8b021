import { describe, expect, it } from 'vitest';
import {
  bootstrapCi,
  createRandom,
  mean,
  median,
  normalCdf,
  summarize,
  wilcoxonSignedRank,
} from './stats.js';

describe('summary statistics', () => {
  it('computes mean, median, min and max', () => {
    expect(mean([1, 2, 3, 10])).toBe(4);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const s = summarize([0.5, 1, 0.75]);
    expect(s).toMatchObject({ mean: 0.75, median: 0.75, min: 0.5, max: 1, n: 3 });
    expect(summarize([])).toMatchObject({ mean: 0, n: 0, ci95: [0, 0] });
  });

  it('draws the same bootstrap interval for the same data, bracketing the mean', () => {
    const values = Array.from({ length: 40 }, (_, i) => (i % 7) / 6);
    const a = bootstrapCi(values);
    expect(bootstrapCi(values)).toEqual(a);
    expect(a[0]).toBeLessThan(mean(values));
    expect(a[1]).toBeGreaterThan(mean(values));
    // Roughly ±1.96 standard errors for a mean of 40 values.
    const sd = Math.sqrt(mean(values.map((v) => (v - mean(values)) ** 2)));
    expect(a[1] - a[0]).toBeGreaterThan(2 * 1.5 * (sd / Math.sqrt(40)));
    expect(a[1] - a[0]).toBeLessThan(2 * 2.5 * (sd / Math.sqrt(40)));
    expect(bootstrapCi([0.4])).toEqual([0.4, 0.4]);
    expect(bootstrapCi([1, 1, 1])).toEqual([1, 1]);
  });

  it('seeds its generator', () => {
    const r1 = createRandom(7);
    const r2 = createRandom(7);
    const xs = Array.from({ length: 5 }, () => r1());
    expect(Array.from({ length: 5 }, () => r2())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('approximates the normal distribution function', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6);
  });
});

describe('wilcoxonSignedRank', () => {
  // Reference p-values from SciPy 1.17: scipy.stats.wilcoxon(b, a, method="approx", correction=False).
  it('matches SciPy without ties (Hollander & Wolfe depression scores)', () => {
    const a = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const b = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const r = wilcoxonSignedRank(a, b);
    expect(r.n).toBe(9);
    expect(Math.min(r.wPlus, r.wMinus)).toBe(5);
    expect(r.pValue).toBeCloseTo(0.038151710173415135, 6);
  });

  it('matches SciPy with ties and a zero difference (tie-corrected variance)', () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8];
    const b = [2, 3, 3, 6, 4, 8, 9, 9];
    const r = wilcoxonSignedRank(a, b);
    expect(r.n).toBe(7);
    expect(r.wMinus).toBe(2.5);
    expect(r.wPlus).toBe(25.5);
    expect(r.pValue).toBeCloseTo(0.04611349865213502, 6);
  });

  it('gives p = 1 when nothing differs and is symmetric in direction', () => {
    expect(wilcoxonSignedRank([1, 2, 3], [1, 2, 3]).pValue).toBe(1);
    const up = wilcoxonSignedRank([1, 2, 3, 4, 5], [2, 4, 5, 7, 9]);
    const down = wilcoxonSignedRank([2, 4, 5, 7, 9], [1, 2, 3, 4, 5]);
    expect(up.pValue).toBeCloseTo(down.pValue, 12);
    expect(up.z).toBeCloseTo(-down.z, 12);
    expect(() => wilcoxonSignedRank([1], [1, 2])).toThrow(/differ in length/);
  });
});
