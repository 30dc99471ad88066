/**
 * Models feeding each other (loops/ecosystem.ts), in the fully synthetic loop of the Gaussian
 * learner on N(0, I_d): M models, each drawing n_s samples from N(μ_i, λΣ_i) and training on its
 * own share w_s of them plus a share w_o of each other model's (w_s + (M − 1)w_o = 1). Every
 * coordinate evolves on its own; by symmetry all models share V = E[σ²] and M₂ = E[μ²] per
 * coordinate, and every pair D = E[(μ_i − μ_j)²], so E[μ_i μ_j] = M₂ − D/2. Given generation t − 1,
 * model i's pool holds independent blocks with means μ_b, weights w_b and variance λσ_b², so
 *   D_t  = (w_s − w_o)² D + 2λV/n_s,
 *   M₂_t = M₂ − (1 − S) D/2 + λV/n_s,                       S = w_s² + (M − 1)w_o²,
 *   V_t  = [(n_s − 1)λV + n_s(1 − S) D/2] / k,              k = n_s (MLE) or n_s − 1 (unbiased),
 * the last from E Σ(x − x̄)² = Σ Var x (1 − 1/n) + Σ_b n_b (μ_b − μ̄)²: the between-model spread of
 * the means becomes variance. Generation 1 fits each model on its own n_ini real samples. With
 * M = 1 (w_s = 1) these are notes §3.2's recursions. Derived for MAD Lab; tested against the
 * engine in tests/unit/ecosystem.test.ts.
 */
import type { Spec } from '../../spec/schema';
import { exchangeCounts } from '../loops/ecosystem';
import type { Theory } from './gaussian-loops';

type EcosystemTheorySpec = Pick<
  Spec,
  'data' | 'dim' | 'learner' | 'loop' | 'estimator' | 'lambda' | 'nIni' | 'nSyn' | 'generations' | 'curationK' | 'verifier' | 'correction' | 'models' | 'exchange' | 'biasedModels'
>;

/** Per-coordinate E[σ²_t], E[μ_t²] and E[(μ_i − μ_j)²] of the models, t = 1..T. */
export function ecosystemMoments(spec: Omit<EcosystemTheorySpec, 'data' | 'dim' | 'learner' | 'loop' | 'curationK' | 'verifier' | 'correction' | 'biasedModels'>): {
  variance: Float64Array;
  meanSq: Float64Array;
  between: Float64Array;
} {
  const { estimator, lambda, nIni, nSyn: n, generations: T, models, exchange } = spec;
  const { own, each } = exchangeCounts(n, models, exchange);
  const [ws, wo] = [own / n, each / n];
  const mixed = 1 - ws * ws - (models - 1) * wo * wo;
  const k = estimator === 'mle' ? n : n - 1;
  const variance = new Float64Array(T);
  const meanSq = new Float64Array(T);
  const between = new Float64Array(T);
  let [v, m2, d] = [estimator === 'mle' ? (nIni - 1) / nIni : 1, 1 / nIni, 2 / nIni];
  for (let t = 1; t <= T; t++) {
    if (t > 1) [v, m2, d] = [((n - 1) * lambda * v + (n * mixed * d) / 2) / k, m2 - (mixed * d) / 2 + (lambda * v) / n, (ws - wo) ** 2 * d + (2 * lambda * v) / n];
    variance[t - 1] = v;
    meanSq[t - 1] = m2;
    between[t - 1] = d;
  }
  return { variance, meanSq, between };
}

/** E tr Σ_t and E‖μ_t‖² of model 1; null unless M > 1 Gaussian learners on N(0, I_d) with one λ, fully synthetic, uncurated, unverified and uncorrected. */
export function ecosystemTheory(spec: EcosystemTheorySpec): Theory | null {
  // One λ for every model: models drawing with different λ break the symmetry the recursions rest on.
  const oneLambda = spec.lambda === 1 || spec.biasedModels >= spec.models;
  const applies = spec.data === 'gaussian' && spec.learner === 'gaussian' && spec.models > 1 && oneLambda && spec.loop === 'fully-synthetic' && spec.curationK === 1 && spec.verifier === 'off' && spec.correction === 0;
  if (!applies) return null;
  const { variance, meanSq } = ecosystemMoments(spec);
  return { trace: variance.map((x) => spec.dim * x), meanSq: meanSq.map((x) => spec.dim * x) };
}
