import { describe, expect, it } from 'vitest';
import { LineBalls } from '../../src/engine/metrics/line-balls';
import { Rng } from '../../src/engine/random/prng';

/** The definition, by brute force: radius = k-th smallest distance to another point. */
function bruteCount(points: Float64Array, k: number, queries: Float64Array): number {
  const n = points.length;
  const radii = Array.from(points, (x, i) => {
    const gaps = Array.from(points, (y, j) => (j === i ? Infinity : Math.abs(x - y))).sort((a, b) => a - b);
    return gaps[k - 1];
  });
  let count = 0;
  for (const q of queries) if (radii.some((r, i) => Math.abs(q - points[i]) <= r)) count++;
  expect(n).toBe(points.length);
  return count;
}

describe('k-NN balls on a line', () => {
  it('counts covered queries exactly as the brute-force definition', () => {
    const rng = Rng.fromKey(8);
    for (const [n, m, k] of [[6, 50, 5], [200, 300, 5], [500, 500, 3], [400, 200, 1]]) {
      const points = Float64Array.from({ length: n }, () => rng.normal() * (rng.uniform() < 0.2 ? 5 : 1));
      const queries = Float64Array.from({ length: m }, () => 2 * rng.normal());
      expect(new LineBalls(points, n, k).countContaining(queries, m), `n=${n} k=${k}`).toBe(bruteCount(points, k, queries));
    }
  });

  it('handles duplicates: coinciding points have radius 0 and cover only exact copies', () => {
    const points = Float64Array.of(1, 1, 1, 1, 1, 1, 5, 5.5, 6, 6.5, 7, 7.5);
    const queries = Float64Array.of(1, 1.0001, 0.9999, 6.2, 100);
    const balls = new LineBalls(points, points.length, 5);
    expect(balls.countContaining(queries, queries.length)).toBe(bruteCount(points, 5, queries));
    expect(balls.countContaining(Float64Array.of(1.0001), 1)).toBe(0);
  });

  it('rejects non-finite points', () => {
    expect(() => new LineBalls(Float64Array.of(1, 2, Number.NaN, 4, 5, 6, 7), 7, 5)).toThrow(/not finite/);
  });
});
