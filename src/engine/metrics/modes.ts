/**
 * Mode coverage for mixtures with known modes (the ring and the grid), after the GAN mode-collapse
 * literature and MAD App. B.2 / Fig. 15:
 *
 * - each sample is assigned to its nearest mode centre;
 * - it is high quality if its Euclidean distance to that centre is at most 3σ;
 * - a mode is covered if it receives at least max(1, COVERED_SHARE · n / K) high-quality samples,
 *   i.e. at least 10% of its fair share of the n samples among K modes;
 * - modeVariance ("average modal variance") is the mean over covered modes of the per-coordinate
 *   variance (trace of the covariance / d) of the mode's high-quality samples, 0 if none is covered;
 * - share[k] is mode k's high-quality count over its fair share n/K (covered iff
 *   share ≥ COVERED_SHARE), the mode-by-mode detail that the page's mode-survival chart draws.
 *
 * The per-mode variance divides by the count (the MLE), so a mode covered by one sample has
 * variance 0 rather than none. Note that truncation at 3σ shrinks it: in 2-D a mode that matches
 * its true Gaussian gives σ² (1 − 5.5 e^{−4.5}) / (1 − e^{−4.5}) ≈ 0.949 σ², not σ².
 */
import type { Modes } from '../data/distribution';

/**
 * A mode (or a digit class) is covered when it holds at least this share of its fair share of the
 * samples: the one threshold of the mode and class metrics and of the charts that draw them.
 */
export const COVERED_SHARE = 0.1;

export interface ModeCoverage {
  covered: number;
  modeVariance: number;
  share: Float64Array;
}

export function modeCoverage(samples: Float64Array, n: number, modes: Modes): ModeCoverage {
  const { centers, count: K, sigma } = modes;
  const d = centers.length / K;
  if (!Number.isInteger(d) || d < 1) throw new Error(`modeCoverage: ${centers.length} centre coordinates for ${K} modes`);
  if (samples.length < n * d) throw new Error(`modeCoverage: expected ${n}×${d} samples, got length ${samples.length}`);
  const limitSq = 9 * sigma * sigma;
  const assigned = new Int32Array(n).fill(-1);
  const hits = new Int32Array(K);
  const sums = new Float64Array(K * d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let nearest = -1;
    let nearestSq = Infinity;
    for (let c = 0; c < K; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (samples[o + j] - centers[c * d + j]) ** 2;
      if (s < nearestSq) {
        nearestSq = s;
        nearest = c;
      }
    }
    if (!(nearestSq <= limitSq)) continue;
    assigned[i] = nearest;
    hits[nearest]++;
    for (let j = 0; j < d; j++) sums[nearest * d + j] += samples[o + j];
  }
  // Second pass about each mode's own mean, for accuracy when σ is small relative to the centre.
  const squares = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const c = assigned[i];
    if (c < 0) continue;
    for (let j = 0; j < d; j++) squares[c] += (samples[i * d + j] - sums[c * d + j] / hits[c]) ** 2;
  }
  const threshold = Math.max(1, (COVERED_SHARE * n) / K);
  let covered = 0;
  let varianceSum = 0;
  for (let c = 0; c < K; c++) {
    if (hits[c] < threshold) continue;
    covered++;
    varianceSum += squares[c] / (hits[c] * d);
  }
  const share = new Float64Array(K);
  for (let c = 0; c < K; c++) share[c] = n > 0 ? (hits[c] * K) / n : 0;
  return { covered, modeVariance: covered > 0 ? varianceSum / covered : 0, share };
}
