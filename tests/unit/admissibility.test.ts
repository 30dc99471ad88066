/**
 * MAD's effective sample size and the admissibility phase diagram (paper §5, notes §2 points 4–5,
 * §3.3) against the closed forms. Tolerances are 4 standard errors, with fixed seeds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Baseline, baselineFor, exactBaselineDistance, sizeForDistance } from '../../src/engine/admissibility/baseline';
import { effectiveSize } from '../../src/engine/admissibility/effective-size';
import { limitWindow, loopLimit } from '../../src/engine/admissibility/limit';
import { MomentReplicate } from '../../src/engine/admissibility/moment-replicate';
import { type Sweep, type SweepResult, cellKey, checkSweep, computeCell, defaultSweep, isWordCell, runSweep, sweepBaseline, sweepCells } from '../../src/engine/admissibility/sweep';
import { Experiment } from '../../src/engine/loops/experiment';
import { type Spec } from '../../src/spec/schema';
import { assertSpec } from '../../src/spec/validate';
import { coordinateMoments } from '../../src/engine/theory/gaussian-loops';

function meanAndSe(values: ArrayLike<number>): [number, number] {
  const v = Array.from(values);
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
  return [mean, sd / Math.sqrt(v.length)];
}

function expectWithin(actual: number, expected: number, se: number, what: string) {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected} ± 4·${se}`).toBeLessThan(4 * se);
}

const gaussian1d = { data: 'gaussian', dim: 1, learner: 'gaussian' } as const;

describe('real-only baseline', () => {
  it('1-D Gaussian: E FD(n) = 1/n + (n − 1)/k + 1 − 2E σ̂ matches simulated fits of both kinds', async () => {
    // n = 2, unbiased: 1/2 + 1 + 1 − 2√2 Γ(1)/Γ(1/2) = 5/2 − 2√(2/π).
    expect(exactBaselineDistance(2, 'unbiased')).toBeCloseTo(2.5 - 2 * Math.sqrt(2 / Math.PI), 13);
    // Large n: E FD ≈ 3/(2n) for either estimator (notes §3.2, small-t limit).
    expect(exactBaselineDistance(10_000, 'mle') * 10_000).toBeCloseTo(1.5, 3);
    for (const estimator of ['mle', 'unbiased'] as const)
      for (const n of [5, 40]) {
        const spec = assertSpec({ ...gaussian1d, estimator, nIni: n, generations: 1, replicates: 3000, nEval: 10, seed: 21 });
        const exact = exactBaselineDistance(n, estimator);
        const [samples, seSamples] = meanAndSe((await new Experiment(spec).next())!.values.fd);
        expectWithin(samples, exact, seSamples, `sample fits, ${estimator}, n = ${n}`);
        const [moments, seMoments] = meanAndSe(Array.from({ length: 3000 }, (_, i) => new MomentReplicate(spec, i).step().fd));
        expectWithin(moments, exact, seMoments, `moment fits, ${estimator}, n = ${n}`);
      }
  });

  it('the closed form covers 2..100000 densely; a simulated baseline is non-increasing and agrees with the engine', async () => {
    const exact = await baselineFor(assertSpec({ ...gaussian1d, estimator: 'unbiased' }), 0);
    expect(exact.method).toBe('closed-form');
    expect(exact.sizes[0]).toBe(2);
    expect(exact.sizes[exact.sizes.length - 1]).toBe(100_000);
    const spec2d = assertSpec({ data: 'gaussian', dim: 2, learner: 'gaussian', replicates: 400, seed: 22 });
    const simulated = await baselineFor(spec2d, 300);
    expect(simulated.method).toBe('simulated');
    expect(simulated.sizes[0]).toBe(3);
    for (let i = 1; i < simulated.sizes.length; i++) expect(simulated.distance[i]).toBeLessThanOrEqual(simulated.distance[i - 1]);
    const i = simulated.sizes.indexOf(53);
    const [engine, se] = meanAndSe((await new Experiment({ ...spec2d, nIni: 53, generations: 1, nEval: 10 }).next())!.values.fd);
    expectWithin(simulated.distance[i], engine, Math.hypot(se, simulated.se[i]), 'd = 2 baseline at n = 53');
  });

  it('inverts exactly at the grid points, monotonically between them, and reports bounds beyond the grid', async () => {
    const baseline = await baselineFor(assertSpec({ ...gaussian1d, estimator: 'mle' }), 0);
    baseline.sizes.forEach((n, i) => expect(sizeForDistance(baseline, baseline.distance[i])).toEqual({ value: n, relation: '=' }));
    let previous = 0;
    for (let distance = 0.5; distance > 2e-5; distance *= 0.9) {
      const { value, relation } = sizeForDistance(baseline, distance);
      expect(relation).toBe('=');
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
    // Between grid points, interpolation is close to the closed form itself (distance ∝ 1/n).
    const n = sizeForDistance(baseline, exactBaselineDistance(150, 'mle')).value;
    expect(n).toBeCloseTo(150, 1);
    expect(sizeForDistance(baseline, 5)).toEqual({ value: 2, relation: '<' });
    expect(sizeForDistance(baseline, 1e-9)).toEqual({ value: 100_000, relation: '>' });
    expect(sizeForDistance(baseline, -0.1)).toEqual({ value: 100_000, relation: '>' });
  });
});

describe('effective sample size', () => {
  const baseline: Baseline = { method: 'closed-form', sizes: [10, 100, 1000], distance: [0.1, 0.01, 0.001], se: [0, 0, 0] };

  it('maps the limit and its interval through the inverse baseline', () => {
    const e = effectiveSize({ mean: 0.01, se: 0 }, baseline, 50);
    expect(e.nE).toEqual({ value: 100, relation: '=' });
    expect(e.ratio).toEqual({ value: 2, relation: '=' });
    expect(e.verdict).toBe('admissible');
    // On a log–log line, distance × 10^(±1/2) moves n by 10^(∓1/2).
    const wide = effectiveSize({ mean: 0.01, se: (0.01 * (Math.sqrt(10) - 1)) / 1.959963984540054 }, baseline, 100);
    expect(wide.interval[0].value).toBeCloseTo(100 / Math.sqrt(10) / 100, 10);
    expect(wide.verdict).toBe('undetermined');
    expect(wide.admissible).toBe(true);
  });

  it('keeps bounds as bounds: n_e > n_max, n_e < n_min', () => {
    const good = effectiveSize({ mean: 0.0001, se: 0.00001 }, baseline, 100);
    expect(good.nE).toEqual({ value: 1000, relation: '>' });
    expect(good.verdict).toBe('admissible');
    const bad = effectiveSize({ mean: 0.5, se: 0.01 }, baseline, 100);
    expect(bad.ratio).toEqual({ value: 0.1, relation: '<' });
    expect(bad.verdict).toBe('inadmissible');
    expect(bad.admissible).toBe(false);
  });
});

describe('long-run limit of the loop', () => {
  it('moment replicates follow the exact E μ² and E σ² of every loop (notes §3.2–3.5)', () => {
    const R = 4000;
    for (const [loop, dim, estimator] of [['fully-synthetic', 1, 'mle'], ['augmentation', 2, 'unbiased'], ['fresh', 1, 'unbiased'], ['accumulate', 2, 'mle']] as const) {
      const spec = assertSpec({ data: 'gaussian', dim, learner: 'gaussian', estimator, loop, nIni: 20, nReal: 10, nSyn: 15, lambda: 0.8, generations: 12, seed: 23 });
      const exact = coordinateMoments(spec);
      const meanSq: number[] = [];
      const trace: number[] = [];
      for (let i = 0; i < R; i++) {
        const replicate = new MomentReplicate(spec, i);
        for (let t = 1; t < 12; t++) replicate.step();
        const last = replicate.step();
        meanSq.push(last.meanSq);
        trace.push(last.trace);
      }
      const [m, seM] = meanAndSe(meanSq);
      const [v, seV] = meanAndSe(trace);
      expectWithin(m, dim * exact.meanSq[11], seM, `${loop} E‖μ‖²`);
      expectWithin(v, dim * exact.variance[11], seV, `${loop} E tr Σ`);
    }
  });

  it('fresh loop (n_r, n_s, λ) = (100, 900, 0.8): the limit matches the exact stationary E μ² = 0.001882, E σ² = 0.357748', async () => {
    const spec = assertSpec({ ...gaussian1d, estimator: 'unbiased', loop: 'fresh', nIni: 100, nReal: 100, nSyn: 900, lambda: 0.8, generations: 40, replicates: 1000, nEval: 20, seed: 24 });
    const limit = await loopLimit(spec);
    expect(limit.method).toBe('moments');
    expect(limit.window).toEqual({ from: 31, to: 40 });
    expectWithin(limit.meanSq.mean, 0.001882, limit.meanSq.se, 'E μ²');
    expectWithin(limit.trace.mean, 0.357748, limit.trace.se, 'E σ²');
    // Jensen: E σ ≤ √(E σ²), so E FD ≥ E μ² + (1 − √V)² from the exact moments.
    expect(limit.fd.mean + 4 * limit.fd.se).toBeGreaterThan(0.001882 + (1 - Math.sqrt(0.357748)) ** 2);
    // The sample-based engine runs the same process.
    const samples = await loopLimit({ ...spec, replicates: 300 }, 'samples');
    expectWithin(samples.fd.mean, limit.fd.mean, Math.hypot(samples.fd.se, limit.fd.se), 'FD limit, samples vs moments');
    expectWithin(samples.final.recall, limit.final.recall, 0.02, 'final recall, samples vs moments');
  });

  it('averages the last quarter of the generations', () => {
    expect(limitWindow(50)).toEqual({ from: 38, to: 50 });
    expect(limitWindow(1)).toEqual({ from: 1, to: 1 });
  });

  it('runs other learners through the engine', async () => {
    const spec = assertSpec({ data: 'moons', learner: 'kde', loop: 'fresh', nIni: 60, nReal: 30, nSyn: 30, generations: 4, replicates: 3, nEval: 20 });
    const limit = await loopLimit(spec);
    expect(limit.method).toBe('samples');
    expect(limit.fd.mean).toBeGreaterThan(0);
    await expect(loopLimit(spec, 'moments')).rejects.toThrow(/gaussian learner/);
  });
});

describe('the phase diagram of the 1-D Gaussian fresh loop (paper Fig. 11, notes §2 point 5)', () => {
  const base = defaultSweep();
  const lambdas = [0.6, 0.9, 0.98, 1];
  const sweep: Sweep = { ...base, base: { ...base.base, replicates: 150 }, y: { field: 'lambda', values: lambdas } };
  let result: SweepResult;
  beforeAll(async () => {
    result = await runSweep(sweep);
  });
  const row = (lambda: number) => result.cells.filter((c) => c.y === lambda);
  const nS = sweep.x.values;

  it('λ = 1: synthetic data never hurt, at any n_s of the default grid', () => {
    for (const cell of row(1)) expect(cell.verdict, `n_s = ${cell.x}`).toBe('admissible');
  });

  it('λ < 1: admissible up to a threshold in n_s and not beyond; more bias, smaller threshold', () => {
    const thresholds = lambdas.slice(0, -1).map((lambda) => {
      const verdicts = row(lambda).map((c) => c.verdict);
      const last = verdicts.lastIndexOf('admissible');
      expect(last, `λ = ${lambda}: ${verdicts}`).toBeGreaterThanOrEqual(0);
      expect(verdicts.slice(0, last + 1).every((v) => v === 'admissible'), `λ = ${lambda}: ${verdicts}`).toBe(true);
      expect(verdicts.slice(last + 2).every((v) => v === 'inadmissible'), `λ = ${lambda}: ${verdicts}`).toBe(true);
      expect(verdicts[verdicts.length - 1]).toBe('inadmissible');
      return nS[last];
    });
    for (let i = 1; i < thresholds.length; i++) expect(thresholds[i - 1], `thresholds ${thresholds} for λ = ${lambdas}`).toBeLessThan(thresholds[i]);
  });

  it('agrees with the exact moments: trace and meanSq limits, and the Jensen bound on n_e', () => {
    const window = limitWindow(sweep.base.generations);
    const width = window.to - window.from + 1;
    for (const cell of result.cells) {
      const exact = coordinateMoments({ ...sweep.base, nSyn: cell.x, lambda: cell.y });
      let m = 0;
      let v = 0;
      for (let t = window.from; t <= window.to; t++) {
        m += exact.meanSq[t - 1] / width;
        v += exact.variance[t - 1] / width;
      }
      if (isWordCell(cell)) throw new Error('a Gaussian sweep gave a word cell');
      expectWithin(cell.limit.trace.mean, v, cell.limit.trace.se, `trace at n_s = ${cell.x}, λ = ${cell.y}`);
      expectWithin(cell.limit.meanSq.mean, m, cell.limit.meanSq.se, `meanSq at n_s = ${cell.x}, λ = ${cell.y}`);
      // E FD ≥ m + (1 − √v)², so n_e can be no larger than that distance's real-only size.
      const bound = sizeForDistance(result.baseline, m + (1 - Math.sqrt(v)) ** 2).value / cell.reference;
      expect(cell.interval[0].value).toBeLessThanOrEqual(bound);
    }
  });
});

describe('sweep', () => {
  it('lists cells row-major, each one computable on its own, in any order', async () => {
    const checked = checkSweep({ base: { replicates: 20, generations: 10 }, x: { field: 'nSyn', values: [10, 1000] }, y: { field: 'generations', values: [5, 10, 20] } });
    expect(checked.ok).toBe(true);
    const sweep = (checked as { value: Sweep }).value;
    const cells = sweepCells(sweep);
    expect(cells.map((c) => [c.index, c.ix, c.iy, c.spec.nSyn, c.spec.generations])).toEqual([
      [0, 0, 0, 10, 5], [1, 1, 0, 1000, 5], [2, 0, 1, 10, 10], [3, 1, 1, 1000, 10], [4, 0, 2, 10, 20], [5, 1, 2, 1000, 20],
    ]);
    const whole = await runSweep(sweep);
    const baseline = await sweepBaseline(sweep);
    const backwards: Awaited<ReturnType<typeof computeCell>>[] = [];
    for (const c of [...cells].reverse()) backwards.unshift(await computeCell(c.spec, baseline));
    whole.cells.forEach((cell, i) => expect(cell).toMatchObject(backwards[i]));
    // The cache key follows the spec and nothing else.
    expect(cellKey({ ...cells[0].spec }, baseline)).toBe(cellKey(cells[0].spec, baseline));
    expect(new Set(cells.map((c) => cellKey(c.spec, baseline))).size).toBe(cells.length);
  });

  it('the synthetic fraction keeps n_r + n_s at the base total', () => {
    const checked = checkSweep({ base: { nReal: 100, nSyn: 900 }, x: { field: 'synFraction', values: [0, 0.25, 0.9] }, y: { field: 'lambda', values: [1] } });
    expect(checked.ok).toBe(true);
    const specs = sweepCells((checked as { value: Sweep }).value).map((c) => [c.spec.nReal, c.spec.nSyn]);
    expect(specs).toEqual([[1000, 0], [750, 250], [100, 900]]);
  });

  it('names the axis and value of a bad cell', () => {
    const messages = (input: Parameters<typeof checkSweep>[0]) => {
      const checked = checkSweep(input);
      return checked.ok ? [] : checked.issues.map((i) => i.message);
    };
    expect(messages({ x: { field: 'nSyn', values: [10, 2.5] } })).toEqual([expect.stringMatching(/^x axis \(n_s, --x n-syn\) = 2\.5: n_s \(--n-syn\): 2\.5 is not an integer/)]);
    expect(messages({ y: { field: 'nReal', values: [0, 100] } })[0]).toMatch(/y axis \(n_r, --y n-real\) = 0: .*n_e \/ n_r undefined/);
    expect(messages({ x: { field: 'lambda', values: [0.5] } })[0]).toMatch(/both sweep λ/);
    expect(messages({ x: { field: 'synFraction', values: [0.5, 1] }, y: { field: 'lambda', values: [1] } })[0]).toMatch(/1 is out of range; allowed: a number in \[0, 1\)/);
    expect(messages({ x: { field: 'nSyn', values: [10, 10] } })[0]).toMatch(/10 appears twice/);
    expect(messages({ x: { field: 'tau' as never, values: [1] } })[0]).toMatch(/not a sweep field; allowed: n-syn \| n-real \| lambda \| generations \| syn-fraction/);
    expect(messages({ base: { loop: 'fully-synthetic' }, y: { field: 'nReal', values: [10] } })[0]).toBe(
      'y axis (n_r, --y n-real): n_r has no effect with --loop fully-synthetic; sweep it with --loop fresh|accumulate',
    );
    expect(messages({ base: { replicates: 1 } })[0]).toMatch(/at least 2/);
    // A combination that only fails together: a GMM with K = 8 needs 8 samples per generation.
    const gmm = messages({ base: { learner: 'gmm', components: 8 }, x: { field: 'nSyn', values: [3, 100] }, y: { field: 'nReal', values: [1, 4] } });
    expect(gmm[0]).toMatch(/^cell n_s = 3, n_r = 1: .*needs at least 8/);
  });

  it('the default sweep is the paper’s: 1-D Gaussian fresh loop, n_r = 100, 10 × 10 cells', () => {
    const sweep = defaultSweep();
    expect(sweep.x.values).toEqual([10, 22, 46, 100, 215, 464, 1000, 2154, 4642, 10000]);
    expect(sweep.y.values).toHaveLength(10);
    const spec: Spec = sweep.base;
    expect(spec).toMatchObject({ data: 'gaussian', dim: 1, learner: 'gaussian', loop: 'fresh', nReal: 100, generations: 50, replicates: 200 });
  });
});
