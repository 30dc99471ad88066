/**
 * A small convolutional GAN of MNIST digits (DCGAN, Radford et al. 2016, scaled down) for the
 * self-consuming loop, implementing the engine's DigitLearner.
 *
 * Networks (NHWC, K×K kernels with K = `kernel`, stride 2, 'same' padding; C = `channels`):
 * - Generator: z ∈ ℝ^{latentDim} → dense → 7×7×2C, batch norm, ReLU → transposed conv → 14×14×C,
 *   batch norm, ReLU → transposed conv → 28×28×1, sigmoid (pixel intensities in [0, 1]). Batch
 *   normalisation (per channel, learned scale and shift; `batchNorm`, default on) uses the
 *   minibatch's statistics in training and running averages (momentum 0.1, updated at each
 *   generator update) when sampling, so a sample does not depend on the others drawn with it and
 *   λ acts on each latent alone. Without it (biases instead) the same GAN gave blotchy strokes
 *   after 310 steps where it gives mostly recognisable digits (and still did after 930 steps with
 *   C = 8).
 * - Discriminator: 28×28×1 → conv → 14×14×C, leaky ReLU (α = 0.2) → conv → 7×7×2C, leaky ReLU →
 *   dense → one logit.
 * - Loss: the non-saturating GAN loss, as the MLP GAN (src/neural/gan.ts): one step = one
 *   discriminator update on B real and B generated digits, then one generator update on B fresh
 *   latents; Adam (β₁ = 0.5, β₂ = 0.999, ε = 1e−8), one per network, on a flat parameter vector.
 *   Glorot-uniform weights (fan = K²·channels for the convolutions), zero biases and shifts, unit
 *   batch-norm scales.
 * - Training: `epochs` passes over the n training digits in minibatches of `batchSize` real digits
 *   (a fresh permutation each epoch); labels are ignored.
 *
 * Backpropagation is written by hand, as for the MLP networks (src/neural/common.ts): the
 * generator's update needs only ∂L/∂x through the discriminator, the discriminator's update no
 * gradient with respect to its input. The convolutions' pieces come from src/neural/digits/conv.ts:
 * `filterGradient` for every filter gradient (tfjs-backend-wasm has no Conv2DBackpropFilter
 * kernel) and, on wasm, `inputGradient` for the transposed convolutions and the discriminator's
 * input gradients (wasm's Conv2DBackpropInput kernel is a slow loop); the input gradients of the
 * transposed convolutions are tf.conv2d. tests/unit/digits-generators.test.ts checks the whole
 * backward pass against tf.grads on cpu.
 *
 * Sampling bias λ (latent truncation): samples are G(z) with z ~ N(0, λI), as for the MLP GAN;
 * label column UNLABELLED. Randomness: one nextUint32 of the fit's Rng seeds an initialisation and
 * a training stream (weights; epoch permutations and latents); sample draws n × latentDim normals.
 * Warm start: with `warmStart`, G^t starts from the generator, its running statistics and the
 * discriminator of options.previous when it is a ConvGanModel of the same architecture (fresh Adam
 * moments).
 */
import * as tf from '@tensorflow/tfjs';
import { DIGIT_PIXELS, DIGIT_SIDE, UNLABELLED, type DigitLearner, type DigitModel } from '../../engine/digits/digits';
import type { FitOptions } from '../../engine/learners/model';
import type { Rng } from '../../engine/random/prng';
import { abortError, checkAlive, checkOptions, fitStreams, FlatAdam, type OptionRange, runSteps, settled } from '../common';
import { filterGradient, inputGradient } from './conv';
import {
  checkFlags,
  checkSampleRequest,
  DIGIT_TRAINING_RANGES,
  digitTrainingDefaults,
  digitData,
  digitRows,
  type DigitTrainingOptions,
  EpochBatches,
  gatherPixels,
  inChunks,
} from './shared';

