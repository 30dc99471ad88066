/**
 * The MNIST digit generators (src/neural/digits: VAE, class-conditional VAE, convolutional GAN) on
 * the wasm backend, fitted to 2000 real training digits with few epochs (the figures quoted were
 * measured on this project's 2-core machine; results are bit-identical per backend and host, so the
 * assertions are deterministic here, and the thresholds keep a margin).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../src/cli/mnist-node';
import { drawDigits } from '../../src/engine/digits/digit-loop';
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_ROW, UNLABELLED, type DigitLearner, type DigitModel } from '../../src/engine/digits/digits';
import type { Model } from '../../src/engine/learners/model';
import { Rng } from '../../src/engine/random/prng';
import { specFields } from '../../src/spec/schema';
import { Architecture, CONV_GAN_DEFAULTS, convGanLearner, ConvGanModel, discriminate, discriminatorGrad, generate, generatorGrad } from '../../src/neural/digits/conv-gan';
import { EpochBatches } from '../../src/neural/digits/shared';
import { cvaeLearner, VAE_DEFAULTS, vaeLearner, VaeModel } from '../../src/neural/digits/vae';

const N = 2000;
/** Small fits: ~1 s each on wasm here. */
const VAE_SMALL = { epochs: 3, batchSize: 64, learningRate: 3e-3 };
const GAN_TINY = { epochs: 1, batchSize: 32, channels: 4, latentDim: 8 };

let train: Float64Array;
let test: Float64Array;

async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
}

function checkRows(rows: Float64Array, n: number, labels: 'unlabelled' | 'classes', trained = true): void {
  expect(rows.length).toBe(n * DIGIT_ROW);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < DIGIT_PIXELS; p++) {
      const v = rows[i * DIGIT_ROW + p];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const label = rows[i * DIGIT_ROW + DIGIT_PIXELS];
    if (labels === 'unlabelled') expect(label).toBe(UNLABELLED);
    else expect(Number.isInteger(label) && label >= 0 && label < DIGIT_CLASSES).toBe(true);
  }
  expect(min).toBeGreaterThanOrEqual(0);
  expect(max).toBeLessThanOrEqual(1);
  if (trained) expect(max - min).toBeGreaterThan(0.5);
}

/** Mean over pixels of the per-pixel variance across the n samples. */
function pixelVariance(rows: Float64Array, n: number): number {
  let total = 0;
  for (let p = 0; p < DIGIT_PIXELS; p++) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = rows[i * DIGIT_ROW + p];
      s += v;
      s2 += v * v;
    }
    total += s2 / n - (s / n) ** 2;
  }
  return total / DIGIT_PIXELS;
}

/** Per-class mean images of labelled rows, 10×784. */
function classMeans(rows: Float64Array, n: number): Float64Array {
  const means = new Float64Array(DIGIT_CLASSES * DIGIT_PIXELS);
  const counts = new Float64Array(DIGIT_CLASSES);
  for (let i = 0; i < n; i++) {
    const c = rows[i * DIGIT_ROW + DIGIT_PIXELS];
    counts[c] += 1;
    for (let p = 0; p < DIGIT_PIXELS; p++) means[c * DIGIT_PIXELS + p] += rows[i * DIGIT_ROW + p];
  }
  for (let c = 0; c < DIGIT_CLASSES; c++) for (let p = 0; p < DIGIT_PIXELS; p++) means[c * DIGIT_PIXELS + p] /= Math.max(counts[c], 1);
  return means;
}

/** Mean squared distance (per pixel) of each labelled sample to the mean of its class. */
function distanceToClassMean(rows: Float64Array, n: number, means: Float64Array): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = rows[i * DIGIT_ROW + DIGIT_PIXELS];
    for (let p = 0; p < DIGIT_PIXELS; p++) total += (rows[i * DIGIT_ROW + p] - means[c * DIGIT_PIXELS + p]) ** 2;
  }
  return total / (n * DIGIT_PIXELS);
}

beforeAll(async () => {
  const mnist = loadMnist();
  train = drawDigits(mnist.train, Rng.stream(11, 1), N);
  test = drawDigits(mnist.test, Rng.stream(11, 2), 500);
  await useBackend('wasm');
});

