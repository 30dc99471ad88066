/**
 * The bigram learner: a word-level Markov chain fit by counts of consecutive word pairs in D^t
 * (read as one text), with add-α smoothing of each row, q(j | i) = (c_ij + α) / (c_i + αV), where
 * c_i counts the pairs that start with word i. Its text starts with a word drawn from its unigram
 * frequencies and continues along the chain; a word never followed by another in D^t (without
 * smoothing, only a last word) starts afresh from the unigram frequencies. λ and the top-k cut act
 * on every draw of synthetic text as for the unigram learner (per row: the temperature and the
 * cut of q(· | i)).
 *
 * What the metrics read: `probabilities` are its unigram word frequencies, smoothed alike,
 * (u_i + α) / (n + αV): the words it can produce at all, and without smoothing the long-run
 * frequencies of its text. Held-out real text is scored by its pairs (`heldOut`): the real words
 * are independent draws of p, so the expected cross-entropy per word is Σ_i p_i Σ_j p_j (−log2 q(j | i)),
 * over the pairs the chain can produce, and the share of pairs it cannot produce is reported
 * apart, as for the unigram learner.
 */
import type { Rng } from '../random/prng';
import { type UnigramLearner, type UnigramModel, type UnigramOptions, samplingWeights } from './unigram';
import { Categorical } from './zipf';

/** The successors of each word in D^t: CSR rows of word ids and their pair counts. */
interface Rows {
  start: Int32Array;
  next: Int32Array;
  count: Float64Array;
}

function pairRows(data: Float64Array, n: number, v: number): Rows {
  const pairs = new Map<number, number>();
  for (let k = 1; k < n; k++) {
    const key = data[k - 1] * v + data[k];
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  const keys = [...pairs.keys()].sort((a, b) => a - b);
  const start = new Int32Array(v + 1);
  const next = new Int32Array(keys.length);
  const count = new Float64Array(keys.length);
  keys.forEach((key, e) => {
    start[Math.floor(key / v) + 1] += 1;
    next[e] = key % v;
    count[e] = pairs.get(key)!;
  });
  for (let i = 0; i < v; i++) start[i + 1] += start[i];
  return { start, next, count };
}

export function bigramLearner(options: UnigramOptions): UnigramLearner {
  const { vocabulary: v, smoothing: alpha, topK } = options;
  return {
    fit(data: Float64Array, n: number): UnigramModel {
      const q = new Float64Array(v);
      for (let k = 0; k < n; k++) q[data[k]] += 1;
      for (let i = 0; i < v; i++) q[i] = (q[i] + alpha) / (n + alpha * v);
      const rows = pairRows(data, n, v);
      const total = (i: number) => {
        let c = alpha * v;
        for (let e = rows.start[i]; e < rows.start[i + 1]; e++) c += rows.count[e];
        return c;
      };
      /**
       * A sampler of q(· | i) at temperature λ after the top-k cut: over the successors alone
       * without smoothing (cheap), over all V words with it; q itself for a word never followed.
       */
      const chainFrom = (i: number, lambda: number): { ids: Int32Array | null; categorical: Categorical } => {
        const z = total(i);
        if (z === 0) return { ids: null, categorical: new Categorical(samplingWeights(q, lambda, topK)) };
        if (alpha === 0) {
          const ids = rows.next.subarray(rows.start[i], rows.start[i + 1]);
          const w = Float64Array.from(rows.count.subarray(rows.start[i], rows.start[i + 1]), (c) => c / z);
          return { ids, categorical: new Categorical(samplingWeights(w, lambda, topK)) };
        }
        const w = new Float64Array(v).fill(alpha / z);
        for (let e = rows.start[i]; e < rows.start[i + 1]; e++) w[rows.next[e]] += rows.count[e] / z;
        return { ids: null, categorical: new Categorical(samplingWeights(w, lambda, topK)) };
      };
      // Samplers depend on λ; the loop samples with one λ throughout, so the last one's are kept.
      let samplers: { lambda: number; first: Categorical; rows: Map<number, ReturnType<typeof chainFrom>> } | null = null;
      return {
        probabilities: q,
        iterations: 0,
        sample(rng: Rng, count: number, lambda: number) {
          if (samplers?.lambda !== lambda) samplers = { lambda, first: new Categorical(samplingWeights(q, lambda, topK)), rows: new Map() };
          const { first, rows: cache } = samplers;
          const out = new Float64Array(count);
          for (let k = 0; k < count; k++) {
            if (k === 0) {
              out[k] = first.draw(rng);
              continue;
            }
            const i = out[k - 1];
            let chain = cache.get(i);
            if (!chain) cache.set(i, (chain = chainFrom(i, lambda)));
            const drawn = chain.categorical.draw(rng);
            out[k] = chain.ids ? chain.ids[drawn] : drawn;
          }
          return out;
        },
        heldOut(p: Float64Array) {
          // A word never followed continues as the text starts: from q.
          let fromQBits = 0;
          let fromQLost = 0;
          for (let j = 0; j < v; j++) {
            if (q[j] > 0) fromQBits -= p[j] * Math.log2(q[j]);
            else fromQLost += p[j];
          }
          let bits = 0;
          let lost = 0;
          for (let i = 0; i < v; i++) {
            if (p[i] === 0) continue;
            const z = total(i);
            if (z === 0) {
              bits += p[i] * fromQBits;
              lost += p[i] * fromQLost;
              continue;
            }
            let seen = 0;
            for (let e = rows.start[i]; e < rows.start[i + 1]; e++) {
              const j = rows.next[e];
              seen += p[j];
              bits -= p[i] * p[j] * Math.log2((rows.count[e] + alpha) / z);
            }
            // The other words: probability α/z each, or none without smoothing.
            if (alpha > 0) bits -= p[i] * Math.max(0, 1 - seen) * Math.log2(alpha / z);
            else lost += p[i] * Math.max(0, 1 - seen);
          }
          return { perplexity: 2 ** (bits / (1 - lost)), lostText: lost };
        },
      };
    },
  };
}
