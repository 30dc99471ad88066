/**
 * Curation (Ferbach et al. 2024) and verification (Feng et al. 2024) of synthetic points
 * (src/engine/curation): the Bradley–Terry pick, the K → ∞ closed form of the curated Gaussian loop
 * (notes §4b), K = 1 leaving runs untouched, the verifier's rule and noise, the rejection loop's cap,
 * and the CLI's flags. Statistical checks use fixed seeds and 4·SD/√R tolerances.
 */
import { describe, expect, it } from 'vitest';
import { momentsApply } from '../../src/engine/admissibility/moment-replicate';
import { curate } from '../../src/engine/curation/bradley-terry';
import { MAX_BATCH_NUMBERS, MAX_DRAWS_PER_SAMPLE, filteredDraw } from '../../src/engine/curation/synthetic-draw';
import { Verifier } from '../../src/engine/curation/verifier';
import { ring } from '../../src/engine/data/mixtures';
import { Experiment, type GenerationResult } from '../../src/engine/loops/experiment';
import { runSamples } from '../../src/engine/loops/run-size';
import type { MetricName } from '../../src/engine/metrics/registry';
import { Rng } from '../../src/engine/random/prng';
import { theoryFor } from '../../src/engine/theory';
import { curatedMoments } from '../../src/engine/theory/curation';
import { type SpecKey, fieldApplies } from '../../src/spec/schema';
import { assertSpec } from '../../src/spec/validate';
import { cli } from './run-cli';

async function simulate(input: Record<string, unknown>): Promise<GenerationResult[]> {
  const experiment = new Experiment(assertSpec({ data: 'gaussian', dim: 1, learner: 'gaussian', nEval: 10, ...input }));
  const results: GenerationResult[] = [];
  for (let r = await experiment.next(); r; r = await experiment.next()) results.push(r);
  return results;
}

function meanAndTolerance(values: Float64Array): { mean: number; tolerance: number } {
  const r = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / r;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (r - 1));
  return { mean, tolerance: (4 * sd) / Math.sqrt(r) };
}

function expectMeanNear(results: GenerationResult[], metric: MetricName, t: number, expected: number): void {
  const { mean, tolerance } = meanAndTolerance(results[t - 1].values[metric]);
  expect(Math.abs(mean - expected), `${metric} at t = ${t}: mean ${mean}, expected ${expected} ± ${tolerance}`).toBeLessThan(tolerance);
}

describe('the Bradley–Terry pick', () => {
  it('picks candidate i with probability exp(r_i/β) / Σ_j exp(r_j/β)', () => {
    const rewards = Float64Array.from([0, -1, -3]);
    const beta = 1.5;
    const groups = 20_000;
    // Candidate i of every group is the 1-D point i, so the pick is the point kept.
    const candidates = new Float64Array(3 * groups).map((_, i) => i % 3);
    const allRewards = new Float64Array(3 * groups).map((_, i) => rewards[i % 3]);
    const picked = curate(candidates, allRewards, groups, 3, 1, beta, Rng.stream(9, 1));
    const weights = [...rewards].map((r) => Math.exp(r / beta));
    const total = weights.reduce((s, w) => s + w, 0);
    for (let i = 0; i < 3; i++) {
      const p = weights[i] / total;
      const share = picked.filter((x) => x === i).length / groups;
      expect(Math.abs(share - p), `candidate ${i}`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / groups));
    }
  });
});

