/**
 * Closed form for the unigram learner on the Zipf vocabulary (notes §4b): fit by counts without
 * smoothing and resampled without bias, the fully synthetic loop is the Wright–Fisher chain, whose
 * heterozygosity H = 1 − Σ q_i² shrinks by (1 − 1/n) in expectation at every fit on n draws:
 * E[H_t | q_{t−1}] = (1 − 1/n) H(q_{t−1}). Generation 1 is fit on n_ini real words, the later ones
 * on n_s synthetic words, so E[H_t] = H(p) (1 − 1/n_ini)(1 − 1/n_s)^(t−1).
 */
import type { Spec } from '../../spec/schema';
import { heterozygosity } from '../text/text-metrics';
import { textDistribution } from '../text/text-loop';
import type { Theory } from './gaussian-loops';

type TextTheorySpec = Pick<Spec, 'data' | 'learner' | 'loop' | 'smoothing' | 'lambda' | 'topK' | 'vocabulary' | 'zipfBeta' | 'nIni' | 'nSyn' | 'generations'>;

/**
 * E[H_t] for t = 1..T; null unless the chain is the plain Wright–Fisher one: unigram counts
 * (α = 0), λ = 1 and no top-k cut (a cut or a temperature changes the draw, not only its noise),
 * fully synthetic loop.
 */
export function textTheory(spec: TextTheorySpec): Theory | null {
  const plain = spec.smoothing === 0 && spec.lambda === 1 && (spec.topK === 0 || spec.topK >= spec.vocabulary);
  if (spec.data !== 'zipf' || spec.learner !== 'unigram' || spec.loop !== 'fully-synthetic' || !plain) return null;
  const h = new Float64Array(spec.generations);
  h[0] = heterozygosity(textDistribution(spec)) * (1 - 1 / spec.nIni);
  for (let t = 2; t <= spec.generations; t++) h[t - 1] = h[t - 2] * (1 - 1 / spec.nSyn);
  return { heterozygosity: h };
}
