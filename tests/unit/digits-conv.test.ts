/**
 * The trainable convolutions of src/neural/digits/conv.ts: values and gradients (input and filter)
 * equal tfjs's own tf.conv2d / tf.conv2dTranspose and their tf.grads on cpu, to 1e-4, and the same
 * on wasm (where tfjs has no filter gradient) against the cpu reference.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random/prng';
import { conv2d, conv2dTranspose, customConv2d, customConv2dTranspose, filterGradient, matMul, type Padding } from '../../src/neural/digits/conv';

async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
}

function uniform32(rng: Rng, n: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = scale * (2 * rng.uniform() - 1);
  return out;
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** max |a − b| / (1 + max |b|): absolute for small values, relative for large sums. */
function scaledDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return m / (1 + scale);
}

type Shape4 = [number, number, number, number];

interface Case {
  name: string;
  x: Shape4;
  filter: Shape4;
  strides: number | [number, number];
  pad: Padding;
  /** conv2dTranspose only. */
  out?: Shape4;
}

const CONV_CASES: Case[] = [
  { name: "5×5 'same', 1 → 6 channels (LeNet's first layer)", x: [3, 12, 12, 1], filter: [5, 5, 1, 6], strides: 1, pad: 'same' },
  { name: "5×5 'valid', 6 → 16 channels", x: [2, 10, 10, 6], filter: [5, 5, 6, 16], strides: 1, pad: 'valid' },
  { name: "4×4 'same' stride 2, even size", x: [2, 14, 14, 3], filter: [4, 4, 3, 5], strides: 2, pad: 'same' },
  { name: "3×3 'same' stride 2, odd size", x: [2, 7, 9, 2], filter: [3, 3, 2, 4], strides: 2, pad: 'same' },
  { name: "3×2 'valid' strides [2, 3], rows left over", x: [2, 10, 11, 2], filter: [3, 2, 2, 3], strides: [2, 3], pad: 'valid' },
  { name: 'numeric pad 1, stride 2', x: [1, 8, 8, 2], filter: [3, 3, 2, 2], strides: 2, pad: 1 },
  { name: 'numeric pad 3 > kh − 1, stride 3', x: [2, 7, 8, 1], filter: [3, 3, 1, 2], strides: 3, pad: 3 },
  { name: "1×1 'valid' stride 2 (skips rows)", x: [2, 5, 5, 3], filter: [1, 1, 3, 2], strides: 2, pad: 'valid' },
];

const TRANSPOSE_CASES: Case[] = [
  { name: "4×4 'same' stride 2, 7×7 → 14×14", x: [2, 7, 7, 8], filter: [4, 4, 4, 8], strides: 2, pad: 'same', out: [2, 14, 14, 4] },
  { name: "5×5 'same' stride 2, 14×14 → 28×28, to 1 channel", x: [2, 14, 14, 4], filter: [5, 5, 1, 4], strides: 2, pad: 'same', out: [2, 28, 28, 1] },
  { name: "3×3 'valid' stride 1, 5×5 → 7×7", x: [3, 5, 5, 2], filter: [3, 3, 3, 2], strides: 1, pad: 'valid', out: [3, 7, 7, 3] },
  { name: "3×3 'same' stride 1", x: [2, 6, 6, 3], filter: [3, 3, 2, 3], strides: 1, pad: 'same', out: [2, 6, 6, 2] },
  { name: "3×3 'same' stride 2, 4×4 → 7×7 (odd output)", x: [2, 4, 4, 3], filter: [3, 3, 2, 3], strides: 2, pad: 'same', out: [2, 7, 7, 2] },
  { name: "4×4 'valid' stride 2, 3×3 → 8×8", x: [2, 3, 3, 2], filter: [4, 4, 3, 2], strides: 2, pad: 'valid', out: [2, 8, 8, 3] },
  { name: "5×5 'valid' stride 2, 3×3 → 9×9 (odd filter)", x: [1, 3, 3, 2], filter: [5, 5, 2, 2], strides: 2, pad: 'valid', out: [1, 9, 9, 2] },
  { name: "3×3 'same' strides [1, 2] (unequal)", x: [2, 5, 4, 2], filter: [3, 3, 3, 2], strides: [1, 2], pad: 'same', out: [2, 5, 8, 3] },
];