describe('the curated Gaussian loop (notes §4b)', () => {
  // K → ∞ tilts N(m, v) by exp(−(x − x*)²/β): 1/v' = 1/v + 2/β, m' = v'(m/v + 2x*/β); t = 1 is the
  // unbiased fit to N(0, 1). K = 100 candidates and n_s = 200 keep the finite-K and finite-n
  // biases well inside the tolerance; a wrong factor (t/β instead of 2t/β) is about 8 tolerances off at t = 6.
  const beta = 1;
  const target = 2;
  const limit = (generations: number) => {
    const out: { m: number; v: number }[] = [{ m: 0, v: 1 }];
    for (let t = 2; t <= generations; t++) {
      const { m, v } = out[t - 2];
      const next = 1 / (1 / v + 2 / beta);
      out.push({ m: next * (m / v + (2 * target) / beta), v: next });
    }
    return out;
  };

  it('follows 1/σ_t² = 1/σ_1² + 2(t − 1)/β and its mean moves to x*, as K → ∞', async () => {
    const T = 6;
    const results = await simulate({ nIni: 200, nSyn: 200, generations: T, replicates: 40, curationK: 100, curationBeta: beta, targetX: target });
    const theory = limit(T);
    for (let t = 1; t <= T; t++) {
      expectMeanNear(results, 'trace', t, theory[t - 1].v);
      // E[r] of G^t's samples: −((m − x*)² + v), up to the O(v/n) spread of the fitted mean.
      expectMeanNear(results, 'reward', t, -((theory[t - 1].m - target) ** 2 + theory[t - 1].v));
    }
  });

  it('the finite-K quadrature reaches the tilted Gaussian as K grows, and is the identity at K = 1', () => {
    expect(curatedMoments(0.3, 0.8, 1, beta, target).variance).toBeCloseTo(0.8, 6);
    const tilted = 1 / (1 / 0.8 + 2 / beta);
    const far = curatedMoments(0.3, 0.8, 100_000, beta, target);
    expect(far.variance).toBeCloseTo(tilted, 4);
    expect(far.mean).toBeCloseTo(tilted * (0.3 / 0.8 + (2 * target) / beta), 3);
    // Fewer candidates, less selection: K = 2 narrows far less than the limit.
    expect(curatedMoments(0.3, 0.8, 2, beta, target).variance).toBeGreaterThan(1.5 * tilted);
  });

  for (const [loop, k] of [['fully-synthetic', 2], ['fresh', 3]] as const)
    it(`${loop}, K = ${k}: the simulated loop follows the finite-K theory line`, async () => {
      const spec = { nIni: 200, nReal: 200, nSyn: 200, generations: 5, replicates: 40, curationK: k, curationBeta: beta, targetX: target, loop };
      const results = await simulate(spec);
      const theory = theoryFor(assertSpec({ data: 'gaussian', dim: 1, learner: 'gaussian', nEval: 10, ...spec }))!;
      // Only the curve the curated loop has: the uncurated closed forms would be wrong here.
      expect(Object.keys(theory).sort()).toEqual(['reward', 'trace']);
      for (let t = 1; t <= 5; t++) {
        expectMeanNear(results, 'trace', t, theory.trace![t - 1]);
        expectMeanNear(results, 'reward', t, theory.reward![t - 1]);
      }
    });

  it('draws no theory line for a verified loop', () => {
    expect(theoryFor(assertSpec({ data: 'gaussian', dim: 1, learner: 'gaussian', verifier: 'support' }))).toBeNull();
    expect(theoryFor(assertSpec({ data: 'gaussian', dim: 1, learner: 'gaussian', curationK: 2, verifier: 'support' }))).toBeNull();
    // Nor do the sweeps simulate it through sufficient statistics, which cannot pick samples.
    expect(momentsApply(assertSpec({ data: 'gaussian', learner: 'gaussian', curationK: 2 }))).toBe(false);
    expect(momentsApply(assertSpec({ data: 'gaussian', learner: 'gaussian', verifier: 'biased' }))).toBe(false);
    expect(momentsApply(assertSpec({ data: 'gaussian', learner: 'gaussian' }))).toBe(true);
  });

  it('K = 1 is no curation: the same numbers as a run without the fields, and no reward metric', async () => {
    const plain = await simulate({ nIni: 50, nSyn: 50, generations: 3, replicates: 3, nEval: 50 });
    const k1 = await simulate({ nIni: 50, nSyn: 50, generations: 3, replicates: 3, nEval: 50, curationK: 1, curationBeta: 0.1, targetX: -3 });
    expect(k1.map((r) => r.values)).toEqual(plain.map((r) => r.values));
    expect(Object.keys(k1[0].values)).not.toContain('reward');
  });
});

describe('the run size', () => {
  it('counts the candidates a curator passes over, in every domain', () => {
    for (const domain of [{ data: 'ring' }, { data: 'mnist', learner: 'pca-gmm' }, { data: 'zipf', learner: 'unigram' }]) {
      const base = { ...domain, nIni: 100, nSyn: 100, generations: 11, replicates: 2, nEval: 100 };
      const extra = runSamples(assertSpec({ ...base, curationK: 3 })) - runSamples(assertSpec(base));
      expect(extra, domain.data).toBe(2 * 10 * 2 * 100);
    }
  });
});

