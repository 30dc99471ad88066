/**
 * A small DDPM (Ho et al. 2020) for low-dimensional data: an MLP denoiser ε_θ(x_t, t) predicts the
 * noise added to a data point; sampling runs the ancestral reverse process.
 *
 * - Forward process: x_t = √ᾱ_t·x_0 + √(1−ᾱ_t)·ε, ε ~ N(0, I), t = 1..T (`diffusionSteps`,
 *   default 100), cosine schedule (Nichol & Dhariwal 2021, offset s = 0.008, β_t ≤ 0.999).
 * - Denoiser: input [x_t, e(t)] with a sinusoidal time embedding e(t) of 16 features
 *   (sin and cos of t·ω_k, ω_k = 1000^(−k/8), k = 0..7: periods from 2π to ~2400 steps),
 *   `layers` hidden ReLU layers of `hidden` units, linear output of dimension d.
 * - Loss: ‖ε_θ(x_t, t) − ε‖² averaged over the minibatch and coordinates (the "simple" loss), t
 *   uniform on 1..T; Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e−8).
 * - Sampling: x_T ~ N(0, λI); for t = T..1, x_{t−1} = μ̃_t(x_t, x̂_0) + √λ·σ_t·z, z ~ N(0, I), with
 *   the predicted clean point x̂_0 = (x_t − √(1−ᾱ_t)·ε_θ(x_t, t))/√ᾱ_t clipped to ±1.2 × the largest
 *   |coordinate| of the (normalised) training set, the posterior mean
 *   μ̃_t = √ᾱ_{t−1}β_t/(1−ᾱ_t)·x̂_0 + √α_t(1−ᾱ_{t−1})/(1−ᾱ_t)·x_t, σ_t² = β̃_t = β_t(1−ᾱ_{t−1})/(1−ᾱ_t)
 *   (the posterior variance) and no noise at t = 1. Unclipped, this is Ho et al.'s ε-form update;
 *   the clip (their "clip_denoised", [−1, 1] for images) matters because the cosine schedule's last
 *   steps have β_t up to 0.999, so an imperfect ε_θ at t ≈ T is amplified up to 1/√α_t ≈ 30×:
 *   without it a fresh-data loop produced a few samples at 10⁸ and an FD of 10¹⁷.
 *
 * Sampling bias λ (reduced sampling noise): the initial noise and every step's noise variance are
 * scaled by λ, the temperature-like knob of score-based samplers. MAD biases its (conditional)
 * DDPM with classifier-free guidance, λ = 1/(1+w) (notes §1.3); guidance needs a class-conditional
 * model, and for an unconditional 2-D toy there is no class to guide towards. Guidance and reduced
 * noise have the same effect — samples concentrate on high-density regions, precision rises,
 * recall falls — and scaling the noise gives exactly the paper's two end points: λ = 1 samples
 * the model, λ → 0 makes the reverse process deterministic from x_T = 0, so every sample lands on
 * one point ("sampling from the modes with zero variance"). For Gaussian data and an exact
 * (affine) denoiser every noise source of the (then linear) reverse process scales by √λ, so the
 * samples are exactly N(μ₁, λΣ₁) — the Gaussian learner's semantics; the fitted DDPM reproduces
 * that within a few per cent (tests/unit/neural-diffusion.test.ts), and on separated modes it
 * keeps or raises precision while recall falls, as MAD reports for guidance.
 *
 * Data normalisation, minibatches, warm start (copies the denoiser weights and normalisation of a
 * DDPM G^{t−1} of the same architecture; fresh Adam moments), the fit-time moments (4096 samples
 * with λ = 1), the KDE logDensity and dispose() are as for the GAN (see gan.ts).
 * `fitBatch` fits a run's replicates together, as the GAN's does.
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
  YIELD_EVERY_MS,
  yieldToEventLoop,
} from './common';

export interface DiffusionOptions extends PointNetworkOptions {
  /** Number T of diffusion (noise) steps; sampling runs T denoiser passes. */
  diffusionSteps: number;
}

const SETTINGS = pointNetworkSettings(['diffusionSteps']);
export const DIFFUSION_DEFAULTS: DiffusionOptions = SETTINGS.defaults;

const NAME = 'diffusionLearner';
/** Features of the sinusoidal time embedding. */
const EMBEDDING = 16;
/** x̂_0 is clipped to ± this × the training set's largest |normalised coordinate|. */
const CLIP_MARGIN = 1.2;
/** Rows per reverse-process batch when sampling. */
const SAMPLE_CHUNK = 8192;

/** The noise schedule of T steps, float64, index t = 1..T (index 0: ᾱ_0 = 1). */
export interface Schedule {
  readonly T: number;
  readonly beta: Float64Array;
  readonly alphaBar: Float64Array;
}

