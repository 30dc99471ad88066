import { describe, expect, it } from 'vitest';
import { ring, RING } from '../../src/engine/data/mixtures';
import { modeCoverage } from '../../src/engine/metrics/modes';
import { Rng } from '../../src/engine/random/prng';

const modes = ring().modes!;
const s2 = RING.sigma ** 2;
/** Per-coordinate variance of a 2-D N(0, σ²I) truncated to radius 3σ, in units of σ². */
const truncated = (1 - 5.5 * Math.exp(-4.5)) / (1 - Math.exp(-4.5));

/** n draws from the ring's modes listed in `which`, equally often. */
function sampleModes(rng: Rng, n: number, which: number[]): Float64Array {
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const k = which[i % which.length];
    out[2 * i] = modes.centers[2 * k] + RING.sigma * rng.normal();
    out[2 * i + 1] = modes.centers[2 * k + 1] + RING.sigma * rng.normal();
  }
  return out;
}

/**
 * modeVariance averages (x − x̄)²-type terms whose per-sample average over both coordinates has
 * SD ≤ σ² (‖x‖²/2 for a 2-D N(0, σ²I), less after truncation), over about n samples; the MLE
 * divides by n_k, which scales the expectation by 1 − 1/n_k.
 */
function expectModeVariance(got: number, n: number, perMode: number) {
  const expected = truncated * s2 * (1 - 1 / perMode);
  expect(Math.abs(got - expected)).toBeLessThan((4 * s2) / Math.sqrt(n));
}

describe('modeCoverage', () => {
  it('finds all 8 modes of ring samples with modal variance near the truncated σ²', () => {
    const n = 8000;
    const { covered, modeVariance } = modeCoverage(ring().sample(Rng.fromKey(21), n), n, modes);
    expect(covered).toBe(8);
    expectModeVariance(modeVariance, n, n / 8);
  });

  it('finds exactly the modes that are sampled', () => {
    const n = 3000;
    const { covered, modeVariance } = modeCoverage(sampleModes(Rng.fromKey(22), n, [0, 3, 5]), n, modes);
    expect(covered).toBe(3);
    expectModeVariance(modeVariance, n, n / 3);
  });

  it('covers nothing with samples spread uniformly over a big box', () => {
    // Each mode's 3σ disc is 0.28 of the box's 1600 in area: ~0.35 expected hits against 25 needed.
    const n = 2000;
    const rng = Rng.fromKey(23);
    const x = new Float64Array(2 * n).map(() => 40 * rng.uniform() - 20);
    expect(modeCoverage(x, n, modes)).toMatchObject({ covered: 0, modeVariance: 0 });
  });

  it('needs 10% of the fair share of high-quality samples within 3σ', () => {
    // n = 800 over 8 modes: fair share 100, threshold 10.
    const n = 800;
    const x = sampleModes(Rng.fromKey(24), n, [0, 1, 2, 3, 4, 5]);
    const far = 3.5 * RING.sigma;
    for (let i = 0; i < 10; i++) {
      // 9 good samples for mode 6, one not (outside 3σ); 10 exactly at mode 7's centre.
      x[2 * i] = modes.centers[12] + (i === 9 ? far : 0);
      x[2 * i + 1] = modes.centers[13];
      x[2 * (10 + i)] = modes.centers[14];
      x[2 * (10 + i) + 1] = modes.centers[15];
    }
    const coverage = modeCoverage(x, n, modes);
    expect(coverage.covered).toBe(7);
    // Per-mode shares of the fair share n/K = 100: mode 6 holds 9, mode 7 holds 10.
    expect(coverage.share[6]).toBeCloseTo(0.09, 12);
    expect(coverage.share[7]).toBeCloseTo(0.1, 12);
    expect(Array.from(coverage.share).filter((s) => s >= 0.1)).toHaveLength(7);
  });

  it('returns 0 and 0 for no samples', () => {
    expect(modeCoverage(new Float64Array(0), 0, modes)).toMatchObject({ covered: 0, modeVariance: 0 });
  });
});
