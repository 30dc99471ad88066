/** P_r = N(0, I_d): the setting of the paper's Gaussian experiments and of every closed form. */
import { scaledIdentity } from '../linalg/matrix';
import type { Rng } from '../random/prng';
import type { Distribution } from './distribution';

export function standardGaussian(dim: number): Distribution {
  return {
    dim,
    mean: new Float64Array(dim),
    cov: scaledIdentity(dim),
    modes: null,
    sample(rng: Rng, n: number) {
      return rng.fillNormal(new Float64Array(n * dim));
    },
  };
}
