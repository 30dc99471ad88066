/**
 * The MNIST loop's plumbing with stand-in networks (no TensorFlow.js): which split each draw comes
 * from, how the loops compose D^t of real and synthetic digits, the class metrics, and that a
 * resumable digit experiment rewinds exactly. The networks themselves are tested in digits-*.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../src/cli/mnist-node';
import { VERIFIER_CONFIDENCE } from '../../src/engine/digits/digit-curation';
import { type DigitNetworks, drawDigits } from '../../src/engine/digits/digit-loop';
import { classCoverage, classEntropy, classHistogram } from '../../src/engine/digits/digit-metrics';
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_ROW, type DigitFeatures, type DigitLearner, type DigitSplit } from '../../src/engine/digits/digits';
import { Experiment } from '../../src/engine/loops/experiment';
import { Rng } from '../../src/engine/random/prng';
import { assertSpec } from '../../src/spec/validate';

const mnist = loadMnist();

function key(rows: Float64Array, i: number): string {
  return Array.from(rows.subarray(i * DIGIT_ROW, i * DIGIT_ROW + DIGIT_PIXELS), (p) => Math.round(p * 255).toString(16)).join('');
}

function imageKeys(split: DigitSplit): Set<string> {
  const keys = new Set<string>();
  for (let i = 0; i < split.count; i++) keys.add(Array.from(split.images.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS), (p) => p.toString(16)).join(''));
  return keys;
}

const trainKeys = imageKeys(mnist.train);
const testKeys = imageKeys(mnist.test);

/** The 7×7 block (0..15) of each pixel. */
const BLOCK = Uint8Array.from({ length: DIGIT_PIXELS }, (_, p) => Math.floor(Math.floor(p / 28) / 7) * 4 + Math.floor((p % 28) / 7));

/** The stand-in classifier's probability of a row's class; every other class gets (1 − it)/9. */
const SURE = 0.91;

/**
 * Features: the mean grey level of each 7×7 block (16-d); class: the label column (0 when
 * unlabelled), with probability SURE.
 */
const blockFeatures: DigitFeatures & { seen: Float64Array[] } = {
  seen: [],
  async embed(rows, n) {
    this.seen.push(rows.slice(0, n * DIGIT_ROW));
    const features = new Float64Array(n * 16);
    const classes = new Uint8Array(n);
    const logProbabilities = new Float64Array(n * DIGIT_CLASSES).fill(Math.log((1 - SURE) / (DIGIT_CLASSES - 1)));
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < DIGIT_PIXELS; p++) features[i * 16 + BLOCK[p]] += rows[i * DIGIT_ROW + p] / 49;
      classes[i] = Math.max(0, rows[i * DIGIT_ROW + DIGIT_PIXELS]);
      logProbabilities[i * DIGIT_CLASSES + classes[i]] = Math.log(SURE);
    }
    return { features, dim: 16, classes, logProbabilities };
  },
};

/** G^t resamples its training digits with replacement (λ ignored); records what each fit saw. */
function resampler(fits: Float64Array[]): DigitLearner {
  return {
    async fit(rows, n) {
      fits.push(rows.slice());
      return {
        iterations: 0,
        async sample(rng: Rng, m: number) {
          const out = new Float64Array(m * DIGIT_ROW);
          for (let i = 0; i < m; i++) {
            const j = rng.int(n);
            out.set(rows.subarray(j * DIGIT_ROW, (j + 1) * DIGIT_ROW), i * DIGIT_ROW);
          }
          return out;
        },
      };
    },
  };
}

function networks(fits: Float64Array[]): DigitNetworks {
  blockFeatures.seen = [];
  return { mnist, learner: resampler(fits), features: blockFeatures };
}

const base = { data: 'mnist', learner: 'vae', nIni: 60, nReal: 20, nSyn: 40, nEval: 50, generations: 3, replicates: 2, seed: 5 } as const;

