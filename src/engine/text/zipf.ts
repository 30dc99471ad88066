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
 * Draws word ids from unnormalised weights by inverse CDF: the first id whose cumulative weight
 * exceeds u, found through a guide table (Chen & Asau 1974): V equal slices of [0, total), each
 * pointing at the first id that can answer a u in it, so a draw costs O(1) steps on average and a
 * generation O(n + V), for any vocabulary up to 100,000 types. The table only shortens the search:
 * each draw returns the id a binary search would. Types of weight 0 are never drawn.
 */
export class Categorical {
  private readonly cumulative: Float64Array;
  private readonly guide: Int32Array;

  constructor(weights: Float64Array) {
    const v = weights.length;
    this.cumulative = new Float64Array(v);
    let s = 0;
    for (let i = 0; i < v; i++) this.cumulative[i] = s += weights[i];
    if (!(s > 0)) throw new Error('Categorical: every weight is 0');
    this.guide = new Int32Array(v);
    for (let j = 0, i = 0; j < v; j++) {
      const start = (j * s) / v;
      while (i < v - 1 && this.cumulative[i] <= start) i++;
      this.guide[j] = i;
    }
  }

  sample(rng: Rng, n: number): Float64Array {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[k] = this.draw(rng);
    return out;
  }

  /** One id. */
  draw(rng: Rng): number {
    const c = this.cumulative;
    const last = c.length - 1;
    const u = rng.uniform() * c[last];
    let i = this.guide[Math.min(last, Math.floor((u * c.length) / c[last]))];
    // Rounding at a slice's edge can start one id late or early: step to the exact answer.
    while (i > 0 && c[i - 1] > u) i--;
    while (i < last && c[i] <= u) i++;
    return i;
  }
}
