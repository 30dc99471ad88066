/**
 * The learner/model contract in the async form the engine is moving to. A local copy for the
 * neural learners: the lead will move these shapes into src/engine/learners/model.ts and delete
 * this file (the shapes are exactly the ones agreed for the engine).
 */
import type { Rng } from '../engine/random/prng';

export interface FitOptions {
  /** Aborts training within one step; fit then rejects with an AbortError (DOMException name 'AbortError'). */
  signal?: AbortSignal;
  /** Training progress, called at most every few steps. */
  onProgress?(step: number, steps: number): void;
  /** G^{t−1}, for learners that can warm-start from it. */
  previous?: Model | null;
}

export interface Learner {
  fit(data: Float64Array, n: number, rng: Rng, options?: FitOptions): Model | Promise<Model>;
}

export interface Model {
  readonly dim: number;
  /** Mean of G^t (λ = 1). */
  readonly mean: Float64Array;
  /** Covariance of G^t (λ = 1), d×d row-major. */
  readonly cov: Float64Array;
  sample(rng: Rng, n: number, lambda: number): Float64Array | Promise<Float64Array>;
  logDensity(points: Float64Array, n: number): Float64Array | Promise<Float64Array>;
  /** Training steps used. */
  readonly iterations: number;
  /** Frees resources (tensors) when the model is no longer needed. */
  dispose?(): void;
}