function countIn(rows: Float64Array, keys: Set<string>): number {
  let c = 0;
  for (let i = 0; i < rows.length / DIGIT_ROW; i++) if (keys.has(key(rows, i))) c++;
  return c;
}

describe('class metrics', () => {
  it('histogram, coverage (10% of the fair share) and entropy in bits', () => {
    const uniform = classHistogram(Uint8Array.from({ length: 100 }, (_, i) => i % 10), 100);
    expect(Array.from(uniform)).toEqual(Array(10).fill(0.1).map((x) => expect.closeTo(x, 12)));
    expect(classCoverage(uniform)).toBe(1);
    expect(classEntropy(uniform)).toBeCloseTo(Math.log2(10), 12);

    const single = classHistogram(new Uint8Array(50).fill(3), 50);
    expect(classCoverage(single)).toBe(0.1);
    expect(classEntropy(single)).toBe(0);

    // 1 of 100 samples is 10% of the fair share 10: covered; none is not.
    const skewed = classHistogram(Uint8Array.from({ length: 100 }, (_, i) => (i === 0 ? 7 : 2)), 100);
    expect(classCoverage(skewed)).toBe(0.2);
    expect(classEntropy(skewed)).toBeCloseTo(-(0.01 * Math.log2(0.01) + 0.99 * Math.log2(0.99)), 12);
  });
});

describe('drawDigits', () => {
  it('draws distinct digits of the split as rows of grey levels in [0, 1] with their labels', () => {
    const rows = drawDigits(mnist.test, Rng.stream(1), 500);
    const keys = new Set<string>();
    for (let i = 0; i < 500; i++) {
      keys.add(key(rows, i));
      expect(testKeys.has(key(rows, i))).toBe(true);
      const label = rows[i * DIGIT_ROW + DIGIT_PIXELS];
      expect(Number.isInteger(label) && label >= 0 && label <= 9).toBe(true);
    }
    // MNIST's test split holds a few exact duplicate images, so "distinct" is by index: allow them.
    expect(keys.size).toBeGreaterThan(495);
    const pixels = rows.filter((_, i) => i % DIGIT_ROW !== DIGIT_PIXELS);
    expect(pixels.reduce((a, b) => Math.min(a, b))).toBe(0);
    expect(pixels.reduce((a, b) => Math.max(a, b))).toBe(1);
    expect(() => drawDigits(mnist.test, Rng.stream(1), 10_001)).toThrow(/10001 digits asked of a split of 10000/);
  });

  it('gives each label the image it belongs to', () => {
    const rows = drawDigits(mnist.train, Rng.stream(2), 200);
    const byImage = new Map<string, number>();
    for (let i = 0; i < mnist.train.count; i++)
      byImage.set(Array.from(mnist.train.images.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS), (p) => p.toString(16)).join(''), mnist.train.labels[i]);
    for (let i = 0; i < 200; i++) expect(rows[i * DIGIT_ROW + DIGIT_PIXELS]).toBe(byImage.get(key(rows, i)));
  });
});

