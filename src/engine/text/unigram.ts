/**
 * The unigram learner: a categorical distribution over the vocabulary fit by counts with add-α
 * smoothing, q_i = (c_i + α) / (n + αV). With α = 0 a word that drew no sample is gone for good and
 * the fully synthetic loop is the Wright–Fisher chain (notes §4b); α > 0 keeps every word possible.
 *
 * λ acts on synthetic sampling only, as the sampling temperature: draws come from q_i^(1/λ)
 * renormalised (λ < 1 sharpens towards the frequent words, as MAD's bias does), after an optional
 * top-k cut that keeps only the k most probable words (Dohmatob et al. 2024: both cut the tail).
 */
import type { Rng } from '../random/prng';
import { Categorical } from './zipf';

export interface UnigramOptions {
  vocabulary: number;
  /** α of add-α smoothing; 0 = counts alone. */
  smoothing: number;
  /** Words kept by the top-k cut when sampling; 0 keeps all. */
  topK: number;
}

export interface UnigramModel {
  /** q_i, the fitted probabilities (λ = 1, no cut): what the metrics measure. */
  readonly probabilities: Float64Array;
  readonly iterations: 0;
  /** n word ids drawn at temperature λ after the top-k cut. */
  sample(rng: Rng, n: number, lambda: number): Float64Array;
  /**
   * Held-out real text (independent words of p) scored by a model of word sequences (the bigram
   * learner); absent for the unigram model, whose score follows from `probabilities` alone.
   */
  heldOut?(p: Float64Array): { perplexity: number; lostText: number };
}

/**
 * The weights synthetic sampling draws from: q_i^(1/λ) on the top-k words. Computed as
 * exp((ln q_i − ln q_max)/λ) so that small λ cannot underflow every weight to 0; ties at the cut
 * keep the lower ids (the more frequent ranks of the real vocabulary).
 */
export function samplingWeights(q: Float64Array, lambda: number, topK: number): Float64Array {
  const w = new Float64Array(q.length);
  let keep: ArrayLike<number> | null = null;
  if (topK > 0 && topK < q.length) {
    const order = Array.from(q.keys()).sort((a, b) => q[b] - q[a] || a - b);
    keep = order.slice(0, topK);
  }
  let max = 0;
  for (let i = 0; i < q.length; i++) max = Math.max(max, q[i]);
  const logMax = Math.log(max);
  const weight = (i: number) => (q[i] > 0 ? (lambda === 1 ? q[i] : Math.exp((Math.log(q[i]) - logMax) / lambda)) : 0);
  if (keep) for (let k = 0; k < keep.length; k++) w[keep[k]] = weight(keep[k]);
  else for (let i = 0; i < q.length; i++) w[i] = weight(i);
  return w;
}

export interface UnigramLearner {
  /** Fits G^t to n word ids. */
  fit(data: Float64Array, n: number): UnigramModel;
}

export function unigramLearner(options: UnigramOptions): UnigramLearner {
  const { vocabulary: v, smoothing: alpha, topK } = options;
  return {
    fit(data: Float64Array, n: number): UnigramModel {
      const q = new Float64Array(v);
      for (let k = 0; k < n; k++) q[data[k]] += 1;
      const total = n + alpha * v;
      for (let i = 0; i < v; i++) q[i] = (q[i] + alpha) / total;
      // The sampler depends on λ; the loop samples with one λ throughout, so the last one is kept.
      let sampler: { lambda: number; categorical: Categorical } | null = null;
      return {
        probabilities: q,
        iterations: 0,
        sample(rng: Rng, count: number, lambda: number) {
          if (sampler?.lambda !== lambda) sampler = { lambda, categorical: new Categorical(samplingWeights(q, lambda, topK)) };
          return sampler.categorical.sample(rng, count);
        },
      };
    },
  };
}
