/**
 * Self-correction of synthetic points (after Gillman et al. 2024, "Self-correcting self-consuming
 * loops", arXiv 2402.07087): before the next model trains on them, synthetic samples are pushed
 * towards the real data's manifold by a correction function, as their physics simulator fixes
 * generated human motion. Here the correction moves each sample x a fraction γ of the way to its
 * nearest neighbour among the real points of reference-sample.ts: x + γ·(r(x) − x). γ = 1
 * replaces each sample by a real point near it, so the model's samples only choose which real
 * points the next model sees; γ = 0 leaves them as drawn.
 */
import type { Distribution } from '../data/distribution';
import { KnnIndex } from '../metrics/knn-index';
import type { Spec } from '../../spec/schema';
import { REFERENCE_SAMPLE, referenceSample } from './reference-sample';

export class Corrector {
  private readonly index: KnnIndex;

  constructor(
    real: Distribution,
    seed: number,
    private readonly strength: number,
  ) {
    this.index = new KnnIndex(referenceSample(real, seed), REFERENCE_SAMPLE, real.dim);
  }

  /** The n rows of `points` (row-major, the real data's dimension), each moved γ of the way to its nearest real point. */
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

/** The spec's corrector, or null without correction (γ = 0), so an uncorrected loop runs exactly as before. */
export function correctorFor(spec: Pick<Spec, 'correction' | 'seed'>, real: Distribution): Corrector | null {
  return spec.correction === 0 ? null : new Corrector(real, spec.seed, spec.correction);
}