describe('digit generators: options', () => {
  it('rejects values outside the documented ranges', () => {
    expect(() => vaeLearner({ epochs: 0 })).toThrow(/epochs/);
    expect(() => vaeLearner({ epochs: specFields.epochs.max + 1 })).toThrow(/epochs/);
    expect(() => vaeLearner({ learningRate: 0 })).toThrow(/learningRate/);
    expect(() => vaeLearner({ batchSize: 16.5 })).toThrow(/batchSize/);
    expect(() => vaeLearner({ latentDim: 1 })).toThrow(/latentDim/);
    expect(() => cvaeLearner({ labelDropout: 1 })).toThrow(/labelDropout/);
    expect(() => convGanLearner({ channels: 0 })).toThrow(/channels/);
    expect(() => convGanLearner({ batchSize: 4 })).toThrow(/batchSize/);
    expect(() => vaeLearner()).not.toThrow();
    expect(() => cvaeLearner({ epochs: 5 })).not.toThrow();
    expect(() => convGanLearner({ epochs: 1000 })).toThrow(/epochs/);
  });

  it('rejects malformed digit rows', async () => {
    const bad = train.slice(0, 2 * DIGIT_ROW);
    bad[3] = 1.5;
    await expect(vaeLearner().fit(bad, 2, Rng.stream(1, 1))).rejects.toThrow(/pixel 3/);
    const badLabel = train.slice(0, 2 * DIGIT_ROW);
    badLabel[DIGIT_ROW + DIGIT_PIXELS] = 10;
    await expect(cvaeLearner().fit(badLabel, 2, Rng.stream(1, 1))).rejects.toThrow(/label 10/);
    await expect(vaeLearner().fit(train.subarray(0, 10), 1, Rng.stream(1, 1))).rejects.toThrow(/785/);
  });

  it('draws epochs of distinct rows', () => {
    const batches = new EpochBatches(10, 4, Rng.stream(1, 1));
    expect(batches.steps(3)).toBe(6);
    const seen = [...batches.next(), ...batches.next()];
    expect(new Set(seen).size).toBe(8);
    expect(new EpochBatches(5, 64, Rng.stream(1, 1)).batch).toBe(5);
  });
});

describe('VAE on wasm', () => {
  let model: VaeModel;
  beforeAll(async () => {
    model = (await vaeLearner(VAE_SMALL).fit(train, N, Rng.stream(1, 1))) as VaeModel;
  });

  it('samples n unlabelled digits with pixels in [0, 1]', async () => {
    checkRows(await model.sample(Rng.stream(1, 2), 200, 1), 200, 'unlabelled');
    expect(model.iterations).toBe(VAE_SMALL.epochs * Math.floor(N / VAE_SMALL.batchSize));
    expect((await model.sample(Rng.stream(1, 2), 0, 1)).length).toBe(0);
    await expect(model.sample(Rng.stream(1, 2), 10, 0)).rejects.toThrow(/λ/);
    await expect(model.sample(Rng.stream(1, 2), 10, 1.5)).rejects.toThrow(/λ/);
  });

  // Measured: mean per-pixel variance 0.0124 (λ = 1), 0.0074 (λ = 0.25), 0.0009 (λ = 0.01).
  it('λ truncates the latent: smaller λ, less pixel variance across samples', async () => {
    const v1 = pixelVariance(await model.sample(Rng.stream(1, 3), 500, 1), 500);
    const vQuarter = pixelVariance(await model.sample(Rng.stream(1, 3), 500, 0.25), 500);
    const vTiny = pixelVariance(await model.sample(Rng.stream(1, 3), 500, 0.01), 500);
    expect(vQuarter).toBeLessThan(0.8 * v1);
    expect(vTiny).toBeLessThan(0.3 * vQuarter);
  });

  // Measured: −ELBO 165 nats per held-out digit (3 epochs; 150 reconstruction + 15 KL) against 519
  // for a one-step fit.
  it('beats an untrained VAE on the ELBO of held-out test digits', async () => {
    const untrained = (await vaeLearner({ epochs: 1, batchSize: 8 }).fit(train.subarray(0, 8 * DIGIT_ROW), 8, Rng.stream(1, 1))) as VaeModel;
    const trained = await model.evaluate(test, 500, Rng.stream(1, 4));
    const baseline = await untrained.evaluate(test, 500, Rng.stream(1, 4));
    untrained.dispose();
    expect(trained.negElbo).toBeLessThan(0.5 * baseline.negElbo);
    expect(trained.reconstruction).toBeLessThan(baseline.reconstruction);
    expect(trained.negElbo).toBeLessThan(190);
    expect(trained.kl).toBeGreaterThan(1);
  });

  it('is deterministic: the same seed gives identical samples', async () => {
    // A few steps suffice: what is compared is every bit of two fits from one seed.
    const data = train.subarray(0, 256 * DIGIT_ROW);
    const again = await vaeLearner({ ...VAE_SMALL, epochs: 1 }).fit(data, 256, Rng.stream(1, 1));
    const other = await vaeLearner({ ...VAE_SMALL, epochs: 1 }).fit(data, 256, Rng.stream(1, 1));
    const a = await again.sample(Rng.stream(2, 2), 50, 0.5);
    const b = await other.sample(Rng.stream(2, 2), 50, 0.5);
    expect(Array.from(b)).toEqual(Array.from(a));
    const c = await other.sample(Rng.stream(2, 3), 50, 0.5);
    expect(Array.from(c)).not.toEqual(Array.from(a));
    again.dispose?.();
    other.dispose?.();
  });
});

