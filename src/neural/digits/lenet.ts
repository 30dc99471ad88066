/**
 * The fixed LeNet-5 classifier of the digit metrics: its penultimate layer is the feature space of
 * the MNIST "FID" (MAD measures its MNIST generators in LeNet features), its predicted classes give
 * the class histogram. Trained once by scripts/train-lenet.ts on MNIST's training split; the
 * weights ship with the page as public/models/lenet.bin (settings and measured accuracy in
 * public/models/lenet.json).
 *
 * Architecture (LeCun et al. 1998, with ReLU and max pooling), NHWC:
 *   input 28×28×1, x' = (x − 0.1307)/0.3081 (MNIST's pixel mean and sd: LENET_INPUT_SHIFT/SCALE)
 *   conv 5×5, 6 filters, 'same', + bias, ReLU       → 28×28×6
 *   max pool 2×2, stride 2                           → 14×14×6
 *   conv 5×5, 16 filters, 'valid', + bias, ReLU      → 10×10×16
 *   max pool 2×2, stride 2                           → 5×5×16, flattened (h, w, c) → 400
 *   dense 400 → 120, ReLU
 *   dense 120 → 84, ReLU                              ← the features (84-d)
 *   dense 84 → 10                                     → logits; class = argmax
 *
 * Weights: one flat float32 vector of LENET_PARAMS = 61,706 numbers, the tensors of LENET_LAYOUT
 * one after the other, each row-major in its tfjs shape (conv filters [kh, kw, in, out], dense
 * weights [in, out]); lenet.bin is that vector, little-endian, with no header.
 */
import * as tf from '@tensorflow/tfjs';
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_ROW, DIGIT_SIDE, type DigitEmbedding, type DigitFeatures } from '../../engine/digits/digits';
import type { Rng } from '../../engine/random/prng';
import { conv2d, matMul } from './conv';

/** The tensors of the flat weight vector, in order. */
export const LENET_LAYOUT = [
  { name: 'conv1.filter', shape: [5, 5, 1, 6] },
  { name: 'conv1.bias', shape: [6] },
  { name: 'conv2.filter', shape: [5, 5, 6, 16] },
  { name: 'conv2.bias', shape: [16] },
  { name: 'dense1.weight', shape: [400, 120] },
  { name: 'dense1.bias', shape: [120] },
  { name: 'dense2.weight', shape: [120, 84] },
  { name: 'dense2.bias', shape: [84] },
  { name: 'dense3.weight', shape: [84, 10] },
  { name: 'dense3.bias', shape: [10] },
] as const;

/** Offset of each tensor of LENET_LAYOUT in the flat vector. */
const OFFSETS: number[] = [];
/** Length of the flat weight vector (61,706). */
export const LENET_PARAMS = LENET_LAYOUT.reduce((offset, { shape }) => {
  OFFSETS.push(offset);
  return offset + shape.reduce((a: number, b: number) => a * b, 1);
}, 0);
/** Dimension of the feature vectors (the penultimate layer). */
export const LENET_FEATURES = 84;
/** Input standardisation: x' = (x − SHIFT) / SCALE. */
export const LENET_INPUT_SHIFT = 0.1307;
export const LENET_INPUT_SCALE = 0.3081;
/** Where the shipped weights live, relative to the page's base URL (public/ in the repository). */
export const LENET_WEIGHTS_PATH = 'models/lenet.bin';
/** Digits per forward pass in `embed`. */
export const LENET_BATCH = 500;

/** The weight tensors of LeNet, by LENET_LAYOUT's order. */
export interface LeNetParams {
  conv1: tf.Tensor4D;
  bias1: tf.Tensor1D;
  conv2: tf.Tensor4D;
  bias2: tf.Tensor1D;
  dense1: tf.Tensor2D;
  bias3: tf.Tensor1D;
  dense2: tf.Tensor2D;
  bias4: tf.Tensor1D;
  dense3: tf.Tensor2D;
  bias5: tf.Tensor1D;
}

