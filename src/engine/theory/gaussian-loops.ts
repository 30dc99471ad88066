/**
 * Closed-form expectations for the Gaussian learner on P_r = N(0, I_d) (notes §3), per generation
 * t = 1..T, so the page can draw theory beside simulation and the tests can check the engine.
 *
 * Exact for every loop, estimator, λ, n_ini, n_r and n_s: E‖μ_t‖² and E tr Σ_t. Each coordinate
 * of the pool evolves on its own (the coordinate-j marginal of N(m, λS) is N(m_j, λS_jj)), so a
 * linear recursion in the second moments of one coordinate's pool sums closes (pool-moments.ts).
 * Fully synthetic only: E ln det Σ_t (a product of independent Wishart factors) and, for d = 1,
 * the expected Fréchet distance E[μ²] + E[σ²] + 1 − 2E[σ].
 */
import type { MetricName } from '../metrics/registry';
import type { Spec } from '../../spec/schema';
import { poolMoments } from './pool-moments';
import { digamma, logGamma } from './special';

export type Theory = Partial<Record<MetricName, Float64Array>>;

type TheorySpec = Pick<Spec, 'loop' | 'estimator' | 'lambda' | 'nIni' | 'nReal' | 'nSyn' | 'generations' | 'dim'>;

/** The estimator's divisor for a pool of n: n (MLE) or n − 1 (unbiased). */
function divisor(estimator: Spec['estimator'], n: number): number {
  return estimator === 'mle' ? n : n - 1;
}

/** Per-coordinate E[μ_t²] and E[σ²_t] for t = 1..T: one model of pool-moments.ts's recursion. */
export function coordinateMoments(spec: TheorySpec): { meanSq: Float64Array; variance: Float64Array } {
  return poolMoments({ ...spec, lambdas: [spec.lambda], counts: [[spec.nSyn]], web: false });
}

/** E ln det of scatter/k for a scatter ~ W_d(I, n − 1): Σ_{i=1..d} ψ((n − i)/2) + d ln(2/k). */
function wishartLogDet(d: number, n: number, k: number): number {
  let s = d * Math.log(2 / k);
  for (let i = 1; i <= d; i++) s += digamma((n - i) / 2);
  return s;
}

/** E√(χ²_{n−1} / k) = √(2/k) Γ(n/2) / Γ((n−1)/2). */
function expectedSdFactor(n: number, k: number): number {
  return Math.sqrt(2 / k) * Math.exp(logGamma(n / 2) - logGamma((n - 1) / 2));
}

/**
 * The closed forms available for a spec; null unless the learner is Gaussian on N(0, I_d) and its
 * synthetic samples are G^{t−1}'s own draws (a curator, a verifier, a corrector or other models change every moment above).
 */
export function gaussianTheory(spec: TheorySpec & Pick<Spec, 'data' | 'learner' | 'curationK' | 'verifier' | 'correction' | 'models'>): Theory | null {
  // Models that feed each other have closed forms of their own (ecosystem.ts).
  if (spec.data !== 'gaussian' || spec.learner !== 'gaussian' || spec.curationK > 1 || spec.verifier !== 'off' || spec.correction > 0 || spec.models > 1) return null;
  const { dim: d, generations: T, estimator, lambda, nIni, nSyn } = spec;
  const { meanSq, variance } = coordinateMoments(spec);
  const theory: Theory = { meanSq: meanSq.map((x) => d * x), trace: variance.map((x) => d * x) };
  if (spec.loop === 'fully-synthetic' || T === 1) {
    const logdet = new Float64Array(T);
    const sd = new Float64Array(T);
    for (let t = 1; t <= T; t++) {
      logdet[t - 1] =
        t === 1
          ? wishartLogDet(d, nIni, divisor(estimator, nIni))
          : logdet[t - 2] + d * Math.log(lambda) + wishartLogDet(d, nSyn, divisor(estimator, nSyn));
      sd[t - 1] =
        t === 1
          ? expectedSdFactor(nIni, divisor(estimator, nIni))
          : sd[t - 2] * Math.sqrt(lambda) * expectedSdFactor(nSyn, divisor(estimator, nSyn));
    }
    theory.logdet = logdet;
    if (d === 1) theory.fd = meanSq.map((m, i) => m + variance[i] + 1 - 2 * sd[i]);
  }
  return theory;
}
