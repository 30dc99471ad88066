/**
 * Improved precision and recall of Kynkäänniemi et al. 2019 (arXiv 1904.06991).
 *
 * A point set's k-NN manifold is the union of the balls around its points whose radius is the
 * distance to the point's k-th nearest neighbour in the same set. Precision is the fraction of
 * generated points inside the real manifold (quality); recall is the fraction of real points
 * inside the generated manifold (diversity). MAD uses k = 5 in all its experiments.
 *
 * Coinciding points get radius 0 (a collapsed model's samples, data resampled with replacement):
 * their balls then hold only exact copies of the point, which is what the definition says.
 */
import { KnnIndex, type BallUnion } from './knn-index';
import { LineBalls } from './line-balls';

export const MAD_K = 5;

export class KnnManifold {
  readonly n: number;
  readonly d: number;
  readonly k: number;
  /** The points, in the index's order (order does not matter for coverage counts). */
  readonly points: Float64Array;
  private readonly balls: BallUnion;

  /** Built once per point set: a replicate's real manifold is reused every generation. */
  constructor(points: Float64Array, n: number, d: number, k = MAD_K) {
    if (!Number.isInteger(k) || k < 1) throw new Error(`KnnManifold: k must be a positive integer, got ${k}`);
    if (!(n > k)) throw new Error(`KnnManifold: a k-NN manifold with k = ${k} needs more than ${k} points, got ${n}`);
    this.n = n;
    this.d = d;
    this.k = k;
    if (d === 1) {
      const line = new LineBalls(points, n, k);
      this.points = line.points;
      this.balls = line;
    } else {
      const index = new KnnIndex(points, n, d);
      this.points = index.points;
      this.balls = index.ballUnion(index.kthNeighbourSq(k));
    }
  }

  /** Fraction of the n query points (n×d row-major) that lie inside the manifold. */
  covers(points: Float64Array, n: number): number {
    if (!(n >= 1)) throw new Error(`KnnManifold: coverage needs at least one query point, got ${n}`);
    return this.balls.countContaining(points, n) / n;
  }
}

export function precisionRecall(
  real: KnnManifold,
  generated: Float64Array,
  nGenerated: number,
  d: number,
  k = MAD_K,
): { precision: number; recall: number } {
  if (real.d !== d || real.k !== k)
    throw new Error(`precisionRecall: real manifold has d = ${real.d}, k = ${real.k}; asked for d = ${d}, k = ${k}`);
  const fake = new KnnManifold(generated, nGenerated, d, k);
  // The manifold's own copy of the generated points is ordered for its index (sorted in 1-D), which
  // makes it the cheaper query set; coverage does not depend on the order.
  return { precision: real.covers(fake.points, nGenerated), recall: fake.covers(real.points, real.n) };
}
