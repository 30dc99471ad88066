/**
 * What every learner produces: a fitted generative model G^t that can be sampled (with the
 * sampling bias λ), evaluated as a density (for contours) and summarised by its moments (for the
 * Fréchet distance and the parameter metrics). Closed-form learners answer at once; neural
 * learners (TensorFlow.js, outside the engine) answer with promises, and the loops await both.
 */
import type { DigitModel } from '../digits/digits';
import type { Rng } from '../random/prng';

export interface Model {
  readonly dim: number;
  /** Mean of the fitted distribution (λ = 1). */
  readonly mean: Float64Array;
  /** Covariance of the fitted distribution (λ = 1), d×d row-major. */
  readonly cov: Float64Array;
  /**
   * n draws (row-major n×d) with sampling bias λ ∈ (0, 1]: λ = 1 samples the fitted model itself;
   * smaller λ trades diversity for quality as each learner documents.
   */
  sample(rng: Rng, n: number, lambda: number): Float64Array | Promise<Float64Array>;
  /** Log density of the fitted model (λ = 1) at each of n points (row-major n×d). */
  logDensity(points: Float64Array, n: number): Float64Array | Promise<Float64Array>;
  /** Iterations the fit took (EM iterations, training steps); 0 for closed-form fits. */
  readonly iterations: number;
  /** Frees what the model holds outside the JavaScript heap (tensors) once it is no longer used. */
  dispose?(): void;
}

export interface FitOptions {
  /** Stops training within one step; fit then rejects with an AbortError. */
  signal?: AbortSignal;
  /** Training progress of iterative learners, called every few steps. */
  onProgress?(step: number, steps: number): void;
  /** G^{t−1}, for learners that can warm-start from it (each checks that it is its own kind). */
  previous?: Model | DigitModel | null;
}

export interface Learner {
  /** Fits a model to n points (row-major n×d); `rng` drives any randomness of the fit. */
  fit(data: Float64Array, n: number, rng: Rng, options?: FitOptions): Model | Promise<Model>;
  /**
   * Fits one model per job, as one computation where the learner finds that it pays (the
   * replicates of a run trained together, so that per-operation costs are paid once). Model i is
   * what `fit` gives for job i, up to rounding, whatever the other jobs. `onProgress(step, steps)`
   * counts training steps summed over the jobs. Offered by the neural learners of points.
   */
  fitBatch?(jobs: readonly FitJob[], options?: Omit<FitOptions, 'previous'>): Promise<Model[]>;
}

/** One fit of a batch: `fit`'s arguments. */
export interface FitJob {
  data: Float64Array;
  n: number;
  rng: Rng;
  previous?: FitOptions['previous'];
}

/** A model of a closed-form learner (Gaussian, GMM, KDE): it samples and evaluates at once. */
export interface ClosedFormModel extends Model {
  sample(rng: Rng, n: number, lambda: number): Float64Array;
  logDensity(points: Float64Array, n: number): Float64Array;
}
