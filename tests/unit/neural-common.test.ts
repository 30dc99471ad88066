import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random/prng';
import {
  abortError,
  checkOptions,
  denormalise,
  fitNormaliser,
  fitStreams,
  FlatAdam,
  Mlp,
  normalise,
  runSteps,
  summariseSample,
} from '../../src/neural/common';

async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
}

function uniform32(rng: Rng, n: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = scale * (2 * rng.uniform() - 1);
  return out;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

describe.each(['cpu', 'wasm'] as const)('Mlp on %s', (backend) => {
  it.each(['relu', 'leakyrelu'] as const)('hand-written backward (%s) equals tf.grads for θ and x', async (activation) => {
    await useBackend(backend);
    const rng = Rng.stream(1, 7);
    const mlp = new Mlp([3, 8, 5, 2], activation, 0.2);
    const B = 16;
    const theta = tf.tensor1d(mlp.init(rng));
    const x = tf.tensor2d(uniform32(rng, B * 3, 2), [B, 3]);
    // L = Σ out ⊙ R, so ∂L/∂out = R.
    const r = tf.tensor2d(uniform32(rng, B * 2), [B, 2]);
    const [gTheta, gX] = tf.tidy(() => {
      const loss = (t: tf.Tensor, u: tf.Tensor) => tf.sum(tf.mul(mlp.apply(t as tf.Tensor1D, u as tf.Tensor2D), r));
      return tf.grads(loss)([theta, x]);
    });
    const mine = tf.tidy(() => {
      const trace = mlp.forward(theta, x);
      const g = mlp.backward(trace, r, { paramGrads: true, inputGrad: true });
      return [g.dTheta as tf.Tensor, g.dx as tf.Tensor];
    });
    const [a, b, c, d] = await Promise.all([gTheta.data(), mine[0].data(), gX.data(), mine[1].data()]);
    expect(maxAbs(a)).toBeGreaterThan(0.1);
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-5 * (1 + maxAbs(a)));
    expect(maxAbsDiff(c, d)).toBeLessThan(1e-5 * (1 + maxAbs(c)));
    tf.dispose([theta, x, r, gTheta, gX, ...mine]);
  });

  it('Glorot-uniform initialisation: weights within ±√(6/(fan_in+fan_out)), zero biases, seeded', async () => {
    await useBackend(backend);
    const mlp = new Mlp([2, 16, 1]);
    const a = mlp.init(Rng.stream(3));
    expect(a).toEqual(mlp.init(Rng.stream(3)));
    expect(a).not.toEqual(mlp.init(Rng.stream(4)));
    expect(mlp.size).toBe(2 * 16 + 16 + 16 + 1);
    const l1 = Math.sqrt(6 / 18);
    for (let k = 0; k < 32; k++) expect(Math.abs(a[k])).toBeLessThanOrEqual(l1);
    expect(Array.from(a.subarray(32, 48))).toEqual(new Array(16).fill(0));
    expect(a[a.length - 1]).toBe(0);
  });
});

describe.each(['cpu', 'wasm'] as const)('FlatAdam on %s', (backend) => {
  it('matches tf.train.adam over 20 steps', async () => {
    await useBackend(backend);
    const rng = Rng.stream(2);
    const size = 50;
    const start = uniform32(rng, size);
    const grads = Array.from({ length: 20 }, () => uniform32(rng, size, 3));
    const reference = tf.variable(tf.tensor1d(start));
    const optimizer = tf.train.adam(0.01, 0.5, 0.999, 1e-8);
    const adam = new FlatAdam(size, 0.01, 0.5, 0.999, 1e-8);
    let theta = tf.tensor1d(start);
    for (const g of grads) {
      const gt = tf.tensor1d(g);
      optimizer.applyGradients([{ name: reference.name, tensor: gt }]);
      const next = adam.step(theta, gt);
      theta.dispose();
      theta = next;
      gt.dispose();
    }
    const [a, b] = await Promise.all([reference.data(), theta.data()]);
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-5);
    // Each Adam step moves a weight by at most ≈ lr.
    expect(maxAbsDiff(a, start)).toBeGreaterThan(0.05);
    adam.dispose();
    optimizer.dispose();
    tf.dispose([reference, theta]);
  });
});

