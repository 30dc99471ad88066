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
 */
import * as tf from '@tensorflow/tfjs';
import type { FitOptions, Learner, Model } from '../engine/learners/model';
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

export function ganLearner(options: Partial<GanOptions> = {}): Learner {
  const o = pointNetworkOptions(NAME, GAN_DEFAULTS, SETTINGS.ranges, options);

  return {
    async fit(data: Float64Array, n: number, rng: Rng, fitOptions?: FitOptions): Promise<GanModel> {
      const d = checkData(NAME, data, n);
      const hidden = Array.from({ length: o.layers }, () => o.hidden);
      const generator = new Mlp([o.latentDim, ...hidden, d], 'relu');
      const discriminator = new Mlp([d, ...hidden, 1], 'leakyrelu', 0.2);
      const previous = fitOptions?.previous;
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
      if (fitOptions?.signal?.aborted) throw abortError();
      const streams = fitStreams(rng);
      const norm = warm ? warm.normaliser : fitNormaliser(data, n, d);
      const x = normalise(data, n, d, norm);
      const initG = generator.init(streams.init);
      const initD = discriminator.init(streams.init);

      const B = o.batchSize;
      const k = o.latentDim;
      let thetaG: tf.Tensor1D = warm ? tf.clone(warm.thetaG) : tf.tensor1d(initG);
      let thetaD: tf.Tensor1D = warm ? tf.clone(warm.thetaD as tf.Tensor1D) : tf.tensor1d(initD);
      const adamG = new FlatAdam(generator.size, o.learningRate, 0.5, 0.999, 1e-8);
      const adamD = new FlatAdam(discriminator.size, o.learningRate, 0.5, 0.999, 1e-8);
      // Discriminator loss on logits l of [real; fake]: (1/B) Σ softplus(s·l), s = −1 (real), +1 (fake),
      // so ∂L/∂l = (s/B)·σ(s·l).
      const signs = new Float32Array(2 * B);
      signs.fill(-1, 0, B).fill(1, B);
      const sign = tf.tensor2d(signs, [2 * B, 1]);
      const signOverB = tf.tensor2d(signs.map((s) => s / B), [2 * B, 1]);

      const step = () => {
        // Fresh arrays every step: a backend may keep a reference to an uploaded array.
        const real = minibatch(x, n, d, B, streams.batches);
        const zD = normals32(streams.batches, B * k);
        const zG = normals32(streams.batches, B * k);
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

      let model: GanModel | null = null;
      try {
        await runSteps(o.steps, o.progressEvery, fitOptions, step, () => settled(thetaG));
        model = new GanModel(d, o.steps, generator, discriminator, norm, thetaG, o.warmStart ? thetaD : null);
        await model.summarise(streams.summary, o.summarySamples);
        if (fitOptions?.signal?.aborted) throw abortError();
        if (!o.warmStart) thetaD.dispose();
        return model;
      } catch (error) {
        if (model) model.dispose();
        else thetaG.dispose();
        if (!thetaD.isDisposed) thetaD.dispose();
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

