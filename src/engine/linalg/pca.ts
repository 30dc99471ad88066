/**
 * The leading principal subspace of a data matrix by randomized range finding with power
 * iterations (Halko, Martinsson & Tropp 2011, algorithms 4.4 and 5.1; scikit-learn's
 * `svd_solver='randomized'`): a few products of the data with p×(d + oversample) blocks instead of
 * the p×p covariance and its full eigen-decomposition.
 *
 * The products skip zero entries and centre implicitly (XcΩ = XΩ − 1(μᵀΩ)), because digit images
 * are mostly background: a real MNIST digit has about 150 non-zero pixels of 784.
 *
 * A generator that models the data inside the subspace depends on the subspace, not on its exact
 * axes, so the few power iterations that capture the leading variance are enough.
 */
import type { Rng } from '../random/prng';
import { symmetricEigen } from './matrix';

export interface PrincipalSubspace {
  /** Dimension of the data. */
  readonly p: number;
  /** Number of components kept. */
  readonly d: number;
  /** The data mean (p). */
  readonly mean: Float64Array;
  /** d orthonormal directions as rows (d×p, row-major), by decreasing variance. */
  readonly basis: Float64Array;
  /** The data variance (÷n) along each direction. */
  readonly variances: Float64Array;
}

export interface PcaOptions {
  /** Extra random directions beyond d that make the range finder accurate (Halko et al. §4.2). */
  oversample?: number;
  /** Passes of XᵀX that separate the leading directions from the rest (Halko et al. §4.5). */
  powerIterations?: number;
}

/** The non-zero entries of an n×p row-major matrix, row by row (compressed sparse rows). */
interface SparseRows {
  n: number;
  p: number;
  start: Int32Array;
  column: Int32Array;
  value: Float64Array;
}

function sparseRows(x: Float64Array, n: number, p: number): SparseRows {
  let nonZero = 0;
  for (let i = 0; i < n * p; i++) if (x[i] !== 0) nonZero++;
  const start = new Int32Array(n + 1);
  const column = new Int32Array(nonZero);
  const value = new Float64Array(nonZero);
  let k = 0;
  for (let i = 0; i < n; i++) {
    start[i] = k;
    for (let c = 0; c < p; c++) {
      const v = x[i * p + c];
      if (v === 0) continue;
      column[k] = c;
      value[k++] = v;
    }
  }
  start[n] = k;
  return { n, p, start, column, value };
}

/** y (n×l) = Xc w for w (p×l), both row-major: each non-zero x_ic adds x_ic · w_c to y_i. */
function times(x: SparseRows, mean: Float64Array, w: Float64Array, l: number, y: Float64Array): void {
  const { n, p, start, column, value } = x;
  const shift = new Float64Array(l);
  for (let c = 0; c < p; c++) for (let j = 0; j < l; j++) shift[j] += mean[c] * w[c * l + j];
  for (let i = 0; i < n; i++) {
    const yi = i * l;
    for (let j = 0; j < l; j++) y[yi + j] = -shift[j];
    for (let k = start[i]; k < start[i + 1]; k++) {
      const v = value[k];
      const wc = column[k] * l;
      for (let j = 0; j < l; j++) y[yi + j] += v * w[wc + j];
    }
  }
}

/** w (p×l) = Xcᵀ y for y (n×l), both row-major. */
function transposeTimes(x: SparseRows, mean: Float64Array, y: Float64Array, l: number, w: Float64Array): void {
  const { n, p, start, column, value } = x;
  w.fill(0);
  const sums = new Float64Array(l);
  for (let i = 0; i < n; i++) {
    const yi = i * l;
    for (let j = 0; j < l; j++) sums[j] += y[yi + j];
    for (let k = start[i]; k < start[i + 1]; k++) {
      const v = value[k];
      const wc = column[k] * l;
      for (let j = 0; j < l; j++) w[wc + j] += v * y[yi + j];
    }
  }
  for (let c = 0; c < p; c++) for (let j = 0; j < l; j++) w[c * l + j] -= mean[c] * sums[j];
}

/**
 * Orthonormalises the l columns of the m×l row-major `a` in place: modified Gram–Schmidt on a
 * transposed copy (contiguous columns), done twice ("twice is enough" for orthogonality to
 * rounding). A column that vanishes against the earlier ones (rank-deficient data) becomes zeros.
 */
