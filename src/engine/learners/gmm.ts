/**
 * Gaussian mixture learner: K components with full covariances, fitted by expectation–maximisation
 * (EM). It runs every generation of every replicate, so each EM iteration is one pass over the data
 * that computes the responsibilities (E-step) and accumulates the M-step's weighted moments at once,
 * with no allocation inside the pass.
 *
 * Stopping rule (the product's documented rule): EM stops as soon as one iteration raises the mean
 * log-likelihood per sample by less than `tol` (default 1e-3, scikit-learn's default), or after
 * `maxIter` iterations (default 100). `iterations` counts the M-steps applied to the returned model.
 *
 * Initialisation: k-means++ seeding of the means (Arthur & Vassilvitskii 2007) in the greedy form
 * scikit-learn uses (each seed is the best of 2 + ⌊ln K⌋ D²-sampled candidates), then a hard
 * assignment of every point to its nearest seed gives the initial weights, means and covariances.
 * Greedy matters: on 2000 ring-of-8 points plain k-means++ left EM in a local optimum (two seeds in
 * one mode) for 15% of seeds, and 45% on the 5×5 grid; greedy, 0% and 0.25%. `restarts` (default 1)
 * repeats seeding and EM and keeps the fit with the highest likelihood.
 *
 * Robustness, so that no parameter is ever NaN:
 * - `regCovar` (default 1e-6) is added to every covariance diagonal at every M-step, as
 *   scikit-learn's reg_covar: a component can shrink onto a single point but not to zero volume.
 * - A component whose responsibility mass falls below 1e-10·n (or whose hard cluster is empty at
 *   initialisation) is re-seeded at the point the model explains worst (lowest log-likelihood; at
 *   initialisation, farthest from its seed), with the pooled data covariance and weight 1/n.
 * - A covariance whose Cholesky factorisation still fails (singular to rounding, e.g. when
 *   regCovar is 0) gets δI added, δ starting at max(regCovar, 1e-12·(1 + mean data variance)) and
 *   growing ×10 until the factorisation succeeds; the enlarged covariance is the one kept. The tries
 *   are bounded (linalg/regularise.ts): a covariance that cannot be factorised fails the fit with
 *   a message instead of spinning.
 *
 * Sampling bias λ: a component k is drawn with probability w_k, then a point from N(μ_k, λΣ_k),
 * the paper's Gaussian semantics (covariance × λ) applied within each component, so λ < 1 sharpens
 * every mode while keeping the mode weights.
 */
import { logDetFromCholesky, meanAndScatter } from '../linalg/matrix';
import { regularisedCholesky } from '../linalg/regularise';
import type { Rng } from '../random/prng';
import type { ClosedFormModel, Learner } from './model';

export interface GmmOptions {
  components: number;
  /** Smallest gain in mean log-likelihood per iteration that continues EM; −Infinity runs maxIter. */
  tol?: number;
  maxIter?: number;
  regCovar?: number;
  /** Independent seedings; the model's `iterations` then sums the EM iterations of all of them. */
  restarts?: number;
}

export interface GmmModel extends ClosedFormModel {
  readonly components: number;
  /** K mixture weights, summing to 1. */
  readonly weights: Float64Array;
  /** K×d row-major. */
  readonly means: Float64Array;
  /** K×d×d: component k's row-major covariance starts at k·d². */
  readonly covariances: Float64Array;
}

export interface GmmLearner extends Learner {
  fit(data: Float64Array, n: number, rng: Rng): GmmModel;
}

/**
 * Responsibilities below e^−40 ≈ 4e−18 of a point's largest are set to 0: in float64 they cannot
 * change the point's likelihood beyond rounding, and skipping them saves most of the E/M work when
 * modes are apart.
 */
const NEGLIGIBLE_LOG_RATIO = -40;
/** A component with less responsibility mass than this fraction of n is treated as empty. */
const EMPTY_MASS = 1e-10;
const LOG_2PI = Math.log(2 * Math.PI);

