/**
 * The synthetic samples of a curated or verified loop: n draws of G^{t−1} that a verifier accepts
 * (drawing more until n pass), each the curator's pick among K accepted candidates. Without
 * curation (K = 1) and without a verifier the loop samples G^{t−1} directly, untouched.
 */
import type { Rng } from '../random/prng';
import { curate } from './bradley-terry';
import type { SampleVerifier } from './verifier';

/** Most draws per sample needed, as a multiple: below a 1% acceptance rate the loop stops and says so. */
export const MAX_DRAWS_PER_SAMPLE = 100;

export interface SyntheticFilter {
  /** Candidates per kept sample (1 = no curation). */
  k: number;
  beta: number;
  /** The curator's reward r of each of `count` rows (points: closeness to x*; words: the share of target words). */
  reward(rows: Float64Array, count: number): Float64Array;
  verifier: SampleVerifier | null;
}

type Sampler = (rng: Rng, n: number) => Float64Array | Promise<Float64Array>;

/** `needed` rows of width d that the verifier accepts, drawn from `sample` in batches. */
async function verifiedDraws(sample: Sampler, needed: number, d: number, verifier: SampleVerifier, rng: Rng): Promise<Float64Array> {
  const out = new Float64Array(needed * d);
  const cap = MAX_DRAWS_PER_SAMPLE * needed;
  let kept = 0;
  let drawn = 0;
  while (kept < needed) {
    if (drawn >= cap)
      throw new Error(
        `verifier: it accepted ${kept} of ${drawn} samples of G^(t−1) (${((100 * kept) / drawn).toFixed(2)}%), fewer than the ${needed} needed; ` +
          `the loop stops below 1 in ${MAX_DRAWS_PER_SAMPLE}: the model no longer draws what the verifier accepts (raise its accuracy, turn it off, or use real data)`,
      );
    // Draw about what the acceptance so far says is missing, never beyond the cap.
    const rate = drawn > 0 ? Math.max(kept / drawn, 1 / MAX_DRAWS_PER_SAMPLE) : 1;
    const batch = Math.min(cap - drawn, Math.ceil((needed - kept) / rate));
    const points = await sample(rng, batch);
    const verdicts = verifier.verdicts(points, batch, rng);
    drawn += batch;
    for (let i = 0; i < batch && kept < needed; i++) {
      if (!verdicts[i]) continue;
      out.set(points.subarray(i * d, (i + 1) * d), kept * d);
      kept += 1;
    }
  }
  return out;
}

/** n synthetic rows of width d: verified candidates, K per sample, one kept per K by the curator. */
export async function filteredDraw(sample: Sampler, n: number, d: number, filter: SyntheticFilter, rng: Rng): Promise<Float64Array> {
  const { k, beta, verifier } = filter;
  const candidates = verifier ? await verifiedDraws(sample, n * k, d, verifier, rng) : await sample(rng, n * k);
  if (k === 1) return candidates;
  return curate(candidates, filter.reward(candidates, n * k), n, k, d, beta, rng);
}
