/**
 * Equal-weight isotropic Gaussian mixtures in 2-D: the ring of 8 and the 5×5 grid of 25 used
 * throughout the GAN mode-collapse literature (the grid as in Che et al. 2020).
 */
import type { Rng } from '../random/prng';
import type { Distribution } from './distribution';

/** Ring of 8 modes on a circle of radius 2, each with standard deviation 0.1. */
export const RING = { count: 8, radius: 2, sigma: 0.1 } as const;
/** Grid of 5×5 modes at {−4, −2, 0, 2, 4}², each with standard deviation 0.1. */
export const GRID = { side: 5, spacing: 2, sigma: 0.1 } as const;

export function isotropicMixture(centers: Float64Array, sigma: number): Distribution {
  const count = centers.length / 2;
  const mean = new Float64Array(2);
  for (let k = 0; k < count; k++) {
    mean[0] += centers[2 * k] / count;
    mean[1] += centers[2 * k + 1] / count;
  }
  // Law of total covariance: spread of the centres plus each mode's own σ² I.
  const cov = new Float64Array(4);
  for (let k = 0; k < count; k++) {
    const dx = centers[2 * k] - mean[0];
    const dy = centers[2 * k + 1] - mean[1];
    cov[0] += (dx * dx) / count;
    cov[1] += (dx * dy) / count;
    cov[3] += (dy * dy) / count;
  }
  cov[2] = cov[1];
  cov[0] += sigma * sigma;
  cov[3] += sigma * sigma;
  return {
    dim: 2,
    mean,
    cov,
    modes: { centers, count, sigma },
    sample(rng: Rng, n: number) {
      const out = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        const k = rng.int(count);
        out[2 * i] = centers[2 * k] + sigma * rng.normal();
        out[2 * i + 1] = centers[2 * k + 1] + sigma * rng.normal();
      }
      return out;
    },
  };
}

export function ring(): Distribution {
  const centers = new Float64Array(2 * RING.count);
  for (let k = 0; k < RING.count; k++) {
    const a = (2 * Math.PI * k) / RING.count;
    centers[2 * k] = RING.radius * Math.cos(a);
    centers[2 * k + 1] = RING.radius * Math.sin(a);
  }
  return isotropicMixture(centers, RING.sigma);
}

export function grid(): Distribution {
  const centers = new Float64Array(2 * GRID.side * GRID.side);
  const half = (GRID.side - 1) / 2;
  for (let i = 0; i < GRID.side; i++)
    for (let j = 0; j < GRID.side; j++) {
      const k = i * GRID.side + j;
      centers[2 * k] = (i - half) * GRID.spacing;
      centers[2 * k + 1] = (j - half) * GRID.spacing;
    }
  return isotropicMixture(centers, GRID.sigma);
}
