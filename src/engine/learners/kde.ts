/**
 * Gaussian kernel density estimate, the product's lossy learner: unlike a Gaussian fit, which a
 * fixed real set anchors at the real moments (notes §3.4), every refit convolves the synthetic
 * share with the kernel once more, so the fixed real set slows the blurring but cannot stop it —
 * MAD's "fixed real data only delays" result, which a Gaussian learner cannot show.
 *
 * Kernel covariance H = (bandwidth · n^(−1/(d+4)))² Σ̂: Scott's rule factor times the bandwidth
 * multiplier, Σ̂ the unbiased sample covariance. Its exact moments are mean x̄ and covariance
 * Σ̂_mle + H. When H is singular (all points on a lower-dimensional set, e.g. identical points),
 * δI is added, δ starting at 1e-12·(1 + mean data variance) and growing ×10 until the Cholesky
 * factorisation succeeds (a bounded number of tries: linalg/regularise.ts); the moments use that
 * enlarged H.
 *
 * Sampling bias λ scales the kernel: a draw is a uniformly chosen training point plus N(0, λH).
 * λ = 1 samples the KDE itself; λ → 0 resamples the training points (bootstrap, pure memorisation);
 * the covariance of the draws is Σ̂_mle + λH.
 */
import { logDetFromCholesky, meanAndScatter } from '../linalg/matrix';
import { regularisedCholesky } from '../linalg/regularise';
import type { Rng } from '../random/prng';
import type { ClosedFormModel, Learner } from './model';

export interface KdeModel extends ClosedFormModel {
  /** The kernel covariance H, d×d row-major. */
  readonly kernelCov: Float64Array;
}

export interface KdeLearner extends Learner {
  fit(data: Float64Array, n: number, rng: Rng): KdeModel;
}

/** Kernel terms below e^−40 ≈ 4e−18 of a query's largest are skipped: together they move the sum by < n·4e−18. */
const NEGLIGIBLE_LOG_RATIO = -40;
const LOG_2PI = Math.log(2 * Math.PI);

/** Solves L z = v (L lower-triangular, row-major) into z. */
function forwardSolve(l: Float64Array, d: number, v: Float64Array, offset: number, z: Float64Array, zOffset: number): void {
  for (let r = 0; r < d; r++) {
    let acc = v[offset + r];
    for (let s = 0; s < r; s++) acc -= l[r * d + s] * z[zOffset + s];
    z[zOffset + r] = acc / l[r * d + r];
  }
}

/** The n whitened 2-D points (row-major), reordered by their first coordinate. */
function sortedByFirst(whitened: Float64Array, n: number): Float64Array {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => whitened[2 * a] - whitened[2 * b]);
  const out = new Float64Array(2 * n);
  order.forEach((i, r) => {
    out[2 * r] = whitened[2 * i];
    out[2 * r + 1] = whitened[2 * i + 1];
  });
  return out;
}

/** The first row of `sorted` whose first coordinate is ≥ x. */
function lowerBound(sorted: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[2 * mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The whitened 2-D points in columns of the first coordinate, each column sorted by the second,
 * so that the points within a square around a query are found by a binary search per column.
 */
interface Columns {
  x0: number;
  width: number;
  /** Column c holds rows start[c]..start[c + 1] − 1 of `points`. */
  start: Int32Array;
  points: Float64Array;
}

/** Columns about half the reach of a term wide: a query's square then spans a few of them. */
const COLUMN_WIDTH = Math.sqrt(-2 * NEGLIGIBLE_LOG_RATIO) / 2;

function columnsOf(whitened: Float64Array, n: number): Columns {
  let x0 = Infinity;
  let x1 = -Infinity;
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, whitened[2 * i]);
    x1 = Math.max(x1, whitened[2 * i]);
  }
  const count = Math.floor((x1 - x0) / COLUMN_WIDTH) + 1;
  const column = (i: number) => Math.min(count - 1, Math.floor((whitened[2 * i] - x0) / COLUMN_WIDTH));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => column(a) - column(b) || whitened[2 * a + 1] - whitened[2 * b + 1]);
  const start = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) start[column(i) + 1]++;
  for (let c = 0; c < count; c++) start[c + 1] += start[c];
  const points = new Float64Array(2 * n);
  order.forEach((i, r) => {
    points[2 * r] = whitened[2 * i];
    points[2 * r + 1] = whitened[2 * i + 1];
  });
  return { x0, width: COLUMN_WIDTH, start, points };
}