describe('the digit loop', () => {
  it('trains on the training split and measures against the test split', async () => {
    const fits: Float64Array[] = [];
    const spec = assertSpec({ ...base, loop: 'fresh', replicates: 1 });
    const experiment = new Experiment(spec, { digits: networks(fits) });
    expect(experiment.metrics).toEqual(['fd', 'precision', 'recall', 'classes', 'entropy']);
    expect(experiment.width).toBe(DIGIT_ROW);
    for (let g = await experiment.next(); g; g = await experiment.next()) {
      expect(g.first.modeShare).toHaveLength(10);
      expect(g.values.fd[0]).toBeGreaterThanOrEqual(0);
    }
    // D^1: n_ini training digits; D^t: n_r fresh training digits + n_s resampled ones (also training digits here).
    expect(fits.map((f) => f.length / DIGIT_ROW)).toEqual([60, 60, 60]);
    for (const f of fits) expect(countIn(f, trainKeys)).toBe(f.length / DIGIT_ROW);
    // The first embedding is the reference: held-out test digits.
    const reference = blockFeatures.seen[0];
    expect(reference.length / DIGIT_ROW).toBe(50);
    expect(countIn(reference, testKeys)).toBe(50);
  });

  it('augmentation keeps the generation-1 real set; fully synthetic trains on G^(t−1) alone', async () => {
    const fits: Float64Array[] = [];
    await runAll(new Experiment(assertSpec({ ...base, loop: 'augmentation', replicates: 1 }), { digits: networks(fits) }));
    expect(fits.map((f) => f.length / DIGIT_ROW)).toEqual([60, 100, 100]);
    for (const f of fits.slice(1)) expect(Array.from(f.subarray(0, 60 * DIGIT_ROW))).toEqual(Array.from(fits[0]));

    const synthetic: Float64Array[] = [];
    await runAll(new Experiment(assertSpec({ ...base, loop: 'fully-synthetic', replicates: 1 }), { digits: networks(synthetic) }));
    expect(synthetic.map((f) => f.length / DIGIT_ROW)).toEqual([60, 40, 40]);
    // A resampler's samples are its own training digits, so D^3 ⊂ D^2 ⊂ D^1.
    const first = new Set(Array.from({ length: 60 }, (_, i) => key(synthetic[0], i)));
    for (let i = 0; i < 40; i++) expect(first.has(key(synthetic[2], i))).toBe(true);
  });

  it('is reproducible, and a resumable run rewinds to the same results', async () => {
    const spec = assertSpec({ ...base, loop: 'fresh' });
    const plain = await runAll(new Experiment(spec, { digits: networks([]) }));
    expect(await runAll(new Experiment(spec, { digits: networks([]) }))).toEqual(plain);
    const resumable = new Experiment(spec, { digits: networks([]), resumable: true });
    const values = [(await resumable.next())!.values];
    // A generation whose signal was aborted is computed but not kept: rewind returns to t = 1.
    const abort = new AbortController();
    abort.abort();
    await expect(resumable.next({ signal: abort.signal })).rejects.toThrow();
    expect(resumable.rewind()).toBe(1);
    for (let g = await resumable.next(); g; g = await resumable.next()) values.push(g.values);
    expect(values).toEqual(plain);
  });

  it('refuses to start without the networks', () => {
    expect(() => new Experiment(assertSpec({ ...base }))).toThrow(/data=mnist needs the digit networks/);
  });
});

/** Rows of a training set whose label passes `test`. */
function labelled(rows: Float64Array, test: (label: number) => boolean): number {
  let c = 0;
  for (let i = 0; i < rows.length / DIGIT_ROW; i++) if (test(rows[i * DIGIT_ROW + DIGIT_PIXELS])) c++;
  return c;
}

/**
 * Curation and verification of digits with the stand-in classifier (engine/digits/digit-curation.ts):
 * the resampler draws each candidate from D^1, so a candidate is of a class with that class's share
 * q of D^1, and what the filter keeps has a closed form. Tolerances 4·SD over the replicates' draws.
 */
