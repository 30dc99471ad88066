/**
 * The curator's choice among K candidates (Ferbach et al. 2024, eq. 2): a Bradley–Terry
 * (Plackett–Luce) pick, P(choose x_i) = exp(r(x_i)/β) / Σ_j exp(r(x_j)/β). β → 0 takes the best
 * candidate, β → ∞ picks uniformly; as K → ∞ the picks follow p(x)·e^{r(x)/β}, normalised.
 */
import type { Rng } from '../random/prng';

/**
 * From `candidates` (n·K rows of width d, grouped K by K) and their rewards, keeps one row per
 * group: n rows, row-major. One uniform draw per group.
 */
export function curate(candidates: Float64Array, rewards: Float64Array, n: number, k: number, d: number, beta: number, rng: Rng): Float64Array {
  const out = new Float64Array(n * d);
  const weights = new Float64Array(k);
  for (let g = 0; g < n; g++) {
    const first = g * k;
    // Shifting by the best reward keeps exp() finite for any β; the best weight is then 1.
    let best = -Infinity;
    for (let i = 0; i < k; i++) best = Math.max(best, rewards[first + i]);
    let total = 0;
    for (let i = 0; i < k; i++) total += weights[i] = Math.exp((rewards[first + i] - best) / beta);
    let u = rng.uniform() * total;
    let pick = k - 1;
    for (let i = 0; i < k; i++) {
      u -= weights[i];
      if (u < 0) {
        pick = i;
        break;
      }
    }
    out.set(candidates.subarray((first + pick) * d, (first + pick + 1) * d), g * d);
  }
  return out;
}
