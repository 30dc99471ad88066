/**
 * Shared machinery of the neural learners (GAN, DDPM): a multilayer perceptron with hand-written
 * backpropagation, a flat Adam optimiser, seeded initialisation, data normalisation, the training
 * loop's cancel/progress/yield logic, and the sample-based moments and density of a fitted model.
 *
 * Why backpropagation by hand rather than tf.grads: (1) the wasm backend runs a matMul with a
 * transposed operand on a naive loop 7–40× slower than the XNNPACK path (measured, 128×64×64:
 * ~500 µs against ~70 µs), and tfjs's matMul gradient uses exactly those transposed products;
 * on wasm we transpose explicitly instead. (2) A GAN's generator step needs only ∂L/∂x through the
 * discriminator, not its weight gradients, which autodiff would compute anyway. Together with one
 * flat parameter vector per network (one Adam update of ~12 ops instead of ~17 ops per weight
 * tensor) this makes the default GAN's training step ~4× faster on wasm than the same GAN written
 * with tf.variableGrads and tf.train.adam (bench/neural.bench.ts: ~590 against ~140 steps/s).
 * The maths is the standard one and is checked against tf.grads and tf.train.adam in
 * tests/unit/neural-common.test.ts.
 *
 * Randomness: every random number comes from the engine's seeded Rng (weights, minibatches,
 * latents, noise); no tfjs random op is used, so one seed on one backend gives bit-identical
 * results (the cpu and wasm kernels used here are deterministic).
 */
import * as tf from '@tensorflow/tfjs';
import { kdeLearner } from '../engine/learners/kde';
import type { FitOptions } from '../engine/learners/model';
import { Rng } from '../engine/random/prng';
import { type SpecKey, specFields } from '../spec/schema';

// ---------------------------------------------------------------------------------------------
// Options shared by the neural learners

/** Allowed range of one numeric option. */
export interface OptionRange {
  min: number;
  max: number;
  /** Whether the value must be an integer. */
  integer: boolean;
}

/** The spec fields that hold numbers: the neural learners' options are named after them. */
export type NumericSpecKey = { [K in SpecKey]: (typeof specFields)[K] extends { kind: 'int' | 'number' } ? K : never }[SpecKey];

/** Ranges of options named after spec fields: the schema is the one source of them. */
export function specRanges(keys: readonly NumericSpecKey[]): Record<string, OptionRange> {
  return Object.fromEntries(
    keys.map((key) => {
      const field = specFields[key];
      return [key, { min: field.min, max: field.max, integer: field.kind === 'int' }];
    }),
  );
}

/** The schema's defaults of those options. */
export function specDefaults<K extends NumericSpecKey>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, specFields[key].default])) as Record<K, number>;
}

/** Checks every option against its range; throws a RangeError naming the option. */
export function checkOptions<T extends Record<string, unknown>>(
  name: string,
  options: T,
  ranges: Record<string, OptionRange>,
): void {
  for (const [key, range] of Object.entries(ranges)) {
    const v = options[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < range.min || v > range.max || (range.integer && !Number.isInteger(v)))
      throw new RangeError(
        `${name}: ${key} must be ${range.integer ? 'an integer' : 'a number'} in [${range.min}, ${range.max}], got ${String(v)}`,
      );
  }
}

/** What both networks of 2-D points (GAN, DDPM) take besides their own sizes. */
export interface PointNetworkOptions {
  /** Units per hidden layer (capacity). */
  hidden: number;
  /** Hidden layers. */
  layers: number;
  /** Training steps (minibatch updates) per generation. */
  steps: number;
  /** Adam learning rate. */
  learningRate: number;
  /** Minibatch size B. */
  batchSize: number;
  /** Continue from G^{t−1} instead of training from scratch. */
  warmStart: boolean;
  /** onProgress is called every this many steps (not a spec field). */
  progressEvery: number;
  /** Size of the fit-time sample behind mean/cov (not a spec field; tests lower it). */
  summarySamples: number;
  /**
   * Whether fitBatch trains its replicates as one computation (batched-mlp.ts): 'auto' does so
   * where that pays (see batchPays), 'on' always, 'off' never (not a spec field).
   */
  batchReplicates: 'auto' | 'on' | 'off';
}

