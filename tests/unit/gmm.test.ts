import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectMoments } from './expect-moments';
import { ring } from '../../src/engine/data/mixtures';
import { gmmLearner, gmmMeanLogLikelihood, type GmmModel } from '../../src/engine/learners/gmm';
import { Rng } from '../../src/engine/random/prng';

function fixture(name: string): { x: Float64Array; n: number } {
  const rows = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8').trim().split('\n').slice(1);
  const x = new Float64Array(rows.length * 2);
  rows.forEach((row, i) => {
    const [a, b] = row.split(',').map(Number);
    x[2 * i] = a;
    x[2 * i + 1] = b;
  });
  return { x, n: rows.length };
}

function reference(name: string): { meanLogLikelihood: number; components: number } {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
}

function fit(x: Float64Array, n: number, seed: number, options: Parameters<typeof gmmLearner>[0]): GmmModel {
  return gmmLearner(options).fit(x, n, Rng.fromKey(seed));
}

function allFinite(v: ArrayLike<number>): boolean {
  return Array.from(v).every(Number.isFinite);
}

/** Every parameter, density and draw finite; weights a distribution; covariances positive definite. */
function expectWellFormed(model: GmmModel, x: Float64Array, n: number): void {
  const { dim: d, components: k } = model;
  for (const v of [model.mean, model.cov, model.weights, model.means, model.covariances]) expect(allFinite(v)).toBe(true);
  expect(allFinite(model.logDensity(x, n))).toBe(true);
  expect(Number.isFinite(gmmMeanLogLikelihood(model, x, n))).toBe(true);
  const rng = Rng.fromKey(99);
  expect(allFinite(model.sample(rng, 200, 1))).toBe(true);
  expect(allFinite(model.sample(rng, 200, 0.5))).toBe(true);
  expect(model.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
  for (let c = 0; c < k; c++) {
    expect(model.weights[c]).toBeGreaterThan(0);
    for (let a = 0; a < d; a++) expect(model.covariances[c * d * d + a * d + a]).toBeGreaterThan(0);
  }
}

describe('gmmLearner: EM against a careful scikit-learn reference', () => {
  // The references are sklearn's best of 20 k-means initialisations at tol 1e-8
  // (tests/fixtures/make-gmm-reference.py); ours runs once with default options, so it may stop
  // up to the stopping tolerance 1e-3 short of the optimum it converges to.
  it('reaches the reference log-likelihood on the ring of 8 for every seed', () => {
    const { x, n } = fixture('gmm-ring.csv');
    const ref = reference('gmm-ring-reference.json');
    for (let seed = 1; seed <= 20; seed++) {
      const model = fit(x, n, seed, { components: ref.components });
      expect(gmmMeanLogLikelihood(model, x, n)).toBeGreaterThanOrEqual(ref.meanLogLikelihood - 1e-3);
    }
  });

  it('reaches the reference log-likelihood on the 5×5 grid for at least 19 of 20 seeds', () => {
    // Greedy k-means++ missed one of the 25 modes in 1 of 400 seeds tried (plain k-means++: 182 of 400).
    const { x, n } = fixture('gmm-grid.csv');
    const ref = reference('gmm-grid-reference.json');
    let reached = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const model = fit(x, n, seed, { components: ref.components });
      if (gmmMeanLogLikelihood(model, x, n) >= ref.meanLogLikelihood - 1e-3) reached++;
    }
    expect(reached).toBeGreaterThanOrEqual(19);
  });
});