export interface ConvGanOptions extends DigitTrainingOptions {
  /** Dimension of the latent z. */
  latentDim: number;
  /** Channels C of the 14×14 feature maps (2C at 7×7), both networks. */
  channels: number;
  /** Side K of the convolution kernels. */
  kernel: number;
  /** Batch normalisation of the generator's hidden layers (running statistics when sampling). */
  batchNorm: boolean;
}

const RANGES: Record<string, OptionRange> = {
  ...DIGIT_TRAINING_RANGES,
  latentDim: { min: 2, max: 128, integer: true },
  channels: { min: 2, max: 128, integer: true },
  kernel: { min: 2, max: 7, integer: true },
};

/**
 * Defaults, measured on 2000 MNIST digits on wasm (this project's 2-core machine, shared with other
 * jobs): 5 epochs of batch 32 = 310 steps take ~20–27 s and give mostly recognisable digits; batch 64
 * for 10 epochs (the same steps) looked the same in twice the time; C = 8 showed checkerboard
 * artefacts at 310 steps; 5×5 kernels were ~30% slower for no visible gain.
 */
export const CONV_GAN_DEFAULTS: ConvGanOptions = {
  ...digitTrainingDefaults('conv-gan'),
  warmStart: false,
  progressEvery: 5,
  latentDim: 32,
  channels: 16,
  kernel: 4,
  batchNorm: true,
};

const NAME = 'convGanLearner';
/** Leaky ReLU slope of the discriminator. */
const LEAK = 0.2;
/** Side of the first feature maps. */
const S1 = DIGIT_SIDE / 4;
const S2 = DIGIT_SIDE / 2;
/** Digits per generator call when sampling (~50 ms each on wasm, between yields). */
const CHUNK = 200;

type Shape = readonly number[];

/** Tensors laid out one after the other in a flat parameter vector. */
class Layout {
  readonly offsets: number[] = [];
  readonly size: number;

  constructor(
    readonly shapes: readonly Shape[],
    /** Initialisation of each tensor: Glorot-uniform with fans [fanIn, fanOut], or constant. */
    readonly fans: readonly ([number, number] | 'zeros' | 'ones')[],
  ) {
    let offset = 0;
    for (const shape of shapes) {
      this.offsets.push(offset);
      offset += shape.reduce((a, b) => a * b, 1);
    }
    this.size = offset;
  }

  same(other: Layout): boolean {
    return this.shapes.length === other.shapes.length && this.shapes.every((s, i) => s.length === other.shapes[i].length && s.every((v, j) => v === other.shapes[i][j]));
  }

  init(rng: Rng): Float32Array {
    const theta = new Float32Array(this.size);
    this.shapes.forEach((shape, i) => {
      const fans = this.fans[i];
      const count = shape.reduce((a, b) => a * b, 1);
      if (fans === 'zeros') return;
      if (fans === 'ones') {
        theta.fill(1, this.offsets[i], this.offsets[i] + count);
        return;
      }
      const limit = Math.sqrt(6 / (fans[0] + fans[1]));
      for (let k = 0; k < count; k++) theta[this.offsets[i] + k] = limit * (2 * rng.uniform() - 1);
    });
    return theta;
  }

  /** The tensors, sliced from θ (inside tf.tidy). */
  unpack(theta: tf.Tensor1D): tf.Tensor[] {
    return this.shapes.map((shape, i) => tf.reshape(tf.slice(theta, this.offsets[i], shape.reduce((a, b) => a * b, 1)), shape as number[]));
  }
}

/** Network shapes of one configuration. */
export class Architecture {
  readonly generator: Layout;
  readonly discriminator: Layout;

