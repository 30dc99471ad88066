/**
 * What every learner produces: a fitted generative model G^t that can be sampled (with the
 * sampling bias λ), evaluated as a density (for contours) and summarised by its moments (for the
 * Fréchet distance and the parameter metrics).
 */
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
  sample(rng: Rng, n: number, lambda: number): Float64Array;
  /** Log density of the fitted model (λ = 1) at each of n points (row-major n×d). */
  logDensity(points: Float64Array, n: number): Float64Array;
  /** Iterations the fit took (EM); 0 for closed-form fits. */
  readonly iterations: number;
}

export interface Learner {
  /** Fits a model to n points (row-major n×d); `rng` drives any randomness of the fit. */
  fit(data: Float64Array, n: number, rng: Rng): Model;
}