/** Slices the tensors out of the flat vector θ (call inside tf.tidy; differentiable in θ). */
export function unpackLenet(theta: tf.Tensor1D): LeNetParams {
  const t = LENET_LAYOUT.map(({ shape }, i) => tf.reshape(tf.slice(theta, OFFSETS[i], shape.reduce((a: number, b: number) => a * b, 1)), [...shape]));
  return {
    conv1: t[0] as tf.Tensor4D,
    bias1: t[1] as tf.Tensor1D,
    conv2: t[2] as tf.Tensor4D,
    bias2: t[3] as tf.Tensor1D,
    dense1: t[4] as tf.Tensor2D,
    bias3: t[5] as tf.Tensor1D,
    dense2: t[6] as tf.Tensor2D,
    bias4: t[7] as tf.Tensor1D,
    dense3: t[8] as tf.Tensor2D,
    bias5: t[9] as tf.Tensor1D,
  };
}

/**
 * Fresh weights: Glorot-uniform, U(−a, a) with a = √(6/(fan_in + fan_out)) (a conv's fans are
 * kh·kw·in and kh·kw·out), from the engine Rng; zero biases.
 */
export function initLenet(rng: Rng): Float32Array {
  const theta = new Float32Array(LENET_PARAMS);
  LENET_LAYOUT.forEach(({ shape }, i) => {
    if (shape.length === 1) return;
    const receptive = shape.length === 4 ? shape[0] * shape[1] : 1;
    const fanIn = receptive * shape[shape.length - 2];
    const fanOut = receptive * shape[shape.length - 1];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const size = shape.reduce((a: number, b: number) => a * b, 1);
    for (let k = 0; k < size; k++) theta[OFFSETS[i] + k] = limit * (2 * rng.uniform() - 1);
  });
  return theta;
}

/**
 * The forward pass (inside tf.tidy) of B digits, pixels [B, 28, 28, 1] in [0, 1]: the 84-d
 * features after ReLU and the 10 logits. Differentiable in the parameters on every backend
 * (conv.ts); the input is treated as data (no gradient flows into it).
 */
export function lenetForward(p: LeNetParams, pixels: tf.Tensor4D): { features: tf.Tensor2D; logits: tf.Tensor2D } {
  const x = tf.div(tf.sub(pixels, LENET_INPUT_SHIFT), LENET_INPUT_SCALE) as tf.Tensor4D;
  const c1 = tf.relu(tf.add(conv2d(x, p.conv1, 1, 'same', { inputGrad: false }), p.bias1)) as tf.Tensor4D;
  const p1 = tf.maxPool(c1, 2, 2, 'valid');
  const c2 = tf.relu(tf.add(conv2d(p1, p.conv2, 1, 'valid'), p.bias2)) as tf.Tensor4D;
  const p2 = tf.maxPool(c2, 2, 2, 'valid');
  const flat = tf.reshape(p2, [pixels.shape[0], 400]) as tf.Tensor2D;
  const h1 = tf.relu(tf.add(matMul(flat, p.dense1), p.bias3)) as tf.Tensor2D;
  const features = tf.relu(tf.add(matMul(h1, p.dense2), p.bias4)) as tf.Tensor2D;
  const logits = tf.add(matMul(features, p.dense3), p.bias5) as tf.Tensor2D;
  return { features, logits };
}

/**
 * The same forward pass for inference only, with fused kernels (conv + bias + ReLU, matMul + bias
 * + ReLU: one kernel each on wasm): the same numbers up to float rounding, not differentiable.
 */