/** Parameters plus what the density needs: Cholesky factors, their inverse diagonals, ln w + normaliser. */
interface Mixture {
  k: number;
  d: number;
  weights: Float64Array;
  means: Float64Array;
  covs: Float64Array;
  chol: Float64Array;
  invDiag: Float64Array;
  logNorm: Float64Array;
}

/** Weighted moments about the current means: Σr, Σr(x − μ), Σr(x − μ)(x − μ)ᵀ (upper triangle). */
interface Moments {
  mass: Float64Array;
  first: Float64Array;
  second: Float64Array;
}

function emptyMixture(k: number, d: number): Mixture {
  return {
    k,
    d,
    weights: new Float64Array(k),
    means: new Float64Array(k * d),
    covs: new Float64Array(k * d * d),
    chol: new Float64Array(k * d * d),
    invDiag: new Float64Array(k * d),
    logNorm: new Float64Array(k),
  };
}

function emptyMoments(k: number, d: number): Moments {
  return { mass: new Float64Array(k), first: new Float64Array(k * d), second: new Float64Array(k * d * d) };
}

function copyMixture(from: Mixture, to: Mixture): void {
  to.weights.set(from.weights);
  to.means.set(from.means);
  to.covs.set(from.covs);
  to.chol.set(from.chol);
  to.invDiag.set(from.invDiag);
  to.logNorm.set(from.logNorm);
}

/** Factorises every covariance (enlarging it where needed, see header) and caches the normalisers. */
function compile(m: Mixture, jitter0: number): void {
  const { d } = m;
  const dd = d * d;
  for (let c = 0; c < m.k; c++) {
    const cov = m.covs.subarray(c * dd, (c + 1) * dd);
    const l = regularisedCholesky(cov, d, jitter0, `gmm learner, component ${c + 1}`);
    m.chol.set(l, c * dd);
    for (let i = 0; i < d; i++) m.invDiag[c * d + i] = 1 / l[i * d + i];
    m.logNorm[c] = Math.log(m.weights[c]) - 0.5 * (d * LOG_2PI + logDetFromCholesky(l, d));
  }
}

/**
 * Writes ln w_c + ln N(x_i | μ_c, Σ_c) for every component into lp and returns their maximum.
 * z is scratch of length d for the whitened residual L⁻¹(x − μ).
 */
function componentLogs(m: Mixture, x: Float64Array, i: number, lp: Float64Array, z: Float64Array): number {
  const { k, d, means, chol, invDiag, logNorm } = m;
  let max = -Infinity;
  if (d === 2) {
    const x0 = x[2 * i];
    const x1 = x[2 * i + 1];
    for (let c = 0; c < k; c++) {
      const z0 = (x0 - means[2 * c]) * invDiag[2 * c];
      const z1 = (x1 - means[2 * c + 1] - chol[4 * c + 2] * z0) * invDiag[2 * c + 1];
      const v = logNorm[c] - 0.5 * (z0 * z0 + z1 * z1);
      lp[c] = v;
      if (v > max) max = v;
    }
    return max;
  }
  const dd = d * d;
  for (let c = 0; c < k; c++) {
    let q = 0;
    for (let r = 0; r < d; r++) {
      let acc = x[i * d + r] - means[c * d + r];
      for (let s = 0; s < r; s++) acc -= chol[c * dd + r * d + s] * z[s];
      const zr = acc * invDiag[c * d + r];
      z[r] = zr;
      q += zr * zr;
    }
    const v = logNorm[c] - 0.5 * q;
    lp[c] = v;
    if (v > max) max = v;
  }
  return max;
}

/**
 * componentLogs for the E-step in d > 2 dimensions, where the whitening (d²/2 per component and
 * point) is nearly all the work: a component is abandoned as soon as its partial quadratic form
 * puts it more than NEGLIGIBLE_LOG_RATIO below the best component so far (the form only grows with
 * each coordinate, so it would be negligible once complete and gets responsibility 0 either way).
 * Starting with the point's likeliest component of the previous pass, `likeliest[i]`, makes that
 * bound tight at once. Abandoned components get −Infinity; the result equals componentLogs's after
 * the E-step's cut-off.
 */