describe('curating and verifying digits', () => {
  const R = 5;
  const sized = { ...base, loop: 'fully-synthetic', nIni: 200, nSyn: 200, nEval: 50, generations: 2, replicates: R } as const;

  /**
   * Observed and expected count of D^2's rows with a label passing `test`, given P(a kept row passes | q,
   * the share of D^1 passing), and the run's metrics per generation.
   */
  async function secondSets(spec: Record<string, unknown>, test: (label: number) => boolean, kept: (q: number) => number) {
    const fits: Float64Array[] = [];
    const experiment = new Experiment(assertSpec({ ...sized, ...spec }), { digits: networks(fits) });
    const values = await runAll(experiment);
    let observed = 0;
    let expected = 0;
    let variance = 0;
    for (let r = 0; r < R; r++) {
      const p = kept(labelled(fits[r], test) / sized.nIni);
      observed += labelled(fits[R + r], test);
      expected += sized.nSyn * p;
      variance += sized.nSyn * p * (1 - p);
    }
    return { observed, expected, tolerance: 4 * Math.sqrt(variance), metrics: experiment.metrics, values };
  }

  // r(x) = ln p(c | x) and P(pick) ∝ exp(r/β): a target-class candidate outweighs any other by (SURE / other)^(1/β).
  for (const beta of [1, 2])
    it(`picks the best of K = 4 by Bradley–Terry on ln p(c | x), and measures the target share and mean reward: β = ${beta}`, async () => {
      const k = 4;
      const odds = (SURE / ((1 - SURE) / (DIGIT_CLASSES - 1))) ** (1 / beta);
      const binomial = [1, 4, 6, 4, 1];
      const pickShare = (q: number) => {
        let p = 0;
        for (let j = 1; j <= k; j++) p += binomial[j] * q ** j * (1 - q) ** (k - j) * ((odds * j) / (odds * j + k - j));
        return p;
      };
      const { observed, expected, tolerance, metrics, values } = await secondSets({ curationK: k, curationBeta: beta, targetClass: 3 }, (l) => l === 3, pickShare);
      expect(Math.abs(observed - expected), `3s in D^2: ${observed}, expected ${expected.toFixed(1)} ± ${tolerance.toFixed(1)}`).toBeLessThan(tolerance);
      // About a tenth of D^1 is 3s, and a third of the groups of 4 hold one: the curator keeps nearly every such 3.
      expect(observed / (sized.nSyn * R)).toBeGreaterThan(0.25);

      expect(metrics).toEqual(['fd', 'precision', 'recall', 'classes', 'entropy', 'reward', 'targetShare']);
      for (const g of values)
        for (let r = 0; r < R; r++) {
          const share = g.targetShare[r];
          expect(g.reward[r]).toBeCloseTo(share * Math.log(SURE) + (1 - share) * Math.log((1 - SURE) / 9), 10);
        }
      const mean = (v: Float64Array) => v.reduce((a, b) => a + b, 0) / v.length;
      expect(mean(values[1].targetShare)).toBeGreaterThan(2 * mean(values[0].targetShare));
    });

  it('a biased verifier keeps only the digits 0–4; with accuracy 0.75 a quarter of its verdicts are reversed', async () => {
    const high = (l: number) => l >= 5;
    const strict = await secondSets({ verifier: 'biased' }, high, () => 0);
    expect(strict.observed).toBe(0);
    // A 5–9 candidate passes with probability 0.25, a 0–4 one with 0.75.
    const noisy = await secondSets({ verifier: 'biased', verifierAccuracy: 0.75 }, high, (q) => (0.25 * q) / (0.25 * q + 0.75 * (1 - q)));
    expect(Math.abs(noisy.observed - noisy.expected), `5–9 in D^2: ${noisy.observed}, expected ${noisy.expected.toFixed(1)}`).toBeLessThan(noisy.tolerance);
    expect(noisy.metrics).not.toContain('reward');
  });

  it('a verifier of confident digits that accepts every digit leaves the run as it was', async () => {
    // The stand-in is sure (SURE ≥ VERIFIER_CONFIDENCE) of every digit, and a perfect verifier draws no noise.
    expect(SURE).toBeGreaterThanOrEqual(VERIFIER_CONFIDENCE);
    const small = { ...sized, nSyn: 50, replicates: 2 };
    const plain = await runAll(new Experiment(assertSpec(small), { digits: networks([]) }));
    expect(await runAll(new Experiment(assertSpec({ ...small, verifier: 'support' }), { digits: networks([]) }))).toEqual(plain);
  });
});

async function runAll(experiment: Experiment): Promise<Record<string, Float64Array>[]> {
  const out: Record<string, Float64Array>[] = [];
  for (let g = await experiment.next(); g; g = await experiment.next()) out.push(g.values);
  return out;
}
