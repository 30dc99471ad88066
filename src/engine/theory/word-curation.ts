/**
 * The curated unigram loop's share of target words (notes §4b; Ferbach et al. 2024). One curated
 * word is a Bradley–Terry pick among K candidates drawn from q; a target word has reward 1, any
 * other 0, so with J ~ Binomial(K, s) target words among the candidates (s = Σ_target q) the pick
 * is a target word with probability
 *   f(s) = E[J w / (J w + K − J)],  w = e^{1/β},
 * which tends to 1 − (1 − s)^K as β → 0 (best of K) and to s as β → ∞. Which target word (or which
 * other word) is picked keeps q's proportions within each class, so only s moves. Refit by counts
 * with add-α smoothing, the next model's expected share is
 *   (n_r s_real + n_s f(s) + α m) / (n_r + n_s + α V)   (n_r = 0 fully synthetic),
 * and generation 1, fit on n_ini real words, has E[s_1] = (n_ini s_real + α m)/(n_ini + α V). The
 * recursion applies f to the expected share, so it leaves out the O(1/n) spread of s between
 * replicates: an O(1/n) bias of the mean (README, "Curated and verified synthetic data").
 */
import type { Spec } from '../../spec/schema';
import { textDistribution } from '../text/text-loop';
import { targetShare } from '../text/word-reward';
import type { Theory } from './gaussian-loops';

type WordCurationSpec = Pick<
  Spec,
  'data' | 'learner' | 'loop' | 'smoothing' | 'lambda' | 'topK' | 'vocabulary' | 'zipfBeta' | 'nIni' | 'nReal' | 'nSyn' | 'generations' | 'curationK' | 'curationBeta' | 'targetWords' | 'verifier' | 'models'
>;

/** f(s): the probability that a Bradley–Terry pick among K candidates, each a target word with probability s, is one. */
export function pickedTargetShare(s: number, k: number, beta: number): number {
  // Weights relative to a target word's (1 against e^{−1/β}), so that small β cannot overflow.
  const other = Math.exp(-1 / beta);
  let f = 0;
  let choose = 1; // C(K, j)
  for (let j = 1; j <= k; j++) {
    choose = (choose * (k - j + 1)) / j;
    f += choose * s ** j * (1 - s) ** (k - j) * (j / (j + (k - j) * other));
  }
  return f;
}

/**
 * E[share of target words]_t, t = 1..T; null unless the run is the unigram learner on words,
 * curated (K > 1), unverified, sampled as fitted (λ = 1, no top-k cut), fully synthetic or fresh.
 */
export function wordCurationTheory(spec: WordCurationSpec): Theory | null {
  const { loop, smoothing: alpha, vocabulary: v, nIni, nSyn, curationK: k, curationBeta: beta, targetWords: m } = spec;
  const asFitted = spec.lambda === 1 && (spec.topK === 0 || spec.topK >= v);
  const applies = spec.learner === 'unigram' && k > 1 && spec.verifier === 'off' && spec.models === 1 && asFitted && (loop === 'fully-synthetic' || loop === 'fresh');
  if (!applies) return null;
  const real = targetShare(textDistribution(spec), m);
  const nReal = loop === 'fresh' ? spec.nReal : 0;
  const share = new Float64Array(spec.generations);
  share[0] = (nIni * real + alpha * m) / (nIni + alpha * v);
  for (let t = 2; t <= spec.generations; t++)
    share[t - 1] = (nReal * real + nSyn * pickedTargetShare(share[t - 2], k, beta) + alpha * m) / (nReal + nSyn + alpha * v);
  return { targetShare: share };
}
