import { describe, expect, it } from 'vitest';
import { gaussianLearner, gaussianModel } from '../../src/engine/learners/gaussian';
import { meanAndScatter } from '../../src/engine/linalg/matrix';
import { Rng } from '../../src/engine/random/prng';

describe('Gaussian learner', () => {
  const data = Float64Array.of(1, 2, 3, 5, 0, 1, 4, 4);
  it('fits the mean and the MLE (÷n) or unbiased (÷(n−1)) covariance', () => {
    const mle = gaussianLearner({ estimator: 'mle' }).fit(data, 4, Rng.fromKey(1));
    const unb = gaussianLearner({ estimator: 'unbiased' }).fit(data, 4, Rng.fromKey(1));
    expect(Array.from(mle.mean)).toEqual([2, 3]);
    // Deviations (−1,−1), (1,2), (−2,−2), (2,1): scatter [[10, 9], [9, 10]].
    expect(Array.from(mle.cov)).toEqual([2.5, 2.25, 2.25, 2.5]);
    expect(Array.from(unb.cov).map((v) => v * 3)).toEqual([10, 9, 9, 10]);
  });

  it('samples N(μ, λΣ): the sampling bias λ scales the covariance', () => {
    const model = gaussianModel(Float64Array.of(1, -1), Float64Array.of(2, 0.6, 0.6, 1));
    const n = 100_000;
    for (const lambda of [1, 0.25]) {
      const x = model.sample(Rng.fromKey(7), n, lambda);
      const { mean, scatter } = meanAndScatter(x, n, 2);
      // SE of a variance estimate of a Gaussian: σ²√(2/n); of the covariance: sqrt((σ11σ22 + σ12²)/n).
      expect(Math.abs(mean[0] - 1)).toBeLessThan(4 * Math.sqrt((2 * lambda) / n));
      expect(Math.abs(scatter[0] / n - 2 * lambda)).toBeLessThan(4 * 2 * lambda * Math.sqrt(2 / n));
      expect(Math.abs(scatter[3] / n - lambda)).toBeLessThan(4 * lambda * Math.sqrt(2 / n));
      expect(Math.abs(scatter[1] / n - 0.6 * lambda)).toBeLessThan(4 * lambda * Math.sqrt((2 + 0.36) / n));
    }
  });

  it('has the normal log density', () => {
    const model = gaussianModel(Float64Array.of(0), Float64Array.of(4));
    const [a, b] = model.logDensity(Float64Array.of(0, 2), 2);
    expect(a).toBeCloseTo(-0.5 * Math.log(2 * Math.PI * 4), 12);
    expect(b).toBeCloseTo(-0.5 * Math.log(2 * Math.PI * 4) - 0.5, 12);
  });

  it('still samples a collapsed (singular) covariance, at the mean', () => {
    const model = gaussianModel(Float64Array.of(3, 3), new Float64Array(4));
    const x = model.sample(Rng.fromKey(2), 5, 1);
    expect(Array.from(x)).toEqual(new Array(10).fill(3));
    expect(model.logDensity(Float64Array.of(3, 3), 1)[0]).toBe(-Infinity);
  });
});