/** The shared options that are spec fields (same names, ranges and defaults). */
const POINT_NETWORK_FIELDS = ['hidden', 'layers', 'steps', 'learningRate', 'batchSize'] as const;

/** Defaults and ranges of a network of points whose own spec-field options are `own`. */
export function pointNetworkSettings<K extends NumericSpecKey>(
  own: readonly K[],
): { defaults: PointNetworkOptions & Record<K, number>; ranges: Record<string, OptionRange> } {
  const fields = [...POINT_NETWORK_FIELDS, ...own];
  const numbers = specDefaults(fields) as Record<(typeof POINT_NETWORK_FIELDS)[number] | K, number>;
  return { defaults: { ...numbers, warmStart: false, progressEvery: 10, summarySamples: SUMMARY_SAMPLES, batchReplicates: 'auto' }, ranges: specRanges(fields) };
}

/** The options given over the defaults, checked (RangeError naming the learner and the option). */
export function pointNetworkOptions<T extends PointNetworkOptions>(name: string, defaults: T, ranges: Record<string, OptionRange>, given: Partial<T>): T {
  const o: T = { ...defaults, ...given };
  checkOptions(name, o as unknown as Record<string, unknown>, ranges);
  if (!(Number.isInteger(o.progressEvery) && o.progressEvery >= 1)) throw new RangeError(`${name}: progressEvery must be a positive integer`);
  if (!(Number.isInteger(o.summarySamples) && o.summarySamples >= 16)) throw new RangeError(`${name}: summarySamples must be an integer ≥ 16`);
  if (!['auto', 'on', 'off'].includes(o.batchReplicates)) throw new RangeError(`${name}: batchReplicates must be 'auto', 'on' or 'off'`);
  return o;
}

// ---------------------------------------------------------------------------------------------
// Cancellation, progress and yielding

/** The rejection of an aborted fit: a DOMException named 'AbortError'. */
export function abortError(): DOMException {
  return new DOMException('The fit was aborted.', 'AbortError');
}

/** Yields one macrotask so that messages (cancel, pause) reach a worker during training. */
export const yieldToEventLoop: () => Promise<void> = (() => {
  if (typeof setImmediate === 'function') return () => new Promise<void>((resolve) => setImmediate(resolve));
  // Browsers and workers: a MessageChannel task is not clamped as nested setTimeout(0) is (4 ms).
  const queue: (() => void)[] = [];
  let channel: MessageChannel | null = null;
  return () =>
    new Promise<void>((resolve) => {
      if (channel === null) {
        channel = new MessageChannel();
        channel.port1.onmessage = () => queue.shift()?.();
      }
      queue.push(resolve);
      channel.port2.postMessage(null);
    });
})();

/** Longest stretch of training between two yields to the event loop. */
export const YIELD_EVERY_MS = 10;

/**
 * Runs `steps` training steps. The signal is checked before every step, so an abort delivered
 * while the loop is yielded stops it before the next step; `onProgress(done, steps)` is called
 * every `progressEvery` steps and after the last one; the loop yields to the event loop at least
 * every YIELD_EVERY_MS, and first awaits `flush`.
 *
 * `flush` waits for the work the steps queued on the backend: WebGPU and WebGL record commands
 * and return before the GPU has run them, so without it the loop would race ahead of the GPU:
 * progress and speed would count submitted steps, and an abort would leave a backlog running.
 * (On wasm and cpu every op has finished when it returns, and flushing costs one tiny read.)
 */
