/**
 * Variational autoencoders of MNIST digits (Kingma & Welling 2014) for the self-consuming loop:
 * the unconditional VAE (`vaeLearner`) and the class-conditional VAE (`cvaeLearner`, the same
 * networks with a label code on both inputs), both implementing the engine's DigitLearner.
 *
 * - Encoder: [x (784 pixels) | c] → `hidden` ReLU units → 2·`latentDim` (mean μ and log-variance
 *   log σ² of q(z | x, c)); decoder: [z | c] → `hidden` ReLU units → 784 logits of a Bernoulli
 *   likelihood p(x | z, c). Unconditional: c is empty. Conditional: c is an 11-way one-hot code,
 *   digits 0..9 and a "no label" code (index 10).
 * - Loss: the negative ELBO per digit, BCE(x, sigmoid(logits)) summed over pixels (targets may be
 *   grey levels in [0, 1]: synthetic digits are pixel probabilities) + KL(q(z | x, c) ‖ N(0, I)),
 *   averaged over the minibatch; one reparameterised z = μ + σ·ε per digit.
 * - Training: `epochs` passes over the n digits in minibatches of `batchSize` (a fresh permutation
 *   each epoch), Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e−8) on one flat vector holding both networks,
 *   backpropagation by hand (src/neural/common.ts says why). Glorot-uniform weights, zero biases.
 * - Conditional training uses label dropout: each labelled digit of a minibatch gets the "no label"
 *   code with probability `labelDropout` (default 0.1), so that one network learns both p(x | y)
 *   and p(x); digits labelled UNLABELLED always get the "no label" code.
 *
 * Sampling bias λ ∈ (0, 1]:
 * - VAE: latent truncation, z ~ N(0, λI); a sample is the decoder's mean sigmoid(logits) (pixel
 *   probabilities, the usual picture of a VAE sample), label column UNLABELLED.
 * - CVAE: classifier-free guidance (Ho & Salimans 2022) with w = 1/λ − 1, i.e. λ = 1/(1 + w), the
 *   paper's parametrisation of its conditional DDPM's guidance: logits = (1 + w)·dec(z, y) −
 *   w·dec(z, ∅), z ~ N(0, I); λ = 1 is plain conditional sampling, smaller λ pushes each sample
 *   towards what distinguishes its class. Labels y are uniform on 0..9 and written to the label
 *   column.
 *
 * Randomness: every random number comes from the engine Rng given to fit (one nextUint32, split
 * into an initialisation and a training stream: weights, epoch permutations, label dropout,
 * reparameterisation noise) or to sample (labels first, then the n × latentDim normals).
 *
 * Warm start: with `warmStart`, G^t starts from the weights of options.previous when it is a
 * VaeModel of the same architecture and conditioning (fresh Adam moments); otherwise from scratch.
 */
import * as tf from '@tensorflow/tfjs';
import { DIGIT_CLASSES, DIGIT_PIXELS, UNLABELLED, type DigitLearner, type DigitModel } from '../../engine/digits/digits';
import type { FitOptions } from '../../engine/learners/model';
import type { Rng } from '../../engine/random/prng';
import { abortError, checkAlive, checkOptions, fitStreams, FlatAdam, Mlp, type OptionRange, runSteps, settled } from '../common';
import {
  checkFlags,
  checkSampleRequest,
  DIGIT_TRAINING_RANGES,
  digitTrainingDefaults,
  type DigitData,
  digitData,
  digitRows,
  type DigitTrainingOptions,
  EpochBatches,
  inChunks,
} from './shared';

export interface VaeOptions extends DigitTrainingOptions {
  /** Units of the hidden layer of the encoder and of the decoder. */
  hidden: number;
  /** Dimension of the latent z. */
  latentDim: number;
  /** Class-conditional (CVAE) instead of unconditional. */
  conditional: boolean;
  /** CVAE: probability that a labelled training digit gets the "no label" code. */
  labelDropout: number;
}

const RANGES: Record<string, OptionRange> = {
  ...DIGIT_TRAINING_RANGES,
  hidden: { min: 16, max: 1024, integer: true },
  latentDim: { min: 2, max: 64, integer: true },
  labelDropout: { min: 0, max: 0.9, integer: false },
};

