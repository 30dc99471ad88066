/**
 * The curator's reward for points (Ferbach et al. 2024, §2): closeness to a target point,
 * r(x) = −‖x − x*‖². The spec holds x*'s first two coordinates; a d-dimensional Gaussian's others are 0.
 */
import type { Spec } from '../../spec/schema';

/** x* in R^d from the spec's target (x*₁, x*₂, 0, …, 0). */
export function rewardTarget(spec: Pick<Spec, 'targetX' | 'targetY'>, d: number): Float64Array {
  const target = new Float64Array(d);
  target[0] = spec.targetX;
  if (d > 1) target[1] = spec.targetY;
  return target;
}

/** r(x_i) = −‖x_i − x*‖² for each of the n rows of `points` (row-major n×d). */
export function rewards(points: Float64Array, n: number, target: Float64Array): Float64Array {
  const d = target.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let j = 0; j < d; j++) sq += (points[i * d + j] - target[j]) ** 2;
    out[i] = -sq;
  }
  return out;
}

/** The mean reward of n samples: the curated loop's objective, E_{G^t}[r(x)]. */
export function meanReward(points: Float64Array, n: number, target: Float64Array): number {
  return rewards(points, n, target).reduce((s, r) => s + r, 0) / n;
}