describe('runSteps', () => {
  it('reports progress every k steps and after the last one', async () => {
    const calls: number[] = [];
    let ran = 0;
    await runSteps(25, 10, { onProgress: (s, total) => (expect(total).toBe(25), calls.push(s)) }, () => ran++);
    expect(ran).toBe(25);
    expect(calls).toEqual([10, 20, 25]);
  });

  it('a pre-aborted signal rejects with an AbortError before any step', async () => {
    const controller = new AbortController();
    controller.abort();
    let ran = 0;
    const error = await runSteps(5, 1, { signal: controller.signal }, () => ran++).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(ran).toBe(0);
  });

  it('an abort stops the loop before the next step', async () => {
    const controller = new AbortController();
    let ran = 0;
    const run = runSteps(100, 1, { signal: controller.signal, onProgress: (s) => s === 7 && controller.abort() }, () => ran++);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(ran).toBe(7);
  });

  it('yields to the event loop during long training, so an abort sent from outside arrives', async () => {
    const controller = new AbortController();
    let ran = 0;
    // Each step busy-waits 1 ms; the loop must yield at least every ~10 ms for the timer to fire.
    const busy = () => {
      const end = performance.now() + 1;
      while (performance.now() < end);
      ran++;
    };
    setTimeout(() => controller.abort(), 30);
    const start = performance.now();
    await expect(runSteps(100000, 50, { signal: controller.signal }, busy)).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - start).toBeLessThan(2000);
    expect(ran).toBeGreaterThan(5);
    expect(ran).toBeLessThan(2000);
  });

  it('waits for the backend (flush) before every yield and after the last step', async () => {
    let ran = 0;
    const flushedAt: number[] = [];
    const busy = () => {
      const end = performance.now() + 1;
      while (performance.now() < end);
      ran++;
    };
    await runSteps(40, 100, undefined, busy, async () => void flushedAt.push(ran));
    // About one flush per 10 ms of steps, and one after the 40th.
    expect(flushedAt.length).toBeGreaterThanOrEqual(2);
    expect(flushedAt[flushedAt.length - 1]).toBe(40);
  });

  it('abortError is a DOMException named AbortError', () => {
    const e = abortError();
    expect(e).toBeInstanceOf(DOMException);
    expect(e.name).toBe('AbortError');
  });
});

describe('fit helpers', () => {
  it('fitStreams advances the caller’s Rng by exactly one 32-bit draw', () => {
    const a = Rng.stream(5);
    const b = Rng.stream(5);
    fitStreams(a);
    b.nextUint32();
    expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('normalisation standardises each coordinate and round-trips; a collapsed set stays finite', () => {
    const rng = Rng.stream(9);
    const n = 200;
    const x = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      x[2 * i] = 5 + 3 * rng.normal();
      x[2 * i + 1] = -2 + 0.01 * rng.normal();
    }
    const norm = fitNormaliser(x, n, 2);
    const z = normalise(x, n, 2, norm);
    for (let a = 0; a < 2; a++) {
      let m = 0;
      let v = 0;
      for (let i = 0; i < n; i++) m += z[2 * i + a] / n;
      for (let i = 0; i < n; i++) v += (z[2 * i + a] - m) ** 2 / n;
      expect(Math.abs(m)).toBeLessThan(1e-6);
      expect(Math.abs(v - 1)).toBeLessThan(1e-5);
    }
    expect(maxAbsDiff(denormalise(z, n, 2, norm), x)).toBeLessThan(1e-5);
    const point = new Float64Array(20).fill(3);
    const collapsed = fitNormaliser(point, 10, 2);
    expect(Array.from(normalise(point, 10, 2, collapsed))).toEqual(new Array(20).fill(0));
    expect(denormalise(new Float32Array(20), 10, 2, collapsed)).toEqual(point);
  });

  it('summariseSample: MLE moments of the sample, and a KDE density that peaks at the data', () => {
    const rng = Rng.stream(11);
    const n = 3000;
    const x = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      x[2 * i] = 1 + rng.normal();
      x[2 * i + 1] = x[2 * i] + 0.5 * rng.normal();
    }
    const s = summariseSample(x, n, 2);
    let m0 = 0;
    let m1 = 0;
    for (let i = 0; i < n; i++) {
      m0 += x[2 * i] / n;
      m1 += x[2 * i + 1] / n;
    }
    let c01 = 0;
    for (let i = 0; i < n; i++) c01 += ((x[2 * i] - m0) * (x[2 * i + 1] - m1)) / n;
    expect(s.mean[0]).toBeCloseTo(m0, 12);
    expect(s.mean[1]).toBeCloseTo(m1, 12);
    expect(s.cov[1]).toBeCloseTo(c01, 12);
    expect(s.cov[2]).toBe(s.cov[1]);
    const [atMean, far] = s.logDensity(new Float64Array([1, 1, 6, -6]), 2);
    expect(atMean).toBeGreaterThan(far + 10);
    expect(Number.isFinite(atMean)).toBe(true);
  });

  it('checkOptions names the offending option', () => {
    const ranges = { hidden: { min: 4, max: 256, integer: true } };
    expect(() => checkOptions('x', { hidden: 3 }, ranges)).toThrow(/hidden/);
    expect(() => checkOptions('x', { hidden: 8.5 }, ranges)).toThrow(RangeError);
    expect(() => checkOptions('x', { hidden: 8 }, ranges)).not.toThrow();
  });
});
