/**
 * The curated Gaussian loop in the population limit (notes §4b; Ferbach et al. 2024): the 1-D
 * Gaussian learner whose synthetic samples are each a Bradley–Terry pick among K candidates from
 * N(m, λv) with weights w(x) = exp(−(x − x*)²/β). As K → ∞ the picks follow the tilted Gaussian
 * (1/v' = 1/(λv) + 2/β); for finite K the pick's law is
 *   q(x) = K p(x) g(x),  g(x) = E[w(x)/(w(x) + S)],  S = Σ of the other K − 1 candidates' weights,
 * and with u = e^z / w(x) in 1/a = ∫ e^{−ua} du, g(x) = ∫ exp(z − e^z) φ(e^z / w(x))^{K−1} dz,
 * φ(u) = E[e^{−u w(X)}]: one-dimensional integrals, done here by quadrature. The recursion then
 * follows the fitted mean and the expected fitted variance of each generation (exact for one step;
 * it leaves out the O(1/n) spread of the fitted mean between generations).
 */
import type { Spec } from '../../spec/schema';
import type { Theory } from './gaussian-loops';

type CurationTheorySpec = Pick<
  Spec,
  'data' | 'dim' | 'learner' | 'loop' | 'estimator' | 'lambda' | 'nIni' | 'nReal' | 'nSyn' | 'generations' | 'curationK' | 'curationBeta' | 'targetX' | 'verifier' | 'correction' | 'models'
>;

/** The x grid: its half-width in candidate standard deviations, and its points. */
const X_HALF_WIDTH = 8;
const X_POINTS = 241;
/** The z grid of g's integral: exp(z − e^z) is below 1e-11 outside it. */
const Z_MIN = -25;
const Z_MAX = 3.5;
const DZ = 0.1;
/** Step of the ln u table of ln φ, interpolated linearly. */
const DL = 0.2;

/** Generations beyond which no curve is drawn: each costs one quadrature of some ten milliseconds. */
const MAX_GENERATIONS = 300;

/**
 * E tr Σ_t (the fitted variance) and the mean reward −((μ_t − x*)² + λσ_t²) of G^t, t = 1..T; null
 * unless the run is the 1-D Gaussian learner on N(0, 1), curated (K > 1), unverified, uncorrected, fully
 * synthetic or fresh, with T ≤ 300.
 */
export function curationTheory(spec: CurationTheorySpec): Theory | null {
  const { loop, estimator, lambda, nIni, nReal, nSyn, generations: T, curationK: k, curationBeta: beta, targetX: target } = spec;
  const applies = spec.data === 'gaussian' && spec.dim === 1 && spec.learner === 'gaussian' && k > 1 && spec.verifier === 'off' && spec.correction === 0 && spec.models === 1;
  if (!applies || (loop !== 'fully-synthetic' && loop !== 'fresh') || T > MAX_GENERATIONS) return null;
  const divisor = (n: number) => (estimator === 'mle' ? n : n - 1);
  const trace = new Float64Array(T);
  const reward = new Float64Array(T);
  let m = 0;
  let v = estimator === 'mle' ? (nIni - 1) / nIni : 1;
  for (let t = 1; t <= T; t++) {
    if (t > 1) {
      const picked = curatedMoments(m, lambda * v, k, beta, target);
      const nr = loop === 'fresh' ? nReal : 0;
      const n = nr + nSyn;
      // The pooled fit of n_r draws of N(0, 1) and n_s picks: E[scatter] as in notes §3.3.
      const scatter = ((n - 1) * (nr + nSyn * picked.variance)) / n + (nr * nSyn * picked.mean ** 2) / n;
      m = (nSyn * picked.mean) / n;
      v = scatter / divisor(n);
    }
    trace[t - 1] = v;
    reward[t - 1] = -((m - target) ** 2 + lambda * v);
  }
  return { trace, reward };
}

/** Mean and variance of a Bradley–Terry pick among K draws of N(m, s²), weights exp(−(x − x*)²/β). */
export function curatedMoments(m: number, s2: number, k: number, beta: number, target: number): { mean: number; variance: number } {
  const s = Math.sqrt(s2);
  const h = (2 * X_HALF_WIDTH * s) / (X_POINTS - 1);
  const x = new Float64Array(X_POINTS);
  const logP = new Float64Array(X_POINTS);
  const logW = new Float64Array(X_POINTS);
  let maxLogW = -Infinity;
  for (let i = 0; i < X_POINTS; i++) {
    x[i] = m - X_HALF_WIDTH * s + i * h;
    logP[i] = -0.5 * ((x[i] - m) / s) ** 2;
    logW[i] = -((x[i] - target) ** 2) / beta;
    maxLogW = Math.max(maxLogW, logW[i]);
  }
  // Weights relative to the best candidate on the grid: the pick depends only on their ratios.
  let minLogW = Infinity;
  for (let i = 0; i < X_POINTS; i++) minLogW = Math.min(minLogW, (logW[i] -= maxLogW));
  const logNorm = logSumExp(logP);
  for (let i = 0; i < X_POINTS; i++) logP[i] -= logNorm;

  // ln φ(e^L) on L ∈ [Z_MIN, Z_MAX − min ln w]: every e^z / w the integral asks for.
  const lMin = Z_MIN;
  const steps = Math.ceil((Z_MAX - minLogW - lMin) / DL) + 1;
  const logPhi = new Float64Array(steps);
  for (let j = 0; j < steps; j++) {
    const l = lMin + j * DL;
    // A candidate with u·w(x) > e^6 adds under e^−400 of its probability: skip it (most of them once u is large).
    let max = -Infinity;
    for (let i = 0; i < X_POINTS; i++) if (l + logW[i] < 6) max = Math.max(max, logP[i] - Math.exp(l + logW[i]));
    let sum = 0;
    for (let i = 0; i < X_POINTS; i++) if (l + logW[i] < 6) sum += Math.exp(logP[i] - Math.exp(l + logW[i]) - max);
    logPhi[j] = max + Math.log(sum);
  }
  const lnPhi = (l: number) => {
    const f = (l - lMin) / DL;
    const j = Math.min(steps - 2, Math.max(0, Math.floor(f)));
    return logPhi[j] + (f - j) * (logPhi[j + 1] - logPhi[j]);
  };

  let total = 0;
  let first = 0;
  let second = 0;
  for (let i = 0; i < X_POINTS; i++) {
    let g = 0;
    for (let z = Z_MIN; z <= Z_MAX; z += DZ) g += Math.exp(z - Math.exp(z) + (k - 1) * lnPhi(z - logW[i]));
    const q = Math.exp(logP[i]) * g * DZ;
    total += q;
    first += q * x[i];
    second += q * x[i] * x[i];
  }
  const mean = first / total;
  return { mean, variance: Math.max(0, second / total - mean * mean) };
}

function logSumExp(values: Float64Array): number {
  let max = -Infinity;
  for (const v of values) max = Math.max(max, v);
  if (max === -Infinity) return max;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}