/** The first row in [lo, hi) of `points` whose second coordinate is ≥ y. */
function lowerBoundY(points: Float64Array, lo: number, hi: number, y: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[2 * mid + 1] < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The 2-D log density with the same terms as the general path, found without visiting every
 * point: a term counts only within squared distance s_min + 80 (e^−40 of the nearest point's).
 * The nearest point is found outwards from the query in the points sorted by their first
 * coordinate; the terms, in the columns that cross the square around the query that holds that
 * disc. The density grid of the film strip asks 4,096 queries of every generation's KDE, and most
 * of the n points lie far outside each one's square.
 */
function logDensity2(query: Float64Array, m: number, sorted: Float64Array, columns: Columns, l: Float64Array, logNorm: number): Float64Array {
  const n = sorted.length / 2;
  const { x0, width, start, points } = columns;
  const count = start.length - 1;
  const out = new Float64Array(m);
  const zq = new Float64Array(2);
  const reach = -2 * NEGLIGIBLE_LOG_RATIO;
  for (let j = 0; j < m; j++) {
    forwardSolve(l, 2, query, 2 * j, zq, 0);
    const z0 = zq[0];
    const z1 = zq[1];
    const first = lowerBound(sorted, n, z0);
    // The nearest point: outwards while the gap in the first coordinate alone can still beat it.
    let sMin = Infinity;
    for (let i = first; i < n && (sorted[2 * i] - z0) ** 2 < sMin; i++) sMin = Math.min(sMin, (z0 - sorted[2 * i]) ** 2 + (z1 - sorted[2 * i + 1]) ** 2);
    for (let i = first - 1; i >= 0 && (sorted[2 * i] - z0) ** 2 < sMin; i--) sMin = Math.min(sMin, (z0 - sorted[2 * i]) ** 2 + (z1 - sorted[2 * i + 1]) ** 2);
    const max = -0.5 * sMin;
    // A little wider than the rule, so that rounding never drops a term the rule keeps.
    const r = Math.sqrt((sMin + reach) * (1 + 1e-9));
    let sum = 0;
    if (Number.isFinite(r)) {
      const c0 = Math.max(0, Math.floor((z0 - r - x0) / width));
      const c1 = Math.min(count - 1, Math.floor((z0 + r - x0) / width));
      for (let c = c0; c <= c1; c++)
        for (let i = lowerBoundY(points, start[c], start[c + 1], z1 - r); i < start[c + 1] && points[2 * i + 1] <= z1 + r; i++) {
          const u = z0 - points[2 * i];
          const v = z1 - points[2 * i + 1];
          const t = -0.5 * (u * u + v * v) - max;
          if (t >= NEGLIGIBLE_LOG_RATIO) sum += Math.exp(t);
        }
    }
    out[j] = logNorm + max + Math.log(sum);
  }
  return out;
}

export function kdeLearner(options: { bandwidth: number }): KdeLearner {
  const { bandwidth } = options;
  if (!(bandwidth > 0 && Number.isFinite(bandwidth))) throw new RangeError(`bandwidth must be > 0, got ${bandwidth}`);
  return {
    fit(x: Float64Array, n: number, _rng: Rng): KdeModel {
      if (!(n >= 1)) throw new RangeError('a KDE needs at least one point');
      const d = x.length / n;
      const points = Float64Array.from(x);
      const { mean, scatter } = meanAndScatter(points, n, d);
      const factor = bandwidth * Math.pow(n, -1 / (d + 4));
      // n = 1 has no unbiased covariance: H starts at 0 and is enlarged below.
      const kernelCov = scatter.map((v) => (factor * factor * v) / Math.max(n - 1, 1));
      let meanVariance = 0;
      for (let a = 0; a < d; a++) meanVariance += scatter[a * d + a] / n / d;
      const l = regularisedCholesky(kernelCov, d, 1e-12 * (1 + meanVariance), 'kde learner, kernel');
      const cov = scatter.map((v, i) => v / n + kernelCov[i]);
      const logNorm = -Math.log(n) - 0.5 * (d * LOG_2PI + logDetFromCholesky(l, d));
      // Training points whitened by H once, so each kernel term is a squared Euclidean distance.
      const whitened = new Float64Array(n * d);
      for (let i = 0; i < n; i++) forwardSolve(l, d, points, i * d, whitened, i * d);
      /** 2-D: the whitened points in order of their first coordinate, and in columns, made on the first density query. */
      let sorted: Float64Array | undefined;
      let columns: Columns | undefined;

      return {
        dim: d,
        mean,
        cov,
        kernelCov,
        iterations: 0,
        sample(rng: Rng, m: number, lambda: number) {
          const out = new Float64Array(m * d);
          const s = Math.sqrt(lambda);
          const z = new Float64Array(d);
          for (let j = 0; j < m; j++) {
            const i = rng.int(n);
            for (let a = 0; a < d; a++) z[a] = rng.normal();
            for (let r = 0; r < d; r++) {
              let v = 0;
              for (let t = 0; t <= r; t++) v += l[r * d + t] * z[t];
              out[j * d + r] = points[i * d + r] + s * v;
            }
          }
          return out;
        },
        logDensity(query: Float64Array, m: number) {
          if (d === 2) return logDensity2(query, m, (sorted ??= sortedByFirst(whitened, n)), (columns ??= columnsOf(whitened, n)), l, logNorm);
          const out = new Float64Array(m);
          const q = new Float64Array(n);
          const zq = new Float64Array(d);
          for (let j = 0; j < m; j++) {
            forwardSolve(l, d, query, j * d, zq, 0);
            let max = -Infinity;
            for (let i = 0; i < n; i++) {
              let s = 0;
              for (let a = 0; a < d; a++) {
                const u = zq[a] - whitened[i * d + a];
                s += u * u;
              }
              const e = -0.5 * s;
              q[i] = e;
              if (e > max) max = e;
            }
            let sum = 0;
            for (let i = 0; i < n; i++) {
              const t = q[i] - max;
              if (t >= NEGLIGIBLE_LOG_RATIO) sum += Math.exp(t);
            }
            out[j] = logNorm + max + Math.log(sum);
          }
          return out;
        },
      };
    },
  };
}
