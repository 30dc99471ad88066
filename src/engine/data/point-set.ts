/**
 * A user-supplied 2-D point set (drawn on the canvas or loaded from CSV) as the real distribution:
 * a point drawn with replacement plus a small Gaussian jitter of standard deviation JITTER × the
 * points' RMS spread. Without the jitter a few dozen drawn points resampled a thousand times give
 * exact duplicates, whose k-NN radii are 0, and precision/recall would measure the duplicates.
 * The moments are exact: the points' population moments plus the jitter's variance.
 */
import { meanAndScatter } from '../linalg/matrix';
import type { Rng } from '../random/prng';
import type { PointSet } from '../../spec/schema';
import type { Distribution } from './distribution';

export const JITTER = 0.02;

export function pointSetDistribution(points: PointSet): Distribution {
  const n = points.length;
  const flat = new Float64Array(2 * n);
  points.forEach(([x, y], i) => {
    flat[2 * i] = x;
    flat[2 * i + 1] = y;
  });
  const { mean, scatter } = meanAndScatter(flat, n, 2);
  const cov = scatter.map((v) => v / n);
  const jitter = JITTER * Math.sqrt((cov[0] + cov[3]) / 2);
  cov[0] += jitter * jitter;
  cov[3] += jitter * jitter;
  return {
    dim: 2,
    mean,
    cov,
    modes: null,
    sample(rng: Rng, m: number) {
      const out = new Float64Array(2 * m);
      for (let i = 0; i < m; i++) {
        const j = rng.int(n);
        out[2 * i] = flat[2 * j] + jitter * rng.normal();
        out[2 * i + 1] = flat[2 * j + 1] + jitter * rng.normal();
      }
      return out;
    },
  };
}
