import { expect } from 'vitest';

/**
 * Sample mean and covariance of n×d draws against expected values, each within 4 standard errors:
 * √(Σ_aa/n) for the mean, the spread of the centred products over √n for the covariance.
 */
export function expectMoments(y: Float64Array, n: number, d: number, mean: ArrayLike<number>, cov: ArrayLike<number>): void {
  const m = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) m[a] += y[i * d + a] / n;
  for (let a = 0; a < d; a++) expect(Math.abs(m[a] - mean[a]), `mean ${a}`).toBeLessThan(4 * Math.sqrt(cov[a * d + a] / n));
  for (let a = 0; a < d; a++)
    for (let b = a; b < d; b++) {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const p = (y[i * d + a] - m[a]) * (y[i * d + b] - m[b]);
        s += p;
        s2 += p * p;
      }
      const c = s / n;
      const se = Math.sqrt((s2 / n - c * c) / n);
      expect(Math.abs(c - cov[a * d + b]), `cov ${a},${b}`).toBeLessThan(4 * se + 1e-12);
    }
}