  constructor(
    readonly latentDim: number,
    readonly channels: number,
    readonly kernel: number,
    /** Batch normalisation of the generator's two hidden layers. */
    readonly batchNorm: boolean,
  ) {
    const k = latentDim;
    const c = channels;
    const kk = kernel * kernel;
    const flat = S1 * S1 * 2 * c;
    // Generator: W0, then (BN: γ0, β0 per channel | bias per unit), W1, (γ1, β1 | bias), W2, bias.
    this.generator = batchNorm
      ? new Layout(
          [[k, flat], [2 * c], [2 * c], [kernel, kernel, c, 2 * c], [c], [c], [kernel, kernel, 1, c], [1]],
          [[k, flat], 'ones', 'zeros', [kk * c, kk * 2 * c], 'ones', 'zeros', [kk, kk * c], 'zeros'],
        )
      : new Layout(
          [[k, flat], [flat], [kernel, kernel, c, 2 * c], [c], [kernel, kernel, 1, c], [1]],
          [[k, flat], 'zeros', [kk * c, kk * 2 * c], 'zeros', [kk, kk * c], 'zeros'],
        );
    this.discriminator = new Layout(
      [[kernel, kernel, 1, c], [c], [kernel, kernel, c, 2 * c], [2 * c], [flat, 1], [1]],
      [[kk, kk * c], 'zeros', [kk * c, kk * 2 * c], 'zeros', [flat, 1], 'zeros'],
    );
  }

  /** Length of the running batch-norm statistics: mean and variance of 2C then C channels (0 without BN). */
  get statsSize(): number {
    return this.batchNorm ? 6 * this.channels : 0;
  }

  /** Running statistics before training: means 0, variances 1. */
  initialStats(): Float32Array {
    const c = this.channels;
    const stats = new Float32Array(this.statsSize);
    if (this.batchNorm) {
      stats.fill(1, 2 * c, 4 * c);
      stats.fill(1, 5 * c, 6 * c);
    }
    return stats;
  }

  same(other: Architecture): boolean {
    return this.batchNorm === other.batchNorm && this.generator.same(other.generator) && this.discriminator.same(other.discriminator);
  }
}

/**
 * conv2dTranspose(x, W, outputShape, 2, 'same') (also the input gradient of conv2d(·, W, 2, 'same')):
 * on wasm conv.ts's `inputGradient` (a forward conv2d; wasm's Conv2DBackpropInput kernel is a slow
 * loop), elsewhere tfjs's own op.
 */
function convTranspose(x: tf.Tensor4D, w: tf.Tensor4D, outputShape: [number, number, number, number]): tf.Tensor4D {
  return tf.getBackend() === 'wasm' ? inputGradient(x, w, outputShape, 2, 'same') : tf.conv2dTranspose(x, w, outputShape, 2, 'same');
}

/** ∂L/∂W of conv2d(x, W, stride 2, 'same') whose output gradient is dy. */
function convFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, shape: [number, number, number, number]): tf.Tensor4D {
  return filterGradient(x, dy, shape, 2, 'same');
}

/** a·bᵀ-free products: wasm runs transposed matMuls on a slow path, so transpose explicitly. */
function matMulTA(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.getBackend() === 'wasm' ? tf.matMul(tf.transpose(a), b) : tf.matMul(a, b, true, false);
}
function matMulTB(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.getBackend() === 'wasm' ? tf.matMul(a, tf.transpose(b)) : tf.matMul(a, b, false, true);
}

/** Batch normalisation's ε. */
const BN_EPS = 1e-5;
/** Weight of the newest batch in the running statistics. */
const BN_MOMENTUM = 0.1;

