/**
 * A small MLP GAN for low-dimensional data, trained as GAN Lab trains its 2-D GANs
 * (Kahng et al. 2019): generator z ∈ ℝ^{latentDim} → `layers` hidden ReLU layers of `hidden`
 * units → ℝ^d; discriminator ℝ^d → `layers` hidden leaky-ReLU (α = 0.2) layers → one logit.
 * Loss: the non-saturating GAN loss (Goodfellow et al. 2014): the discriminator minimises
 * softplus(−D(x)) + softplus(D(G(z))), the generator softplus(−D(G(z))). One training step = one
 * discriminator update on a minibatch of B real points and B generated points, then one generator
 * update on B fresh latents. Optimiser: Adam, β₁ = 0.5, β₂ = 0.999, ε = 1e−8 (the DCGAN setting),
 * one per network.
 *
 * Data: each fit standardises the coordinates of its training set (see Normaliser) and the
 * generator's outputs are mapped back. Minibatches are drawn with replacement.
 *
 * Each generation trains from scratch (MAD's default: "each model is trained from scratch") unless
 * `warmStart`: then G^t starts from G^{t−1}'s generator and discriminator weights and
 * normalisation (fresh Adam moments), provided `options.previous` is a GAN model of the same
 * architecture; otherwise (generation 1, changed options) it starts from scratch.
 *
 * Sampling bias λ (latent truncation): samples are G(z) with z ~ N(0, λI), i.e. the latent's
 * standard deviation is scaled by √λ, as MAD's normalizing-flow experiment samples its latent from
 * N(0, λI) (App. B.4). It is the MLP analogue of StyleGAN's truncation, which MAD uses for its
 * GAN experiments (ψ = λ there interpolates the style vector towards its mean, a linear shrink by
 * ψ; here the latent variance shrinks by λ, so that a linear generator gives exactly the Gaussian
 * learner's N(μ, λΣ)). λ → 0 sends every sample to G(0): one point, the paper's "modes with zero
 * variance". Measured (tests/unit/neural-gan.test.ts): on Gaussian data the fitted GAN's sample
 * variance scales by ≈ λ; on well-separated modes λ < 1 shrinks the spread and the recall, but
 * unlike StyleGAN's truncation it does not raise precision: the generator splits latent space
 * into one region per mode, and z ≈ 0, where the regions meet, maps onto the bridges between modes.
 *
 * The fitted model: `mean` and `cov` are the moments of SUMMARY_SAMPLES (4096) generator samples
 * (λ = 1) drawn at fit time from a stream derived from the fit's Rng; `logDensity` is a Gaussian
 * KDE of DENSITY_POINTS (1024) of them (a GAN has no density; it only draws contours);
 * `iterations` = training steps; `dispose()` frees the weight tensors.
 *
 * `fitBatch` fits a run's replicates together: as one computation where that pays
 * (batched-mlp.ts: the same step over a replicate axis), one after another elsewhere; each
 * replicate draws from its own streams in the same order as `fit`.
 */
import * as tf from '@tensorflow/tfjs';
import type { FitJob, FitOptions, Learner, Model } from '../engine/learners/model';
import { BatchedMlp, oneAfterAnother, togetherOptions, trainsAsBatch } from './batched-mlp';
import type { Rng } from '../engine/random/prng';
import {
  abortError,
  checkAlive,
  checkData,
  denormalise,
  fitNormaliser,
  fitStreams,
  FlatAdam,
  minibatch,
  Mlp,
  normalise,
  type Normaliser,
  normals32,
  type PointNetworkOptions,
  pointNetworkOptions,
  pointNetworkSettings,
  runSteps,
  settled,
  summariseSample,
} from './common';

export interface GanOptions extends PointNetworkOptions {
  /** Dimension of the latent z. */
  latentDim: number;
}

const SETTINGS = pointNetworkSettings(['latentDim']);
export const GAN_DEFAULTS: GanOptions = SETTINGS.defaults;

const NAME = 'ganLearner';
/** Rows per generator call when sampling, to bound the size of the intermediate tensors. */
const SAMPLE_CHUNK = 8192;

export class GanModel implements Model {
  readonly kind = 'gan';
  mean: Float64Array = new Float64Array(0);
  cov: Float64Array = new Float64Array(0);
  private density: ((points: Float64Array, n: number) => Float64Array) | null = null;
  private disposed = false;

