import { describe, expect, it } from 'vitest';
import { ring, RING } from '../../src/engine/data/mixtures';
import { KnnManifold, precisionRecall } from '../../src/engine/metrics/precision-recall';
import { Rng } from '../../src/engine/random/prng';

const n = 2000;

describe('precisionRecall (k = 5)', () => {
  it('is 1 and 1 for identical sets', () => {
    const x = ring().sample(Rng.fromKey(1), n);
    expect(precisionRecall(new KnnManifold(x, n, 2), x, n, 2)).toEqual({ precision: 1, recall: 1 });
  });

  it('keeps precision but loses recall for a model collapsed onto one mode of the ring', () => {
    const real = new KnnManifold(ring().sample(Rng.fromKey(2), n), n, 2);
    const rng = Rng.fromKey(3);
    const fake = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      fake[2 * i] = RING.radius + RING.sigma * rng.normal();
      fake[2 * i + 1] = RING.sigma * rng.normal();
    }
    const { precision, recall } = precisionRecall(real, fake, n, 2);
    // The fake samples are draws from one real mode, as for two samples of one distribution below.
    expect(precision).toBeGreaterThanOrEqual(0.9);
    // Only real points of that mode (a Binomial(n, 1/8) share) can be recalled.
    const p = 1 / RING.count;
    expect(recall).toBeLessThanOrEqual(p + 4 * Math.sqrt((p * (1 - p)) / n));
  });

  it('is near 1 and 1 for two independent samples of one 2-D Gaussian', () => {
    const a = Rng.fromKey(4).fillNormal(new Float64Array(2 * n));
    const b = Rng.fromKey(5).fillNormal(new Float64Array(2 * n));
    const { precision, recall } = precisionRecall(new KnnManifold(a, n, 2), b, n, 2);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('is 0 and 0 for a generated set shifted far away', () => {
    const x = ring().sample(Rng.fromKey(6), n);
    const far = x.map((v) => v + 100);
    expect(precisionRecall(new KnnManifold(x, n, 2), far, n, 2)).toEqual({ precision: 0, recall: 0 });
  });

  it('counts only exact coincidences when the generated set collapses to a point', () => {
    const real = Float64Array.from([0, 0, 1, 0, 0, 1, 1, 1, 2, 2, 3, 3, 0.5, 0.5]);
    const real7 = new KnnManifold(real, 7, 2);
    const point = new Float64Array(2 * 10).fill(0.5);
    const { precision, recall } = precisionRecall(real7, point, 10, 2);
    expect(precision).toBe(1);
    expect(recall).toBe(1 / 7);
  });

  it('reuses one real manifold across generated sets', () => {
    const x = ring().sample(Rng.fromKey(7), n);
    const real = new KnnManifold(x, n, 2);
    const first = precisionRecall(real, ring().sample(Rng.fromKey(8), n), n, 2);
    expect(precisionRecall(real, x, n, 2)).toEqual({ precision: 1, recall: 1 });
    expect(precisionRecall(real, ring().sample(Rng.fromKey(8), n), n, 2)).toEqual(first);
  });

  it('needs more than k points and a matching dimension and k', () => {
    const x = new Float64Array(10);
    expect(() => new KnnManifold(x, 5, 2)).toThrow(/needs more than 5 points/);
    const real = new KnnManifold(new Float64Array(14), 7, 2);
    expect(() => precisionRecall(real, x, 5, 2)).toThrow(/needs more than 5 points/);
    expect(() => precisionRecall(real, new Float64Array(21), 7, 3)).toThrow(/d = 2/);
    expect(() => precisionRecall(real, new Float64Array(14), 7, 2, 3)).toThrow(/k = 5/);
    expect(() => real.covers(x, 0)).toThrow(/at least one/);
  });
});