export async function runSteps(
  steps: number,
  progressEvery: number,
  options: FitOptions | undefined,
  step: (index: number) => void,
  flush?: () => Promise<void>,
): Promise<void> {
  const signal = options?.signal;
  let lastYield = performance.now();
  for (let i = 0; i < steps; i++) {
    if (signal?.aborted) throw abortError();
    step(i);
    const done = i + 1;
    const due = performance.now() - lastYield >= YIELD_EVERY_MS;
    if (due || done === steps) await flush?.();
    if (options?.onProgress && (done % progressEvery === 0 || done === steps)) options.onProgress(done, steps);
    if (due) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  if (signal?.aborted) throw abortError();
}

/** Waits until the backend has computed `theta` (and so every step before it): see runSteps. */
export async function settled(theta: tf.Tensor): Promise<void> {
  const first = tf.slice(theta, new Array<number>(theta.rank).fill(0), new Array<number>(theta.rank).fill(1));
  try {
    await first.data();
  } finally {
    first.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Seeded streams

/**
 * The independent streams of one fit, derived from a single 32-bit draw of the engine's Rng (so
 * a fit advances the caller's stream by exactly one nextUint32): initialisation, minibatches and
 * noise, and the fit-time sample behind `mean`, `cov` and `logDensity`.
 */
export function fitStreams(rng: Rng): { init: Rng; batches: Rng; summary: Rng } {
  const key = rng.nextUint32();
  return { init: Rng.stream(key, 1), batches: Rng.stream(key, 2), summary: Rng.stream(key, 3) };
}

/** n standard normals × scale, as float32 (for latents and noise). */
export function normals32(rng: Rng, count: number, scale = 1): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = scale * rng.normal();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/**
 * Per-coordinate standardisation of the training data: networks are trained on (x − shift)/scale
 * and samples are mapped back. scale is the MLE standard deviation, floored at
 * 1e−12·(1 + |shift|) so a data set collapsed onto one point stays finite.
 */
export interface Normaliser {
  readonly shift: Float64Array;
  readonly scale: Float64Array;
}

export function fitNormaliser(data: Float64Array, n: number, d: number): Normaliser {
  const shift = new Float64Array(d);
  const scale = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) shift[a] += data[i * d + a];
  for (let a = 0; a < d; a++) shift[a] /= n;
  for (let i = 0; i < n; i++)
    for (let a = 0; a < d; a++) {
      const u = data[i * d + a] - shift[a];
      scale[a] += u * u;
    }
  for (let a = 0; a < d; a++) scale[a] = Math.max(Math.sqrt(scale[a] / n), 1e-12 * (1 + Math.abs(shift[a])));
  return { shift, scale };
}

export function normalise(data: Float64Array, n: number, d: number, norm: Normaliser): Float32Array {
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) out[i * d + a] = (data[i * d + a] - norm.shift[a]) / norm.scale[a];
  return out;
}

export function denormalise(values: ArrayLike<number>, n: number, d: number, norm: Normaliser): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) out[i * d + a] = values[i * d + a] * norm.scale[a] + norm.shift[a];
  return out;
}

