/**
 * Curation and verification of synthetic digits, scored by the fixed classifier of the metrics
 * (LeNet, injected as DigitFeatures: TensorFlow.js stays outside the engine).
 *
 * The curator's reward (Ferbach et al. 2024) is the classifier's log-probability of the target
 * class c, r(x) = ln p(c | x). With the Bradley–Terry pick ∝ exp(r/β) = p(c | x)^{1/β}, K → ∞
 * turns G^{t−1} into p(x)·p(c | x)^{1/β}, normalised: at β = 1 exactly G^{t−1} conditioned on
 * the class c by Bayes' rule, sharper below. The probability itself as the reward would bound
 * r to [0, 1], so at β = 1 the best candidate would weigh at most e times the worst.
 *
 * The verifier (Feng et al. 2024) accepts a digit the classifier is confident about: its largest
 * class probability at least VERIFIER_CONFIDENCE. The biased one accepts only confident digits of
 * the classes 0–4, a verifier with its own idea of what digits are.
 */
import { noisyVerdicts } from '../curation/verifier';
import type { SampleVerifier, SyntheticFilter } from '../curation/synthetic-draw';
import type { Rng } from '../random/prng';
import type { Spec } from '../../spec/schema';
import { DIGIT_CLASSES, type DigitEmbedding, type DigitFeatures } from './digits';

/**
 * Least largest class probability the verifier accepts. README ("Curating digits") has what it
 * keeps of MNIST's held-out digits and of the Gaussian mixture's samples.
 */
export const VERIFIER_CONFIDENCE = 0.9;

/** The classes the biased verifier accepts: below this one. */
export const BIASED_VERIFIER_CLASSES = 5;

/** r(x_i) = ln p(target | x_i) of each of the n embedded rows. */
export function targetRewards(embedding: DigitEmbedding, n: number, target: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = embedding.logProbabilities[i * DIGIT_CLASSES + target];
  return out;
}

/** The curator's view of n samples of G^t: the mean reward E[ln p(c | x)] and the share the classifier labels c. */
export function targetMeasures(embedding: DigitEmbedding, n: number, target: number): { reward: number; targetShare: number } {
  let reward = 0;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    reward += embedding.logProbabilities[i * DIGIT_CLASSES + target];
    if (embedding.classes[i] === target) hits++;
  }
  return { reward: reward / n, targetShare: hits / n };
}

export class DigitVerifier implements SampleVerifier {
  private readonly least = Math.log(VERIFIER_CONFIDENCE);

  constructor(
    private readonly features: DigitFeatures,
    private readonly biased: boolean,
    private readonly accuracy: number,
  ) {}

  /** Whether the rule (without noise) holds for embedded row i: confident, and of the classes 0–4 when biased. */
  private rule(embedding: DigitEmbedding, i: number): boolean {
    if (this.biased && embedding.classes[i] >= BIASED_VERIFIER_CLASSES) return false;
    return embedding.logProbabilities[i * DIGIT_CLASSES + embedding.classes[i]] >= this.least;
  }

  async verdicts(rows: Float64Array, n: number, rng: Rng): Promise<Uint8Array> {
    const embedding = await this.features.embed(rows, n);
    const rules = new Uint8Array(n);
    for (let i = 0; i < n; i++) rules[i] = this.rule(embedding, i) ? 1 : 0;
    return noisyVerdicts(rules, this.accuracy, rng);
  }
}

/** The filter of a digit loop's synthetic samples; null when it keeps G^{t−1}'s draws as they are. */
export function digitFilter(spec: Pick<Spec, 'curationK' | 'curationBeta' | 'targetClass' | 'verifier' | 'verifierAccuracy'>, features: DigitFeatures): SyntheticFilter | null {
  if (spec.curationK === 1 && spec.verifier === 'off') return null;
  return {
    k: spec.curationK,
    beta: spec.curationBeta,
    reward: async (rows, n) => targetRewards(await features.embed(rows, n), n, spec.targetClass),
    verifier: spec.verifier === 'off' ? null : new DigitVerifier(features, spec.verifier === 'biased', spec.verifierAccuracy),
  };
}
