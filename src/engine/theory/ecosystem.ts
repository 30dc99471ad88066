/**
 * Models feeding each other (loops/ecosystem.ts) with the Gaussian learner on N(0, I_d): E tr Σ_t
 * and E‖μ_t‖² of model 1 from the exact per-coordinate recursion of pool-moments.ts, for every
 * loop, the exchange share, a mixing matrix or the shared web, and λ per model. Tested against the
 * engine in tests/unit/ecosystem.test.ts.
 */
import type { Spec } from '../../spec/schema';
import { mixingCounts, modelLambdas } from '../loops/ecosystem';
import type { Theory } from './gaussian-loops';
import { type PoolMoments, poolMoments } from './pool-moments';

type EcosystemSpec = Pick<Spec, 'loop' | 'estimator' | 'lambda' | 'nIni' | 'nReal' | 'nSyn' | 'generations' | 'models' | 'exchange' | 'mixing' | 'web' | 'otherLambdas'>;

/** Per coordinate and generation: model 1's E[μ²] and E[σ²], and E[(μ₁ − μ₂)²]. */
export function ecosystemMoments(spec: EcosystemSpec): PoolMoments {
  return poolMoments({ ...spec, lambdas: modelLambdas(spec), counts: mixingCounts(spec, spec.nSyn), web: spec.web === 'on' });
}

/** E tr Σ_t and E‖μ_t‖² of model 1; null unless M > 1 Gaussian learners on N(0, I_d) whose samples are not curated, verified or corrected. */
export function ecosystemTheory(spec: EcosystemSpec & Pick<Spec, 'data' | 'dim' | 'learner' | 'curationK' | 'verifier' | 'correction'>): Theory | null {
  const applies = spec.data === 'gaussian' && spec.learner === 'gaussian' && spec.models > 1 && spec.curationK === 1 && spec.verifier === 'off' && spec.correction === 0;
  if (!applies) return null;
  const { variance, meanSq } = ecosystemMoments(spec);
  return { trace: variance.map((x) => spec.dim * x), meanSq: meanSq.map((x) => spec.dim * x) };
}
