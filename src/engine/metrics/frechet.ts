/**
 * Fréchet distance between two Gaussians, the squared 2-Wasserstein distance (Dowson & Landau 1982):
 *
 *   FD = ‖μ1 − μ2‖² + tr(Σ1 + Σ2 − 2 (Σ2^{1/2} Σ1 Σ2^{1/2})^{1/2}).
 *
 * It is FID when the Gaussians are fits to feature embeddings, and MAD's "WD" in its Gaussian
 * experiments (which plot the squared value). The cross term's trace is the sum of the square
 * roots of the eigenvalues of Σ1 Σ2; for d ≤ 2 those have a closed form, which matters because
 * this runs every generation for every replicate.
 */
import { sqrtPsd, multiply, symmetricEigen, trace } from '../linalg/matrix';

export function frechetDistance(
  mean1: Float64Array,
  cov1: Float64Array,
  mean2: Float64Array,
  cov2: Float64Array,
  d: number,
): number {
  if (mean1.length !== d || mean2.length !== d || cov1.length !== d * d || cov2.length !== d * d)
    throw new Error(`frechetDistance: expected means of length ${d} and ${d}×${d} covariances`);
  // Plain loops: this runs for every replicate and generation, and closures cost more than the sum.
  for (const a of [mean1, cov1, mean2, cov2])
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) throw new Error('frechetDistance: non-finite mean or covariance');
  let meanTerm = 0;
  for (let j = 0; j < d; j++) meanTerm += (mean1[j] - mean2[j]) ** 2;
  const fd = meanTerm + trace(cov1, d) + trace(cov2, d) - 2 * traceSqrtProduct(cov1, cov2, d);
  // Equal or nearly equal covariances cancel to a tiny negative number by round-off.
  return Math.max(fd, 0);
}

/** tr (Σ2^{1/2} Σ1 Σ2^{1/2})^{1/2} for symmetric PSD Σ1, Σ2. */
function traceSqrtProduct(a: Float64Array, b: Float64Array, d: number): number {
  if (d === 1) return Math.sqrt(Math.max(a[0] * b[0], 0));
  if (d === 2) {
    // For a 2×2 PSD M: (√λ1 + √λ2)² = tr M + 2 √det M, with tr M = tr(Σ1 Σ2), det M = det Σ1 det Σ2.
    const trProduct = a[0] * b[0] + a[1] * b[2] + a[2] * b[1] + a[3] * b[3];
    const det1 = Math.max(a[0] * a[3] - a[1] * a[2], 0);
    const det2 = Math.max(b[0] * b[3] - b[1] * b[2], 0);
    // √det1 · √det2, not √(det1 · det2): the product of two determinants overflows first.
    return Math.sqrt(Math.max(trProduct + 2 * Math.sqrt(det1) * Math.sqrt(det2), 0));
  }
  const root = sqrtPsd(b, d);
  const m = multiply(multiply(root, a, d), root, d);
  // The product is symmetric only up to round-off; the Jacobi solver reads one triangle.
  for (let i = 0; i < d; i++)
    for (let j = i + 1; j < d; j++) m[i * d + j] = m[j * d + i] = (m[i * d + j] + m[j * d + i]) / 2;
  let s = 0;
  for (const v of symmetricEigen(m, d).values) if (v > 0) s += Math.sqrt(v);
  return s;
}