/** Cosine schedule of Nichol & Dhariwal (2021): ᾱ(t) = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s)·π/2). */
export function cosineSchedule(T: number, s = 0.008): Schedule {
  const f = (t: number) => Math.cos((((t / T + s) / (1 + s)) * Math.PI) / 2) ** 2;
  const beta = new Float64Array(T + 1);
  const alphaBar = new Float64Array(T + 1);
  alphaBar[0] = 1;
  for (let t = 1; t <= T; t++) {
    beta[t] = Math.min(1 - f(t) / f(t - 1), 0.999);
    alphaBar[t] = alphaBar[t - 1] * (1 - beta[t]);
  }
  return { T, beta, alphaBar };
}

/** Time embedding table, (T+1) × EMBEDDING, row t = [sin(tω_0..7), cos(tω_0..7)]. */
function embeddingTable(T: number): Float32Array {
  const half = EMBEDDING / 2;
  const table = new Float32Array((T + 1) * EMBEDDING);
  for (let t = 0; t <= T; t++)
    for (let k = 0; k < half; k++) {
      const w = Math.pow(1000, -k / half);
      table[t * EMBEDDING + k] = Math.sin(t * w);
      table[t * EMBEDDING + half + k] = Math.cos(t * w);
    }
  return table;
}

export class DiffusionModel implements Model {
  readonly kind = 'diffusion';
  mean: Float64Array = new Float64Array(0);
  cov: Float64Array = new Float64Array(0);
  private density: ((points: Float64Array, n: number) => Float64Array) | null = null;
  private disposed = false;
  private readonly table: Float32Array;

  constructor(
    readonly dim: number,
    readonly iterations: number,
    readonly denoiser: Mlp,
    readonly schedule: Schedule,
    readonly normaliser: Normaliser,
    /** Bound on |x̂_0| (normalised units) in the reverse process. */
    readonly clip: number,
    /** Denoiser parameters (owned). */
    readonly theta: tf.Tensor1D,
  ) {
    this.table = embeddingTable(schedule.T);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * n samples of the reverse process with noise variance × λ. Noise is drawn from `rng` in a fixed
   * order: x_T (n×d normals), then n×d normals for each step t = T..2.
   */
  async sample(rng: Rng, n: number, lambda: number): Promise<Float64Array> {
    return this.reverse(rng, n, lambda);
  }

  /**
   * The reverse process. It yields to the event loop at least every YIELD_EVERY_MS between
   * denoising steps, and with a `signal` (the fit-time summary) stops at the next step once
   * aborted, rejecting with an AbortError.
   */
  private async reverse(rng: Rng, n: number, lambda: number, signal?: AbortSignal): Promise<Float64Array> {
    checkAlive(NAME, this.disposed);
    if (!(lambda > 0 && lambda <= 1)) throw new RangeError(`${NAME}: λ must be in (0, 1], got ${lambda}`);
    const d = this.dim;
    const { T, beta, alphaBar } = this.schedule;
    const root = Math.sqrt(lambda);
    const out = new Float32Array(n * d);
    const chunks: { start: number; rows: number; x: tf.Tensor2D }[] = [];
    const xT = new Float32Array(n * d);
    for (let i = 0; i < n * d; i++) xT[i] = root * rng.normal();
    for (let start = 0; start < n; start += SAMPLE_CHUNK) {
      const rows = Math.min(SAMPLE_CHUNK, n - start);
      chunks.push({ start, rows, x: tf.tensor2d(xT.subarray(start * d, (start + rows) * d), [rows, d]) });
    }
    let lastYield = performance.now();
    try {
      for (let t = T; t >= 1; t--) {
        if (performance.now() - lastYield >= YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
        if (signal?.aborted) throw abortError();
        const sab = Math.sqrt(alphaBar[t]);
        const s1ab = Math.sqrt(1 - alphaBar[t]);
        const coefX0 = (Math.sqrt(alphaBar[t - 1]) * beta[t]) / (1 - alphaBar[t]);
        const coefXt = (Math.sqrt(1 - beta[t]) * (1 - alphaBar[t - 1])) / (1 - alphaBar[t]);
        const sigma = t > 1 ? Math.sqrt((beta[t] * (1 - alphaBar[t - 1])) / (1 - alphaBar[t])) : 0;
        // A fresh array every step: a backend may keep a reference to an uploaded array.
        const noise = t > 1 ? normals32(rng, n * d, root * sigma) : null;
        const emb = this.table.subarray(t * EMBEDDING, (t + 1) * EMBEDDING);
        for (const chunk of chunks) {
          const next = tf.tidy(() => {
            const e = tf.tile(tf.tensor2d(emb, [1, EMBEDDING]), [chunk.rows, 1]);
            const eps = this.denoiser.apply(this.theta, tf.concat([chunk.x, e], 1));
            const x0 = tf.clipByValue(tf.div(tf.sub(chunk.x, tf.mul(eps, s1ab)), sab), -this.clip, this.clip);
            const mean = tf.add(tf.mul(x0, coefX0), tf.mul(chunk.x, coefXt));
            if (t === 1) return mean as tf.Tensor2D;
            return tf.add(mean, tf.tensor2d((noise as Float32Array).subarray(chunk.start * d, (chunk.start + chunk.rows) * d), [chunk.rows, d])) as tf.Tensor2D;
          });
          chunk.x.dispose();
          chunk.x = next;
        }
      }
      for (const chunk of chunks) out.set((await chunk.x.data()) as Float32Array, chunk.start * d);
    } finally {
      for (const chunk of chunks) chunk.x.dispose();
    }
    return denormalise(out, n, d, this.normaliser);
  }

  logDensity(points: Float64Array, n: number): Float64Array {
    checkAlive(NAME, this.disposed);
    if (this.density === null) throw new Error(`${NAME}: the model is not summarised yet`);
    return this.density(points, n);
  }

  async summarise(rng: Rng, samples: number, signal?: AbortSignal): Promise<void> {
    const x = await this.reverse(rng, samples, 1, signal);
    const s = summariseSample(x, samples, this.dim);
    this.mean = s.mean;
    this.cov = s.cov;
    this.density = s.logDensity;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.theta.dispose();
  }
}

/** CLIP_MARGIN × the largest |coordinate| of the normalised training set. */
function clipBound(x: Float32Array): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]));
  return CLIP_MARGIN * max + 1e-6;
}