interface NormTrace {
  /** (x − mean)/√(var + ε). */
  n: tf.Tensor4D;
  inv: tf.Tensor;
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/** Per-channel batch normalisation of x [B, H, W, C]: batch statistics, or `running` ones (sampling). */
function normalise(x: tf.Tensor4D, running: { mean: tf.Tensor1D; variance: tf.Tensor1D } | null): NormTrace {
  const { mean, variance } = running ?? (tf.moments(x, [0, 1, 2]) as { mean: tf.Tensor1D; variance: tf.Tensor1D });
  const inv = tf.rsqrt(tf.add(variance, BN_EPS));
  return { n: tf.mul(tf.sub(x, mean), inv) as tf.Tensor4D, inv, mean, variance };
}

/** ∂L/∂x of y = γ·n + β (batch statistics) from g = ∂L/∂y; also ∂L/∂γ, ∂L/∂β. */
function normaliseGrad(g: tf.Tensor4D, t: NormTrace, gamma: tf.Tensor): { dx: tf.Tensor4D; dGamma: tf.Tensor; dBeta: tf.Tensor } {
  const m = g.shape[0] * g.shape[1] * g.shape[2];
  const dBeta = tf.sum(g, [0, 1, 2]);
  const dGamma = tf.sum(tf.mul(g, t.n), [0, 1, 2]);
  const centred = tf.sub(tf.sub(g, tf.div(dBeta, m)), tf.mul(t.n, tf.div(dGamma, m)));
  return { dx: tf.mul(centred, tf.mul(gamma, t.inv)) as tf.Tensor4D, dGamma, dBeta };
}

interface GeneratorTrace {
  z: tf.Tensor2D;
  h0: tf.Tensor4D;
  h1: tf.Tensor4D;
  out: tf.Tensor4D;
  params: tf.Tensor[];
  /** Batch normalisation of the two hidden layers (with BN). */
  norms: NormTrace[];
}

/**
 * Generator forward pass (inside tf.tidy): out = sigmoid pixels [B, 28, 28, 1]. With batch
 * normalisation, `stats` null normalises with the batch's statistics (training), otherwise with
 * the running statistics in `stats` (sampling).
 */
export function generate(arch: Architecture, theta: tf.Tensor1D, z: tf.Tensor2D, stats: tf.Tensor1D | null = null): GeneratorTrace {
  const params = arch.generator.unpack(theta);
  const B = z.shape[0];
  const c = arch.channels;
  if (!arch.batchNorm) {
    const [w0, b0, w1, b1, w2, b2] = params;
    const h0 = tf.reshape(tf.relu(tf.add(tf.matMul(z, w0 as tf.Tensor2D), b0)), [B, S1, S1, 2 * c]) as tf.Tensor4D;
    const h1 = tf.relu(tf.add(convTranspose(h0, w1 as tf.Tensor4D, [B, S2, S2, c]), b1)) as tf.Tensor4D;
    const out = tf.sigmoid(tf.add(convTranspose(h1, w2 as tf.Tensor4D, [B, DIGIT_SIDE, DIGIT_SIDE, 1]), b2)) as tf.Tensor4D;
    return { z, h0, h1, out, params, norms: [] };
  }
  const [w0, gamma0, beta0, w1, gamma1, beta1, w2, b2] = params;
  const running = (offset: number, size: number) =>
    stats === null ? null : { mean: tf.slice(stats, offset, size) as tf.Tensor1D, variance: tf.slice(stats, offset + size, size) as tf.Tensor1D };
  const norm0 = normalise(tf.reshape(tf.matMul(z, w0 as tf.Tensor2D), [B, S1, S1, 2 * c]) as tf.Tensor4D, running(0, 2 * c));
  const h0 = tf.relu(tf.add(tf.mul(norm0.n, gamma0), beta0)) as tf.Tensor4D;
  const norm1 = normalise(convTranspose(h0, w1 as tf.Tensor4D, [B, S2, S2, c]), running(4 * c, c));
  const h1 = tf.relu(tf.add(tf.mul(norm1.n, gamma1), beta1)) as tf.Tensor4D;
  const out = tf.sigmoid(tf.add(convTranspose(h1, w2 as tf.Tensor4D, [B, DIGIT_SIDE, DIGIT_SIDE, 1]), b2)) as tf.Tensor4D;
  return { z, h0, h1, out, params, norms: [norm0, norm1] };
}

/** The running statistics after one more training batch (inside tf.tidy). */
function nextStats(stats: tf.Tensor1D, t: GeneratorTrace): tf.Tensor1D {
  const batch = tf.concat(t.norms.flatMap((norm) => [norm.mean, norm.variance]));
  return tf.add(tf.mul(stats, 1 - BN_MOMENTUM), tf.mul(batch, BN_MOMENTUM)) as tf.Tensor1D;
}

/** ∂L/∂θ_G from ∂L/∂out (inside tf.tidy; the trace of a training pass, batch statistics). */
export function generatorGrad(arch: Architecture, t: GeneratorTrace, dOut: tf.Tensor4D): tf.Tensor1D {
  const B = t.z.shape[0];
  const c = arch.channels;
  const K = arch.kernel;
  const w1 = t.params[arch.batchNorm ? 3 : 2] as tf.Tensor4D;
  const w2 = t.params[arch.batchNorm ? 6 : 4] as tf.Tensor4D;
  const g2 = tf.mul(dOut, tf.mul(t.out, tf.sub(1, t.out))) as tf.Tensor4D;
  // y = conv2dTranspose(x, W): ∂L/∂W = filterGradient(dy as input, x as output gradient); ∂L/∂x = conv2d(dy, W).
  const dw2 = convFilterGrad(g2, t.h1, [K, K, 1, c]);
  const db2 = tf.sum(g2, [0, 1, 2]);
  let g1 = tf.mul(tf.conv2d(g2, w2, 2, 'same'), tf.step(t.h1)) as tf.Tensor4D;
  let layer1: tf.Tensor[] = [];
  if (arch.batchNorm) {
    const back = normaliseGrad(g1, t.norms[1], t.params[4]);
    g1 = back.dx;
    layer1 = [back.dGamma, back.dBeta];
  } else layer1 = [tf.sum(g1, [0, 1, 2])];
  const dw1 = convFilterGrad(g1, t.h0, [K, K, c, 2 * c]);
  let g0 = tf.mul(tf.conv2d(g1, w1, 2, 'same'), tf.step(t.h0)) as tf.Tensor4D;
  let layer0: tf.Tensor[] = [];
  if (arch.batchNorm) {
    const back = normaliseGrad(g0, t.norms[0], t.params[1]);
    g0 = back.dx;
    layer0 = [back.dGamma, back.dBeta];
  }
  const g0flat = tf.reshape(g0, [B, S1 * S1 * 2 * c]) as tf.Tensor2D;
  if (!arch.batchNorm) layer0 = [tf.sum(g0flat, 0)];
  const dw0 = matMulTA(t.z, g0flat);
  return tf.concat([dw0, ...layer0, dw1, ...layer1, dw2, db2].map((g) => tf.reshape(g, [-1]))) as tf.Tensor1D;
}

interface DiscriminatorTrace {
  x: tf.Tensor4D;
  a1: tf.Tensor4D;
  a2: tf.Tensor4D;
  out: tf.Tensor2D;
  params: tf.Tensor[];
}

/** Discriminator forward pass (inside tf.tidy): one logit per digit, [N, 1]. */
export function discriminate(arch: Architecture, theta: tf.Tensor1D, x: tf.Tensor4D): DiscriminatorTrace {
  const params = arch.discriminator.unpack(theta);
  const [v1, c1, v2, c2, v3, c3] = params;
  const N = x.shape[0];
  const conv = (input: tf.Tensor4D, filter: tf.Tensor, bias: tf.Tensor) =>
    tf.fused.conv2d({ x: input, filter: filter as tf.Tensor4D, strides: 2, pad: 'same', bias, activation: 'leakyrelu', leakyreluAlpha: LEAK });
  const a1 = conv(x, v1, c1);
  const a2 = conv(a1, v2, c2);
  const out = tf.add(tf.matMul(tf.reshape(a2, [N, -1]) as tf.Tensor2D, v3 as tf.Tensor2D), c3) as tf.Tensor2D;
  return { x, a1, a2, out, params };
}

/** ∂L/∂θ_D and/or ∂L/∂x from ∂L/∂logits (inside tf.tidy). */
export function discriminatorGrad(arch: Architecture, t: DiscriminatorTrace, dOut: tf.Tensor2D, want: { params: boolean; input: boolean }): { dTheta?: tf.Tensor1D; dx?: tf.Tensor4D } {
  const [v1, , v2, , v3] = t.params;
  const N = t.x.shape[0];
  const c = arch.channels;
  const K = arch.kernel;
  const flat = tf.reshape(t.a2, [N, -1]) as tf.Tensor2D;
  const g2 = tf.mul(tf.reshape(matMulTB(dOut, v3 as tf.Tensor2D), t.a2.shape), tf.step(t.a2, LEAK)) as tf.Tensor4D;
  const g1 = tf.mul(convTranspose(g2, v2 as tf.Tensor4D, t.a1.shape), tf.step(t.a1, LEAK)) as tf.Tensor4D;
  const result: { dTheta?: tf.Tensor1D; dx?: tf.Tensor4D } = {};
  if (want.params) {
    const parts = [
      convFilterGrad(t.x, g1, [K, K, 1, c]),
      tf.sum(g1, [0, 1, 2]),
      convFilterGrad(t.a1, g2, [K, K, c, 2 * c]),
      tf.sum(g2, [0, 1, 2]),
      matMulTA(flat, dOut),
      tf.sum(dOut, 0),
    ];
    result.dTheta = tf.concat(parts.map((g) => tf.reshape(g, [-1]))) as tf.Tensor1D;
  }
  if (want.input) result.dx = convTranspose(g1, v1 as tf.Tensor4D, t.x.shape);
  return result;
}

export class ConvGanModel implements DigitModel {
  readonly kind = 'conv-gan';
  private disposed = false;

