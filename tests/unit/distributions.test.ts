import { describe, expect, it } from 'vitest';
import { realDistribution } from '../../src/engine/data';
import type { Distribution } from '../../src/engine/data/distribution';
import { JITTER } from '../../src/engine/data/point-set';
import { Rng } from '../../src/engine/random/prng';
import { defaultSpec } from '../../src/spec/schema';
import { expectMoments } from './expect-moments';

/** Sample moments of n draws agree with the distribution's exact moments within 4 standard errors. */
function expectDistributionMoments(dist: Distribution, n: number, seed: number) {
  const x = dist.sample(Rng.fromKey(seed), n);
  expect(x.length).toBe(n * dist.dim);
  expectMoments(x, n, dist.dim, dist.mean, dist.cov);
}

describe('real distributions', () => {
  const base = defaultSpec();
  it('N(0, I_d) has mean 0 and identity covariance', () => {
    const dist = realDistribution({ ...base, data: 'gaussian', dim: 3 });
    expect(Array.from(dist.cov)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expectDistributionMoments(dist, 40_000, 1);
  });

  it('the ring of 8 has 8 modes at radius 2 and the exact mixture moments', () => {
    const dist = realDistribution({ ...base, data: 'ring' });
    expect(dist.modes?.count).toBe(8);
    expect(Math.hypot(dist.modes!.centers[2], dist.modes!.centers[3])).toBeCloseTo(2, 12);
    // Centres on a circle of radius 2: covariance (r²/2 + σ²) I.
    expect(dist.cov[0]).toBeCloseTo(2 + 0.01, 12);
    expect(dist.cov[1]).toBeCloseTo(0, 12);
    expectDistributionMoments(dist, 40_000, 2);
  });

  it('the 5×5 grid has 25 modes and the exact mixture moments', () => {
    const dist = realDistribution({ ...base, data: 'grid' });
    expect(dist.modes?.count).toBe(25);
    // Centres uniform on {−4, −2, 0, 2, 4}: variance 8 per coordinate, plus σ².
    expect(dist.cov[0]).toBeCloseTo(8.01, 12);
    expectDistributionMoments(dist, 40_000, 3);
  });

  it('the two moons have mean 0 and the closed-form covariance', () => {
    expectDistributionMoments(realDistribution({ ...base, data: 'moons' }), 60_000, 4);
  });

  it('a point set is its empirical distribution with a small jitter', () => {
    const points = Array.from({ length: 50 }, (_, i) => [Math.cos(i), i / 10] as [number, number]);
    const dist = realDistribution({ ...base, data: 'points', points });
    expectDistributionMoments(dist, 40_000, 5);
    const x = dist.sample(Rng.fromKey(6), 100);
    const spread = Math.sqrt((dist.cov[0] + dist.cov[3]) / 2);
    // Every sample lies near one of the points (within 6 jitter SDs), and none is an exact copy.
    for (let i = 0; i < 100; i++) {
      const nearest = Math.min(...points.map(([a, b]) => Math.hypot(x[2 * i] - a, x[2 * i + 1] - b)));
      expect(nearest).toBeLessThan(6 * JITTER * spread);
      expect(nearest).toBeGreaterThan(0);
    }
  });
});