/** One replicate's fit, prepared: its data, streams and starting parameters. */
interface Prepared {
  d: number;
  n: number;
  denoiser: Mlp;
  streams: ReturnType<typeof fitStreams>;
  norm: Normaliser;
  x0: Float32Array;
  /** θ to start from: G^{t−1}'s (warm start) or a fresh initialisation. */
  start: tf.Tensor1D | Float32Array;
}

export function diffusionLearner(options: Partial<DiffusionOptions> = {}): Learner {
  const o = pointNetworkOptions(NAME, DIFFUSION_DEFAULTS, SETTINGS.ranges, options);
  const schedule = cosineSchedule(o.diffusionSteps);
  const table = embeddingTable(o.diffusionSteps);
  const { T, alphaBar } = schedule;
  const sqrtAb = alphaBar.map(Math.sqrt);
  const sqrt1mAb = alphaBar.map((v) => Math.sqrt(1 - v));

  function prepare(job: FitJob, signal?: AbortSignal): Prepared {
    const { data, n, rng, previous } = job;
    const d = checkData(NAME, data, n);
    const denoiser = new Mlp([d + EMBEDDING, ...Array.from({ length: o.layers }, () => o.hidden), d], 'relu');
    if (o.warmStart && previous instanceof DiffusionModel) checkAlive(`${NAME} (previous model)`, previous.isDisposed);
    const warm =
      o.warmStart && previous instanceof DiffusionModel && previous.dim === d && previous.schedule.T === schedule.T && previous.denoiser.sameShape(denoiser)
        ? previous
        : null;
    if (signal?.aborted) throw abortError();
    const streams = fitStreams(rng);
    const norm = warm ? warm.normaliser : fitNormaliser(data, n, d);
    const x0 = normalise(data, n, d, norm);
    const init = denoiser.init(streams.init);
    return { d, n, denoiser, streams, norm, x0, start: warm ? warm.theta : init };
  }

  /**
   * One minibatch of replicate `p` into rows `row`.. of `input` and `eps`: per row a uniform data
   * index j, t uniform on 1..T and ε ~ N(0, I), drawn in that order from its own stream.
   */
  function drawMinibatch(p: Prepared, input: Float32Array, eps: Float32Array, row: number): void {
    const { d, n, x0 } = p;
    const rngB = p.streams.batches;
    const width = d + EMBEDDING;
    for (let i = row; i < row + o.batchSize; i++) {
      const j = rngB.int(n);
      const t = 1 + rngB.int(T);
      for (let a = 0; a < d; a++) {
        const e = rngB.normal();
        eps[i * d + a] = e;
        input[i * width + a] = sqrtAb[t] * x0[j * d + a] + sqrt1mAb[t] * e;
      }
      input.set(table.subarray(t * EMBEDDING, (t + 1) * EMBEDDING), i * width + d);
    }
  }

  /** The model of replicate `p` with trained parameters θ (owned by the model). */
  const modelOf = (p: Prepared, theta: tf.Tensor1D) => new DiffusionModel(p.d, o.steps, p.denoiser, schedule, p.norm, clipBound(p.x0), theta);

  /** Draws each model's fit-time summary; on any failure frees them all. */
  async function summarised(models: DiffusionModel[], jobs: Prepared[], signal?: AbortSignal): Promise<DiffusionModel[]> {
    try {
      for (const [r, model] of models.entries()) await model.summarise(jobs[r].streams.summary, o.summarySamples, signal);
      if (signal?.aborted) throw abortError();
      return models;
    } catch (error) {
      for (const model of models) model.dispose();
      throw error;
    }
  }

  /** Trains one replicate (Mlp on rank-2 tensors: the fastest path on wasm and cpu). */
  async function trainOne(p: Prepared, fitOptions?: Omit<FitOptions, 'previous'>): Promise<DiffusionModel> {
    const { d, denoiser } = p;
    const B = o.batchSize;
    const width = d + EMBEDDING;
    let theta: tf.Tensor1D = p.start instanceof tf.Tensor ? tf.clone(p.start) : tf.tensor1d(p.start);
    const adam = new FlatAdam(denoiser.size, o.learningRate, 0.9, 0.999, 1e-8);
    const lossScale = 2 / (B * d);
    const step = () => {
      // Fresh arrays every step: a backend may keep a reference to an uploaded array.
      const input = new Float32Array(B * width);
      const eps = new Float32Array(B * d);
      drawMinibatch(p, input, eps, 0);
      const grad = tf.tidy(() => {
        const trace = denoiser.forward(theta, tf.tensor2d(input, [B, width]));
        const dOut = tf.mul(tf.sub(trace.out, tf.tensor2d(eps, [B, d])), lossScale) as tf.Tensor2D;
        return denoiser.backward(trace, dOut, { paramGrads: true, inputGrad: false }).dTheta as tf.Tensor1D;
      });
      const next = adam.step(theta, grad);
      grad.dispose();
      theta.dispose();
      theta = next;
    };
    try {
      await runSteps(o.steps, o.progressEvery, fitOptions, step, () => settled(theta));
    } catch (error) {
      theta.dispose();
      throw error;
    } finally {
      adam.dispose();
    }
    return (await summarised([modelOf(p, theta)], [p], fitOptions?.signal))[0];
  }

  /** Trains the prepared replicates as one computation (batched-mlp.ts) and returns their models. */
  async function trainBatch(jobs: Prepared[], fitOptions?: Omit<FitOptions, 'previous'>): Promise<DiffusionModel[]> {
    const R = jobs.length;
    const { d, denoiser } = jobs[0];
    if (jobs.some((p) => p.d !== d)) throw new RangeError(`${NAME}: the fits of a batch must share the data dimension`);
    const net = new BatchedMlp(denoiser);
    const B = o.batchSize;
    const width = d + EMBEDDING;
    let theta = tf.tidy(() => tf.stack(jobs.map((p) => (p.start instanceof tf.Tensor ? p.start : tf.tensor1d(p.start)))) as tf.Tensor2D);
    const adam = new FlatAdam<tf.Tensor2D>([R, denoiser.size], o.learningRate, 0.9, 0.999, 1e-8);
    const lossScale = 2 / (B * d);
    const step = () => {
      const input = new Float32Array(R * B * width);
      const eps = new Float32Array(R * B * d);
      jobs.forEach((p, r) => drawMinibatch(p, input, eps, r * B));
      const grad = tf.tidy(() => {
        const trace = net.forward(theta, tf.tensor3d(input, [R, B, width]));
        const dOut = tf.mul(tf.sub(trace.out, tf.tensor3d(eps, [R, B, d])), lossScale) as tf.Tensor3D;
        return net.backward(trace, dOut, { paramGrads: true, inputGrad: false }).dTheta as tf.Tensor2D;
      });
      const next = adam.step(theta, grad);
      grad.dispose();
      theta.dispose();
      theta = next;
    };
    try {
      await runSteps(o.steps, o.progressEvery, fitOptions, step, () => settled(theta));
      const thetas = tf.unstack(theta) as tf.Tensor1D[];
      return await summarised(jobs.map((p, r) => modelOf(p, thetas[r])), jobs, fitOptions?.signal);
    } finally {
      theta.dispose();
      adam.dispose();
    }
  }

  return {
    async fit(data: Float64Array, n: number, rng: Rng, fitOptions?: FitOptions): Promise<DiffusionModel> {
      return trainOne(prepare({ data, n, rng, previous: fitOptions?.previous }, fitOptions?.signal), fitOptions);
    },

    async fitBatch(jobs: readonly FitJob[], fitOptions?: Omit<FitOptions, 'previous'>): Promise<DiffusionModel[]> {
      if (jobs.length === 0) return [];
      const prepared = jobs.map((job) => prepare(job, fitOptions?.signal));
      if (trainsAsBatch(o.batchReplicates, prepared.length)) return trainBatch(prepared, togetherOptions(fitOptions, prepared.length));
      return oneAfterAnother(prepared, fitOptions, trainOne);
    },
  };
}