function prunedComponentLogs(m: Mixture, x: Float64Array, i: number, lp: Float64Array, z: Float64Array, likeliest: Int32Array): number {
  const { k, d, means, chol, invDiag, logNorm } = m;
  const dd = d * d;
  const xi = i * d;
  const first = likeliest[i];
  let max = -Infinity;
  let best = first;
  for (let step = 0; step < k; step++) {
    // The previous pass's likeliest component first, then the others in order.
    const c = step === 0 ? first : step <= first ? step - 1 : step;
    const mc = c * d;
    const floor = 2 * (logNorm[c] - max - NEGLIGIBLE_LOG_RATIO);
    let row = c * dd;
    let q = 0;
    let r = 0;
    for (; r < d && !(q > floor); r++, row += d) {
      let acc = x[xi + r] - means[mc + r];
      for (let s = 0; s < r; s++) acc -= chol[row + s] * z[s];
      const zr = acc * invDiag[mc + r];
      z[r] = zr;
      q += zr * zr;
    }
    if (r < d) {
      lp[c] = -Infinity;
      continue;
    }
    const v = logNorm[c] - 0.5 * q;
    lp[c] = v;
    if (v > max) {
      max = v;
      best = c;
    }
  }
  likeliest[i] = best;
  return max;
}

/**
 * One EM pass: E-step responsibilities for the current mixture, accumulated straight into the
 * M-step moments about the current means (a shifted single pass, free of the cancellation of raw
 * moments). Also stores each point's log-likelihood; returns their mean.
 */
function emPass(
  m: Mixture,
  x: Float64Array,
  n: number,
  acc: Moments,
  pointLogLik: Float64Array,
  lp: Float64Array,
  z: Float64Array,
  likeliest: Int32Array,
): number {
  const { k, d, means } = m;
  const { mass, first, second } = acc;
  mass.fill(0);
  first.fill(0);
  second.fill(0);
  if (d === 2) return emPass2(m, x, n, acc, pointLogLik, lp);
  const dd = d * d;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const max = prunedComponentLogs(m, x, i, lp, z, likeliest);
    let s = 0;
    for (let c = 0; c < k; c++) {
      const t = lp[c] - max;
      const e = t < NEGLIGIBLE_LOG_RATIO ? 0 : Math.exp(t);
      lp[c] = e;
      s += e;
    }
    const ll = max + Math.log(s);
    pointLogLik[i] = ll;
    total += ll;
    const inv = 1 / s;
    for (let c = 0; c < k; c++) {
      if (lp[c] === 0) continue;
      const r = lp[c] * inv;
      mass[c] += r;
      for (let a = 0; a < d; a++) {
        const ra = r * (x[i * d + a] - means[c * d + a]);
        first[c * d + a] += ra;
        for (let b = a; b < d; b++) second[c * dd + a * d + b] += ra * (x[i * d + b] - means[c * d + b]);
      }
    }
  }
  return total / n;
}

/** emPass unrolled for d = 2, the case every 2-D replicate runs each generation. */
function emPass2(m: Mixture, x: Float64Array, n: number, acc: Moments, pointLogLik: Float64Array, lp: Float64Array): number {
  const k = m.k;
  const means = m.means;
  const chol = m.chol;
  const invDiag = m.invDiag;
  const logNorm = m.logNorm;
  const mass = acc.mass;
  const first = acc.first;
  const second = acc.second;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x0 = x[2 * i];
    const x1 = x[2 * i + 1];
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      const z0 = (x0 - means[2 * c]) * invDiag[2 * c];
      const z1 = (x1 - means[2 * c + 1] - chol[4 * c + 2] * z0) * invDiag[2 * c + 1];
      const v = logNorm[c] - 0.5 * (z0 * z0 + z1 * z1);
      lp[c] = v;
      if (v > max) max = v;
    }
    let s = 0;
    for (let c = 0; c < k; c++) {
      const t = lp[c] - max;
      const e = t < NEGLIGIBLE_LOG_RATIO ? 0 : Math.exp(t);
      lp[c] = e;
      s += e;
    }
    const ll = max + Math.log(s);
    pointLogLik[i] = ll;
    total += ll;
    const inv = 1 / s;
    for (let c = 0; c < k; c++) {
      if (lp[c] === 0) continue;
      const r = lp[c] * inv;
      const dx = x0 - means[2 * c];
      const dy = x1 - means[2 * c + 1];
      const rx = r * dx;
      const ry = r * dy;
      mass[c] += r;
      first[2 * c] += rx;
      first[2 * c + 1] += ry;
      second[4 * c] += rx * dx;
      second[4 * c + 1] += rx * dy;
      second[4 * c + 3] += ry * dy;
    }
  }
  return total / n;
}

