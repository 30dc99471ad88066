/**
 * The synthetic Zipf vocabulary (Dohmatob et al., "A Tale of Tails", 2024; notes §4): V word types
 * ranked 1..V with p(i) ∝ i^−β, known exactly, so every metric of G^t compares with the truth
 * itself rather than with a sample of it. A sample is a word id, 0-based (id i has rank i + 1).
 */
import type { Rng } from '../random/prng';

/** p_i ∝ (i + 1)^−β for ids i = 0..V−1, normalised. */
export function zipfProbabilities(vocabulary: number, beta: number): Float64Array {
  const p = new Float64Array(vocabulary);
  let total = 0;
  for (let i = 0; i < vocabulary; i++) total += p[i] = (i + 1) ** -beta;
  for (let i = 0; i < vocabulary; i++) p[i] /= total;
  return p;
}

/**
 * Draws word ids from unnormalised weights by inverse CDF: a binary search per draw, so a
 * generation costs O(n log V) and a vocabulary of 100,000 types needs no alias tables. Types of
 * weight 0 are never drawn (the search finds the first cumulative weight strictly above u).
 */
export class Categorical {
  private readonly cumulative: Float64Array;

  constructor(weights: Float64Array) {
    this.cumulative = new Float64Array(weights.length);
    let s = 0;
    for (let i = 0; i < weights.length; i++) this.cumulative[i] = s += weights[i];
    if (!(s > 0)) throw new Error('Categorical: every weight is 0');
  }

  sample(rng: Rng, n: number): Float64Array {
    const c = this.cumulative;
    const total = c[c.length - 1];
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const u = rng.uniform() * total;
      let lo = 0;
      let hi = c.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (c[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      out[k] = lo;
    }
    return out;
  }
}
