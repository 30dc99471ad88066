import { describe, expect, it } from 'vitest';
import { Rng, mixKey } from '../../src/engine/random/prng';

describe('xoshiro128**', () => {
  it('matches the reference C implementation for state (1, 2, 3, 4)', () => {
    // Printed by Blackman & Vigna's xoshiro128starstar.c compiled with gcc.
    const rng = new Rng(1, 2, 3, 4);
    const got = Array.from({ length: 6 }, () => rng.nextUint32());
    expect(got).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('gives the same stream for the same key and different streams for different labels', () => {
    const a = Rng.stream(7, 0, 1);
    const b = Rng.stream(7, 0, 1);
    const c = Rng.stream(7, 1, 1);
    const xa = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xa);
    expect(mixKey(1, 2)).not.toBe(mixKey(2, 1));
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = Rng.fromKey(42);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      min = Math.min(min, u);
      max = Math.max(max, u);
      s += u;
      s2 += u * u;
    }
    expect(min >= 0 && max < 1).toBe(true);
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    // SE of the mean is sqrt(1/12 / n) ≈ 6.5e-4.
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(4 * Math.sqrt(1 / 180 / n));
  });

  it('draws standard normals with the right first four moments', () => {
    const rng = Rng.fromKey(3);
    const n = 200_000;
    let m1 = 0, m2 = 0, m3 = 0, m4 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      m1 += z; m2 += z * z; m3 += z ** 3; m4 += z ** 4;
    }
    // SDs of the sample moments of N(0,1): 1, √2, √15, √96 over √n.
    expect(Math.abs(m1 / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(m2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(m3 / n)).toBeLessThan(4 * Math.sqrt(15 / n));
    expect(Math.abs(m4 / n - 3)).toBeLessThan(4 * Math.sqrt(96 / n));
  });

  it('draws normals with the right distribution function, tails included (ziggurat)', () => {
    const rng = Rng.fromKey(4);
    const n = 1_000_000;
    // Φ at a few points, from tables; the last two lie in the ziggurat's tail beyond 3.4426.
    const cdf: [number, number][] = [[-2.5, 0.0062096653], [-1, 0.1586552539], [0, 0.5], [0.5, 0.6914624613], [1.96, 0.9750021049], [-3.6, 1.591e-4], [4, 1 - 3.167e-5]];
    const counts = cdf.map(() => 0);
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      cdf.forEach(([x], j) => {
        if (z <= x) counts[j]++;
      });
    }
    cdf.forEach(([x, p], j) => {
      const se = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(counts[j] / n - p), `Φ(${x})`).toBeLessThan(4 * se);
    });
  });

  it('draws unbiased integers in [0, n)', () => {
    const rng = Rng.fromKey(9);
    const counts = new Array(7).fill(0);
    const n = 70_000;
    for (let i = 0; i < n; i++) counts[rng.int(7)]++;
    // Binomial SD per cell: sqrt(n p (1 − p)).
    const sd = Math.sqrt(n * (1 / 7) * (6 / 7));
    for (const c of counts) expect(Math.abs(c - n / 7)).toBeLessThan(4 * sd);
  });
});