  constructor(
    readonly architecture: Architecture,
    readonly iterations: number,
    /** Generator parameters (owned). */
    readonly thetaG: tf.Tensor1D,
    /** Discriminator parameters, kept only for warm starts (owned). */
    readonly thetaD: tf.Tensor1D | null,
    /** Running batch-norm statistics of the generator (owned; null without batch norm). */
    readonly stats: tf.Tensor1D | null,
  ) {}

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** n digits G(z), z ~ N(0, λI) (n × latentDim normals from `rng`, row by row), label UNLABELLED. */
  async sample(rng: Rng, n: number, lambda: number): Promise<Float64Array> {
    checkAlive(NAME, this.disposed);
    checkSampleRequest(NAME, n, lambda);
    const k = this.architecture.latentDim;
    const z = new Float32Array(n * k);
    const scale = Math.sqrt(lambda);
    for (let i = 0; i < z.length; i++) z[i] = scale * rng.normal();
    const pixels = new Float32Array(n * DIGIT_PIXELS);
    await inChunks(n, CHUNK, async (start, rows) => {
      const y = tf.tidy(() => generate(this.architecture, this.thetaG, tf.tensor2d(z.subarray(start * k, (start + rows) * k), [rows, k]), this.stats).out);
      try {
        pixels.set((await y.data()) as Float32Array, start * DIGIT_PIXELS);
      } finally {
        y.dispose();
      }
    });
    return digitRows(pixels, UNLABELLED, n);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.thetaG.dispose();
    this.thetaD?.dispose();
    this.stats?.dispose();
  }
}

export function convGanLearner(options: Partial<ConvGanOptions> = {}): DigitLearner {
  const o: ConvGanOptions = { ...CONV_GAN_DEFAULTS, ...options };
  checkOptions(NAME, o as unknown as Record<string, unknown>, RANGES);
  checkFlags(NAME, o);
  if (typeof o.batchNorm !== 'boolean') throw new RangeError(`${NAME}: batchNorm must be a boolean`);

  return {
    async fit(rows: Float64Array, n: number, rng: Rng, fitOptions?: FitOptions): Promise<ConvGanModel> {
      const data = digitData(NAME, rows, n);
      const arch = new Architecture(o.latentDim, o.channels, o.kernel, o.batchNorm);
      const previous = fitOptions?.previous;
      if (o.warmStart && previous instanceof ConvGanModel) checkAlive(`${NAME} (previous model)`, previous.isDisposed);
      const warm = o.warmStart && previous instanceof ConvGanModel && previous.thetaD !== null && previous.architecture.same(arch) ? previous : null;
      if (fitOptions?.signal?.aborted) throw abortError();
      const streams = fitStreams(rng);
      const batches = new EpochBatches(n, o.batchSize, streams.batches);
      const B = batches.batch;
      const k = o.latentDim;
      const steps = batches.steps(o.epochs);
      const initG = arch.generator.init(streams.init);
      const initD = arch.discriminator.init(streams.init);
      let thetaG: tf.Tensor1D = warm ? tf.clone(warm.thetaG) : tf.tensor1d(initG);
      let thetaD: tf.Tensor1D = warm ? tf.clone(warm.thetaD as tf.Tensor1D) : tf.tensor1d(initD);
      let stats: tf.Tensor1D | null = !arch.batchNorm ? null : warm?.stats ? tf.clone(warm.stats) : tf.tensor1d(arch.initialStats());
      const adamG = new FlatAdam(arch.generator.size, o.learningRate, 0.5, 0.999, 1e-8);
      const adamD = new FlatAdam(arch.discriminator.size, o.learningRate, 0.5, 0.999, 1e-8);
      // Discriminator loss on logits l of [real; fake]: (1/B) Σ softplus(s·l), s = −1 (real), +1 (fake).
      const signs = new Float32Array(2 * B);
      signs.fill(-1, 0, B).fill(1, B);
      const sign = tf.tensor2d(signs, [2 * B, 1]);
      const signOverB = tf.tensor2d(signs.map((s) => s / B), [2 * B, 1]);

      const step = () => {
        const real = gatherPixels(data, batches.next());
        const zD = new Float32Array(B * k);
        for (let i = 0; i < zD.length; i++) zD[i] = streams.batches.normal();
        const zG = new Float32Array(B * k);
        for (let i = 0; i < zG.length; i++) zG[i] = streams.batches.normal();
        const gradD = tf.tidy(() => {
          const fake = generate(arch, thetaG, tf.tensor2d(zD, [B, k])).out;
          const x = tf.concat([tf.tensor4d(real, [B, DIGIT_SIDE, DIGIT_SIDE, 1]), fake], 0);
          const trace = discriminate(arch, thetaD, x);
          const dLogits = tf.mul(signOverB, tf.sigmoid(tf.mul(sign, trace.out))) as tf.Tensor2D;
          return discriminatorGrad(arch, trace, dLogits, { params: true, input: false }).dTheta as tf.Tensor1D;
        });
        const nextD = adamD.step(thetaD, gradD);
        gradD.dispose();
        thetaD.dispose();
        thetaD = nextD;
        const [gradG, newStats] = tf.tidy(() => {
          const traceG = generate(arch, thetaG, tf.tensor2d(zG, [B, k]));
          const traceD = discriminate(arch, thetaD, traceG.out);
          const dLogits = tf.mul(tf.sigmoid(tf.neg(traceD.out)), -1 / B) as tf.Tensor2D;
          const dx = discriminatorGrad(arch, traceD, dLogits, { params: false, input: true }).dx as tf.Tensor4D;
          return stats ? [generatorGrad(arch, traceG, dx), nextStats(stats, traceG)] : [generatorGrad(arch, traceG, dx)];
        });
        if (newStats) {
          stats?.dispose();
          stats = newStats;
        }
        const nextG = adamG.step(thetaG, gradG);
        gradG.dispose();
        thetaG.dispose();
        thetaG = nextG;
      };

      try {
        await runSteps(steps, o.progressEvery, fitOptions, step, () => settled(thetaG));
        const model = new ConvGanModel(arch, steps, thetaG, o.warmStart ? thetaD : null, stats);
        if (!o.warmStart) thetaD.dispose();
        return model;
      } catch (error) {
        thetaG.dispose();
        thetaD.dispose();
        stats?.dispose();
        throw error;
      } finally {
        adamG.dispose();
        adamD.dispose();
        sign.dispose();
        signOverB.dispose();
      }
    },
  };
}