describe('class-conditional VAE on wasm', () => {
  let model: VaeModel;
  beforeAll(async () => {
    model = (await cvaeLearner({ ...VAE_SMALL, epochs: 4 }).fit(train, N, Rng.stream(2, 1))) as VaeModel;
  });

  it('samples labelled digits, labels uniform on 0..9', async () => {
    const rows = await model.sample(Rng.stream(2, 2), 1000, 1);
    checkRows(rows, 1000, 'classes');
    const counts = new Array<number>(DIGIT_CLASSES).fill(0);
    for (let i = 0; i < 1000; i++) counts[rows[i * DIGIT_ROW + DIGIT_PIXELS]] += 1;
    for (const c of counts) expect(c).toBeGreaterThan(60);
  });

  // Measured: mean squared pixel distance to the real class mean 0.0227 (λ = 1), 0.0183 (λ = 0.5),
  // 0.0164 (λ = 0.25).
  it('guidance (λ < 1) moves samples towards their class mean', async () => {
    const means = classMeans(train, N);
    const d1 = distanceToClassMean(await model.sample(Rng.stream(2, 3), 500, 1), 500, means);
    const dHalf = distanceToClassMean(await model.sample(Rng.stream(2, 3), 500, 0.5), 500, means);
    const dQuarter = distanceToClassMean(await model.sample(Rng.stream(2, 3), 500, 0.25), 500, means);
    expect(dHalf).toBeLessThan(d1);
    expect(dQuarter).toBeLessThan(dHalf);
  });

  it('conditions on the label: its ELBO is better with the true labels than without', async () => {
    const unlabelled = test.slice();
    for (let i = 0; i < 500; i++) unlabelled[i * DIGIT_ROW + DIGIT_PIXELS] = UNLABELLED;
    const withLabels = await model.evaluate(test, 500, Rng.stream(2, 4));
    const without = await model.evaluate(unlabelled, 500, Rng.stream(2, 4));
    expect(withLabels.negElbo).toBeLessThan(without.negElbo);
  });

  it('trains on unlabelled rows (the "no label" code)', async () => {
    const rows = train.slice(0, 8 * DIGIT_ROW);
    for (let i = 0; i < 4; i++) rows[i * DIGIT_ROW + DIGIT_PIXELS] = UNLABELLED;
    const fitted = await cvaeLearner({ epochs: 1, batchSize: 8 }).fit(rows, 8, Rng.stream(1, 1));
    checkRows(await fitted.sample(Rng.stream(1, 2), 10, 0.5), 10, 'classes', false);
    fitted.dispose?.();
  });
});

