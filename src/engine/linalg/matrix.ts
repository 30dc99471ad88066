/**
 * Small dense linear algebra in float64 for d×d symmetric matrices stored row-major in
 * Float64Array (d ≤ 100 here). Hand-written because the engine needs only these few kernels and
 * must stay free of heavy dependencies in the worker.
 */

/** Identity matrix scaled by s. */
export function scaledIdentity(d: number, s = 1): Float64Array {
  const m = new Float64Array(d * d);
  for (let i = 0; i < d; i++) m[i * d + i] = s;
  return m;
}

export function trace(m: Float64Array, d: number): number {
  let t = 0;
  for (let i = 0; i < d; i++) t += m[i * d + i];
  return t;
}

/**
 * Lower-triangular Cholesky factor L with A = L Lᵀ, or null when A is not positive definite
 * (a collapsed or degenerate covariance).
 */
export function cholesky(a: Float64Array, d: number): Float64Array | null {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j];
      for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * d + i] = Math.sqrt(s);
      } else {
        l[i * d + j] = s / l[j * d + j];
      }
    }
  }
  return l;
}

/** ln det A from its Cholesky factor. */
export function logDetFromCholesky(l: Float64Array, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += Math.log(l[i * d + i]);
  return 2 * s;
}

/**
 * ln det of a symmetric positive semi-definite matrix: −Infinity when it is singular (for example a
 * covariance that has collapsed to a point), never NaN.
 */
export function logDet(a: Float64Array, d: number): number {
  const l = cholesky(a, d);
  if (l) return logDetFromCholesky(l, d);
  const { values } = symmetricEigen(a, d);
  let s = 0;
  for (const v of values) s += v > 0 ? Math.log(v) : -Infinity;
  return s;
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: accurate to machine
 * precision for the small matrices used here. Returns eigenvalues and eigenvectors as the columns
 * of a row-major matrix.
 */
export function symmetricEigen(a: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = scaledIdentity(d);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += m[p * d + q] * m[p * d + q];
    if (off < 1e-30 * (1 + frobeniusSq(m))) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = m[p * d + q];
        if (apq === 0) continue;
        const app = m[p * d + p];
        const aqq = m[q * d + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const mkp = m[k * d + p];
          const mkq = m[k * d + q];
          m[k * d + p] = c * mkp - s * mkq;
          m[k * d + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < d; k++) {
          const mpk = m[p * d + k];
          const mqk = m[q * d + k];
          m[p * d + k] = c * mpk - s * mqk;
          m[q * d + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(d);
  for (let i = 0; i < d; i++) values[i] = m[i * d + i];
  return { values, vectors: v };
}

function frobeniusSq(m: Float64Array): number {
  let s = 0;
  for (const x of m) s += x * x;
  return s;
}

/** Principal square root of a symmetric PSD matrix (negative round-off eigenvalues count as 0). */
export function sqrtPsd(a: Float64Array, d: number): Float64Array {
  const { values, vectors } = symmetricEigen(a, d);
  const out = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    const s = Math.sqrt(Math.max(values[k], 0));
    if (s === 0) continue;
    for (let i = 0; i < d; i++) {
      const vik = vectors[i * d + k] * s;
      for (let j = 0; j < d; j++) out[i * d + j] += vik * vectors[j * d + k];
    }
  }
  return out;
}

/** C = A B for d×d matrices. */
export function multiply(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let k = 0; k < d; k++) {
      const aik = a[i * d + k];
      if (aik === 0) continue;
      for (let j = 0; j < d; j++) c[i * d + j] += aik * b[k * d + j];
    }
  return c;
}

/**
 * Sample mean and scatter (Σ (x − x̄)(x − x̄)ᵀ) of n points in d dimensions, row-major, with a
 * two-pass algorithm for accuracy when the spread is tiny relative to the mean.
 */
export function meanAndScatter(x: Float64Array, n: number, d: number): { mean: Float64Array; scatter: Float64Array } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const scatter = new Float64Array(d * d);
  const c = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) c[j] = x[i * d + j] - mean[j];
    for (let j = 0; j < d; j++) {
      const cj = c[j];
      for (let k = j; k < d; k++) scatter[j * d + k] += cj * c[k];
    }
  }
  for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) scatter[j * d + k] = scatter[k * d + j];
  return { mean, scatter };
}

/**
 * Writes n draws of N(mean, scale · L Lᵀ) into out (row-major), where L is a Cholesky factor.
 * `scale` is the sampling bias λ for synthetic data (covariance × λ).
 */
export function sampleGaussianInto(
  out: Float64Array,
  offset: number,
  n: number,
  mean: Float64Array,
  chol: Float64Array,
  scale: number,
  normal: () => number,
): void {
  const d = mean.length;
  const s = Math.sqrt(scale);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) z[j] = normal();
    const base = offset + i * d;
    for (let r = 0; r < d; r++) {
      let acc = 0;
      for (let k = 0; k <= r; k++) acc += chol[r * d + k] * z[k];
      out[base + r] = mean[r] + s * acc;
    }
  }
}