/** What the M-step needs about the data beyond the moments. */
interface DataFacts {
  x: Float64Array;
  n: number;
  /** MLE covariance of all the data: the covariance given to a re-seeded component. */
  pooledCov: Float64Array;
  regCovar: number;
  jitter0: number;
}

/**
 * M-step from the moments; empty components are re-seeded at the lowest-scoring points (score:
 * per-point log-likelihood, or −distance² to the seed at initialisation). Consumes `score`.
 */
function mStep(m: Mixture, acc: Moments, data: DataFacts, score: Float64Array): void {
  const { k, d, weights, means, covs } = m;
  const { n, x } = data;
  const dd = d * d;
  let weightSum = 0;
  for (let c = 0; c < k; c++) {
    const nk = acc.mass[c];
    if (nk < EMPTY_MASS * n) {
      let worst = 0;
      for (let i = 1; i < n; i++) if (score[i] < score[worst]) worst = i;
      // A second empty component must not land on the same point.
      score[worst] = Infinity;
      for (let a = 0; a < d; a++) means[c * d + a] = x[worst * d + a];
      covs.set(data.pooledCov, c * dd);
      weights[c] = 1 / n;
    } else {
      weights[c] = nk / n;
      for (let a = 0; a < d; a++) {
        const shift = acc.first[c * d + a] / nk;
        for (let b = a; b < d; b++) {
          const v = acc.second[c * dd + a * d + b] / nk - shift * (acc.first[c * d + b] / nk);
          covs[c * dd + a * d + b] = v;
          covs[c * dd + b * d + a] = v;
        }
      }
      for (let a = 0; a < d; a++) means[c * d + a] += acc.first[c * d + a] / nk;
    }
    for (let a = 0; a < d; a++) covs[c * dd + a * d + a] += data.regCovar;
    weightSum += weights[c];
  }
  for (let c = 0; c < k; c++) weights[c] /= weightSum;
  compile(m, data.jitter0);
}

/** Squared distance between point i of x and row j of y (d = 2 unrolled: the common case). */
function squaredDistance(x: Float64Array, i: number, y: Float64Array, j: number, d: number): number {
  if (d === 2) {
    const u = x[2 * i] - y[2 * j];
    const v = x[2 * i + 1] - y[2 * j + 1];
    return u * u + v * v;
  }
  let s = 0;
  for (let a = 0; a < d; a++) {
    const t = x[i * d + a] - y[j * d + a];
    s += t * t;
  }
  return s;
}

/** Σᵢ min(‖xᵢ − x_j‖², nearestᵢ): the k-means++ potential if point j became a seed. */
function potentialWith(x: Float64Array, n: number, d: number, j: number, nearest: Float64Array): number {
  let p = 0;
  if (d === 2) {
    // Unrolled by hand: the greedy trials make this the hottest loop of the initialisation.
    const cx = x[2 * j];
    const cy = x[2 * j + 1];
    for (let i = 0; i < n; i++) {
      const u = x[2 * i] - cx;
      const v = x[2 * i + 1] - cy;
      const q = u * u + v * v;
      const r = nearest[i];
      p += q < r ? q : r;
    }
    return p;
  }
  for (let i = 0; i < n; i++) p += Math.min(squaredDistance(x, i, x, j, d), nearest[i]);
  return p;
}