interface Result {
  y: Float32Array;
  dx: Float32Array;
  dw: Float32Array;
}

type Op = (x: tf.Tensor4D, w: tf.Tensor4D, c: Case) => tf.Tensor4D;

const tfConv: Op = (x, w, c) => tf.conv2d(x, w, c.strides, c.pad);
const myConv: Op = (x, w, c) => customConv2d(x, w, c.strides, c.pad);
const tfTranspose: Op = (x, w, c) => tf.conv2dTranspose(x, w, c.out!, c.strides, c.pad);
const myTranspose: Op = (x, w, c) => customConv2dTranspose(x, w, c.out!, c.strides, c.pad);

/** Value and gradients of L = Σ op(x, W) ⊙ R on the active backend, for data from `seed`. */
function evaluate(op: Op, c: Case, outShape: Shape4, seed: number): Result {
  const rng = Rng.stream(seed, 11);
  const xData = uniform32(rng, size(c.x));
  const wData = uniform32(rng, size(c.filter), 0.5);
  const rData = uniform32(rng, size(outShape));
  return tf.tidy(() => {
    const x = tf.tensor4d(xData, c.x);
    const w = tf.tensor4d(wData, c.filter);
    const r = tf.tensor4d(rData, outShape);
    const y = op(x, w, c);
    expect(y.shape).toEqual(outShape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(op(a as tf.Tensor4D, b as tf.Tensor4D, c), r)))([x, w]);
    return { y: y.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array, dw: dw.dataSync() as Float32Array };
  });
}

function outShapeOfConv(c: Case): Shape4 {
  return tf.tidy(() => tf.conv2d(tf.zeros(c.x) as tf.Tensor4D, tf.zeros(c.filter) as tf.Tensor4D, c.strides, c.pad).shape);
}

describe('customConv2d and customConv2dTranspose against tfjs', () => {
  it.each(CONV_CASES)('conv2d $name: value, ∂x and ∂W on cpu and wasm equal tfjs on cpu', async (c) => {
    await useBackend('cpu');
    const shape = outShapeOfConv(c);
    const reference = evaluate(tfConv, c, shape, 1);
    const mineCpu = evaluate(myConv, c, shape, 1);
    await useBackend('wasm');
    const mineWasm = evaluate(myConv, c, shape, 1);
    for (const mine of [mineCpu, mineWasm]) {
      expect(scaledDiff(mine.y, reference.y)).toBeLessThan(1e-4);
      expect(scaledDiff(mine.dx, reference.dx)).toBeLessThan(1e-4);
      expect(scaledDiff(mine.dw, reference.dw)).toBeLessThan(1e-4);
    }
  });

  it.each(TRANSPOSE_CASES)('conv2dTranspose $name: value, ∂x and ∂W on cpu and wasm equal tfjs on cpu', async (c) => {
    await useBackend('cpu');
    const reference = evaluate(tfTranspose, c, c.out!, 2);
    const mineCpu = evaluate(myTranspose, c, c.out!, 2);
    await useBackend('wasm');
    const mineWasm = evaluate(myTranspose, c, c.out!, 2);
    for (const mine of [mineCpu, mineWasm]) {
      expect(scaledDiff(mine.y, reference.y)).toBeLessThan(1e-4);
      expect(scaledDiff(mine.dx, reference.dx)).toBeLessThan(1e-4);
      expect(scaledDiff(mine.dw, reference.dw)).toBeLessThan(1e-4);
    }
  });

  it('filterGradient rejects a dy of the wrong shape', async () => {
    await useBackend('cpu');
    tf.tidy(() => {
      expect(() => filterGradient(tf.zeros([1, 6, 6, 1]) as tf.Tensor4D, tf.zeros([1, 6, 6, 2]) as tf.Tensor4D, [3, 3, 1, 2], 1, 'valid')).toThrow(
        /dy has shape \[1, 6, 6, 2\], expected \[1, 4, 4, 2\]/,
      );
    });
  });
});

