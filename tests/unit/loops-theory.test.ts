/**
 * The loops against the closed forms of the notes §3. Each check compares the replicate mean of a
 * metric with its exact expectation, with a tolerance of 4 standard errors (4·SD/√R), so a wrong
 * formula or a wrong loop fails while the right ones pass (fixed seeds keep it deterministic).
 * Every check runs on both paths of a run: through sufficient statistics at full size, and sample
 * by sample (the page's path) with an eighth of the replicates, which widens its tolerance √8-fold.
 */
import { describe, expect, it } from 'vitest';
import { Experiment } from '../../src/engine/loops/experiment';
import { MomentExperiment, type SimulationPath } from '../../src/engine/loops/moment-experiment';
import type { MetricName } from '../../src/engine/metrics/registry';
import { assertSpec } from '../../src/spec/validate';
import { coordinateMoments, gaussianTheory } from '../../src/engine/theory/gaussian-loops';

type Values = Partial<Record<MetricName, Float64Array>>;
type Simulate = (input: Record<string, unknown>) => Promise<{ results: Values[]; theory: NonNullable<ReturnType<typeof gaussianTheory>> }>;

/** The sample path's share of a check's replicates. */
const SAMPLE_SHARE = 1 / 8;

function simulator(path: SimulationPath): Simulate {
  return async (input) => {
    const replicates = path === 'samples' ? Math.round((input.replicates as number) * SAMPLE_SHARE) : input.replicates;
    const spec = assertSpec({ data: 'gaussian', learner: 'gaussian', metrics: 'fd,meanSq,trace,logdet', ...input, replicates });
    const results: Values[] = [];
    if (path === 'samples') {
      const experiment = new Experiment(spec);
      for (let r = await experiment.next(); r; r = await experiment.next()) results.push(r.values);
    } else {
      const experiment = new MomentExperiment(spec);
      for (let r = experiment.next(); r; r = experiment.next()) results.push(r.values);
    }
    return { results, theory: gaussianTheory(spec)! };
  };
}

/** One check, run on each path. */
function bothPaths(title: string, check: (simulate: Simulate) => Promise<void>) {
  for (const path of ['sufficient-statistics', 'samples'] as const) it(`${title} [${path}]`, () => check(simulator(path)));
}

/** |mean − expected| < 4·SD/√R for the replicate values of `metric` at generation t. */
function expectMeanNear(results: Values[], metric: MetricName, t: number, expected: number) {
  const values = results[t - 1][metric]!;
  const r = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / r;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (r - 1));
  const tolerance = (4 * sd) / Math.sqrt(r);
  expect(Math.abs(mean - expected), `${metric} at t = ${t}: mean ${mean}, expected ${expected} ± ${tolerance}`).toBeLessThan(tolerance);
}

function median(values: Float64Array): number {
  const sorted = values.slice().sort();
  return sorted[sorted.length >> 1];
}

describe('fully synthetic Gaussian loop (notes §3.2)', () => {
  const n = 20;
  const T = 25;
  bothPaths('MLE: E[σ²_t] = λ^(t−1) ((n−1)/n)^t and E[μ_t²] = 1 − ((n−1)/n)^t', async (simulate) => {
    const { results, theory } = await simulate({ dim: 1, estimator: 'mle', nIni: n, nSyn: n, generations: T, replicates: 4000, seed: 11 });
    const r = (n - 1) / n;
    for (const t of [1, 5, 25]) {
      expect(theory.trace![t - 1]).toBeCloseTo(r ** t, 12);
      expect(theory.meanSq![t - 1]).toBeCloseTo(1 - r ** t, 12);
      expectMeanNear(results, 'trace', t, r ** t);
      expectMeanNear(results, 'meanSq', t, 1 - r ** t);
    }
  });

  bothPaths('unbiased: E[σ²_t] stays 1 while the median collapses; E[μ_t²] = t/n grows without bound', async (simulate) => {
    const { results } = await simulate({ dim: 1, estimator: 'unbiased', nIni: n, nSyn: n, generations: T, replicates: 4000, seed: 12 });
    for (const t of [1, 5, 25]) {
      expectMeanNear(results, 'trace', t, 1);
      expectMeanNear(results, 'meanSq', t, t / n);
    }
    // E[ln σ²_t] = t[ψ((n−1)/2) + ln(2/(n−1))] < 0: the typical variance shrinks although the mean does not.
    expect(median(results[T - 1].trace!)).toBeLessThan(0.5);
  });

  bothPaths('the sampling bias λ scales E[σ²] by λ per synthetic generation', async (simulate) => {
    const lambda = 0.7;
    const { results, theory } = await simulate({ dim: 1, estimator: 'unbiased', lambda, nIni: n, nSyn: n, generations: 10, replicates: 4000, seed: 13 });
    for (const t of [2, 6, 10]) {
      expect(theory.trace![t - 1]).toBeCloseTo(lambda ** (t - 1), 12);
      expectMeanNear(results, 'trace', t, lambda ** (t - 1));
    }
  });

  bothPaths('2-D: E[ln det Σ_t] follows the Wishart product, with d ln λ per generation', async (simulate) => {
    const { results, theory } = await simulate({ dim: 2, estimator: 'unbiased', lambda: 0.8, nIni: 10, nSyn: 10, generations: 12, replicates: 4000, seed: 14 });
    for (const t of [1, 4, 12]) expectMeanNear(results, 'logdet', t, theory.logdet![t - 1]);
    // Per generation: 2 ln 0.8 + ψ(9/2) + ψ(4) + 2 ln(2/9), with ψ at (half-)integers in closed form.
    const eulerGamma = 0.5772156649015329;
    const psi4 = 1 + 1 / 2 + 1 / 3 - eulerGamma;
    const psi4half = -eulerGamma - 2 * Math.log(2) + 2 * (1 + 1 / 3 + 1 / 5 + 1 / 7);
    const step = theory.logdet![5] - theory.logdet![4];
    expect(step).toBeCloseTo(2 * Math.log(0.8) + psi4half + psi4 + 2 * Math.log(2 / 9), 12);
  });

  bothPaths('1-D: the expected Fréchet distance (squared W2) is E[μ²] + E[σ²] + 1 − 2E[σ]', async (simulate) => {
    const { results, theory } = await simulate({ dim: 1, estimator: 'unbiased', nIni: n, nSyn: n, generations: T, replicates: 4000, seed: 15 });
    for (const t of [1, 10, 25]) expectMeanNear(results, 'fd', t, theory.fd![t - 1]);
  });
});