function lenetInfer(p: LeNetParams, pixels: tf.Tensor4D): { features: tf.Tensor2D; logits: tf.Tensor2D } {
  const x = tf.div(tf.sub(pixels, LENET_INPUT_SHIFT), LENET_INPUT_SCALE) as tf.Tensor4D;
  const c1 = tf.fused.conv2d({ x, filter: p.conv1, strides: 1, pad: 'same', bias: p.bias1, activation: 'relu' });
  const p1 = tf.maxPool(c1, 2, 2, 'valid');
  const c2 = tf.fused.conv2d({ x: p1, filter: p.conv2, strides: 1, pad: 'valid', bias: p.bias2, activation: 'relu' });
  const flat = tf.reshape(tf.maxPool(c2, 2, 2, 'valid'), [pixels.shape[0], 400]);
  const h1 = tf.fused.matMul({ a: flat, b: p.dense1, bias: p.bias3, activation: 'relu' }) as tf.Tensor2D;
  const features = tf.fused.matMul({ a: h1, b: p.dense2, bias: p.bias4, activation: 'relu' }) as tf.Tensor2D;
  const logits = tf.fused.matMul({ a: features, b: p.dense3, bias: p.bias5 }) as tf.Tensor2D;
  return { features, logits };
}

/** Checks a weight file's size and returns its LENET_PARAMS float32 numbers (little-endian). */
export function lenetWeights(bytes: ArrayBuffer | Uint8Array, source = 'LeNet weights'): Float32Array {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (view.byteLength !== 4 * LENET_PARAMS)
    throw new Error(`${source}: ${view.byteLength} bytes, expected ${4 * LENET_PARAMS} (${LENET_PARAMS} float32 numbers)`);
  const out = new Float32Array(LENET_PARAMS);
  const data = new DataView(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < LENET_PARAMS; i++) out[i] = data.getFloat32(4 * i, true);
  for (let i = 0; i < LENET_PARAMS; i++) if (!Number.isFinite(out[i])) throw new Error(`${source}: weight ${i} is ${out[i]}`);
  return out;
}

/**
 * The fixed classifier with its weights on the active tfjs backend. `dispose()` frees them. It
 * keeps its weights on the JavaScript heap too: when the worker moves to another backend (the
 * one in use failed), the next call loads them there, so a run resumes with the same classifier.
 */
export class LeNet implements DigitFeatures {
  readonly dim = LENET_FEATURES;
  private tensors: { backend: string; params: LeNetParams } | null = null;
  private disposed = false;

  /** From the flat weight vector (LENET_PARAMS numbers, LENET_LAYOUT's order). */
  constructor(private readonly weights: Float32Array) {
    if (weights.length !== LENET_PARAMS) throw new Error(`LeNet: ${weights.length} weights, expected ${LENET_PARAMS}`);
    this.tensors = { backend: tf.getBackend(), params: LeNet.upload(weights) };
  }

  private static upload(weights: Float32Array): LeNetParams {
    const theta = tf.tensor1d(weights);
    try {
      return tf.tidy(() => unpackLenet(theta) as unknown as tf.TensorContainer) as unknown as LeNetParams;
    } finally {
      theta.dispose();
    }
  }

  /** The weights on the backend in use, uploaded again after a backend switch. */
  private get params(): LeNetParams {
    const backend = tf.getBackend();
    if (this.tensors?.backend !== backend) {
      try {
        if (this.tensors) tf.dispose(Object.values(this.tensors.params));
      } catch {
        // Their memory went with the failed backend.
      }
      this.tensors = { backend, params: LeNet.upload(this.weights) };
    }
    return this.tensors.params;
  }

  /** From the bytes of lenet.bin. */
  static fromBytes(bytes: ArrayBuffer | Uint8Array, source?: string): LeNet {
    return new LeNet(lenetWeights(bytes, source));
  }