describe('convolutional GAN', () => {
  it('hand-written gradients equal tf.grads (cpu), on cpu and wasm', async () => {
    try {
      for (const batchNorm of [false, true]) {
        const arch = new Architecture(3, 2, 4, batchNorm);
        const rng = Rng.stream(5, 1);
        const values = (size: number, scale: number) => Float32Array.from({ length: size }, () => scale * rng.normal());
        const inputs = { thetaG: values(arch.generator.size, 0.3), thetaD: values(arch.discriminator.size, 0.3), z: values(9, 1) };
        // L = Σ dLogits ⊙ D(G(z)): its gradients with respect to θ_G, θ_D, by hand on `backend`.
        const manual = async (backend: 'cpu' | 'wasm') => {
          await useBackend(backend);
          const thetaG = tf.tensor1d(inputs.thetaG);
          const thetaD = tf.tensor1d(inputs.thetaD);
          const z = tf.tensor2d(inputs.z, [3, 3]);
          const dLogits = tf.tensor2d([0.7, -1.3, 0.4], [3, 1]);
          const grads = tf.tidy(() => {
            const tg = generate(arch, thetaG, z);
            const td = discriminate(arch, thetaD, tg.out);
            const back = discriminatorGrad(arch, td, dLogits, { params: true, input: true });
            return [generatorGrad(arch, tg, back.dx as tf.Tensor4D), back.dTheta as tf.Tensor1D];
          });
          const out = grads.map((g) => Float32Array.from(g.dataSync()));
          tf.dispose([thetaG, thetaD, z, dLogits, ...grads]);
          return out;
        };
        await useBackend('cpu');
        const thetaG = tf.tensor1d(inputs.thetaG);
        const thetaD = tf.tensor1d(inputs.thetaD);
        const z = tf.tensor2d(inputs.z, [3, 3]);
        const dLogits = tf.tensor2d([0.7, -1.3, 0.4], [3, 1]);
        const loss = (tg: tf.Tensor1D, td: tf.Tensor1D) => tf.sum(tf.mul(dLogits, discriminate(arch, td, generate(arch, tg, z).out).out)) as tf.Scalar;
        const auto = tf.grads((tg: tf.Tensor, td: tf.Tensor) => loss(tg as tf.Tensor1D, td as tf.Tensor1D))([thetaG, thetaD]);
        const reference = auto.map((g) => Float32Array.from(g.dataSync()));
        tf.dispose([thetaG, thetaD, z, dLogits, ...auto]);
        for (const backend of ['cpu', 'wasm'] as const) {
          const got = await manual(backend);
          for (let i = 0; i < 2; i++) {
            const scale = reference[i].reduce((m, v) => Math.max(m, Math.abs(v)), 0);
            expect(scale).toBeGreaterThan(0);
            const diff = reference[i].reduce((m, v, j) => Math.max(m, Math.abs(v - got[i][j])), 0);
            expect(diff).toBeLessThan(1e-4 * scale + 1e-6);
          }
        }
      }
    } finally {
      await useBackend('wasm');
    }
  });

  // Measured (1 epoch, 4 channels): mean per-pixel variance 0.0038 (λ = 1), 0.0004 (λ = 0.01).
  it('fits 2000 digits on wasm and samples unlabelled digits; λ shrinks the spread', async () => {
    const model = await convGanLearner(GAN_TINY).fit(train, N, Rng.stream(3, 1));
    expect(model.iterations).toBe(Math.floor(N / GAN_TINY.batchSize));
    checkRows(await model.sample(Rng.stream(3, 2), 200, 1), 200, 'unlabelled');
    const v1 = pixelVariance(await model.sample(Rng.stream(3, 3), 300, 1), 300);
    const vSmall = pixelVariance(await model.sample(Rng.stream(3, 3), 300, 0.01), 300);
    expect(vSmall).toBeLessThan(0.5 * v1);
    model.dispose?.();
  });

  it('is deterministic: the same seed gives identical samples', async () => {
    const options = { ...GAN_TINY, epochs: 1 };
    const data = train.subarray(0, 64 * DIGIT_ROW);
    const a = await convGanLearner(options).fit(data, 64, Rng.stream(4, 1));
    const b = await convGanLearner(options).fit(data, 64, Rng.stream(4, 1));
    expect(Array.from(await b.sample(Rng.stream(4, 2), 20, 0.7))).toEqual(Array.from(await a.sample(Rng.stream(4, 2), 20, 0.7)));
    a.dispose?.();
    b.dispose?.();
  });

  it('defaults', () => {
    expect(CONV_GAN_DEFAULTS.epochs).toBeGreaterThanOrEqual(1);
    expect(VAE_DEFAULTS.latentDim).toBe(16);
  });
});

