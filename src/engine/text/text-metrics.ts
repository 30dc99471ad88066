/**
 * The text domain's measures of G^t, computed exactly from its probabilities q against the known
 * Zipf distribution p (no sampling error): how many words it can still produce, how much of the
 * rare half of the vocabulary survives, its entropy, its total variation to p, its
 * heterozygosity 1 − Σ q_i² (the Wright–Fisher chain's quantity, notes §4b), and how well it
 * predicts held-out real text.
 *
 * Held-out text is measured by its expectation under p (as if infinitely long), so it has no
 * sampling error either. Without smoothing a lost word has q_i = 0, and text containing it has
 * infinite perplexity: a number that would say nothing once the first word is lost. So the text
 * is split in two, both reported: the share of real text made of words G^t can no longer produce
 * (`lostText`, Σ p_i over q_i = 0), and the perplexity of the rest (`perplexity`,
 * 2^(−Σ p_i log2 q_i / Σ p_i) over q_i > 0). Nothing is smoothed for evaluation.
 */
import type { MetricName } from '../metrics/registry';

/** The rarest half of a vocabulary of V ranked types: ids ⌊V/2⌋..V−1 (ranks above V/2). */
export function rareHalfStart(vocabulary: number): number {
  return Math.floor(vocabulary / 2);
}

/** 1 − Σ q_i²: the chance that two independent draws differ. */
export function heterozygosity(q: Float64Array): number {
  let s = 0;
  for (let i = 0; i < q.length; i++) s += q[i] * q[i];
  return 1 - s;
}

/** ½ Σ |q_i − p_i|: the total variation between two word distributions. */
export function totalVariation(q: Float64Array, p: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < q.length; i++) sum += Math.abs(q[i] - p[i]);
  return sum / 2;
}

export function textMetrics(q: Float64Array, p: Float64Array): Record<MetricName, number> {
  const rare = rareHalfStart(p.length);
  let alive = 0;
  let entropy = 0;
  let rareAlive = 0;
  let rareTotal = 0;
  let known = 0;
  let lost = 0;
  let crossEntropy = 0;
  for (let i = 0; i < q.length; i++) {
    if (q[i] > 0) {
      alive += 1;
      entropy -= q[i] * Math.log2(q[i]);
      known += p[i];
      crossEntropy -= p[i] * Math.log2(q[i]);
    } else lost += p[i];
    if (i >= rare) {
      rareTotal += p[i];
      if (q[i] > 0) rareAlive += p[i];
    }
  }
  const metrics: Partial<Record<MetricName, number>> = {
    alive,
    tailMass: rareAlive / rareTotal,
    wordEntropy: entropy,
    tv: totalVariation(q, p),
    heterozygosity: heterozygosity(q),
    perplexity: 2 ** (crossEntropy / known),
    lostText: lost,
  };
  return metrics as Record<MetricName, number>;
}
