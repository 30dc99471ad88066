/**
 * The synthetic samples of a curated or verified loop: n draws of G^{t−1} that a verifier accepts
 * (drawing more until n pass), each the curator's pick among K accepted candidates. Without
 * curation (K = 1) and without a verifier the loop samples G^{t−1} directly, untouched. The reward
 * and the verifier are the domain's (points: reward.ts, verifier.ts; digits: digits/digit-curation.ts),
 * asynchronous where a network outside the engine scores the samples.
 */
import type { Rng } from '../random/prng';
import { curate } from './bradley-terry';

/** Most draws per sample needed, as a multiple: below a 1% acceptance rate the loop stops and says so. */
export const MAX_DRAWS_PER_SAMPLE = 100;

/** The curator's reward r(x_i) of each of the n rows of `rows`. */
export type Reward = (rows: Float64Array, n: number) => Float64Array | Promise<Float64Array>;

/** What accepts or rejects synthetic samples: 1 for each accepted row of the n, 0 otherwise; `rng` draws its errors. */
export interface SampleVerifier {
  verdicts(rows: Float64Array, n: number, rng: Rng): Uint8Array | Promise<Uint8Array>;
}

export interface SyntheticFilter {
  /** Candidates per kept sample (1 = no curation). */
  k: number;
  beta: number;
  reward: Reward;
  verifier: SampleVerifier | null;
}

/** Most numbers drawn in one batch (32 MB of float64): at a low acceptance rate a batch of digit rows would otherwise take gigabytes. */
export const MAX_BATCH_NUMBERS = 1 << 22;

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
    const batch = Math.min(cap - drawn, Math.ceil((needed - kept) / rate), Math.max(1, Math.floor(MAX_BATCH_NUMBERS / d)));
    const points = await sample(rng, batch);
    const verdicts = await verifier.verdicts(points, batch, rng);
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
async function filteredChunk(sample: Sampler, n: number, d: number, filter: SyntheticFilter, rng: Rng): Promise<Float64Array> {
  const { k, beta, reward, verifier } = filter;
  const candidates = verifier ? await verifiedDraws(sample, n * k, d, verifier, rng) : await sample(rng, n * k);
  if (k === 1) return candidates;
  return curate(candidates, await reward(candidates, n * k), n, k, d, beta, rng);
}

/**
 * n synthetic rows of width d, filtered. The candidates of at most MAX_BATCH_NUMBERS numbers are
 * drawn and judged at a time (K·n_s digit rows can be gigabytes); one chunk when they fit.
 */
export async function filteredDraw(sample: Sampler, n: number, d: number, filter: SyntheticFilter, rng: Rng): Promise<Float64Array> {
  const perChunk = Math.max(1, Math.floor(MAX_BATCH_NUMBERS / (filter.k * d)));
  if (n <= perChunk) return filteredChunk(sample, n, d, filter, rng);
  const out = new Float64Array(n * d);
  for (let first = 0; first < n; first += perChunk) out.set(await filteredChunk(sample, Math.min(perChunk, n - first), d, filter, rng), first * d);
  return out;
}