  constructor(
    readonly dim: number,
    readonly iterations: number,
    readonly generator: Mlp,
    readonly discriminator: Mlp,
    readonly normaliser: Normaliser,
    /** Generator parameters (owned). */
    readonly thetaG: tf.Tensor1D,
    /** Discriminator parameters, kept only for warm starts (owned). */
    readonly thetaD: tf.Tensor1D | null,
  ) {}

  get latentDim(): number {
    return this.generator.sizes[0];
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** n samples G(z), z ~ N(0, λI), latents drawn from `rng` (n × latentDim normals, row by row). */
  async sample(rng: Rng, n: number, lambda: number): Promise<Float64Array> {
    checkAlive(NAME, this.disposed);
    if (!(lambda > 0 && lambda <= 1)) throw new RangeError(`${NAME}: λ must be in (0, 1], got ${lambda}`);
    const d = this.dim;
    const k = this.latentDim;
    const z = normals32(rng, n * k, Math.sqrt(lambda));
    const out = new Float32Array(n * d);
    for (let start = 0; start < n; start += SAMPLE_CHUNK) {
      const rows = Math.min(SAMPLE_CHUNK, n - start);
      const y = tf.tidy(() => this.generator.apply(this.thetaG, tf.tensor2d(z.subarray(start * k, (start + rows) * k), [rows, k])));
      const values = (await y.data()) as Float32Array;
      y.dispose();
      out.set(values, start * d);
    }
    return denormalise(out, n, d, this.normaliser);
  }

  logDensity(points: Float64Array, n: number): Float64Array {
    checkAlive(NAME, this.disposed);
    if (this.density === null) throw new Error(`${NAME}: the model is not summarised yet`);
    return this.density(points, n);
  }

  /** Draws the fit-time sample behind mean, cov and logDensity. */
  async summarise(rng: Rng, samples: number): Promise<void> {
    const x = await this.sample(rng, samples, 1);
    const s = summariseSample(x, samples, this.dim);
    this.mean = s.mean;
    this.cov = s.cov;
    this.density = s.logDensity;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.thetaG.dispose();
    this.thetaD?.dispose();
  }
}

/** One replicate's fit, prepared: its data, streams and starting parameters. */
interface Prepared {
  d: number;
  n: number;
  generator: Mlp;
  discriminator: Mlp;
  streams: ReturnType<typeof fitStreams>;
  norm: Normaliser;
  x: Float32Array;
  /** Parameters to start from: G^{t−1}'s (warm start) or a fresh initialisation. */
  startG: tf.Tensor1D | Float32Array;
  startD: tf.Tensor1D | Float32Array;
}

/** One step's random numbers of one replicate: B real rows, then B·k latents for D, then for G. */
function drawStep(p: Prepared, B: number, k: number): { real: Float32Array; zD: Float32Array; zG: Float32Array } {
  const real = minibatch(p.x, p.n, p.d, B, p.streams.batches);
  const zD = normals32(p.streams.batches, B * k);
  const zG = normals32(p.streams.batches, B * k);
  return { real, zD, zG };
}

/** Starting parameters as a tensor: G^{t−1}'s itself (not owned) or a new one. */
const asTensor = (start: tf.Tensor1D | Float32Array) => (start instanceof tf.Tensor ? start : tf.tensor1d(start));
/** Starting parameters as a tensor the training owns. */
const ownTensor = (start: tf.Tensor1D | Float32Array) => (start instanceof tf.Tensor ? tf.clone(start) : tf.tensor1d(start));

export function ganLearner(options: Partial<GanOptions> = {}): Learner {
  const o = pointNetworkOptions(NAME, GAN_DEFAULTS, SETTINGS.ranges, options);
  const B = o.batchSize;
  const k = o.latentDim;

  function prepare(job: FitJob, signal?: AbortSignal): Prepared {
    const { data, n, rng, previous } = job;
    const d = checkData(NAME, data, n);
    const hidden = Array.from({ length: o.layers }, () => o.hidden);
    const generator = new Mlp([o.latentDim, ...hidden, d], 'relu');
    const discriminator = new Mlp([d, ...hidden, 1], 'leakyrelu', 0.2);
    if (o.warmStart && previous instanceof GanModel) checkAlive(`${NAME} (previous model)`, previous.isDisposed);
    const warm =
      o.warmStart &&
      previous instanceof GanModel &&
      previous.thetaD !== null &&
      previous.dim === d &&
      previous.generator.sameShape(generator) &&
      previous.discriminator.sameShape(discriminator)
        ? previous
        : null;
    if (signal?.aborted) throw abortError();
    const streams = fitStreams(rng);
    const norm = warm ? warm.normaliser : fitNormaliser(data, n, d);
    const x = normalise(data, n, d, norm);
    const initG = generator.init(streams.init);
    const initD = discriminator.init(streams.init);
    return { d, n, generator, discriminator, streams, norm, x, startG: warm ? warm.thetaG : initG, startD: warm ? (warm.thetaD as tf.Tensor1D) : initD };
  }

  /**
   * Discriminator loss on logits l of [real; fake]: (1/B) Σ softplus(s·l), s = −1 (real), +1
   * (fake), so ∂L/∂l = (s/B)·σ(s·l); `shape` is that of the logits ([2B, 1], or R×2B×1).
   */
  function discriminatorSigns(shape: number[]): { sign: tf.Tensor; signOverB: tf.Tensor } {
    const rows = shape.reduce((a, b) => a * b) / (2 * B);
    const signs = new Float32Array(rows * 2 * B);
    for (let r = 0; r < rows; r++) signs.fill(-1, r * 2 * B, r * 2 * B + B).fill(1, r * 2 * B + B, (r + 1) * 2 * B);
    return { sign: tf.tensor(signs, shape), signOverB: tf.tensor(signs.map((s) => s / B), shape) };
  }

  /** The models of the trained replicates with their fit-time summaries; on any failure frees them all. */
  async function finish(jobs: Prepared[], thetaG: tf.Tensor1D[], thetaD: tf.Tensor1D[], signal?: AbortSignal): Promise<GanModel[]> {
    const models = jobs.map((p, r) => new GanModel(p.d, o.steps, p.generator, p.discriminator, p.norm, thetaG[r], o.warmStart ? thetaD[r] : null));
    if (!o.warmStart) tf.dispose(thetaD);
    try {
      for (const [r, model] of models.entries()) await model.summarise(jobs[r].streams.summary, o.summarySamples);
      if (signal?.aborted) throw abortError();
      return models;
    } catch (error) {
      for (const model of models) model.dispose();
      throw error;
    }
  }

  /** Trains one replicate (Mlp on rank-2 tensors: the fastest path on wasm and cpu). */
  async function trainOne(p: Prepared, fitOptions?: Omit<FitOptions, 'previous'>): Promise<GanModel> {
    const { d, generator, discriminator } = p;
    let thetaG = ownTensor(p.startG);
    let thetaD = ownTensor(p.startD);
    const adamG = new FlatAdam(generator.size, o.learningRate, 0.5, 0.999, 1e-8);
    const adamD = new FlatAdam(discriminator.size, o.learningRate, 0.5, 0.999, 1e-8);
    const { sign, signOverB } = discriminatorSigns([2 * B, 1]);

    const step = () => {
      // Fresh arrays every step: a backend may keep a reference to an uploaded array.
      const { real, zD, zG } = drawStep(p, B, k);
      // Discriminator update.
      const gradD = tf.tidy(() => {
        const fake = generator.apply(thetaG, tf.tensor2d(zD, [B, k]));
        const trace = discriminator.forward(thetaD, tf.concat([tf.tensor2d(real, [B, d]), fake], 0));
        const dLogits = tf.mul(signOverB, tf.sigmoid(tf.mul(sign, trace.out))) as tf.Tensor2D;
        return discriminator.backward(trace, dLogits, { paramGrads: true, inputGrad: false }).dTheta as tf.Tensor1D;
      });
      const nextD = adamD.step(thetaD, gradD);
      gradD.dispose();
      thetaD.dispose();
      thetaD = nextD;
      // Generator update (non-saturating loss): ∂L/∂l = −σ(−l)/B.
      const gradG = tf.tidy(() => {
        const traceG = generator.forward(thetaG, tf.tensor2d(zG, [B, k]));
        const traceD = discriminator.forward(thetaD, traceG.out);
        const dLogits = tf.mul(tf.sigmoid(tf.neg(traceD.out)), -1 / B) as tf.Tensor2D;
        const dx = discriminator.backward(traceD, dLogits, { paramGrads: false, inputGrad: true }).dx as tf.Tensor2D;
        return generator.backward(traceG, dx, { paramGrads: true, inputGrad: false }).dTheta as tf.Tensor1D;
      });
      const nextG = adamG.step(thetaG, gradG);
      gradG.dispose();
      thetaG.dispose();
      thetaG = nextG;
    };

    try {
      await runSteps(o.steps, o.progressEvery, fitOptions, step, () => settled(thetaG));
    } catch (error) {
      tf.dispose([thetaG, thetaD]);
      throw error;
    } finally {
      adamG.dispose();
      adamD.dispose();
      tf.dispose([sign, signOverB]);
    }
    return (await finish([p], [thetaG], [thetaD], fitOptions?.signal))[0];
  }

  /** Trains the prepared replicates as one computation (batched-mlp.ts): trainOne's step over a replicate axis. */
  async function trainBatch(jobs: Prepared[], fitOptions?: Omit<FitOptions, 'previous'>): Promise<GanModel[]> {
    const R = jobs.length;
    const { d, generator, discriminator } = jobs[0];
    if (jobs.some((p) => p.d !== d)) throw new RangeError(`${NAME}: the fits of a batch must share the data dimension`);
    const netG = new BatchedMlp(generator);
    const netD = new BatchedMlp(discriminator);
    let thetaG = tf.tidy(() => tf.stack(jobs.map((p) => asTensor(p.startG))) as tf.Tensor2D);
    let thetaD = tf.tidy(() => tf.stack(jobs.map((p) => asTensor(p.startD))) as tf.Tensor2D);
    const adamG = new FlatAdam<tf.Tensor2D>([R, generator.size], o.learningRate, 0.5, 0.999, 1e-8);
    const adamD = new FlatAdam<tf.Tensor2D>([R, discriminator.size], o.learningRate, 0.5, 0.999, 1e-8);
    const { sign, signOverB } = discriminatorSigns([R, 2 * B, 1]);

    const step = () => {
      const real = new Float32Array(R * B * d);
      const zD = new Float32Array(R * B * k);
      const zG = new Float32Array(R * B * k);
      jobs.forEach((p, r) => {
        const drawn = drawStep(p, B, k);
        real.set(drawn.real, r * B * d);
        zD.set(drawn.zD, r * B * k);
        zG.set(drawn.zG, r * B * k);
      });
      const gradD = tf.tidy(() => {
        const fake = netG.apply(thetaG, tf.tensor3d(zD, [R, B, k]));
        const trace = netD.forward(thetaD, tf.concat([tf.tensor3d(real, [R, B, d]), fake], 1));
        const dLogits = tf.mul(signOverB, tf.sigmoid(tf.mul(sign, trace.out))) as tf.Tensor3D;
        return netD.backward(trace, dLogits, { paramGrads: true, inputGrad: false }).dTheta as tf.Tensor2D;
      });
      const nextD = adamD.step(thetaD, gradD);
      gradD.dispose();
      thetaD.dispose();
      thetaD = nextD;
      const gradG = tf.tidy(() => {
        const traceG = netG.forward(thetaG, tf.tensor3d(zG, [R, B, k]));
        const traceD = netD.forward(thetaD, traceG.out);
        const dLogits = tf.mul(tf.sigmoid(tf.neg(traceD.out)), -1 / B) as tf.Tensor3D;
        const dx = netD.backward(traceD, dLogits, { paramGrads: false, inputGrad: true }).dx as tf.Tensor3D;
        return netG.backward(traceG, dx, { paramGrads: true, inputGrad: false }).dTheta as tf.Tensor2D;
      });
      const nextG = adamG.step(thetaG, gradG);
      gradG.dispose();
      thetaG.dispose();
      thetaG = nextG;
    };

    try {
      await runSteps(o.steps, o.progressEvery, fitOptions, step, () => settled(thetaG));
      return await finish(jobs, tf.unstack(thetaG) as tf.Tensor1D[], tf.unstack(thetaD) as tf.Tensor1D[], fitOptions?.signal);
    } finally {
      tf.dispose([thetaG, thetaD, sign, signOverB]);
      adamG.dispose();
      adamD.dispose();
    }
  }

  return {
    async fit(data: Float64Array, n: number, rng: Rng, fitOptions?: FitOptions): Promise<GanModel> {
      return trainOne(prepare({ data, n, rng, previous: fitOptions?.previous }, fitOptions?.signal), fitOptions);
    },

    async fitBatch(jobs: readonly FitJob[], fitOptions?: Omit<FitOptions, 'previous'>): Promise<GanModel[]> {
      if (jobs.length === 0) return [];
      const prepared = jobs.map((job) => prepare(job, fitOptions?.signal));
      if (trainsAsBatch(o.batchReplicates, prepared.length)) return trainBatch(prepared, togetherOptions(fitOptions, prepared.length));
      return oneAfterAnother(prepared, fitOptions, trainOne);
    },
  };
}