describe('matMul', () => {
  it('has tf.matMul’s value and gradients on wasm (explicit transposes) and cpu', async () => {
    const rng = Rng.stream(5);
    const [a, b, r] = [uniform32(rng, 6 * 5), uniform32(rng, 5 * 4), uniform32(rng, 6 * 4)];
    const run = (op: (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D) =>
      tf.tidy(() => {
        const [x, w, rr] = [tf.tensor2d(a, [6, 5]), tf.tensor2d(b, [5, 4]), tf.tensor2d(r, [6, 4])];
        const [dx, dw] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(op(p as tf.Tensor2D, q as tf.Tensor2D), rr)))([x, w]);
        return [op(x, w).dataSync(), dx.dataSync(), dw.dataSync()];
      });
    await useBackend('cpu');
    const reference = run(tf.matMul);
    for (const backend of ['cpu', 'wasm'] as const) {
      await useBackend(backend);
      const mine = run(matMul);
      for (let k = 0; k < 3; k++) expect(scaledDiff(mine[k], reference[k])).toBeLessThan(1e-5);
    }
  });
});

describe('conv2d and conv2dTranspose in training on wasm', () => {
  it('{ inputGrad: false } gives the same filter gradient, through an intermediate input, and leaks nothing', async () => {
    await useBackend('wasm');
    const rng = Rng.stream(3);
    const x = tf.tensor4d(uniform32(rng, 2 * 8 * 8 * 2), [2, 8, 8, 2]);
    const w1 = tf.tensor4d(uniform32(rng, 3 * 3 * 2 * 4, 0.5), [3, 3, 2, 4]);
    const w2 = tf.tensor4d(uniform32(rng, 3 * 3 * 3 * 4, 0.5), [3, 3, 3, 4]);
    const before = tf.memory().numTensors;
    // Layer 2's input is an intermediate of the forward pass (tf.grads disposes those before the
    // backward pass unless an op saves them).
    const loss = (constInput: boolean) => (a: tf.Tensor, b: tf.Tensor) => {
      const h = tf.relu(conv2d(x, a as tf.Tensor4D, 1, 'same', { inputGrad: false }));
      const t = conv2dTranspose(h, b as tf.Tensor4D, [2, 8, 8, 3], 1, 'same', { inputGrad: !constInput });
      return tf.sum(tf.square(t));
    };
    const [a1, b1] = tf.grads(loss(false))([w1, w2]);
    const b2 = tf.grad((b: tf.Tensor) => loss(true)(w1, b))(w2);
    expect(scaledDiff(b2.dataSync(), b1.dataSync())).toBe(0);
    // A constant input passes no gradient on: layer 1 is then cut off from the loss.
    expect(() => tf.grads(loss(true))([w1, w2])).toThrow(/Cannot compute gradient/);
    expect(tf.memory().numTensors).toBe(before + 3);
    // The reference on cpu.
    const [g1, g2] = [a1.dataSync().slice(), b1.dataSync().slice()];
    tf.dispose([a1, b1, b2]);
    expect(tf.memory().numTensors).toBe(before);
    await useBackend('cpu');
    const [xc, w1c, w2c] = [tf.tensor4d(x.dataSync(), x.shape), tf.tensor4d(w1.dataSync(), w1.shape), tf.tensor4d(w2.dataSync(), w2.shape)];
    const [r1, r2] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.square(tf.conv2dTranspose(tf.relu(tf.conv2d(xc, a as tf.Tensor4D, 1, 'same')), b as tf.Tensor4D, [2, 8, 8, 3], 1, 'same'))),
    )([w1c, w2c]);
    expect(scaledDiff(g1, r1.dataSync())).toBeLessThan(1e-4);
    expect(scaledDiff(g2, r2.dataSync())).toBeLessThan(1e-4);
    tf.dispose([x, w1, w2, xc, w1c, w2c, r1, r2]);
  });

  it('uses tfjs’s own ops where the backend has a filter gradient', async () => {
    await useBackend('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    expect(() =>
      tf.tidy(() => tf.grads((w: tf.Tensor) => tf.sum(tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, w as tf.Tensor4D, 1, 'same')))([tf.ones([3, 3, 1, 1])])),
    ).toThrow(/Conv2DBackpropFilter/);
    await useBackend('cpu');
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')).toBeDefined();
  });
});