/**
 * Defaults, measured on 2000 MNIST digits on wasm (this project's 2-core machine): 30 epochs of
 * batch 128 (~470 steps, ~10 s) reach a held-out −ELBO of ~124 nats (VAE) / ~122 (CVAE); 20 epochs
 * of batch 64 at 2e−3 reached 127 in about the same time, 40 epochs 122 in ~12 s.
 */
export const VAE_DEFAULTS: VaeOptions = {
  ...digitTrainingDefaults('vae'),
  warmStart: false,
  progressEvery: 10,
  hidden: 256,
  latentDim: 16,
  conditional: false,
  labelDropout: 0.1,
};

/** Size of the conditioning code: 10 digits and "no label". */
const CODE = DIGIT_CLASSES + 1;
const NO_LABEL = DIGIT_CLASSES;
/** Digits per decoder call when sampling or evaluating. */
const CHUNK = 500;

function nameOf(conditional: boolean): string {
  return conditional ? 'cvaeLearner' : 'vaeLearner';
}

/** Writes the one-hot code of `label` (UNLABELLED or dropped: "no label") into row i of `out`. */
function writeCode(out: Float32Array, row: number, stride: number, offset: number, label: number): void {
  out[row * stride + offset + (label === UNLABELLED ? NO_LABEL : label)] = 1;
}

export class VaeModel implements DigitModel {
  private disposed = false;

  constructor(
    readonly encoder: Mlp,
    readonly decoder: Mlp,
    readonly latentDim: number,
    readonly conditional: boolean,
    readonly iterations: number,
    /** Encoder then decoder parameters, flat (owned). */
    readonly theta: tf.Tensor1D,
  ) {}

  get kind(): 'vae' | 'cvae' {
    return this.conditional ? 'cvae' : 'vae';
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Same networks (so weights can be copied). */
  sameArchitecture(other: VaeModel): boolean {
    return this.conditional === other.conditional && this.encoder.sameShape(other.encoder) && this.decoder.sameShape(other.decoder);
  }

  private split(): { thetaE: tf.Tensor1D; thetaD: tf.Tensor1D } {
    return { thetaE: tf.slice(this.theta, 0, this.encoder.size), thetaD: tf.slice(this.theta, this.encoder.size, this.decoder.size) };
  }

  /**
   * n digits (n×DIGIT_ROW): VAE z ~ N(0, λI), decoder means, label UNLABELLED; CVAE labels uniform
   * on 0..9, z ~ N(0, I), guidance w = 1/λ − 1. Draws from `rng`: the n labels (CVAE), then the
   * latents row by row.
   */
  async sample(rng: Rng, n: number, lambda: number): Promise<Float64Array> {
    const name = nameOf(this.conditional);
    checkAlive(name, this.disposed);
    checkSampleRequest(name, n, lambda);
    const k = this.latentDim;
    const labels = new Int8Array(n).fill(UNLABELLED);
    if (this.conditional) for (let i = 0; i < n; i++) labels[i] = rng.int(DIGIT_CLASSES);
    const z = new Float32Array(n * k);
    const scale = this.conditional ? 1 : Math.sqrt(lambda);
    for (let i = 0; i < z.length; i++) z[i] = scale * rng.normal();
    const w = this.conditional ? 1 / lambda - 1 : 0;
    const pixels = new Float32Array(n * DIGIT_PIXELS);
    await inChunks(n, CHUNK, async (start, rows) => {
      const y = tf.tidy(() => {
        const { thetaD } = this.split();
        const zc = tf.tensor2d(z.subarray(start * k, (start + rows) * k), [rows, k]);
        if (!this.conditional) return tf.sigmoid(this.decoder.apply(thetaD, zc));
        const guided = w > 0;
        const m = guided ? 2 * rows : rows;
        const code = new Float32Array(m * CODE);
        for (let i = 0; i < rows; i++) {
          writeCode(code, i, CODE, 0, labels[start + i]);
          if (guided) writeCode(code, rows + i, CODE, 0, UNLABELLED);
        }
        const zz = guided ? tf.concat([zc, zc], 0) : zc;
        const logits = this.decoder.apply(thetaD, tf.concat([zz, tf.tensor2d(code, [m, CODE])], 1));
        if (!guided) return tf.sigmoid(logits);
        const cond = tf.slice(logits, [0, 0], [rows, DIGIT_PIXELS]);
        const uncond = tf.slice(logits, [rows, 0], [rows, DIGIT_PIXELS]);
        return tf.sigmoid(tf.sub(tf.mul(cond, 1 + w), tf.mul(uncond, w)));
      });
      try {
        pixels.set((await y.data()) as Float32Array, start * DIGIT_PIXELS);
      } finally {
        y.dispose();
      }
    });
    return digitRows(pixels, labels, n);
  }

  /**
   * The negative ELBO of n digit rows, per digit, in nats, with one z ~ q(z | x, c) per digit drawn
   * from `rng`: reconstruction (BCE summed over the pixels) + KL. The CVAE conditions on each row's
   * label ("no label" for UNLABELLED).
   */
  async evaluate(rows: Float64Array, n: number, rng: Rng): Promise<{ reconstruction: number; kl: number; negElbo: number }> {
    const name = nameOf(this.conditional);
    checkAlive(name, this.disposed);
    const data = digitData(name, rows, n);
    const k = this.latentDim;
    let reconstruction = 0;
    let kl = 0;
    await inChunks(n, CHUNK, async (start, m) => {
      const eps = new Float32Array(m * k);
      for (let i = 0; i < eps.length; i++) eps[i] = rng.normal();
      const sums = tf.tidy(() => {
        const { thetaE, thetaD } = this.split();
        const x = tf.tensor2d(data.pixels.subarray(start * DIGIT_PIXELS, (start + m) * DIGIT_PIXELS), [m, DIGIT_PIXELS]);
        const code = this.conditional ? tf.tensor2d(codes(data, start, m), [m, CODE]) : null;
        const stats = this.encoder.apply(thetaE, code ? tf.concat([x, code], 1) : x);
        const mu = tf.slice(stats, [0, 0], [m, k]);
        const logVar = tf.slice(stats, [0, k], [m, k]);
        const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), tf.tensor2d(eps, [m, k]))) as tf.Tensor2D;
        const logits = this.decoder.apply(thetaD, code ? tf.concat([z, code], 1) : z);
        // BCE with logits l and target x: softplus(l) − x·l.
        const bce = tf.sum(tf.sub(tf.softplus(logits), tf.mul(x, logits)));
        const klSum = tf.mul(tf.sum(tf.sub(tf.add(tf.square(mu), tf.exp(logVar)), tf.add(logVar, 1))), 0.5);
        return tf.stack([bce, klSum]);
      });
      const [b, q] = await sums.data();
      sums.dispose();
      reconstruction += b;
      kl += q;
    });
    return { reconstruction: reconstruction / n, kl: kl / n, negElbo: (reconstruction + kl) / n };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.theta.dispose();
  }
}