describe('large curated draws', () => {
  it('draw and judge the candidates a chunk of at most MAX_BATCH_NUMBERS numbers at a time, each sample picked from its own K candidates', async () => {
    const d = 1000;
    const n = 2500;
    const batches: number[] = [];
    let next = 0;
    // Candidate i of the whole draw is the row filled with i; the reward prefers the later of each pair.
    const counting = (_: Rng, m: number) => {
      batches.push(m);
      const rows = new Float64Array(m * d);
      for (let i = 0; i < m; i++) rows.fill(next++, i * d, (i + 1) * d);
      return rows;
    };
    const filter = { k: 2, beta: 1e-3, reward: (rows: Float64Array, m: number) => Float64Array.from({ length: m }, (_, i) => rows[i * d]), verifier: null };
    const kept = await filteredDraw(counting, n, d, filter, Rng.stream(5, 1));
    const perChunk = Math.floor(MAX_BATCH_NUMBERS / (2 * d));
    expect(batches).toEqual([2 * perChunk, 2 * (n - perChunk)]);
    for (let g = 0; g < n; g++) expect(kept[g * d + d - 1], `sample ${g}`).toBe(2 * g + 1);
  });
});

describe('the verifier', () => {
  const real = ring();
  const onMode = Float64Array.from([2, 0, -2, 0, 0, 2]); // three ring modes, one on the left
  const offSupport = Float64Array.from([0, 0, 5, 5]);

  it('accepts points on the real support and rejects others; the biased one only its right half', () => {
    const support = new Verifier(real, 1, 'support', 1);
    expect([...support.verdicts(onMode, 3, Rng.stream(1, 1))]).toEqual([1, 1, 1]);
    expect([...support.verdicts(offSupport, 2, Rng.stream(1, 1))]).toEqual([0, 0]);
    const biased = new Verifier(real, 1, 'biased', 1);
    expect([...biased.verdicts(onMode, 3, Rng.stream(1, 1))]).toEqual([1, 0, 1]);
  });

  it('gives its rule’s verdict with probability = accuracy', () => {
    const n = 4000;
    for (const accuracy of [0.5, 0.8]) {
      const verifier = new Verifier(real, 1, 'support', accuracy);
      const good = new Float64Array(2 * n).map((_, i) => (i % 2 === 0 ? 2 : 0));
      const bad = new Float64Array(2 * n).fill(5);
      const accepted = (points: Float64Array) => verifier.verdicts(points, n, Rng.stream(2, accuracy * 10)).reduce((s, v) => s + v, 0) / n;
      const se = Math.sqrt((accuracy * (1 - accuracy)) / n);
      expect(Math.abs(accepted(good) - accuracy)).toBeLessThan(4 * se);
      expect(Math.abs(accepted(bad) - (1 - accuracy))).toBeLessThan(4 * se);
    }
  });

  it('refills to n_s with accepted samples, and stops with a message when almost nothing passes', async () => {
    const verifier = new Verifier(real, 1, 'support', 1);
    const filter = { k: 1, beta: 1, reward: (_: Float64Array, n: number) => new Float64Array(n), verifier };
    // Half the draws on a mode, half far away: n samples need about 2n draws, all of them on the mode.
    const half = (rng: Rng, n: number) => new Float64Array(2 * n).map((_, i) => (i % 4 < 2 ? (i % 2 === 0 ? 2 : 0) + 0.05 * rng.normal() : 9));
    const kept = await filteredDraw(half, 100, 2, filter, Rng.stream(3, 1));
    expect(kept.length).toBe(200);
    for (let i = 0; i < 100; i++) expect(Math.hypot(kept[2 * i] - 2, kept[2 * i + 1])).toBeLessThan(0.5);

    let drawn = 0;
    const far = (_: Rng, n: number) => {
      drawn += n;
      return new Float64Array(2 * n).fill(9);
    };
    await expect(filteredDraw(far, 10, 2, filter, Rng.stream(3, 2))).rejects.toThrow(/verifier: it accepted 0 of 1000 samples of G\^\(t−1\) \(0\.00%\), fewer than the 10 needed/);
    expect(drawn).toBe(10 * MAX_DRAWS_PER_SAMPLE);
  });
});

