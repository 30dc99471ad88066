/**
 * Two interleaving half circles (the "two moons" of scikit-learn's make_moons) with Gaussian noise,
 * shifted so that the distribution has mean zero. The moments below are exact for the angle
 * t ~ U[0, π]: the outer moon is (cos t, sin t), the inner one (1 − cos t, ½ − sin t).
 */
import type { Rng } from '../random/prng';
import type { Distribution } from './distribution';

export const MOONS = { noise: 0.1 } as const;
/** The raw mixture's mean (½, ¼), subtracted from every sample. */
const SHIFT_X = 0.5;
const SHIFT_Y = 0.25;

export function moons(): Distribution {
  const s2 = MOONS.noise * MOONS.noise;
  const varX = 0.75 + s2;
  const varY = 0.5625 - 1 / Math.PI + s2;
  const covXY = 0.125 - 1 / Math.PI;
  return {
    dim: 2,
    mean: new Float64Array(2),
    cov: Float64Array.of(varX, covXY, covXY, varY),
    modes: null,
    sample(rng: Rng, n: number) {
      const out = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        const t = Math.PI * rng.uniform();
        const inner = rng.uniform() < 0.5;
        const x = inner ? 1 - Math.cos(t) : Math.cos(t);
        const y = inner ? 0.5 - Math.sin(t) : Math.sin(t);
        out[2 * i] = x - SHIFT_X + MOONS.noise * rng.normal();
        out[2 * i + 1] = y - SHIFT_Y + MOONS.noise * rng.normal();
      }
      return out;
    },
  };
}
