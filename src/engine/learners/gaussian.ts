/**
 * The Gaussian learner of the paper's §3: fit μ and Σ, sample N(μ, λΣ). The estimator choice
 * matters (notes §3.2): the MLE (divide by n) shrinks E[σ²] by (n−1)/n per generation, while the
 * unbiased estimator (divide by n − 1) keeps E[σ²] constant yet still collapses almost surely.
 */
import { cholesky, logDetFromCholesky, meanAndScatter, sampleGaussianInto, sqrtPsd } from '../linalg/matrix';
import type { Rng } from '../random/prng';
import type { Estimator } from '../../spec/schema';
import type { ClosedFormModel, Learner } from './model';

export function gaussianModel(mean: Float64Array, cov: Float64Array): ClosedFormModel {
  const d = mean.length;
  // A covariance that has collapsed to (numerically) singular is still sampled, through its PSD
  // square root, so the loop continues as the theory says it does.
  const chol = cholesky(cov, d);
  const factor = chol ?? sqrtPsd(cov, d);
  const lowerFactor = chol !== null;
  const logNorm = chol ? -0.5 * (d * Math.log(2 * Math.PI) + logDetFromCholesky(chol, d)) : -Infinity;
  return {
    dim: d,
    mean,
    cov,
    iterations: 0,
    sample(rng: Rng, n: number, lambda: number) {
      const out = new Float64Array(n * d);
      if (lowerFactor) {
        sampleGaussianInto(out, 0, n, mean, factor, lambda, () => rng.normal());
        return out;
      }
      const s = Math.sqrt(lambda);
      const z = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        rng.fillNormal(z);
        for (let r = 0; r < d; r++) {
          let acc = 0;
          for (let k = 0; k < d; k++) acc += factor[r * d + k] * z[k];
          out[i * d + r] = mean[r] + s * acc;
        }
      }
      return out;
    },
    logDensity(points: Float64Array, n: number) {
      const out = new Float64Array(n);
      if (!chol) return out.fill(-Infinity);
      const y = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        // Solve L y = x − μ; the quadratic form is ‖y‖².
        let q = 0;
        for (let r = 0; r < d; r++) {
          let acc = points[i * d + r] - mean[r];
          for (let k = 0; k < r; k++) acc -= chol[r * d + k] * y[k];
          y[r] = acc / chol[r * d + r];
          q += y[r] * y[r];
        }
        out[i] = logNorm - 0.5 * q;
      }
      return out;
    },
  };
}

export interface GaussianLearner extends Learner {
  fit(data: Float64Array, n: number, rng: Rng): ClosedFormModel;
}

export function gaussianLearner(options: { estimator: Estimator }): GaussianLearner {
  return {
    fit(data: Float64Array, n: number, _rng: Rng) {
      const d = data.length / n;
      const { mean, scatter } = meanAndScatter(data, n, d);
      const divisor = options.estimator === 'mle' ? n : n - 1;
      return gaussianModel(mean, scatter.map((v) => v / divisor));
    },
  };
}