/** The label codes of rows start..start+m−1 of `data`, m×11. */
function codes(data: DigitData, start: number, m: number): Float32Array {
  const out = new Float32Array(m * CODE);
  for (let i = 0; i < m; i++) writeCode(out, i, CODE, 0, data.labels[start + i]);
  return out;
}

/** The VAE learner (or, with `conditional`, the CVAE learner); options are checked here. */
export function vaeLearner(options: Partial<VaeOptions> = {}): DigitLearner {
  const o: VaeOptions = { ...VAE_DEFAULTS, ...options };
  const name = nameOf(o.conditional);
  checkOptions(name, o as unknown as Record<string, unknown>, RANGES);
  checkFlags(name, o);
  if (typeof o.conditional !== 'boolean') throw new RangeError(`${name}: conditional must be a boolean`);

  return {
    async fit(rows: Float64Array, n: number, rng: Rng, fitOptions?: FitOptions): Promise<VaeModel> {
      const data = digitData(name, rows, n);
      const k = o.latentDim;
      const c = o.conditional ? CODE : 0;
      const encoder = new Mlp([DIGIT_PIXELS + c, o.hidden, 2 * k], 'relu');
      const decoder = new Mlp([k + c, o.hidden, DIGIT_PIXELS], 'relu');
      const previous = fitOptions?.previous;
      if (o.warmStart && previous instanceof VaeModel) checkAlive(`${name} (previous model)`, previous.isDisposed);
      const warm =
        o.warmStart &&
        previous instanceof VaeModel &&
        previous.conditional === o.conditional &&
        previous.encoder.sameShape(encoder) &&
        previous.decoder.sameShape(decoder)
          ? previous
          : null;
      if (fitOptions?.signal?.aborted) throw abortError();
      const streams = fitStreams(rng);
      const batches = new EpochBatches(n, o.batchSize, streams.batches);
      const B = batches.batch;
      const steps = batches.steps(o.epochs);
      const E = encoder.size;
      const D = decoder.size;
      let theta: tf.Tensor1D;
      if (warm) theta = tf.clone(warm.theta);
      else {
        const init = new Float32Array(E + D);
        init.set(encoder.init(streams.init), 0);
        init.set(decoder.init(streams.init), E);
        theta = tf.tensor1d(init);
      }
      const adam = new FlatAdam(E + D, o.learningRate);
      const inB = 1 / B;

      const step = () => {
        const index = batches.next();
        // The encoder's input [x | c] is assembled here: one upload per step.
        const input = new Float32Array(B * (DIGIT_PIXELS + c));
        for (let i = 0; i < B; i++) input.set(data.pixels.subarray(index[i] * DIGIT_PIXELS, (index[i] + 1) * DIGIT_PIXELS), i * (DIGIT_PIXELS + c));
        if (c > 0)
          for (let i = 0; i < B; i++) {
            let label: number = data.labels[index[i]];
            if (streams.batches.uniform() < o.labelDropout) label = UNLABELLED;
            writeCode(input, i, DIGIT_PIXELS + c, DIGIT_PIXELS, label);
          }
        const eps = new Float32Array(B * k);
        for (let i = 0; i < eps.length; i++) eps[i] = streams.batches.normal();
        const grad = tf.tidy(() => {
          const thetaE = tf.slice(theta, 0, E);
          const thetaD = tf.slice(theta, E, D);
          const xc = tf.tensor2d(input, [B, DIGIT_PIXELS + c]);
          const x = c > 0 ? tf.slice(xc, [0, 0], [B, DIGIT_PIXELS]) : xc;
          const enc = encoder.forward(thetaE, xc);
          const mu = tf.slice(enc.out, [0, 0], [B, k]);
          const logVar = tf.slice(enc.out, [0, k], [B, k]);
          const e = tf.tensor2d(eps, [B, k]);
          const sigma = tf.exp(tf.mul(logVar, 0.5));
          const z = tf.add(mu, tf.mul(sigma, e)) as tf.Tensor2D;
          const dec = decoder.forward(thetaD, c > 0 ? tf.concat([z, tf.slice(xc, [0, DIGIT_PIXELS], [B, c])], 1) : z);
          // ∂(mean BCE)/∂logits = (σ(l) − x)/B.
          const dLogits = tf.mul(tf.sub(tf.sigmoid(dec.out), x), inB) as tf.Tensor2D;
          const back = decoder.backward(dec, dLogits, { paramGrads: true, inputGrad: true });
          const dz = c > 0 ? tf.slice(back.dx as tf.Tensor2D, [0, 0], [B, k]) : (back.dx as tf.Tensor2D);
          // KL = ½ Σ (μ² + σ² − log σ² − 1)/B: ∂/∂μ = μ/B, ∂/∂log σ² = (σ² − 1)/(2B).
          const dMu = tf.add(dz, tf.mul(mu, inB));
          const dLogVar = tf.add(tf.mul(tf.mul(dz, e), tf.mul(sigma, 0.5)), tf.mul(tf.sub(tf.square(sigma), 1), 0.5 * inB));
          const dE = encoder.backward(enc, tf.concat([dMu, dLogVar], 1) as tf.Tensor2D, { paramGrads: true, inputGrad: false }).dTheta as tf.Tensor1D;
          return tf.concat([dE, back.dTheta as tf.Tensor1D]);
        });
        const next = adam.step(theta, grad);
        grad.dispose();
        theta.dispose();
        theta = next;
      };

      try {
        await runSteps(steps, o.progressEvery, fitOptions, step, () => settled(theta));
        return new VaeModel(encoder, decoder, k, o.conditional, steps, theta);
      } catch (error) {
        theta.dispose();
        throw error;
      } finally {
        adam.dispose();
      }
    },
  };
}

/** The class-conditional VAE learner: vaeLearner with `conditional: true`. */
export function cvaeLearner(options: Partial<Omit<VaeOptions, 'conditional'>> = {}): DigitLearner {
  return vaeLearner({ ...options, conditional: true });
}
