/**
 * The MLP GAN learner. Quality and loop tests run on wasm (the backend the worker uses without a
 * GPU) with a small model; determinism runs on cpu and wasm. Every figure quoted below was
 * measured on this project's machine (x86-64, Node 20, tfjs 4.22); results are bit-identical per
 * backend and host, so the assertions are deterministic here, and the thresholds keep a wide
 * margin for other hosts.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { isotropicMixture } from '../../src/engine/data/mixtures';
import { frechetDistance } from '../../src/engine/metrics/frechet';
import { KnnManifold, precisionRecall } from '../../src/engine/metrics/precision-recall';
import { Rng } from '../../src/engine/random/prng';
import { GAN_DEFAULTS, ganLearner, type GanOptions } from '../../src/neural/gan';
import type { Model } from '../../src/engine/learners/model';
import { specFields } from '../../src/spec/schema';

/** Four well-separated modes at (±2, ±2), σ = 0.3. */
const MIXTURE = isotropicMixture(new Float64Array([2, 2, -2, 2, -2, -2, 2, -2]), 0.3);
const K = 5;
const N_EVAL = 500;
/** The small GAN of the quality and loop tests (~0.4 s per fit on wasm here). */
const SMALL: Partial<GanOptions> = { hidden: 32, layers: 2, steps: 800, learningRate: 2e-3, summarySamples: 1024 };
/** A tiny GAN for determinism, cancellation and memory tests. */
const TINY: Partial<GanOptions> = { hidden: 8, layers: 1, steps: 5, batchSize: 16, summarySamples: 32 };

async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
}

function realManifold(seed: number): KnnManifold {
  return new KnnManifold(MIXTURE.sample(Rng.stream(seed, 3), N_EVAL), N_EVAL, 2, K);
}

async function sampleOf(model: Model, rng: Rng, n: number, lambda: number): Promise<Float64Array> {
  return await model.sample(rng, n, lambda);
}

function traceCov(x: Float64Array, n: number): number {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[2 * i] / n;
    my += x[2 * i + 1] / n;
  }
  let t = 0;
  for (let i = 0; i < n; i++) t += ((x[2 * i] - mx) ** 2 + (x[2 * i + 1] - my) ** 2) / n;
  return t;
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

describe('ganLearner: options', () => {
  it('rejects values outside the documented ranges', () => {
    expect(() => ganLearner({ hidden: 2 })).toThrow(/hidden/);
    expect(() => ganLearner({ latentDim: 9 })).toThrow(/latentDim/);
    expect(() => ganLearner({ learningRate: 0 })).toThrow(/learningRate/);
    expect(() => ganLearner({ batchSize: 16.5 })).toThrow(/batchSize/);
    expect(() => ganLearner()).not.toThrow();
    // Ranges and defaults are the spec schema's fields of the same names.
    for (const key of ['hidden', 'layers', 'steps', 'learningRate', 'batchSize', 'latentDim'] as const) {
      expect(GAN_DEFAULTS[key]).toBe(specFields[key].default);
      expect(() => ganLearner({ [key]: specFields[key].max * 2 })).toThrow(key);
    }
  });
});