function orthonormaliseColumns(a: Float64Array, m: number, l: number): void {
  const t = new Float64Array(m * l);
  for (let i = 0; i < m; i++) for (let j = 0; j < l; j++) t[j * m + i] = a[i * l + j];
  for (let pass = 0; pass < 2; pass++)
    for (let j = 0; j < l; j++) {
      const tj = j * m;
      for (let k = 0; k < j; k++) {
        const tk = k * m;
        let dot = 0;
        for (let i = 0; i < m; i++) dot += t[tj + i] * t[tk + i];
        for (let i = 0; i < m; i++) t[tj + i] -= dot * t[tk + i];
      }
      let norm = 0;
      for (let i = 0; i < m; i++) norm += t[tj + i] * t[tj + i];
      norm = Math.sqrt(norm);
      const scale = norm > 1e-12 ? 1 / norm : 0;
      for (let i = 0; i < m; i++) t[tj + i] *= scale;
    }
  for (let i = 0; i < m; i++) for (let j = 0; j < l; j++) a[i * l + j] = t[j * m + i];
}

/** The d leading principal directions of the n rows of `x` (n×p, row-major; not modified). */
export function principalSubspace(x: Float64Array, n: number, p: number, d: number, rng: Rng, options: PcaOptions = {}): PrincipalSubspace {
  const l = Math.min(d + (options.oversample ?? 10), n, p);
  const power = options.powerIterations ?? 2;
  if (!(Number.isInteger(d) && d >= 1 && d <= l)) throw new RangeError(`principalSubspace: ${d} components of ${n} points in ${p} dimensions`);
  const mean = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let c = 0; c < p; c++) mean[c] += x[i * p + c];
  for (let c = 0; c < p; c++) mean[c] /= n;
  const sparse = sparseRows(x, n, p);

  const w = new Float64Array(p * l);
  rng.fillNormal(w);
  const y = new Float64Array(n * l);
  times(sparse, mean, w, l, y);
  orthonormaliseColumns(y, n, l);
  for (let it = 0; it < power; it++) {
    transposeTimes(sparse, mean, y, l, w);
    orthonormaliseColumns(w, p, l);
    times(sparse, mean, w, l, y);
    orthonormaliseColumns(y, n, l);
  }
  // With Q = y (orthonormal columns spanning the range), Bᵀ = XcᵀQ (p×l) and BBᵀ = U S² Uᵀ: the
  // right singular vectors v_k = Bᵀ u_k / s_k are the principal directions, s_k²/n their variances.
  transposeTimes(sparse, mean, y, l, w);
  const gram = new Float64Array(l * l);
  for (let c = 0; c < p; c++)
    for (let j = 0; j < l; j++) {
      const v = w[c * l + j];
      for (let k = j; k < l; k++) gram[j * l + k] += v * w[c * l + k];
    }
  for (let j = 0; j < l; j++) for (let k = 0; k < j; k++) gram[j * l + k] = gram[k * l + j];
  const { values, vectors } = symmetricEigen(gram, l);
  const order = Array.from({ length: l }, (_, k) => k).sort((a, b) => values[b] - values[a]);
  const basis = new Float64Array(d * p);
  const variances = new Float64Array(d);
  for (let r = 0; r < d; r++) {
    const k = order[r];
    const s2 = Math.max(values[k], 0);
    variances[r] = s2 / n;
    const inv = s2 > 0 ? 1 / Math.sqrt(s2) : 0;
    for (let c = 0; c < p; c++) {
      let v = 0;
      for (let j = 0; j < l; j++) v += w[c * l + j] * vectors[j * l + k];
      basis[r * p + c] = v * inv;
    }
  }
  return { p, d, mean, basis, variances };
}

/** The coordinates of the n rows of x (n×p) in the subspace (n×d): basis · (x_i − mean). */
export function project(subspace: PrincipalSubspace, x: Float64Array, n: number): Float64Array {
  const { p, d, mean, basis } = subspace;
  const transposed = new Float64Array(p * d);
  for (let r = 0; r < d; r++) for (let c = 0; c < p; c++) transposed[c * d + r] = basis[r * p + c];
  const z = new Float64Array(n * d);
  times(sparseRows(x, n, p), mean, transposed, d, z);
  return z;
}