/** Index drawn with probability proportional to weight (uniform when all weights are zero). */
function drawProportional(rng: Rng, w: Float64Array, total: number): number {
  if (!(total > 0)) return rng.int(w.length);
  let u = rng.uniform() * total;
  for (let i = 0; i < w.length; i++) {
    u -= w[i];
    if (u < 0) return i;
  }
  // Rounding can leave u ≥ 0 after the last point: fall back to the last point with weight.
  let last = w.length - 1;
  while (last > 0 && !(w[last] > 0)) last--;
  return last;
}

/**
 * Greedy k-means++ seeding, then hard assignment to the nearest seed expressed as moments about
 * the seeds, so the ordinary M-step turns it into the initial mixture.
 */
function initialise(m: Mixture, data: DataFacts, rng: Rng, acc: Moments, score: Float64Array): void {
  const { k, d, means } = m;
  const { x, n } = data;
  const nearest = new Float64Array(n);
  const label = new Int32Array(n);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.int(n);
  means.set(x.subarray(first * d, (first + 1) * d));
  let potential = 0;
  for (let i = 0; i < n; i++) {
    nearest[i] = squaredDistance(x, i, x, first, d);
    potential += nearest[i];
  }
  for (let c = 1; c < k; c++) {
    let bestPotential = Infinity;
    let seed = 0;
    for (let t = 0; t < trials; t++) {
      const j = drawProportional(rng, nearest, potential);
      const p = potentialWith(x, n, d, j, nearest);
      if (p < bestPotential) {
        bestPotential = p;
        seed = j;
      }
    }
    means.set(x.subarray(seed * d, (seed + 1) * d), c * d);
    potential = 0;
    for (let i = 0; i < n; i++) {
      const s = squaredDistance(x, i, x, seed, d);
      if (s < nearest[i]) {
        nearest[i] = s;
        label[i] = c;
      }
      potential += nearest[i];
    }
  }
  const dd = d * d;
  acc.mass.fill(0);
  acc.first.fill(0);
  acc.second.fill(0);
  for (let i = 0; i < n; i++) {
    const c = label[i];
    acc.mass[c] += 1;
    for (let a = 0; a < d; a++) {
      const da = x[i * d + a] - means[c * d + a];
      acc.first[c * d + a] += da;
      for (let b = a; b < d; b++) acc.second[c * dd + a * d + b] += da * (x[i * d + b] - means[c * d + b]);
    }
    score[i] = -nearest[i];
  }
  mStep(m, acc, data, score);
}

/** Runs one seeding + EM into m; returns the final mean log-likelihood and the iterations used. */
function runEm(
  m: Mixture,
  data: DataFacts,
  rng: Rng,
  tol: number,
  maxIter: number,
): { meanLogLik: number; iterations: number } {
  const { k, d } = m;
  const acc = emptyMoments(k, d);
  const pointLogLik = new Float64Array(data.n);
  const lp = new Float64Array(k);
  const z = new Float64Array(d);
  const likeliest = new Int32Array(data.n);
  initialise(m, data, rng, acc, pointLogLik);
  let meanLogLik = emPass(m, data.x, data.n, acc, pointLogLik, lp, z, likeliest);
  let iterations = 0;
  while (iterations < maxIter) {
    mStep(m, acc, data, pointLogLik);
    iterations++;
    const next = emPass(m, data.x, data.n, acc, pointLogLik, lp, z, likeliest);
    const gain = next - meanLogLik;
    meanLogLik = next;
    if (gain < tol) break;
  }
  return { meanLogLik, iterations };
}

