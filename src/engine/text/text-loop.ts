/**
 * The loop over words: real data are word ids drawn from the Zipf vocabulary or the English word
 * frequencies, G^t is the unigram model, and the metrics compare its probabilities with the exact
 * ones (text-metrics.ts). The evaluation samples are n_eval words of G^t drawn as synthetic data
 * are (with λ and the top-k cut): the sample text the page shows. A curator (target words:
 * word-reward.ts) or a verifier (word-verifier.ts) filters the synthetic text passage by passage,
 * and a curated run also measures the share of target words in G^t.
 */
import { filteredDraw } from '../curation/synthetic-draw';
import type { LoopParts } from '../loops/replicate';
import type { Rng } from '../random/prng';
import { passageOf } from '../../spec/learners';
import type { Spec } from '../../spec/schema';
import { bigramLearner } from './bigram';
import { englishProbabilities } from './corpus';
import { bandShares } from './rank-bands';
import { textMetrics, totalVariation } from './text-metrics';
import { type UnigramLearner, type UnigramModel, unigramLearner } from './unigram';
import { targetRewards, targetShare } from './word-reward';
import { wordVerifierFor } from './word-verifier';
import { Categorical, zipfProbabilities } from './zipf';

/** The real distribution of a text spec, exactly: the Zipf law, or the V most frequent English words (loaded first: corpus.ts). */
export function textDistribution(spec: Pick<Spec, 'data' | 'vocabulary' | 'zipfBeta'>): Float64Array {
  return spec.data === 'english' ? englishProbabilities(spec.vocabulary) : zipfProbabilities(spec.vocabulary, spec.zipfBeta);
}

/** The text learner a spec names: word counts (unigram) or counts of word pairs (bigram). */
export function textLearnerFor(spec: Pick<Spec, 'learner' | 'vocabulary' | 'smoothing' | 'topK'>): UnigramLearner {
  const options = { vocabulary: spec.vocabulary, smoothing: spec.smoothing, topK: spec.topK };
  return spec.learner === 'bigram' ? bigramLearner(options) : unigramLearner(options);
}

export function textLoop(spec: Spec, learner: UnigramLearner): LoopParts<UnigramModel, null> {
  const p = textDistribution(spec);
  const real = new Categorical(p);
  const curated = spec.curationK > 1;
  const width = passageOf(spec.learner);
  const verifier = wordVerifierFor(spec, p, width);
  const filter = curated || verifier ? { k: spec.curationK, beta: spec.curationBeta, reward: (rows: Float64Array, count: number) => targetRewards(rows, count, width, spec.targetWords), verifier } : null;
  return {
    // n synthetic words: the kept passages one after another, the last one cut to fit.
    ...(filter && {
      synthetic: async (model: UnigramModel, rng: Rng, n: number) =>
        (await filteredDraw((r, passages) => model.sample(r, passages * width, spec.lambda), Math.ceil(n / width), width, filter, rng)).subarray(0, n),
    }),
    width: 1,
    // Models feeding each other (loops/ecosystem.ts) pass a bigram's text on in whole passages.
    passage: width,
    real: (rng, n) => real.sample(rng, n),
    fit: (data, n) => learner.fit(data, n),
    // Models feeding each other are compared by the total variation between their word
    // probabilities, the bigram's too rather than between its pair distributions: a pair table has
    // V² cells for n_s pairs, so sampling noise swamps it (two texts of 1,000 words drawn from one
    // Zipf law, V = 1,000, are 0.84 apart in pairs and 0.33 in words), and the words' distance is
    // the unigram's, on one scale for both learners.
    distance: (a, b) => totalVariation(a.probabilities, b.probabilities),
    // The reference is P_r itself, known exactly: nothing to draw.
    reference: () => null,
    async evaluate(model, _reference, rng) {
      const metrics = { ...textMetrics(model.probabilities, p), ...model.heldOut?.(p), ...(curated && { targetShare: targetShare(model.probabilities, spec.targetWords) }) };
      return { evaluation: model.sample(rng, spec.nEval, spec.lambda), metrics, modeShare: bandShares(model.probabilities) };
    },
  };
}