describe('ganLearner on wasm', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  // Precision / recall (k = 5, 500 real vs 500 generated points) of the SMALL GAN fitted to
  // n = 500 points, seeds 1–6: P 0.78–0.94, R 0.80–0.91 (real against real: 0.98 / 0.99).
  // Failed fits: an untrained generator (1 step) puts everything in a blob near the data mean,
  // between the modes: P 0–0.09, R 0–0.23 over seeds 1–6; a generator collapsed onto one point
  // has recall 0 (its k-NN balls have radius 0). Threshold 0.6: well below the worst good fit,
  // far above both failures.
  it('fits four separated Gaussians: precision and recall ≥ 0.6; failed fits score far lower', async () => {
    for (const seed of [1, 2]) {
      const data = MIXTURE.sample(Rng.stream(seed, 1), 500);
      const model = await ganLearner(SMALL).fit(data, 500, Rng.stream(seed, 2));
      const real = realManifold(seed);
      const { precision, recall } = precisionRecall(real, await sampleOf(model, Rng.stream(seed, 4), N_EVAL, 1), N_EVAL, 2, K);
      expect(precision).toBeGreaterThan(0.6);
      expect(recall).toBeGreaterThan(0.6);
      // Model moments are those of its samples: close to the mixture's (mean 0, variance 4.09).
      expect(Math.abs(model.mean[0]) + Math.abs(model.mean[1])).toBeLessThan(0.5);
      expect(model.cov[0]).toBeGreaterThan(3);
      expect(model.cov[0]).toBeLessThan(5.5);
      expect(model.iterations).toBe(800);
      model.dispose?.();

      const untrained = await ganLearner({ ...SMALL, steps: 1 }).fit(data, 500, Rng.stream(seed, 2));
      const failed = precisionRecall(real, await sampleOf(untrained, Rng.stream(seed, 4), N_EVAL, 1), N_EVAL, 2, K);
      expect(failed.precision).toBeLessThan(0.3);
      expect(failed.recall).toBeLessThan(0.3);
      untrained.dispose?.();
      const point = new Float64Array(2 * N_EVAL).fill(2);
      expect(precisionRecall(real, point, N_EVAL, 2, K).recall).toBeLessThan(0.05);
    }
  });

  // λ: the latent is N(0, λI). Measured on the SMALL GAN, seeds 1–6: total variance at λ = 0.5 /
  // 0.1 is 0.85–0.96 / 0.57–0.85 of λ = 1's, recall falls (0.80–0.91 → 0.36–0.78 at λ = 0.1), but
  // precision does not rise as MAD's truncated StyleGAN's does (0.78–0.94 → 0.60–0.82): the
  // generator splits latent space into one region per mode and z ≈ 0 lies where the regions meet,
  // i.e. on the bridges between modes. λ = 1e−8: every sample at G(0). Seed 3 here: 7.4 / 6.9 / 5.3.
  it('λ < 1 shrinks the sample spread and the recall; λ → 0 gives one point', async () => {
    const data = MIXTURE.sample(Rng.stream(3, 1), 500);
    const model = await ganLearner(SMALL).fit(data, 500, Rng.stream(3, 2));
    const real = realManifold(3);
    const at = async (lambda: number) => {
      const x = await sampleOf(model, Rng.stream(3, 4), N_EVAL, lambda);
      return { spread: traceCov(x, N_EVAL), ...precisionRecall(real, x, N_EVAL, 2, K) };
    };
    const full = await at(1);
    const half = await at(0.5);
    const biased = await at(0.1);
    const point = await at(1e-8);
    expect(half.spread).toBeLessThan(full.spread);
    expect(biased.spread).toBeLessThan(0.95 * half.spread);
    expect(biased.recall).toBeLessThan(full.recall - 0.1);
    expect(point.spread).toBeLessThan(1e-6 * full.spread);
    await expect(model.sample(Rng.stream(1), 10, 0)).rejects.toThrow(RangeError);
    model.dispose?.();
  });

  // On Gaussian data the λ semantics coincide with the Gaussian learner's N(μ, λΣ): measured variance ratios at λ = 0.25
  // (seeds 1–3, both coordinates) 0.24–0.32; a linear generator would give exactly 0.25.
  it('on Gaussian data, λ scales the sample covariance by ≈ λ (the Gaussian learner’s N(μ, λΣ))', async () => {
    const rng = Rng.stream(1, 1);
    const n = 1000;
    const data = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      data[2 * i] = 1 + rng.normal();
      data[2 * i + 1] = -1 + 2 * rng.normal();
    }
    const model = await ganLearner(SMALL).fit(data, n, Rng.stream(1, 2));
    const variances = async (lambda: number) => {
      const x = await sampleOf(model, Rng.stream(1, 3), 4000, lambda);
      const m = [0, 0];
      for (let i = 0; i < 4000; i++) for (let a = 0; a < 2; a++) m[a] += x[2 * i + a] / 4000;
      const v = [0, 0];
      for (let i = 0; i < 4000; i++) for (let a = 0; a < 2; a++) v[a] += (x[2 * i + a] - m[a]) ** 2 / 4000;
      return { m, v };
    };
    const full = await variances(1);
    const quarter = await variances(0.25);
    for (let a = 0; a < 2; a++) {
      expect(quarter.v[a] / full.v[a]).toBeGreaterThan(0.17);
      expect(quarter.v[a] / full.v[a]).toBeLessThan(0.35);
    }
    model.dispose?.();
  });

  // MAD's loops (notes §1.2), n = 200 per generation, 4 generations, λ = 1, seed 4:
  // fully synthetic: generation t ≥ 2 fits 200 samples of G^{t−1}; fresh: 200 new real points plus
  // 200 samples of G^{t−1}. Measured over seeds 1–4 (8 generations): the fully synthetic loop's
  // FD grows 2–10× or its recall falls by 0.3–0.65; the fresh loop stays at FD ≤ 0.12, recall ≥ 0.6.
  // Seed 4 at t = 3 (2026-12-01): fully synthetic FD 0.10 → 0.14 and recall 0.67 → 0.39; fresh FD
  // 0.05, recall 0.79. Three generations of the six it once ran (the recall falls twice as far as
  // the test asks), and G^1, fitted on the same real points in both loops, fitted once.
  it('a fully synthetic loop degrades while a fresh-data loop holds', async () => {
    const learner = ganLearner(SMALL);
    const seed = 4;
    const rngs = [1, 2, 3].map((stream) => Rng.stream(seed, stream));
    const [rngReal, rngModel, rngEval] = rngs;
    const real = new KnnManifold(MIXTURE.sample(rngEval, N_EVAL), N_EVAL, 2, K);
    const score = async (model: Model) => {
      const { precision, recall } = precisionRecall(real, await sampleOf(model, rngEval, N_EVAL, 1), N_EVAL, 2, K);
      return { fd: frechetDistance(model.mean, model.cov, MIXTURE.mean, MIXTURE.cov, 2), recall, precision };
    };
    const first = await learner.fit(MIXTURE.sample(rngReal, 200), 200, rngModel);
    const firstScore = await score(first);
    const afterFirst = rngs.map((rng) => rng.getState());
    const run = async (loop: 'synthetic' | 'fresh') => {
      // Both loops go on from G^1 with the streams as they were after it.
      rngs.forEach((rng, i) => rng.setState(afterFirst[i]));
      const out = [firstScore];
      let previous = first;
      for (let t = 2; t <= 3; t++) {
        const synthetic = await sampleOf(previous, rngModel, 200, 1);
        const data = loop === 'synthetic' ? synthetic : concat(MIXTURE.sample(rngReal, 200), synthetic);
        const model = await learner.fit(data, data.length / 2, rngModel);
        if (previous !== first) previous.dispose?.();
        previous = model;
        out.push(await score(model));
      }
      previous.dispose?.();
      return out;
    };
    const synthetic = await run('synthetic');
    const fresh = await run('fresh');
    first.dispose?.();
    console.log('GAN loop', JSON.stringify({ synthetic, fresh }));
    const last = (xs: { fd: number; recall: number }[]) => xs[xs.length - 1];
    // Degrades: the last generation is worse than t = 1 in FD (×2) or recall (−0.15).
    const s1 = synthetic[0];
    const sT = last(synthetic);
    expect(sT.fd > 2 * s1.fd || sT.recall < s1.recall - 0.15).toBe(true);
    // Holds: no worse than t = 1 beyond noise, and better than the fully synthetic loop.
    const fT = last(fresh);
    expect(fT.fd).toBeLessThan(Math.max(2 * fresh[0].fd, 0.25));
    expect(fT.recall).toBeGreaterThan(fresh[0].recall - 0.15);
    expect(fT.recall).toBeGreaterThan(sT.recall);
  });

  it('warm start continues from G^{t−1}; without it each generation starts from scratch', async () => {
    const data = MIXTURE.sample(Rng.stream(5, 1), 300);
    const first = await ganLearner({ ...SMALL, steps: 300, warmStart: true }).fit(data, 300, Rng.stream(5, 2));
    // One step at a tiny learning rate from G^{t−1}: the generator barely moves.
    const warm = await ganLearner({ ...SMALL, steps: 1, learningRate: 1e-5, warmStart: true }).fit(data, 300, Rng.stream(6, 2), { previous: first });
    const cold = await ganLearner({ ...SMALL, steps: 1, learningRate: 1e-5 }).fit(data, 300, Rng.stream(6, 2), { previous: first });
    const a = await sampleOf(first, Rng.stream(7), 200, 1);
    const b = await sampleOf(warm, Rng.stream(7), 200, 1);
    const c = await sampleOf(cold, Rng.stream(7), 200, 1);
    let warmDiff = 0;
    let coldDiff = 0;
    for (let i = 0; i < a.length; i++) {
      warmDiff = Math.max(warmDiff, Math.abs(a[i] - b[i]));
      coldDiff = Math.max(coldDiff, Math.abs(a[i] - c[i]));
    }
    expect(warmDiff).toBeLessThan(0.05);
    expect(coldDiff).toBeGreaterThan(1);
    // A disposed G^{t−1} cannot be continued.
    first.dispose?.();
    await expect(ganLearner({ ...TINY, warmStart: true }).fit(data, 300, Rng.stream(8), { previous: first })).rejects.toThrow(/disposed/);
    warm.dispose?.();
    cold.dispose?.();
  });

  it('abort: rejects with AbortError within one step and frees every tensor', async () => {
    const data = MIXTURE.sample(Rng.stream(1, 1), 100);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const seen: number[] = [];
    const fit = ganLearner({ ...TINY, steps: 1000, progressEvery: 1 }).fit(data, 100, Rng.stream(1, 2), {
      signal: controller.signal,
      onProgress: (step) => {
        seen.push(step);
        if (step === 7) controller.abort();
      },
    });
    await expect(fit).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen[seen.length - 1]).toBe(7);
    expect(tf.memory().numTensors).toBe(before);

    // An abort from outside (a timer, as a worker's cancel message) arrives at the next yield.
    const outside = new AbortController();
    setTimeout(() => outside.abort(), 50);
    const start = performance.now();
    await expect(ganLearner({ ...TINY, steps: 20000 }).fit(data, 100, Rng.stream(1, 2), { signal: outside.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(tf.memory().numTensors).toBe(before);

    const aborted = new AbortController();
    aborted.abort();
    await expect(ganLearner(TINY).fit(data, 100, Rng.stream(1, 2), { signal: aborted.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('no tensor leak over 50 generations (fit → sample → dispose G^{t−1}), with and without warm start', async () => {
    for (const warmStart of [false, true]) {
      const learner = ganLearner({ ...TINY, warmStart });
      const rng = Rng.stream(2, 2);
      let data = MIXTURE.sample(Rng.stream(2, 1), 64);
      let previous: Model | null = null;
      let baseline = -1;
      const counts: number[] = [];
      for (let t = 1; t <= (warmStart ? 20 : 50); t++) {
        const model: Model = await learner.fit(data, 64, rng, { previous });
        data = await sampleOf(model, rng, 64, 1);
        previous?.dispose?.();
        previous = model;
        if (baseline < 0) baseline = tf.memory().numTensors;
        counts.push(tf.memory().numTensors);
      }
      expect(counts.every((c) => c === baseline)).toBe(true);
      const beforeDispose = tf.memory().numTensors;
      previous?.dispose?.();
      // The model owns its generator θ (and, with warm start, the discriminator θ): nothing else.
      expect(beforeDispose - tf.memory().numTensors).toBe(warmStart ? 2 : 1);
    }
  });
});

describe.each(['cpu', 'wasm'] as const)('ganLearner determinism on %s', (backend) => {
  it('the same seed gives bit-identical models and samples; another seed does not', async () => {
    await useBackend(backend);
    const data = MIXTURE.sample(Rng.stream(1, 1), 100);
    const fitAndSample = async (seed: number) => {
      const model = await ganLearner({ ...TINY, steps: 20 }).fit(data, 100, Rng.stream(seed, 2));
      const x = await sampleOf(model, Rng.stream(seed, 4), 50, 0.7);
      const result = { x, mean: model.mean, cov: model.cov, density: await model.logDensity(new Float64Array([0, 0, 2, 2]), 2) };
      model.dispose?.();
      return result;
    };
    const a = await fitAndSample(1);
    const b = await fitAndSample(1);
    const c = await fitAndSample(2);
    expect(b.x).toEqual(a.x);
    expect(b.mean).toEqual(a.mean);
    expect(b.cov).toEqual(a.cov);
    expect(b.density).toEqual(a.density);
    expect(c.x).not.toEqual(a.x);
    expect(a.x.every(Number.isFinite)).toBe(true);
  });
});
