import { describe, expect, it } from 'vitest';
import { expectMoments } from './expect-moments';
import { ring } from '../../src/engine/data/mixtures';
import { kdeLearner } from '../../src/engine/learners/kde';
import { Rng } from '../../src/engine/random/prng';

/** Mean, MLE covariance and unbiased covariance of 2-D points, computed independently of the engine. */
function moments2(x: Float64Array, n: number) {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[2 * i] / n;
    my += x[2 * i + 1] / n;
  }
  const s = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const dx = x[2 * i] - mx;
    const dy = x[2 * i + 1] - my;
    s[0] += dx * dx;
    s[1] += dx * dy;
    s[2] += dx * dy;
    s[3] += dy * dy;
  }
  return { mean: [mx, my], mle: s.map((v) => v / n), unbiased: s.map((v) => v / (n - 1)) };
}

const n = 300;
const data = ring().sample(Rng.fromKey(21), n);
const bandwidth = 0.8;
const model = kdeLearner({ bandwidth }).fit(data, n, Rng.fromKey(0));
const { mean: xbar, mle, unbiased } = moments2(data, n);
// Scott's factor n^(−1/(d+4)) for d = 2, times the bandwidth multiplier, squared.
const h2 = (bandwidth * Math.pow(n, -1 / 6)) ** 2;

describe('kdeLearner', () => {
  it('uses H = (bandwidth · n^(−1/6))² Σ̂ and reports the exact moments x̄ and Σ̂_mle + H', () => {
    for (let e = 0; e < 4; e++) {
      expect(model.kernelCov[e]).toBeCloseTo(h2 * unbiased[e], 12);
      expect(model.cov[e]).toBeCloseTo(mle[e] + h2 * unbiased[e], 12);
    }
    expect(model.mean[0]).toBeCloseTo(xbar[0], 12);
    expect(model.mean[1]).toBeCloseTo(xbar[1], 12);
    expect(model.iterations).toBe(0);
  });

  it('samples its own moments at λ = 1', () => {
    const draws = 200_000;
    expectMoments(model.sample(Rng.fromKey(22), draws, 1), draws, 2, model.mean, model.cov);
  });

  it('scales the kernel covariance by λ: draws have covariance Σ̂_mle + λH', () => {
    const draws = 200_000;
    const lambda = 0.3;
    const cov = mle.map((v, e) => v + lambda * model.kernelCov[e]);
    expectMoments(model.sample(Rng.fromKey(23), draws, lambda), draws, 2, model.mean, cov);
    // The spread of the draws around their training points is what λ scales: compare with λ = 1.
    expect(Math.abs(cov[0] - model.cov[0])).toBeGreaterThan(10 * Math.sqrt((2 * model.cov[0] ** 2) / draws));
  });

  it('resamples the training points at λ = 0', () => {
    const training = new Set<string>();
    for (let i = 0; i < n; i++) training.add(`${data[2 * i]},${data[2 * i + 1]}`);
    const draws = model.sample(Rng.fromKey(24), 1000, 0);
    for (let j = 0; j < 1000; j++) expect(training.has(`${draws[2 * j]},${draws[2 * j + 1]}`)).toBe(true);
  });

  it('evaluates the average of the kernel densities', () => {
    // Direct formula with the explicit 2×2 inverse of H.
    const [a, b, , c] = model.kernelCov;
    const det = a * c - b * b;
    const queries = new Float64Array([0, 0, 2, 0, -1.3, 1.4, 5, 5]);
    const lp = model.logDensity(queries, 4);
    for (let j = 0; j < 4; j++) {
      let density = 0;
      for (let i = 0; i < n; i++) {
        const dx = queries[2 * j] - data[2 * i];
        const dy = queries[2 * j + 1] - data[2 * i + 1];
        const q = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
        density += Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det)) / n;
      }
      expect(lp[j]).toBeCloseTo(Math.log(density), 10);
    }
  });

  it('keeps every term that counts with a narrow kernel, near the points and far from them', () => {
    // 2-D queries scan only the points near them: compared with every term, in log-sum-exp form.
    const many = 2000;
    const x = ring().sample(Rng.fromKey(26), many);
    const narrow = kdeLearner({ bandwidth: 0.15 }).fit(x, many, Rng.fromKey(0));
    const [a, b, , c] = narrow.kernelCov;
    const det = a * c - b * b;
    const rng = Rng.fromKey(27);
    const queries = Float64Array.from({ length: 400 }, () => 8 * rng.uniform() - 4);
    queries.set([0, 0, 9, -9, x[0], x[1]], 0);
    const lp = narrow.logDensity(queries, 200);
    for (let j = 0; j < 200; j++) {
      const e = Array.from({ length: many }, (_, i) => {
        const dx = queries[2 * j] - x[2 * i];
        const dy = queries[2 * j + 1] - x[2 * i + 1];
        return -0.5 * ((c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det);
      });
      const max = Math.max(...e);
      const direct = max + Math.log(e.reduce((sum, v) => sum + Math.exp(v - max), 0)) - Math.log(2 * Math.PI * Math.sqrt(det) * many);
      expect(lp[j], `query ${j}`).toBeCloseTo(direct, 9);
    }
  });

  it('has a log density that integrates to 1', () => {
    // Trapezoid rule on [−7, 7]² with h = 0.1 (the integrand vanishes at the edges, so the plain
    // sum is the trapezoid sum). The kernel's smallest standard deviation σ is ≥ 0.4 = 4h, so the
    // aliasing error ~exp(−2π²σ²/h²) < 1e-100; every point lies within 2.5 of the origin, ≥ 11σ
    // inside the box. What remains is rounding: 1e-9 is generous.
    const sigmaMin = Math.sqrt(Math.min(model.kernelCov[0], model.kernelCov[3]) - Math.abs(model.kernelCov[1]));
    expect(sigmaMin).toBeGreaterThan(0.4);
    const h = 0.1;
    const side = 141;
    const grid = new Float64Array(2 * side * side);
    for (let i = 0; i < side; i++)
      for (let j = 0; j < side; j++) grid.set([-7 + i * h, -7 + j * h], 2 * (i * side + j));
    let integral = 0;
    for (const v of model.logDensity(grid, side * side)) integral += Math.exp(v) * h * h;
    expect(Math.abs(integral - 1)).toBeLessThan(1e-9);
  });

  it('stays finite on identical points, a single point and 5-D data', () => {
    const finite = (v: ArrayLike<number>) => Array.from(v).every(Number.isFinite);
    const same = new Float64Array(40).fill(3);
    const single = new Float64Array([1, -1]);
    const rng = Rng.fromKey(25);
    const five = new Float64Array(5 * 100).map(() => rng.normal());
    for (const [x, count] of [
      [same, 20],
      [single, 1],
      [five, 100],
    ] as const) {
      const fitted = kdeLearner({ bandwidth: 1 }).fit(x, count, rng);
      expect(finite(fitted.mean) && finite(fitted.cov) && finite(fitted.kernelCov)).toBe(true);
      expect(finite(fitted.logDensity(x, count))).toBe(true);
      expect(finite(fitted.sample(rng, 50, 1))).toBe(true);
    }
  });
});
