/**
 * Self-correction of synthetic points (after Gillman et al. 2024; src/engine/curation/correction.ts):
 * the move towards the nearest real point, the exact nearest-neighbour query it rests on, γ = 0
 * leaving the loop as it was bit for bit, the claim of the scenario "A self-correcting loop holds
 * its shape" with the scenario's seed, the closed forms it switches off, and its CLI flag.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { momentsApply } from '../../src/engine/admissibility/moment-replicate';
import { Corrector } from '../../src/engine/curation/correction';
import { REFERENCE_SAMPLE, referenceSample } from '../../src/engine/curation/reference-sample';
import { ring } from '../../src/engine/data/mixtures';
import { Experiment, type GenerationResult } from '../../src/engine/loops/experiment';
import { KnnIndex } from '../../src/engine/metrics/knn-index';
import { Rng } from '../../src/engine/random/prng';
import { theoryFor } from '../../src/engine/theory';
import { assertSpec } from '../../src/spec/validate';

async function simulate(input: Record<string, unknown>): Promise<GenerationResult[]> {
  const experiment = new Experiment(assertSpec(input));
  const results: GenerationResult[] = [];
  for (let r = await experiment.next(); r; r = await experiment.next()) results.push(r);
  return results;
}

const mean = (values: Float64Array) => values.reduce((s, v) => s + v, 0) / values.length;

describe('the nearest real point', () => {
  // d = 2 searches the kd-tree, d = 9 and a digit's 784 pixels scan by brute force (above the tree's 8 dimensions).
  for (const d of [2, 9, 784])
    it(`is the brute-force nearest, d = ${d}`, () => {
      const rng = Rng.stream(5, d);
      const n = 300;
      const points = new Float64Array(n * d).map(() => rng.normal());
      const index = new KnnIndex(points, n, d);
      const queries = new Float64Array(50 * d).map(() => 2 * rng.normal());
      for (let q = 0; q < 50; q++) {
        let best = Infinity;
        for (let p = 0; p < n; p++) {
          let s = 0;
          for (let j = 0; j < d; j++) s += (points[p * d + j] - queries[q * d + j]) ** 2;
          best = Math.min(best, s);
        }
        const row = index.nearest(queries, q);
        let found = 0;
        for (let j = 0; j < d; j++) found += (index.points[row * d + j] - queries[q * d + j]) ** 2;
        expect(found).toBe(best);
      }
    });
});

describe('the corrector', () => {
  const real = ring();
  const drawn = Float64Array.from([2.3, 0.1, -0.2, 1.7, 0, 0]);

  it('moves each sample γ of the way to its nearest real point; γ = 1 lands on it', () => {
    const reference = new KnnIndex(referenceSample(real, 1), REFERENCE_SAMPLE, 2);
    const full = new Corrector(referenceSample(real, 1), REFERENCE_SAMPLE, 2, 1).correct(drawn, 3);
    const half = new Corrector(referenceSample(real, 1), REFERENCE_SAMPLE, 2, 0.5).correct(drawn, 3);
    for (let i = 0; i < 3; i++) {
      const r = reference.nearest(drawn, i);
      for (let j = 0; j < 2; j++) {
        const target = reference.points[r * 2 + j];
        expect(full[i * 2 + j]).toBeCloseTo(target, 12);
        expect(half[i * 2 + j]).toBeCloseTo((drawn[i * 2 + j] + target) / 2, 12);
      }
    }
    // The drawn samples themselves are left as they were.
    expect([...drawn]).toEqual([2.3, 0.1, -0.2, 1.7, 0, 0]);
  });

  it('γ = 0 is the loop as it was, bit for bit (numbers from before the corrector existed)', async () => {
    // Ring, mixture, fresh loop: the plain loop, then one that is curated and verified (the verifier
    // now draws its real points through reference-sample.ts). Generation 3's Fréchet distances of
    // both replicates, as the engine computed them before the correction field was added.
    const base = { data: 'ring', learner: 'gmm', loop: 'fresh', nIni: 100, nReal: 50, nSyn: 100, generations: 3, replicates: 2, nEval: 50, metrics: 'fd,precision', correction: 0 };
    const plain = await simulate(base);
    expect([...plain[2].values.fd]).toEqual([0.1500826881523709, 0.015314650506048189]);
    const filtered = await simulate({ ...base, verifier: 'support', curationK: 2 });
    expect([...filtered[2].values.fd]).toEqual([0.957024703214544, 0.8987290022150267]);
  });

  it('keeps a fully synthetic loop of the blurring KDE on the data: precision holds and the clusters stay', async () => {
    // The scenario's loop (presets.ts, 'correction') at T = 10, seed 1: by then the uncorrected blur
    // has cost over half of the first fit's precision and some clusters (README, "Scenarios").
    const base = { data: 'ring', learner: 'kde', bandwidth: 0.3, loop: 'fully-synthetic', nIni: 200, nSyn: 400, generations: 10, replicates: 3, nEval: 500, metrics: 'precision,modes' };
    const [plain, corrected] = await Promise.all([simulate(base), simulate({ ...base, correction: 0.5 })]);
    const at = (run: GenerationResult[], metric: 'precision' | 'modes', t: number) => mean(run[t - 1].values[metric]);
    expect(at(plain, 'precision', 10)).toBeLessThan(0.35);
    expect(at(corrected, 'precision', 10)).toBeGreaterThan(0.45);
    for (let t = 2; t <= 10; t++) expect(at(corrected, 'precision', t), `precision at t = ${t}`).toBeGreaterThan(at(plain, 'precision', t));
    expect(at(corrected, 'modes', 10)).toBe(8);
    expect(at(plain, 'modes', 10)).toBeLessThan(7);
  });

  it('switches off the closed forms and the sweeps’ moment method, which assume uncorrected samples', () => {
    const gaussian = { data: 'gaussian', dim: 1, learner: 'gaussian' };
    expect(theoryFor(assertSpec(gaussian))).not.toBeNull();
    expect(theoryFor(assertSpec({ ...gaussian, correction: 0.5 }))).toBeNull();
    expect(theoryFor(assertSpec({ ...gaussian, curationK: 2, correction: 0.5 }))).toBeNull();
    expect(momentsApply(assertSpec({ ...gaussian, correction: 0.5 }))).toBe(false);
  });
});

describe('the --correction flag', () => {
  async function cli(...argv: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  }

  it('names the field and its range when the value is bad', async () => {
    for (const [value, message] of [
      ['1.5', 'correction γ (--correction): 1.5 is out of range; allowed: a number in [0, 1]'],
      ['half', '"half" is not a number'],
    ]) {
      const { code, err } = await cli('run', '--correction', value);
      expect(code).toBe(2);
      expect(err).toContain(message);
    }
  });

  it('is noted as without effect on words', async () => {
    const { code, err } = await cli('run', '--data', 'zipf', '--learner', 'unigram', '--correction', '0.5', '--vocabulary', '50', '--n-ini', '100', '--n-syn', '100', '--generations', '2', '--replicates', '2');
    expect(code).toBe(0);
    expect(err).toContain('--correction has no effect with --data zipf');
  });
});