describe('every generator: cancellation, warm start, memory', () => {
  const small: Record<'vae' | 'cvae' | 'conv-gan', DigitLearner> = {
    vae: vaeLearner({ epochs: 1, batchSize: 32 }),
    cvae: cvaeLearner({ epochs: 1, batchSize: 32 }),
    'conv-gan': convGanLearner({ ...GAN_TINY, epochs: 1 }),
  };
  const kinds = Object.keys(small) as (keyof typeof small)[];

  it.each(kinds)('%s: an abort stops the fit within one step and frees its tensors', async (kind) => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let calls = 0;
    const fit = small[kind].fit(train.subarray(0, 512 * DIGIT_ROW), 512, Rng.stream(6, 1), {
      signal: controller.signal,
      onProgress: (step, steps) => {
        calls += 1;
        expect(steps).toBe(16);
        if (step >= 5) controller.abort();
      },
    });
    await expect(fit).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(tf.memory().numTensors).toBe(before);
    const aborted = new AbortController();
    aborted.abort();
    await expect(small[kind].fit(train.subarray(0, 64 * DIGIT_ROW), 64, Rng.stream(6, 1), { signal: aborted.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(kinds)('%s: a self-consuming loop of 3 generations keeps the tensor count constant', async (kind) => {
    const n = 256;
    let data = train.subarray(0, n * DIGIT_ROW);
    let previous: DigitModel | null = null;
    const counts: number[] = [];
    for (let t = 0; t < 3; t++) {
      const model: DigitModel = await small[kind].fit(data, n, Rng.stream(7, t), { previous });
      data = await model.sample(Rng.stream(8, t), n, 0.8);
      previous?.dispose?.();
      previous = model;
      counts.push(tf.memory().numTensors);
    }
    previous?.dispose?.();
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
  });

  it.each(kinds)('%s: warm start continues from the previous model of the same kind', async (kind) => {
    // With a tiny learning rate, a warm-started fit stays next to the model it starts from.
    const options = { epochs: 1, batchSize: 32, warmStart: true };
    const build = (o: typeof options & { learningRate?: number }) => (kind === 'conv-gan' ? convGanLearner({ ...GAN_TINY, ...o }) : kind === 'cvae' ? cvaeLearner(o) : vaeLearner(o));
    const learner = build(options);
    const still = build({ ...options, learningRate: 1e-5 });
    const data = train.subarray(0, 64 * DIGIT_ROW);
    const before = tf.memory().numTensors;
    const first = await learner.fit(data, 64, Rng.stream(9, 1));
    const warm = await still.fit(data, 64, Rng.stream(9, 2), { previous: first as Model });
    const cold = await still.fit(data, 64, Rng.stream(9, 2));
    // The generator's parameters: the warm fit stays next to `first`'s, a cold fit does not.
    const params = (m: DigitModel) => (m instanceof ConvGanModel ? m.thetaG : (m as VaeModel).theta).dataSync();
    const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
    expect(maxDiff(params(warm), params(first))).toBeLessThan(1e-3);
    expect(maxDiff(params(cold), params(first))).toBeGreaterThan(0.05);
    first.dispose?.();
    warm.dispose?.();
    cold.dispose?.();
    expect(tf.memory().numTensors).toBe(before);
    // A disposed previous model is an error, not a silent cold start.
    await expect(learner.fit(data, 64, Rng.stream(9, 2), { previous: first as Model })).rejects.toThrow(/disposed/);
  });
});
