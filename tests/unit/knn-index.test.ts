import { describe, expect, it } from 'vitest';
import { KnnIndex } from '../../src/engine/metrics/knn-index';
import { Rng } from '../../src/engine/random/prng';

/** Same arithmetic as the index (coordinate order, a − b squared), so results must match bit for bit. */
function sqDist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let c = 0; c < d; c++) {
    const t = a[i * d + c] - b[j * d + c];
    s += t * t;
  }
  return s;
}

function bruteKth(x: Float64Array, n: number, d: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ds: number[] = [];
    for (let j = 0; j < n; j++) if (j !== i) ds.push(sqDist(x, i, x, j, d));
    ds.sort((a, b) => a - b);
    out[i] = ds[k - 1];
  }
  return out;
}

function bruteContains(x: Float64Array, n: number, radiiSq: Float64Array, q: Float64Array, qi: number, d: number): boolean {
  for (let i = 0; i < n; i++) if (sqDist(q, qi, x, i, d) <= radiiSq[i]) return true;
  return false;
}

/** Gaussian points on a coarse lattice (so distances tie) with 10% exact duplicate rows. */
function pointsWithDuplicates(rng: Rng, n: number, d: number): Float64Array {
  const x = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) x[i] = Math.round(rng.normal() * 32) / 32;
  for (let c = 0; c < n / 10; c++) {
    const from = rng.int(n);
    const to = rng.int(n);
    x.copyWithin(to * d, from * d, from * d + d);
  }
  return x;
}

describe('KnnIndex', () => {
  for (const [d, n] of [
    [1, 700],
    [2, 1000],
    [3, 1000],
    [8, 500],
    [10, 600],
    // LeNet's feature space (digits): the scan stops sums part-way, chunk by chunk.
    [84, 300],
  ]) {
    it(`matches brute force exactly in ${d}-D (n = ${n}, duplicates included)`, () => {
      const rng = Rng.fromKey(100 + d);
      const x = pointsWithDuplicates(rng, n, d);
      const index = new KnnIndex(x, n, d);
      for (const k of [1, 5]) expect(index.kthNeighbourSq(k)).toEqual(bruteKth(x, n, d, k));

      const radiiSq = index.kthNeighbourSq(5).map((r) => r * 2 * rng.uniform());
      const balls = index.ballUnion(radiiSq);
      const m = 400;
      const queries = rng.fillNormal(new Float64Array(m * d)).map((v) => 1.5 * v);
      queries.set(x.subarray(0, 50 * d)); // some queries sit exactly on indexed points
      let expected = 0;
      for (let i = 0; i < m; i++) {
        const inside = bruteContains(x, n, radiiSq, queries, i, d);
        expect(balls.countContaining(queries.subarray(i * d, i * d + d), 1)).toBe(inside ? 1 : 0);
        if (inside) expected++;
      }
      expect(balls.countContaining(queries, m)).toBe(expected);
      expect(expected).toBeGreaterThan(0);
      expect(expected).toBeLessThan(m);
    });
  }

  it('gives zero radii and exact-coincidence coverage for a fully collapsed set', () => {
    for (const d of [2, 10]) {
      const n = 300;
      const x = new Float64Array(n * d).fill(0.5);
      const index = new KnnIndex(x, n, d);
      const r = index.kthNeighbourSq(5);
      expect(r.every((v) => v === 0)).toBe(true);
      const queries = new Float64Array(3 * d).fill(0.5);
      queries[d] = 0.5 + 1e-12;
      expect(index.ballUnion(r).countContaining(queries, 3)).toBe(2);
    }
  });

  it('keeps the caller’s point order for radii and copies the points', () => {
    const x = Float64Array.from([0, 0, 10, 0, 1, 0, 13, 0]);
    const index = new KnnIndex(x, 4, 2);
    expect(index.kthNeighbourSq(1)).toEqual(Float64Array.from([1, 9, 1, 9]));
    x.fill(100);
    expect(index.ballUnion(Float64Array.from([0, 0, 0, 0])).countContaining(Float64Array.from([13, 0]), 1)).toBe(1);
  });

  it('rejects k ≥ n, non-finite points and short arrays', () => {
    const index = new KnnIndex(Float64Array.from([0, 1, 2]), 3, 1);
    expect(() => index.kthNeighbourSq(3)).toThrow(/1 ≤ k < n/);
    expect(() => index.kthNeighbourSq(0)).toThrow(/1 ≤ k < n/);
    expect(() => new KnnIndex(Float64Array.from([0, NaN]), 2, 1)).toThrow(/non-finite/);
    expect(() => new KnnIndex(Float64Array.from([0, 1]), 2, 2)).toThrow(/need n/);
    expect(() => index.ballUnion(new Float64Array(2))).toThrow(/radii/);
  });

  it('counts a NaN query as outside every ball on both paths', () => {
    for (const d of [2, 10]) {
      const index = new KnnIndex(new Float64Array(20 * d), 20, d);
      const queries = new Float64Array(2 * d);
      queries[d] = NaN;
      expect(index.ballUnion(new Float64Array(20).fill(1)).countContaining(queries, 2)).toBe(1);
    }
  });
});