describe('CLI flags of curation and verification', () => {
  const cases: [string[], string][] = [
    [['--curation-k', '0'], 'candidates K (--curation-k): 0 is out of range; allowed: an integer 1..100'],
    [['--curation-k', '2.5'], '2.5 is not an integer'],
    [['--curation-beta', '0'], 'β (--curation-beta): 0 is out of range; allowed: a number in (0, 100]'],
    [['--target-x', '99'], 'target x*₁ (--target-x): 99 is out of range; allowed: a number in [-50, 50]'],
    [['--target-y', 'left'], '"left" is not a number'],
    [['--verifier', 'strict'], 'allowed: one of off | support | biased'],
    [['--verifier-accuracy', '0.3'], 'verifier accuracy (--verifier-accuracy): 0.3 is out of range; allowed: a number in [0.5, 1]'],
    [['--data', 'mnist', '--learner', 'pca-gmm', '--curation-k', '2', '--target-class', '10'], 'target digit c (--target-class): 10 is out of range; allowed: an integer 0..9'],
    [['--target-class', 'seven'], 'target digit c (--target-class): "seven" is not a number; allowed: an integer 0..9'],
  ];
  for (const [args, message] of cases)
    it(`${args.join(' ')} → ${message}`, async () => {
      const { code, err } = await cli('run', ...args);
      expect(code).toBe(2);
      expect(err).toContain(message);
    });

  it('--help lists the flags with when they apply; a flag without effect is noted', async () => {
    const help = (await cli('run', '--help')).out;
    expect(help).toMatch(/--curation-beta .*\(only with --data gaussian\|ring\|grid\|moons\|points\|mnist\|zipf\|english, --curation-k > 1\)/);
    expect(help).toMatch(/--target-class .*\(only with --data mnist, --curation-k > 1\)/);
    expect(help).toMatch(/--target-words .*\(only with --data zipf\|english, --curation-k > 1\)/);
    expect(help).toMatch(/--verifier-accuracy .*--verifier support\|biased/);
    const { code, err } = await cli('run', '--data', 'ring', '--curation-beta', '3', '--target-class', '4', '--n-ini', '50', '--n-syn', '50', '--generations', '2', '--replicates', '2', '--n-eval', '50');
    expect(code).toBe(0);
    expect(err).toContain('--curation-beta has no effect with --data ring --learner gmm --loop fully-synthetic --curation-k 1');
    expect(err).toContain('--target-class has no effect with --data ring');
  });

  it('the controls that apply: the target point for points, the target digit for MNIST, the target words for words, each only with K > 1; verifiers for all', () => {
    const applies = (key: SpecKey, spec: Record<string, unknown>) => fieldApplies(key, assertSpec(spec));
    const mnist = { data: 'mnist', learner: 'pca-gmm' };
    expect(applies('targetClass', { ...mnist, curationK: 2 })).toBe(true);
    expect(applies('targetClass', { ...mnist, curationK: 1 })).toBe(false);
    expect(applies('targetX', { ...mnist, curationK: 2 })).toBe(false);
    expect(applies('targetClass', { data: 'ring', curationK: 2 })).toBe(false);
    expect(applies('verifierAccuracy', { ...mnist, verifier: 'biased' })).toBe(true);
    expect(applies('targetWords', { data: 'zipf', learner: 'unigram', curationK: 2 })).toBe(true);
    expect(applies('targetWords', { ...mnist, curationK: 2 })).toBe(false);
    expect(applies('verifierAccuracy', { data: 'zipf', learner: 'unigram', verifier: 'support' })).toBe(true);
  });

  it('runs a curated and verified loop and reports the mean reward', async () => {
    const { code, out } = await cli('run', '--data', 'ring', '--curation-k', '3', '--verifier', 'support', '--n-ini', '100', '--n-syn', '100', '--generations', '3', '--replicates', '2', '--n-eval', '100');
    expect(code).toBe(0);
    const doc = JSON.parse(out) as { generations: { metrics: Record<string, { mean: number }> }[] };
    expect(doc.generations[2].metrics.reward.mean).toBeGreaterThan(doc.generations[0].metrics.reward.mean);
  });
});
