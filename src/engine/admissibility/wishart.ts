/**
 * Random variates for the sufficient statistics of Gaussian samples: n draws of N(m, C) have a
 * sample mean x̄ ~ N(m, C/n) and, independently, a scatter Σ(x − x̄)(x − x̄)ᵀ ~ W_d(C, n − 1).
 * Drawing these directly costs O(d³) per batch instead of O(n d²), whatever the batch size.
 */
import type { Rng } from '../random/prng';

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 through Gamma(shape + 1)·U^(1/shape). */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** χ² with k > 0 degrees of freedom. */
export function chiSquare(rng: Rng, k: number): number {
  return 2 * gamma(rng, k / 2);
}

/**
 * W ~ W_d(I, k), d×d row-major. For k ≥ d by Bartlett's decomposition W = A Aᵀ (A lower
 * triangular, A_ii² ~ χ²_{k−i}, i = 0..d−1, A_ij ~ N(0, 1) below the diagonal); for k < d the
 * matrix is singular and is the scatter of k standard normal vectors.
 */
export function wishartIdentity(rng: Rng, d: number, k: number): Float64Array {
  const w = new Float64Array(d * d);
  if (k <= 0) return w;
  if (d === 1) {
    w[0] = chiSquare(rng, k);
    return w;
  }
  const a = new Float64Array(d * d);
  if (k >= d) {
    for (let i = 0; i < d; i++) {
      a[i * d + i] = Math.sqrt(chiSquare(rng, k - i));
      for (let j = 0; j < i; j++) a[i * d + j] = rng.normal();
    }
  } else {
    // Rows of a are the k vectors, stored in the first k rows.
    for (let i = 0; i < k * d; i++) a[i] = rng.normal();
  }
  const rows = k >= d ? d : k;
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      if (k >= d) for (let l = 0; l <= j; l++) s += a[i * d + l] * a[j * d + l];
      else for (let l = 0; l < rows; l++) s += a[l * d + i] * a[l * d + j];
      w[i * d + j] = w[j * d + i] = s;
    }
  return w;
}
