/**
 * A real data distribution P_r: samples plus its exact moments (the reference for the Fréchet
 * distance) and, for mixtures, the modes used by the coverage metrics.
 */
import type { Rng } from '../random/prng';

export interface Modes {
  /** K mode centres, K×d row-major. */
  readonly centers: Float64Array;
  readonly count: number;
  /** Per-coordinate standard deviation of each mode. */
  readonly sigma: number;
}

export interface Distribution {
  readonly dim: number;
  /** n draws, row-major n×d. */
  sample(rng: Rng, n: number): Float64Array;
  readonly mean: Float64Array;
  /** d×d row-major. */
  readonly cov: Float64Array;
  /** Present for the ring and the grid. */
  readonly modes: Modes | null;
}
