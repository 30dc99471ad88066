/**
 * A user-supplied 2-D point set (drawn on the canvas or loaded from CSV) as the real distribution:
 * its empirical distribution, sampled with replacement; its moments are the population moments of
 * the points.
 */
import { meanAndScatter } from '../linalg/matrix';
import type { Rng } from '../random/prng';
import type { PointSet } from '../spec/schema';
import type { Distribution } from './distribution';

export function pointSetDistribution(points: PointSet): Distribution {
  const n = points.length;
  const flat = new Float64Array(2 * n);
  points.forEach(([x, y], i) => {
    flat[2 * i] = x;
    flat[2 * i + 1] = y;
  });
  const { mean, scatter } = meanAndScatter(flat, n, 2);
  const cov = scatter.map((v) => v / n);
  return {
    dim: 2,
    mean,
    cov,
    modes: null,
    sample(rng: Rng, m: number) {
      const out = new Float64Array(2 * m);
      for (let i = 0; i < m; i++) {
        const j = rng.int(n);
        out[2 * i] = flat[2 * j];
        out[2 * i + 1] = flat[2 * j + 1];
      }
      return out;
    },
  };
}