describe('gmmLearner: EM iterations', () => {
  // Ten components for 25 well-separated modes: EM has real work to do (the likelihood keeps
  // rising for tens of iterations). The fit consumes the rng only to seed, so fits with the same
  // seed and growing maxIter follow one EM trajectory.
  const { x, n } = fixture('gmm-grid.csv');
  const trajectory = (data: Float64Array, count: number, options: Parameters<typeof gmmLearner>[0]) =>
    Array.from({ length: 31 }, (_, t) =>
      gmmMeanLogLikelihood(fit(data, count, 5, { ...options, maxIter: t, tol: -Infinity }), data, count),
    );

  it('never lowers the log-likelihood', () => {
    for (const regCovar of [0, 1e-6]) {
      const ll = trajectory(x, n, { components: 10, regCovar });
      for (let t = 1; t < ll.length; t++) expect(ll[t]).toBeGreaterThanOrEqual(ll[t - 1] - 1e-12);
      expect(ll[30] - ll[0]).toBeGreaterThan(0.5);
    }
  });

  it('never lowers the log-likelihood in d > 2 either, where the E-step abandons negligible components early', () => {
    // 12 clusters in 6 dimensions, some close enough to share points, fitted with 5 components.
    const rng = Rng.fromKey(17);
    const d = 6;
    const count = 600;
    const centres = Array.from({ length: 12 * d }, () => 4 * rng.normal());
    const data = new Float64Array(count * d);
    for (let i = 0; i < count; i++) for (let a = 0; a < d; a++) data[i * d + a] = centres[(i % 12) * d + a] + rng.normal();
    const ll = trajectory(data, count, { components: 5, regCovar: 0 });
    for (let t = 1; t < ll.length; t++) expect(ll[t]).toBeGreaterThanOrEqual(ll[t - 1] - 1e-12);
    expect(ll[30] - ll[0]).toBeGreaterThan(0.05);
  });

  it('stops at the first iteration that gains less than tol, as documented', () => {
    // A slow fit (10 components for 25 modes) and a fast one (8 for the ring of 8).
    const ring8 = fixture('gmm-ring.csv');
    for (const [data, count, components] of [
      [x, n, 10],
      [ring8.x, ring8.n, 8],
    ] as const) {
      const ll = trajectory(data, count, { components });
      const model = fit(data, count, 5, { components });
      const t = model.iterations;
      expect(t).toBeGreaterThanOrEqual(1);
      expect(t).toBeLessThan(ll.length);
      expect(ll[t] - ll[t - 1]).toBeLessThan(1e-3);
      for (let s = 1; s < t; s++) expect(ll[s] - ll[s - 1]).toBeGreaterThanOrEqual(1e-3);
      expect(gmmMeanLogLikelihood(model, data, count)).toBe(ll[t]);
    }
  });

  it('stops after maxIter iterations', () => {
    expect(fit(x, n, 5, { components: 10, maxIter: 3 }).iterations).toBe(3);
  });

  it('keeps the best of several restarts', () => {
    // Restarts draw their seeds one after another from the fit's rng: three single fits on one
    // shared stream replay them.
    const shared = Rng.fromKey(5);
    const runs = [0, 1, 2].map(() => gmmLearner({ components: 10 }).fit(x, n, shared));
    const ll = runs.map((r) => gmmMeanLogLikelihood(r, x, n));
    expect(Math.max(...ll) - Math.min(...ll)).toBeGreaterThan(1e-3);
    const best = fit(x, n, 5, { components: 10, restarts: 3 });
    expect(gmmMeanLogLikelihood(best, x, n)).toBe(Math.max(...ll));
    expect(best.iterations).toBe(runs.reduce((s, r) => s + r.iterations, 0));
  });
});

describe('gmmLearner: degenerate data', () => {
  it('handles identical points, with and without covariance regularisation', () => {
    const x = new Float64Array(100);
    for (let i = 0; i < 50; i++) x.set([1.5, -2], 2 * i);
    for (const regCovar of [1e-6, 0]) {
      const model = fit(x, 50, 1, { components: 3, regCovar });
      expectWellFormed(model, x, 50);
      expect(model.mean[0]).toBeCloseTo(1.5, 12);
      expect(model.mean[1]).toBeCloseTo(-2, 12);
    }
  });

  it('handles more components than distinct points, and fewer points than components', () => {
    const distinct = [0, 0, 1, 0, 0, 1];
    const x = new Float64Array(60);
    for (let i = 0; i < 30; i++) x.set(distinct.slice(2 * (i % 3), 2 * (i % 3) + 2), 2 * i);
    expectWellFormed(fit(x, 30, 2, { components: 6 }), x, 30);
    const two = new Float64Array([0, 0, 3, 4]);
    expectWellFormed(fit(two, 2, 2, { components: 5 }), two, 2);
  });

  it('gives a far single point its own component and stays finite', () => {
    const x = new Float64Array(2 * 401);
    x.set(ring().sample(Rng.fromKey(3), 400));
    x.set([100, 100], 800);
    const model = fit(x, 401, 4, { components: 9 });
    expectWellFormed(model, x, 401);
    const own = Array.from({ length: 9 }, (_, c) => Math.hypot(model.means[2 * c] - 100, model.means[2 * c + 1] - 100));
    expect(Math.min(...own)).toBeLessThan(1e-6);
    expectWellFormed(fit(x, 401, 4, { components: 8 }), x, 401);
  });

  it('fits 1-D data', () => {
    const rng = Rng.fromKey(6);
    const x = new Float64Array(1000);
    for (let i = 0; i < 1000; i++) x[i] = i < 500 ? -3 + rng.normal() : 3 + 0.5 * rng.normal();
    const model = fit(x, 1000, 7, { components: 2 });
    expectWellFormed(model, x, 1000);
    const order = model.means[0] < model.means[1] ? [0, 1] : [1, 0];
    // SE of a component mean ≈ σ/√500: 0.045 and 0.022.
    expect(Math.abs(model.means[order[0]] + 3)).toBeLessThan(4 * (1 / Math.sqrt(500)));
    expect(Math.abs(model.means[order[1]] - 3)).toBeLessThan(4 * (0.5 / Math.sqrt(500)));
    expect(Math.abs(model.weights[0] - 0.5)).toBeLessThan(1e-3);
  });

  it('fits 5-D data', () => {
    const rng = Rng.fromKey(8);
    const d = 5;
    const n = 600;
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) x[i * d + a] = (a === i % 3 ? 6 : 0) + rng.normal();
    const model = fit(x, n, 9, { components: 3 });
    expectWellFormed(model, x, n);
    // Against the true mixture (equal thirds of N(6e_a, I)) on the same data: the MLE can only do
    // better, by about p/(2n) for p = 62 free parameters (2·gain ~ χ²_p: mean 0.052, SD 0.009).
    let truth = 0;
    for (let i = 0; i < n; i++) {
      let density = 0;
      for (let c = 0; c < 3; c++) {
        let q = 0;
        for (let a = 0; a < d; a++) q += (x[i * d + a] - (a === c ? 6 : 0)) ** 2;
        density += Math.exp(-0.5 * q) / 3;
      }
      truth += (Math.log(density) - (d / 2) * Math.log(2 * Math.PI)) / n;
    }
    const gain = gmmMeanLogLikelihood(model, x, n) - truth;
    expect(gain).toBeGreaterThan(0);
    expect(gain).toBeLessThan(0.052 + 4 * 0.009);
  });
});

