/**
 * A Gaussian mixture in a principal-component space of the training digits: the classic sharp and
 * fast MNIST generator, in plain TypeScript (no TensorFlow.js), implementing the engine's
 * DigitLearner.
 *
 * Fit on n digit rows: the `pcs` leading principal directions of the pixels (randomized PCA,
 * linalg/pca.ts), then a mixture of `components` full-covariance Gaussians fitted by EM to the
 * digits' coordinates in that space (learners/gmm.ts, the 2-D mixtures' learner, with a covariance
 * floor `regCovar` in pixel units squared). A sample draws coordinates from the mixture and maps
 * them back to pixels, clipped to [0, 1]; its label column is UNLABELLED (the mixture is not told
 * the classes).
 *
 * Sampling bias λ: exactly the 2-D mixture's (gmm.ts): a component k is drawn with probability w_k,
 * then coordinates from N(μ_k, λΣ_k): every mode keeps its weight and narrows, so λ < 1 draws
 * typical digits of each mode and loses the spread around them.
 *
 * Randomness: the fit takes one stream for the PCA's random directions and the mixture's seeding;
 * a sample uses its stream for the mixture's draws only.
 */
import { gmmLearner, type GmmModel } from '../learners/gmm';
import type { FitOptions } from '../learners/model';
import { principalSubspace, project, type PrincipalSubspace } from '../linalg/pca';
import type { Rng } from '../random/prng';
import { DIGIT_PIXELS, DIGIT_ROW, UNLABELLED, type DigitLearner, type DigitModel } from './digits';

export interface PcaGmmOptions {
  /** Mixture components K (the spec's `components`). */
  components: number;
  /**
   * Principal components kept (the dimension of the space the mixture lives in; at most n − 1 of a
   * fit on n digits), PCA_GMM_PCS by default.
   */
  pcs?: number;
  /**
   * Added to every component covariance's diagonal (gmm.ts regCovar), in pixel intensity units
   * squared: a component fitted to fewer digits than there are principal components is singular
   * without it. 1e-3 is small next to MNIST's variance along each kept component.
   */
  regCovar?: number;
}

const DEFAULT_REG_COVAR = 1e-3;

/**
 * The principal components kept by default: the README ("MNIST digits") has the candidates
 * measured (`npm run bench -- pca-gmm`): fewer lose recall, more cost time for little gain.
 */
export const PCA_GMM_PCS = 50;

/** Digits mapped back to pixels together (PcaGmmModel.sample, whose inner loop is written out for four). */
const SAMPLE_BLOCK = 4;

export class PcaGmmModel implements DigitModel {
  constructor(
    readonly subspace: PrincipalSubspace,
    readonly mixture: GmmModel,
  ) {}

  get iterations(): number {
    return this.mixture.iterations;
  }

  async sample(rng: Rng, n: number, lambda: number): Promise<Float64Array> {
    const { d, mean, basis } = this.subspace;
    const z = this.mixture.sample(rng, n, lambda);
    const rows = new Float64Array(n * DIGIT_ROW);
    // Four digits at a time, so that each basis entry is read once for four of them; each pixel
    // still sums mean + Σ_r z_r·basis_r in the order r = 0..d − 1.
    const block = Array.from({ length: SAMPLE_BLOCK }, () => new Float64Array(DIGIT_PIXELS));
    const [p0, p1, p2, p3] = block;
    const w = new Float64Array(SAMPLE_BLOCK);
    for (let i0 = 0; i0 < n; i0 += SAMPLE_BLOCK) {
      const count = Math.min(SAMPLE_BLOCK, n - i0);
      for (const pixel of block) pixel.set(mean);
      for (let r = 0; r < d; r++) {
        // Past the last digit the weights are 0: those pixels are computed and dropped.
        for (let q = 0; q < SAMPLE_BLOCK; q++) w[q] = q < count ? z[(i0 + q) * d + r] : 0;
        const [w0, w1, w2, w3] = w;
        const br = r * DIGIT_PIXELS;
        for (let c = 0; c < DIGIT_PIXELS; c++) {
          const b = basis[br + c];
          p0[c] += w0 * b;
          p1[c] += w1 * b;
          p2[c] += w2 * b;
          p3[c] += w3 * b;
        }
      }
      for (let q = 0; q < count; q++) {
        const out = (i0 + q) * DIGIT_ROW;
        const pixel = block[q];
        for (let c = 0; c < DIGIT_PIXELS; c++) rows[out + c] = Math.min(1, Math.max(0, pixel[c]));
        rows[out + DIGIT_PIXELS] = UNLABELLED;
      }
    }
    return rows;
  }
}

export function pcaGmmLearner(options: PcaGmmOptions): DigitLearner {
  const { components, pcs: wanted = PCA_GMM_PCS } = options;
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > DIGIT_PIXELS) throw new RangeError(`pcs must be an integer 1..${DIGIT_PIXELS}, got ${wanted}`);
  const mixtureLearner = gmmLearner({ components, regCovar: options.regCovar ?? DEFAULT_REG_COVAR });
  return {
    async fit(rows: Float64Array, n: number, rng: Rng, fitOptions?: FitOptions): Promise<DigitModel> {
      if (n < 2) throw new RangeError(`the pca-gmm learner needs at least 2 digits, got ${n}`);
      const pcs = Math.min(wanted, n - 1);
      fitOptions?.signal?.throwIfAborted();
      const pixels = new Float64Array(n * DIGIT_PIXELS);
      for (let i = 0; i < n; i++) pixels.set(rows.subarray(i * DIGIT_ROW, i * DIGIT_ROW + DIGIT_PIXELS), i * DIGIT_PIXELS);
      const subspace = principalSubspace(pixels, n, DIGIT_PIXELS, pcs, rng);
      const z = project(subspace, pixels, n);
      fitOptions?.signal?.throwIfAborted();
      const model = new PcaGmmModel(subspace, mixtureLearner.fit(z, n, rng));
      fitOptions?.onProgress?.(model.iterations, model.iterations);
      return model;
    },
  };
}