describe('fresh data loop (notes §3.3)', () => {
  bothPaths('converges to the stationary point, independent of n_ini', async (simulate) => {
    const base = { dim: 1, estimator: 'unbiased', loop: 'fresh', nReal: 100, nSyn: 900, lambda: 0.8, generations: 40 };
    // The notes' exact recursion values for (n_r, n_s, λ) = (100, 900, 0.8).
    const limit = coordinateMoments({ ...base, nIni: 100, generations: 400 } as never);
    expect(limit.meanSq[399]).toBeCloseTo(0.001882, 6);
    expect(limit.variance[399]).toBeCloseTo(0.357748, 6);
    for (const nIni of [100, 1000]) {
      const { results, theory } = await simulate({ ...base, nIni, replicates: 1500, seed: 16 });
      expect(theory.trace![39]).toBeCloseTo(0.357748, 4);
      expectMeanNear(results, 'trace', 40, theory.trace![39]);
      expectMeanNear(results, 'meanSq', 40, theory.meanSq![39]);
    }
  });

  bothPaths('with λ = 1 enough fresh data keep σ² at about 1', async (simulate) => {
    const { results, theory } = await simulate({ dim: 1, estimator: 'unbiased', loop: 'fresh', nIni: 100, nReal: 100, nSyn: 900, generations: 30, replicates: 1500, seed: 17 });
    expect(theory.trace![29]).toBeCloseTo(1.004762, 4);
    expectMeanNear(results, 'trace', 30, theory.trace![29]);
    expectMeanNear(results, 'meanSq', 30, theory.meanSq![29]);
  });
});

describe('augmentation loop (notes §3.4)', () => {
  bothPaths('matches the exact recursion: the fixed real set anchors the Gaussian fit', async (simulate) => {
    const { results, theory } = await simulate({ dim: 1, estimator: 'unbiased', loop: 'augmentation', lambda: 0.8, nIni: 100, nSyn: 100, generations: 30, replicates: 2000, seed: 18 });
    for (const t of [2, 10, 30]) {
      expectMeanNear(results, 'trace', t, theory.trace![t - 1]);
      expectMeanNear(results, 'meanSq', t, theory.meanSq![t - 1]);
    }
    // V_∞ ≈ n_r / (n_r + (1 − λ) n_s) = 1 / 1.2: no collapse.
    expect(theory.trace![29]).toBeGreaterThan(0.8);
  });
});

describe('accumulate loop (notes §3.5)', () => {
  bothPaths('keeps E[σ²] near 1 and E[μ²] below π²/(6n)', async (simulate) => {
    const n = 50;
    const { results, theory } = await simulate({ dim: 1, estimator: 'unbiased', loop: 'accumulate', nIni: n, nReal: 0, nSyn: n, generations: 40, replicates: 2000, seed: 19 });
    let product = 1;
    for (let k = 2; k <= 40; k++) product *= 1 - 1 / (k * (k * n - 1));
    expect(theory.trace![39]).toBeCloseTo(product, 12);
    for (const t of [2, 10, 40]) {
      expectMeanNear(results, 'trace', t, theory.trace![t - 1]);
      expectMeanNear(results, 'meanSq', t, theory.meanSq![t - 1]);
      expect(theory.meanSq![t - 1]).toBeLessThan(Math.PI ** 2 / (6 * n));
    }
  });

  bothPaths('in d dimensions the per-coordinate recursions add up (trace = d·V, ‖μ‖² = d·M)', async (simulate) => {
    const { results, theory } = await simulate({ dim: 3, estimator: 'mle', loop: 'accumulate', nIni: 20, nReal: 10, nSyn: 20, lambda: 0.9, generations: 15, replicates: 2000, seed: 20 });
    for (const t of [1, 15]) {
      expectMeanNear(results, 'trace', t, theory.trace![t - 1]);
      expectMeanNear(results, 'meanSq', t, theory.meanSq![t - 1]);
    }
  });
});
