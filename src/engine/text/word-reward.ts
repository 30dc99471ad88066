/**
 * The curator's reward for words (after Ferbach et al. 2024): membership in a target word set, the
 * m most common words of the real language (ranks 1..m, ids 0..m − 1; `targetWords`). A curated
 * sample is a passage of the learner's words (LearnerEntry.passage: one word for the unigram, whose words are
 * independent; a run of consecutive words for the bigram, whose text is a chain), and its reward is
 * the share of its words in the set, r ∈ [0, 1]: with one word, a target word weighs e^{1/β}
 * against any other in the Bradley–Terry pick.
 */

/** r of each of `count` passages of `width` word ids (row-major): the share of its words with id < m. */
export function targetRewards(passages: Float64Array, count: number, width: number, m: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let hits = 0;
    for (let j = 0; j < width; j++) if (passages[i * width + j] < m) hits += 1;
    out[i] = hits / width;
  }
  return out;
}

/** Σ_{i < m} q_i: the share of target words in G^t's text, the curated loop's objective E_{G^t}[r] for single words. */
export function targetShare(q: Float64Array, m: number): number {
  let s = 0;
  for (let i = 0; i < Math.min(m, q.length); i++) s += q[i];
  return s;
}
