/**
 * The MNIST loop's plumbing with stand-in networks (no TensorFlow.js): which split each draw comes
 * from, how the loops compose D^t of real and synthetic digits, the class metrics, and that a
 * resumable digit experiment rewinds exactly. The networks themselves are tested in digits-*.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../src/cli/mnist-node';
import { type DigitNetworks, drawDigits } from '../../src/engine/digits/digit-loop';
import { classCoverage, classEntropy, classHistogram } from '../../src/engine/digits/digit-metrics';
import { DIGIT_PIXELS, DIGIT_ROW, type DigitFeatures, type DigitLearner, type DigitSplit } from '../../src/engine/digits/digits';
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

/** Features: the mean grey level of each 7×7 block (16-d); class: the label column (0 when unlabelled). */
const blockFeatures: DigitFeatures & { seen: Float64Array[] } = {
  seen: [],
  async embed(rows, n) {
    this.seen.push(rows.slice(0, n * DIGIT_ROW));
    const features = new Float64Array(n * 16);
    const classes = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < DIGIT_PIXELS; p++) {
        const block = Math.floor(Math.floor(p / 28) / 7) * 4 + Math.floor((p % 28) / 7);
        features[i * 16 + block] += rows[i * DIGIT_ROW + p] / 49;
      }
      classes[i] = Math.max(0, rows[i * DIGIT_ROW + DIGIT_PIXELS]);
    }
    return { features, dim: 16, classes };
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

async function runAll(experiment: Experiment): Promise<Record<string, Float64Array>[]> {
  const out: Record<string, Float64Array>[] = [];
  for (let g = await experiment.next(); g; g = await experiment.next()) out.push(g.values);
  return out;
}
