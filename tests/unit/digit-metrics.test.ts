/**
 * The MNIST metrics in LeNet's feature space, on real digits: real against real sits at the
 * baseline (FD small next to the features' spread, precision and recall high and alike), and a
 * generator that only ever emits one digit covers 1 class of 10 with low recall.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLenet, loadMnist } from '../../src/cli/mnist-node';
import { drawDigits, realBaseline } from '../../src/engine/digits/digit-loop';
import { digitMeasures, digitReference } from '../../src/engine/digits/digit-metrics';
import { DIGIT_PIXELS, DIGIT_ROW } from '../../src/engine/digits/digits';
import { trace } from '../../src/engine/linalg/matrix';
import { Rng } from '../../src/engine/random/prng';
import { assertSpec } from '../../src/spec/validate';
import type { LeNet } from '../../src/neural/digits/lenet';

const mnist = loadMnist();
const N = 1000;
let lenet: LeNet;

beforeAll(async () => {
  await tf.setBackend('wasm');
  lenet = await loadLenet();
});
afterAll(() => lenet.dispose());

async function reference(seed: number) {
  return digitReference(await lenet.embed(drawDigits(mnist.test, Rng.stream(seed, 1), N), N), N);
}

/** n training digits of one class, as a generator stuck on that digit would emit them. */
function onlyDigit(digit: number, n: number): Float64Array {
  const rows = new Float64Array(n * DIGIT_ROW);
  for (let i = 0, k = 0; k < n; i++) {
    if (mnist.train.labels[i] !== digit) continue;
    for (let p = 0; p < DIGIT_PIXELS; p++) rows[k * DIGIT_ROW + p] = mnist.train.images[i * DIGIT_PIXELS + p] / 255;
    rows[k * DIGIT_ROW + DIGIT_PIXELS] = digit;
    k++;
  }
  return rows;
}

describe('MNIST metrics in LeNet feature space', () => {
  it('real against real: FD small next to the spread of the features, precision and recall high and alike, all classes', async () => {
    const precision: number[] = [];
    const recall: number[] = [];
    for (let seed = 1; seed <= 4; seed++) {
      const ref = await reference(seed);
      const real = drawDigits(mnist.train, Rng.stream(seed, 2), N);
      const m = digitMeasures(ref, await lenet.embed(real, N), N);
      // FD's finite-sample bias is of order tr Σ · d / n; the features' total variance sets the scale.
      expect(m.fd).toBeLessThan(0.02 * trace(ref.cov, ref.dim));
      expect(m.classes).toBe(1);
      expect(m.entropy).toBeGreaterThan(3.28);
      precision.push(m.precision);
      recall.push(m.recall);
    }
    for (const p of [...precision, ...recall]) expect(p).toBeGreaterThan(0.9);
    // Exchangeable roles: precision and recall of real against real agree on average.
    const mean = (x: number[]) => x.reduce((a, b) => a + b) / x.length;
    expect(Math.abs(mean(precision) - mean(recall))).toBeLessThan(0.03);
  });

  it('realBaseline is that measurement for the spec (n_eval, seed), and FD shrinks with n like a finite-sample bias', async () => {
    const small = await realBaseline(assertSpec({ data: 'mnist', learner: 'vae', nEval: 250, seed: 3 }), { mnist, features: lenet });
    const large = await realBaseline(assertSpec({ data: 'mnist', learner: 'vae', nEval: 2000, seed: 3 }), { mnist, features: lenet });
    expect(large.fd).toBeLessThan(small.fd / 3);
    expect(large.classes).toBe(1);
    expect(small.precision).toBeGreaterThan(0.8);
  });

  it('a generator stuck on one digit: 1 class of 10, entropy near 0, recall low, FD far above the baseline', async () => {
    const ref = await reference(7);
    const real = digitMeasures(ref, await lenet.embed(drawDigits(mnist.train, Rng.stream(7, 2), N), N), N);
    const stuck = digitMeasures(ref, await lenet.embed(onlyDigit(3, N), N), N);
    expect(stuck.classes).toBe(0.1);
    expect(stuck.entropy).toBeLessThan(0.1);
    expect(stuck.classShare[3]).toBeGreaterThan(9.8);
    // Threes are real digits: inside the real manifold, but they cover only the threes of it.
    expect(stuck.precision).toBeGreaterThan(0.85);
    expect(stuck.recall).toBeLessThan(0.2);
    expect(stuck.fd).toBeGreaterThan(20 * real.fd);
  });
});