  /** Fetches lenet.bin from a URL (browser, worker); `fetchFn` replaces the global fetch (tests). */
  static async fromUrl(url: string, fetchFn: typeof fetch = (input, init) => fetch(input, init)): Promise<LeNet> {
    let response: Response;
    try {
      response = await fetchFn(url);
    } catch (error) {
      throw new Error(`LeNet weights: cannot fetch ${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!response.ok) throw new Error(`LeNet weights: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} for ${url}`);
    return LeNet.fromBytes(await response.arrayBuffer(), `LeNet weights (${url})`);
  }

  private check(): void {
    if (this.disposed) throw new Error('LeNet: used after dispose()');
  }

  /**
   * Features, classes and class log-probabilities of n digit rows (n×DIGIT_ROW: 784 pixels in
   * [0, 1], then a label column, ignored), in batches of LENET_BATCH. Features are the 84 ReLU
   * outputs of the penultimate layer; the log-probabilities are the log-softmax of the logits.
   */
  async embed(rows: Float64Array, n: number): Promise<DigitEmbedding> {
    this.check();
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`LeNet.embed: n must be a non-negative integer, got ${n}`);
    if (rows.length !== n * DIGIT_ROW) throw new RangeError(`LeNet.embed: expected ${n}×${DIGIT_ROW} numbers, got ${rows.length}`);
    const features = new Float64Array(n * LENET_FEATURES);
    const classes = new Uint8Array(n);
    const logProbabilities = new Float64Array(n * DIGIT_CLASSES);
    for (let start = 0; start < n; start += LENET_BATCH) {
      const b = Math.min(LENET_BATCH, n - start);
      const pixels = new Float32Array(b * DIGIT_PIXELS);
      for (let i = 0; i < b; i++) {
        const o = (start + i) * DIGIT_ROW;
        for (let p = 0; p < DIGIT_PIXELS; p++) pixels[i * DIGIT_PIXELS + p] = rows[o + p];
      }
      const [f, c, l] = tf.tidy(() => {
        const out = lenetInfer(this.params, tf.tensor4d(pixels, [b, DIGIT_SIDE, DIGIT_SIDE, 1]));
        return [out.features, tf.argMax(out.logits, 1), tf.logSoftmax(out.logits)];
      });
      try {
        const [fd, cd, ld] = await Promise.all([f.data(), c.data(), l.data()]);
        features.set(fd, start * LENET_FEATURES);
        classes.set(cd, start);
        logProbabilities.set(ld, start * DIGIT_CLASSES);
      } finally {
        f.dispose();
        c.dispose();
        l.dispose();
      }
    }
    return { features, dim: LENET_FEATURES, classes, logProbabilities };
  }

  /** Predicted classes of n images given as uint8 pixels (n×784, e.g. a DigitSplit's images). */
  async classifyBytes(images: Uint8Array, n: number): Promise<Uint8Array> {
    this.check();
    if (images.length !== n * DIGIT_PIXELS) throw new RangeError(`LeNet.classifyBytes: expected ${n}×${DIGIT_PIXELS} bytes, got ${images.length}`);
    const classes = new Uint8Array(n);
    for (let start = 0; start < n; start += LENET_BATCH) {
      const b = Math.min(LENET_BATCH, n - start);
      const pixels = new Float32Array(b * DIGIT_PIXELS);
      for (let k = 0; k < b * DIGIT_PIXELS; k++) pixels[k] = images[start * DIGIT_PIXELS + k] / 255;
      const c = tf.tidy(() => tf.argMax(lenetInfer(this.params, tf.tensor4d(pixels, [b, DIGIT_SIDE, DIGIT_SIDE, 1])).logits, 1));
      try {
        classes.set(await c.data(), start);
      } finally {
        c.dispose();
      }
    }
    return classes;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.tensors) tf.dispose(Object.values(this.tensors.params));
    this.tensors = null;
  }
}

/** The shipped LeNet, fetched from `${baseUrl}models/lenet.bin` (baseUrl ends with '/'). */
export async function fetchLenet(baseUrl: string, fetchFn?: typeof fetch): Promise<LeNet> {
  return await LeNet.fromUrl(new URL(LENET_WEIGHTS_PATH, baseUrl).href, fetchFn);
}