describe('gmmLearner: the fitted model', () => {
  const { x, n } = fixture('gmm-ring.csv');
  const model = fit(x, n, 1, { components: 8 });

  it('reports the moments of the mixture', () => {
    // Every M-step gives a mixture whose mean and covariance are the data's mean and MLE
    // covariance plus regCovar·I (responsibilities sum to 1 per point), so the moment formulas
    // must reproduce them to rounding.
    const m = [0, 0];
    for (let i = 0; i < n; i++) for (let a = 0; a < 2; a++) m[a] += x[2 * i + a] / n;
    const c = [0, 0, 0, 0];
    for (let i = 0; i < n; i++)
      for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) c[a * 2 + b] += ((x[2 * i + a] - m[a]) * (x[2 * i + b] - m[b])) / n;
    c[0] += 1e-6;
    c[3] += 1e-6;
    for (let a = 0; a < 2; a++) expect(model.mean[a]).toBeCloseTo(m[a], 12);
    for (let e = 0; e < 4; e++) expect(model.cov[e]).toBeCloseTo(c[e], 12);
  });

  it('samples its own moments at λ = 1', () => {
    const draws = 200_000;
    expectMoments(model.sample(Rng.fromKey(10), draws, 1), draws, 2, model.mean, model.cov);
  });

  it('scales every component covariance by λ', () => {
    const draws = 200_000;
    const lambda = 0.5;
    // Law of total covariance with Σ_k → λΣ_k.
    const cov = new Float64Array(4);
    for (let c = 0; c < 8; c++)
      for (let a = 0; a < 2; a++)
        for (let b = 0; b < 2; b++) {
          const da = model.means[2 * c + a] - model.mean[a];
          const db = model.means[2 * c + b] - model.mean[b];
          cov[a * 2 + b] += model.weights[c] * (lambda * model.covariances[4 * c + a * 2 + b] + da * db);
        }
    expectMoments(model.sample(Rng.fromKey(11), draws, lambda), draws, 2, model.mean, cov);

    const rng = Rng.fromKey(12);
    const gauss = new Float64Array(4000);
    for (let i = 0; i < 2000; i++) gauss.set([1 + rng.normal(), 2 * rng.normal() - 1], 2 * i);
    const single = fit(gauss, 2000, 13, { components: 1 });
    expectMoments(single.sample(Rng.fromKey(14), draws, lambda), draws, 2, single.mean, single.cov.map((v) => lambda * v));
  });

  it('has a log density that integrates to 1', () => {
    // Trapezoid rule on [−3.5, 3.5]² with h = 0.02 (the integrand vanishes at the edges, so the
    // plain sum is the trapezoid sum): the components have σ ≥ 0.08 = 4h, so the aliasing error
    // ~exp(−2π²σ²/h²) is far below 1e-9, and the modes lie ≥ 1.3 (> 15σ) inside the box.
    const h = 0.02;
    const side = 351;
    const grid = new Float64Array(2 * side * side);
    for (let i = 0; i < side; i++)
      for (let j = 0; j < side; j++) grid.set([-3.5 + i * h, -3.5 + j * h], 2 * (i * side + j));
    for (let c = 0; c < 8; c++) {
      expect(model.covariances[4 * c]).toBeGreaterThan(0.08 ** 2);
      expect(model.covariances[4 * c + 3]).toBeGreaterThan(0.08 ** 2);
    }
    const lp = model.logDensity(grid, side * side);
    let integral = 0;
    for (const v of lp) integral += Math.exp(v) * h * h;
    expect(Math.abs(integral - 1)).toBeLessThan(1e-9);
  });
});