function gmmModel(m: Mixture, iterations: number): GmmModel {
  const { k, d, weights, means, covs, chol } = m;
  const dd = d * d;
  const mean = new Float64Array(d);
  for (let c = 0; c < k; c++) for (let a = 0; a < d; a++) mean[a] += weights[c] * means[c * d + a];
  // Law of total covariance: Σ_k w_k (Σ_k + μ_k μ_kᵀ) − μ μᵀ.
  const cov = new Float64Array(dd);
  for (let c = 0; c < k; c++)
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++) {
        const da = means[c * d + a] - mean[a];
        const db = means[c * d + b] - mean[b];
        cov[a * d + b] += weights[c] * (covs[c * dd + a * d + b] + da * db);
      }
  const cumulative = new Float64Array(k);
  let running = 0;
  for (let c = 0; c < k; c++) cumulative[c] = running += weights[c];
  return {
    dim: d,
    components: k,
    weights,
    means,
    covariances: covs,
    mean,
    cov,
    iterations,
    sample(rng: Rng, n: number, lambda: number) {
      const out = new Float64Array(n * d);
      const s = Math.sqrt(lambda);
      const zs = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        const u = rng.uniform() * running;
        let lo = 0;
        let hi = k - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cumulative[mid] > u) hi = mid;
          else lo = mid + 1;
        }
        for (let a = 0; a < d; a++) zs[a] = rng.normal();
        for (let r = 0; r < d; r++) {
          let v = 0;
          for (let t = 0; t <= r; t++) v += chol[lo * dd + r * d + t] * zs[t];
          out[i * d + r] = means[lo * d + r] + s * v;
        }
      }
      return out;
    },
    logDensity(points: Float64Array, n: number) {
      const out = new Float64Array(n);
      const lp = new Float64Array(k);
      const z = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        const max = componentLogs(m, points, i, lp, z);
        // A point so far away that every quadratic form overflows has density 0, not NaN.
        if (max === -Infinity) {
          out[i] = -Infinity;
          continue;
        }
        let s = 0;
        for (let c = 0; c < k; c++) s += Math.exp(lp[c] - max);
        out[i] = max + Math.log(s);
      }
      return out;
    },
  };
}

export function gmmLearner(options: GmmOptions): GmmLearner {
  const k = options.components;
  const tol = options.tol ?? 1e-3;
  const maxIter = options.maxIter ?? 100;
  const regCovar = options.regCovar ?? 1e-6;
  const restarts = options.restarts ?? 1;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`components must be a positive integer, got ${k}`);
  if (!Number.isInteger(maxIter) || maxIter < 0) throw new RangeError(`maxIter must be an integer ≥ 0, got ${maxIter}`);
  if (!(regCovar >= 0)) throw new RangeError(`regCovar must be ≥ 0, got ${regCovar}`);
  if (!Number.isInteger(restarts) || restarts < 1) throw new RangeError(`restarts must be an integer ≥ 1, got ${restarts}`);
  if (Number.isNaN(tol)) throw new RangeError('tol must be a number');
  return {
    fit(x: Float64Array, n: number, rng: Rng): GmmModel {
      if (!(n >= 1)) throw new RangeError('a GMM needs at least one point');
      const d = x.length / n;
      const { scatter } = meanAndScatter(x, n, d);
      const pooledCov = scatter.map((v) => v / n);
      let meanVariance = 0;
      for (let a = 0; a < d; a++) meanVariance += pooledCov[a * d + a] / d;
      const data: DataFacts = { x, n, pooledCov, regCovar, jitter0: Math.max(regCovar, 1e-12 * (1 + meanVariance)) };
      const best = emptyMixture(k, d);
      const trial = restarts > 1 ? emptyMixture(k, d) : best;
      let bestLogLik = -Infinity;
      let iterations = 0;
      for (let r = 0; r < restarts; r++) {
        const run = runEm(trial, data, rng, tol, maxIter);
        iterations += run.iterations;
        if (trial !== best && run.meanLogLik > bestLogLik) copyMixture(trial, best);
        bestLogLik = Math.max(bestLogLik, run.meanLogLik);
      }
      return gmmModel(best, iterations);
    },
  };
}

/** Mean log-likelihood per point of n points (row-major) under a fitted mixture. */
export function gmmMeanLogLikelihood(model: GmmModel, x: Float64Array, n: number): number {
  const lp = model.logDensity(x, n);
  let s = 0;
  for (let i = 0; i < n; i++) s += lp[i];
  return s / n;
}