/** B rows drawn uniformly with replacement from the n×d rows of `data`, indices from `rng`. */
export function minibatch(data: Float32Array, n: number, d: number, batch: number, rng: Rng, out?: Float32Array): Float32Array {
  const rows = out ?? new Float32Array(batch * d);
  for (let i = 0; i < batch; i++) {
    const j = rng.int(n);
    for (let a = 0; a < d; a++) rows[i * d + a] = data[j * d + a];
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Multilayer perceptron on one flat parameter vector

export type Activation = 'relu' | 'leakyrelu';

/**
 * Fully connected network sizes[0] → … → sizes[L], hidden activation `activation`, linear
 * output. Parameters live in one flat vector θ, layer by layer: W_i (sizes[i]×sizes[i+1],
 * row-major) then b_i. Initialisation: Glorot-uniform weights, U(−a, a) with
 * a = √(6/(fan_in + fan_out)), drawn from the engine Rng; zero biases.
 */
export class Mlp {
  readonly size: number;
  private readonly offsets: number[] = [];
  /** Slope of the activation for negative inputs: 0 for ReLU. */
  readonly alpha: number;

  constructor(
    readonly sizes: readonly number[],
    readonly activation: Activation = 'relu',
    leak = 0.2,
  ) {
    let offset = 0;
    for (let i = 0; i + 1 < sizes.length; i++) {
      this.offsets.push(offset);
      offset += sizes[i] * sizes[i + 1] + sizes[i + 1];
    }
    this.size = offset;
    this.alpha = activation === 'relu' ? 0 : leak;
  }

  get layers(): number {
    return this.sizes.length - 1;
  }

  /** Same architecture (so parameters can be copied from one to the other). */
  sameShape(other: Mlp): boolean {
    return this.activation === other.activation && this.alpha === other.alpha && this.sizes.length === other.sizes.length && this.sizes.every((s, i) => s === other.sizes[i]);
  }

  init(rng: Rng): Float32Array {
    const theta = new Float32Array(this.size);
    for (let i = 0; i < this.layers; i++) {
      const fanIn = this.sizes[i];
      const fanOut = this.sizes[i + 1];
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const o = this.offsets[i];
      for (let k = 0; k < fanIn * fanOut; k++) theta[o + k] = limit * (2 * rng.uniform() - 1);
    }
    return theta;
  }

  /** Weight and bias tensors sliced from θ (call inside tf.tidy). */
  unpack(theta: tf.Tensor1D): { w: tf.Tensor2D[]; b: tf.Tensor1D[] } {
    const w: tf.Tensor2D[] = [];
    const b: tf.Tensor1D[] = [];
    for (let i = 0; i < this.layers; i++) {
      const fanIn = this.sizes[i];
      const fanOut = this.sizes[i + 1];
      const o = this.offsets[i];
      w.push(tf.reshape(tf.slice(theta, o, fanIn * fanOut), [fanIn, fanOut]));
      b.push(tf.slice(theta, o + fanIn * fanOut, fanOut));
    }
    return { w, b };
  }

  /**
   * Forward pass (inside tf.tidy). Returns the output and what backward needs: the input of every
   * layer (h[0] = x) and the unpacked parameters.
   */
  forward(theta: tf.Tensor1D, x: tf.Tensor2D): MlpTrace {
    const params = this.unpack(theta);
    const h: tf.Tensor2D[] = [x];
    let y = x;
    for (let i = 0; i < this.layers; i++) {
      const hidden = i + 1 < this.layers;
      y = tf.fused.matMul({
        a: y,
        b: params.w[i],
        bias: params.b[i],
        activation: hidden ? this.activation : 'linear',
        leakyreluAlpha: this.alpha,
      }) as tf.Tensor2D;
      if (hidden) h.push(y);
    }
    return { out: y, h, params };
  }

  /** Output only, for sampling (inside tf.tidy). */
  apply(theta: tf.Tensor1D, x: tf.Tensor2D): tf.Tensor2D {
    return this.forward(theta, x).out;
  }

  /**
   * Backpropagates ∂L/∂out through a trace (inside tf.tidy). Returns ∂L/∂θ (flat, θ's layout)
   * when `paramGrads`, and ∂L/∂x when `inputGrad`.
   */
  backward(trace: MlpTrace, dOut: tf.Tensor2D, want: { paramGrads: boolean; inputGrad: boolean }): { dTheta?: tf.Tensor1D; dx?: tf.Tensor2D } {
    // wasm runs transposed matMuls on a slow path; other backends transpose inside the kernel.
    const explicitTranspose = tf.getBackend() === 'wasm';
    const parts: tf.Tensor1D[] = [];
    let g = dOut;
    for (let i = this.layers - 1; i >= 0; i--) {
      const input = trace.h[i];
      if (want.paramGrads) {
        const dw = explicitTranspose ? tf.matMul(tf.transpose(input), g) : tf.matMul(input, g, true, false);
        parts.push(tf.sum(g, 0), tf.reshape(dw, [-1]));
      }
      if (i > 0 || want.inputGrad) {
        const w = trace.params.w[i];
        g = explicitTranspose ? tf.matMul(g, tf.transpose(w)) : tf.matMul(g, w, false, true);
        // Derivative of the activation that produced layer i's input: 1 where it is positive, α elsewhere.
        if (i > 0) g = tf.mul(g, tf.step(input, this.alpha)) as tf.Tensor2D;
      }
    }
    const result: { dTheta?: tf.Tensor1D; dx?: tf.Tensor2D } = {};
    if (want.paramGrads) result.dTheta = tf.concat(parts.reverse());
    if (want.inputGrad) result.dx = g;
    return result;
  }
}

export interface MlpTrace {
  out: tf.Tensor2D;
  /** Input of each layer: h[0] = x, h[i] = activation output of hidden layer i. */
  h: tf.Tensor2D[];
  params: { w: tf.Tensor2D[]; b: tf.Tensor1D[] };
}

// ---------------------------------------------------------------------------------------------
// Adam on a flat parameter vector

/**
 * Adam (Kingma & Ba 2015) with PyTorch's update rule, θ ← θ − lr·m̂/(√v̂ + ε), evaluated as
 * θ − lr_t·m/(√v + ε_t) with lr_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ) and ε_t = ε·√(1−β₂ᵗ) (the same value
 * in exact arithmetic, fewer ops). The moments start at zero; `dispose` frees them.
 */
export class FlatAdam<T extends tf.Tensor = tf.Tensor1D> {
  private m: T;
  private v: T;
  private t = 0;

  /** `size`: θ's length, or its shape (R×P for the replicate networks of batched-mlp.ts). */
  constructor(
    size: number | number[],
    private readonly lr: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {
    this.m = tf.zeros(typeof size === 'number' ? [size] : size) as T;
    this.v = tf.zeros(typeof size === 'number' ? [size] : size) as T;
  }

  /** Returns the updated θ (a new tensor, kept); the caller disposes the old one. Call outside tidy. */
  step(theta: T, grad: T): T {
    this.t += 1;
    const { beta1, beta2 } = this;
    const c2 = Math.sqrt(1 - Math.pow(beta2, this.t));
    const lrT = (this.lr * c2) / (1 - Math.pow(beta1, this.t));
    const epsT = this.eps * c2;
    const [next, m, v] = tf.tidy(() => {
      const m = tf.add(tf.mul(this.m, beta1), tf.mul(grad, 1 - beta1));
      const v = tf.add(tf.mul(this.v, beta2), tf.mul(tf.square(grad), 1 - beta2));
      const next = tf.sub(theta, tf.mul(tf.div(m, tf.add(tf.sqrt(v), epsT)), lrT));
      return [next, m, v] as T[];
    });
    this.m.dispose();
    this.v.dispose();
    this.m = m;
    this.v = v;
    return next;
  }

  dispose(): void {
    this.m.dispose();
    this.v.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// What a fitted neural model reports besides its samples

/** Size of the fit-time sample behind `mean` and `cov`. */
export const SUMMARY_SAMPLES = 4096;
/** Points of that sample in the kernel density estimate behind `logDensity`. */
export const DENSITY_POINTS = 1024;
/** Bandwidth multiplier (× Scott's rule) of that estimate: Scott's rule over-smooths multimodal samples. */
export const DENSITY_BANDWIDTH = 0.5;

export interface SampleSummary {
  mean: Float64Array;
  cov: Float64Array;
  logDensity(points: Float64Array, n: number): Float64Array;
}

/**
 * Mean and covariance (MLE, float64) of a large model sample, and a Gaussian KDE of its first
 * DENSITY_POINTS points for logDensity: GANs and DDPMs have no tractable density; the estimate
 * only draws the film strip's contours.
 */
export function summariseSample(sample: Float64Array, n: number, d: number): SampleSummary {
  const mean = new Float64Array(d);
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) mean[a] += sample[i * d + a] / n;
  for (let i = 0; i < n; i++)
    for (let a = 0; a < d; a++) {
      const u = sample[i * d + a] - mean[a];
      for (let b = 0; b <= a; b++) cov[a * d + b] += (u * (sample[i * d + b] - mean[b])) / n;
    }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[b * d + a] = cov[a * d + b];
  const m = Math.min(n, DENSITY_POINTS);
  const kde = kdeLearner({ bandwidth: DENSITY_BANDWIDTH }).fit(sample.subarray(0, m * d), m, Rng.fromKey(0));
  return { mean, cov, logDensity: (points, k) => kde.logDensity(points, k) };
}

/** Common checks of fit's arguments; returns the dimension. */
export function checkData(name: string, data: Float64Array, n: number): number {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`${name}: needs at least one training point, got n = ${n}`);
  const d = data.length / n;
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`${name}: data length ${data.length} is not a multiple of n = ${n}`);
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) throw new RangeError(`${name}: training point ${Math.floor(i / d)} is not finite`);
  return d;
}

/** Throws when a disposed model is used. */
export function checkAlive(name: string, disposed: boolean): void {
  if (disposed) throw new Error(`${name}: the model was disposed`);
}

