/**
 * The real points that the loop's checks of synthetic data know the data by: the verifier's
 * support (verifier.ts) and the corrector's targets (correction.ts). One sample per experiment,
 * drawn from its own seeded stream, so it is the same in every thread and touches no replicate's
 * streams: turning a check on changes nothing else in the run.
 */
import type { Distribution } from '../data/distribution';
import { Rng } from '../random/prng';

/** Enough real points for a k-NN support as sharp as the metrics'. */
export const REFERENCE_SAMPLE = 2000;

/** The stream's label beside the seed (the verifier's, from before the corrector shared it; the word verifier draws its real words from it too). */
export const REFERENCE_STREAM = 0x7665;

/** REFERENCE_SAMPLE real points, row-major, the same for every caller with this seed. */
export function referenceSample(real: Distribution, seed: number): Float64Array {
  return real.sample(Rng.stream(seed, REFERENCE_STREAM), REFERENCE_SAMPLE);
}
