/**
 * A noisy verifier of synthetic points (after Feng et al. 2024, "Beyond model collapse"): it
 * accepts a point that lies on the real data's support, here the k-NN manifold (k = 5, as the
 * precision metric) of its own sample of real points (reference-sample.ts). A biased verifier holds a narrower idea of
 * the data: only the part of that support whose first coordinate is ≥ 0. Each verdict is its
 * rule's with probability `accuracy` and reversed otherwise, so accuracy 0.5 is a coin toss.
 */
import type { Distribution } from '../data/distribution';
import { KnnManifold } from '../metrics/precision-recall';
import type { Rng } from '../random/prng';
import type { Spec, VerifierKind } from '../../spec/schema';
import { REFERENCE_SAMPLE, referenceSample } from './reference-sample';
import type { SampleVerifier } from './synthetic-draw';

export class Verifier implements SampleVerifier {
  private readonly support: KnnManifold;

  constructor(
    real: Distribution,
    seed: number,
    private readonly kind: Exclude<VerifierKind, 'off'>,
    private readonly accuracy: number,
  ) {
    this.support = new KnnManifold(referenceSample(real, seed), REFERENCE_SAMPLE, real.dim);
  }

  /** Whether the rule (without noise) holds for the point: on the support, and in the biased verifier's half. */
  private rule(point: Float64Array): boolean {
    if (this.kind === 'biased' && point[0] < 0) return false;
    return this.support.covers(point, 1) > 0;
  }

  /** The noisy verdict on each of the n rows of `points`; `rng` draws the errors. */
  verdicts(points: Float64Array, n: number, rng: Rng): Uint8Array {
    const d = this.support.d;
    const rules = new Uint8Array(n);
    for (let i = 0; i < n; i++) rules[i] = this.rule(points.subarray(i * d, (i + 1) * d)) ? 1 : 0;
    return noisyVerdicts(rules, this.accuracy, rng);
  }
}

/**
 * A verifier's verdicts from its rule's (1 = accept): each is the rule's with probability
 * `accuracy` and reversed otherwise, one uniform draw per verdict in order (none at accuracy 1).
 */
export function noisyVerdicts(rules: Uint8Array, accuracy: number, rng: Rng): Uint8Array {
  if (accuracy === 1) return rules;
  return rules.map((rule) => (rng.uniform() < accuracy ? rule : 1 - rule));
}

export function verifierFor(spec: Pick<Spec, 'verifier' | 'verifierAccuracy' | 'seed'>, real: Distribution): Verifier | null {
  return spec.verifier === 'off' ? null : new Verifier(real, spec.seed, spec.verifier, spec.verifierAccuracy);
}
