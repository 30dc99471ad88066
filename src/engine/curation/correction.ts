/**
 * Self-correction of synthetic samples (after Gillman et al. 2024, "Self-correcting self-consuming
 * loops", arXiv 2402.07087): before the next model trains on them, synthetic samples are pushed
 * towards the real data's manifold by a correction function, as their physics simulator fixes
 * generated human motion. Here the correction moves each sample x a fraction γ of the way to its
 * nearest neighbour among the real samples of reference-sample.ts (points) or 2,000 training
 * digits (digits/digit-correction.ts): x + γ·(r(x) − x). γ = 1 replaces each sample by a real one
 * near it, so the model's samples only choose which real samples the next model sees; γ = 0 leaves
 * them as drawn.
 */
import type { Distribution } from '../data/distribution';
import { KnnIndex } from '../metrics/knn-index';
import type { Spec } from '../../spec/schema';
import { REFERENCE_SAMPLE, referenceSample } from './reference-sample';

export class Corrector {
  private readonly index: KnnIndex;

  /** `reference`: n real rows of d numbers (points; a digit's pixels) that samples are moved towards. */
  constructor(
    reference: Float64Array,
    n: number,
    d: number,
    private readonly strength: number,
  ) {
    this.index = new KnnIndex(reference, n, d);
  }

  /** The n rows of `points` (row-major, the reference's width), each moved γ of the way to its nearest reference row. */
  correct(points: Float64Array, n: number): Float64Array {
    const { d, points: targets } = this.index;
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const r = this.index.nearest(points, i) * d;
      for (let j = 0; j < d; j++) {
        const x = points[i * d + j];
        out[i * d + j] = x + this.strength * (targets[r + j] - x);
      }
    }
    return out;
  }
}

/** The spec's corrector of points, or null without correction (γ = 0), so an uncorrected loop runs exactly as before. */
export function correctorFor(spec: Pick<Spec, 'correction' | 'seed'>, real: Distribution): Corrector | null {
  return spec.correction === 0 ? null : new Corrector(referenceSample(real, spec.seed), REFERENCE_SAMPLE, real.dim, spec.correction);
}
