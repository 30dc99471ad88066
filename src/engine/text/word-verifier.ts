/**
 * An in-vocabulary verifier of synthetic text (after Feng et al. 2024, "Beyond model collapse"): it
 * knows the language by its own sample of real text, VERIFIER_WORDS words of P_r, and accepts a
 * passage only if it has seen every word of it. A biased verifier trusts only the more common half
 * of the words it knows (by its own counts, ties to the commoner rank), so it bends the loop
 * towards frequent words. Each verdict is the rule's with probability `accuracy`, as for points.
 */
import type { SampleVerifier } from '../curation/synthetic-draw';
import { REFERENCE_STREAM } from '../curation/reference-sample';
import { noisyVerdicts } from '../curation/verifier';
import { Rng } from '../random/prng';
import type { Spec, VerifierKind } from '../../spec/schema';
import { Categorical } from './zipf';

/**
 * Real words the verifier knows the language by: about a short book. It sees every word of
 * probability above a few in 10,000 (most of a 1,000-word Zipf vocabulary) but misses much of the
 * rare end of a larger one, which a verifier with finite knowledge cannot pass.
 */
export const VERIFIER_WORDS = 10_000;

export class WordVerifier implements SampleVerifier {
  /** 1 for each word id the rule accepts. */
  readonly accepted: Uint8Array;

  constructor(
    p: Float64Array,
    seed: number,
    kind: Exclude<VerifierKind, 'off'>,
    private readonly accuracy: number,
    /** Words per passage (one row). */
    private readonly width: number,
  ) {
    const words = new Categorical(p).sample(Rng.stream(seed, REFERENCE_STREAM), VERIFIER_WORDS);
    const counts = new Float64Array(p.length);
    for (const w of words) counts[w] += 1;
    const known = Array.from(counts.keys()).filter((i) => counts[i] > 0);
    const trusted = kind === 'biased' ? known.sort((a, b) => counts[b] - counts[a] || a - b).slice(0, Math.ceil(known.length / 2)) : known;
    this.accepted = new Uint8Array(p.length);
    for (const i of trusted) this.accepted[i] = 1;
  }

  verdicts(passages: Float64Array, n: number, rng: Rng): Uint8Array {
    const rules = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let right = true;
      for (let j = 0; j < this.width && right; j++) right = this.accepted[passages[i * this.width + j]] === 1;
      rules[i] = right ? 1 : 0;
    }
    return noisyVerdicts(rules, this.accuracy, rng);
  }
}

export function wordVerifierFor(spec: Pick<Spec, 'verifier' | 'verifierAccuracy' | 'seed'>, p: Float64Array, width: number): WordVerifier | null {
  return spec.verifier === 'off' ? null : new WordVerifier(p, spec.seed, spec.verifier, spec.verifierAccuracy, width);
}
