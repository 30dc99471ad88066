/**
 * Models feeding each other (engine/loops/ecosystem.ts): the exchange of samples, model 1 on the
 * single loop's streams, the closed forms of engine/theory/ecosystem.ts against simulation
 * (4·SD/√R, fixed seeds), and the fields' messages.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { realDistribution } from '../../src/engine/data';
import { learnerFor } from '../../src/engine/learners';
import type { Model } from '../../src/engine/learners/model';
import { Ecosystem, exchangeCounts, exchangeSamples, mixingCounts, modelLambdas, scrape } from '../../src/engine/loops/ecosystem';
import { Rng } from '../../src/engine/random/prng';
import { Experiment } from '../../src/engine/loops/experiment';
import { simulationPath } from '../../src/engine/loops/moment-experiment';
import { pointLoop } from '../../src/engine/loops/point-loop';
import { textLearnerFor, textLoop } from '../../src/engine/text/text-loop';
import { ecosystemMoments, ecosystemTheory } from '../../src/engine/theory/ecosystem';
import { theoryFor } from '../../src/engine/theory';
import { passageOf } from '../../src/spec/learners';
import { type Spec } from '../../src/spec/schema';
import { assertSpec, normaliseSpec } from '../../src/spec/validate';

describe('exchange of synthetic samples', () => {
  it('gives each model n_s samples, the share from the others split evenly, every draw used once', () => {
    expect(exchangeCounts(10, 3, 0.4)).toEqual({ own: 6, each: 2 });
    expect(exchangeCounts(5, 3, 1)).toEqual({ own: 1, each: 2 });
    expect(exchangeCounts(10, 2, 0)).toEqual({ own: 10, each: 0 });
    // Model j's draw holds j·100 + row, so each training row names where it came from.
    const draws = [0, 1, 2].map((j) => Float64Array.from({ length: 10 }, (_, r) => 100 * j + r));
    const mixed = exchangeSamples(draws, 1, mixingCounts({ models: 3, exchange: 0.4, mixing: '' }, 10));
    expect(Array.from(mixed[0])).toEqual([0, 1, 2, 3, 4, 5, 106, 107, 206, 207]);
    expect(Array.from(mixed[1])).toEqual([100, 101, 102, 103, 104, 105, 6, 7, 208, 209]);
    expect(Array.from(mixed[2])).toEqual([200, 201, 202, 203, 204, 205, 8, 9, 108, 109]);
    const used = mixed.flatMap((m) => Array.from(m)).sort((a, b) => a - b);
    expect(used).toEqual(draws.flatMap((d) => Array.from(d)).sort((a, b) => a - b));
  });

  it('follows a mixing matrix: each row rounded to n_s by largest remainders, each model drawing what the others take from it', () => {
    // Row 1: model 1 learns from itself alone; row 2: from model 1 alone (a student copying a teacher); row 3: thirds.
    const spec = { models: 3, exchange: 0.5, mixing: '1,0,0,1,0,0,0.333333333,0.333333333,0.333333334' };
    const counts = mixingCounts(spec, 10);
    expect(counts).toEqual([
      [10, 0, 0],
      [10, 0, 0],
      [3, 3, 4],
    ]);
    // Model j draws its column's total: 23, 3 and 4 rows.
    const draws = [23, 3, 4].map((n, j) => Float64Array.from({ length: n }, (_, r) => 100 * j + r));
    const mixed = exchangeSamples(draws, 1, counts);
    expect(Array.from(mixed[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(mixed[1])).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(Array.from(mixed[2])).toEqual([200, 201, 202, 203, 20, 21, 22, 100, 101, 102]);
    const used = mixed.flatMap((m) => Array.from(m)).sort((a, b) => a - b);
    expect(used).toEqual(draws.flatMap((d) => Array.from(d)).sort((a, b) => a - b));
    // Without a matrix, the exchange share on every row.
    expect(mixingCounts({ ...spec, mixing: '' }, 10)).toEqual([
      [4, 3, 3],
      [3, 4, 3],
      [3, 3, 4],
    ]);
  });
});

describe('the shared web', () => {
  it('scrapes distinct rows of the pool, each row as likely as any other', () => {
    const pool = Float64Array.from({ length: 20 }, (_, i) => i); // 10 rows of width 2
    const rng = Rng.stream(1, 0, 0);
    const counts = new Float64Array(10);
    const draws = 4000;
    for (let k = 0; k < draws; k++) {
      const rows = scrape(pool, 2, 3, rng);
      const firsts = [rows[0], rows[2], rows[4]];
      expect(new Set(firsts).size).toBe(3);
      for (let i = 0; i < 3; i++) expect(rows[2 * i + 1]).toBe(firsts[i] + 1);
      for (const x of firsts) counts[x / 2] += 1;
    }
    // Each row is in a scrape with probability 3/10: binomial counts within 4 standard deviations.
    const sd = Math.sqrt(draws * 0.3 * 0.7);
    for (const c of counts) expect(Math.abs(c - 0.3 * draws)).toBeLessThan(4 * sd);
    expect(() => scrape(pool, 2, 11, rng)).toThrow(/11 samples asked of a pool of 10/);
  });

  it('resumes number for number and keeps its models alike', async () => {
    const spec = assertSpec({ data: 'ring', learner: 'gmm', components: 8, nIni: 40, nSyn: 40, generations: 3, replicates: 2, models: 3, web: 'on', metrics: 'fd,spread' });
    const plain = new Experiment(spec);
    const [, second] = [await plain.next(), await plain.next()];
    const resumable = new Experiment(spec, { resumable: true });
    await resumable.next();
    await expect(resumable.next({ signal: AbortSignal.abort() })).rejects.toThrow();
    resumable.rewind();
    const again = await resumable.next();
    expect(Array.from(again!.values.spread)).toEqual(Array.from(second!.values.spread));
    const alone = new Experiment(assertSpec({ ...spec, web: 'off', exchange: 0 }));
    await alone.next();
    expect(Array.from(second!.values.fd)).not.toEqual(Array.from((await alone.next())!.values.fd));
  });
});

describe('an ecosystem of models', () => {
  const small = { data: 'gaussian', dim: 1, learner: 'gaussian', nIni: 30, nSyn: 30, generations: 3, replicates: 3 };

  it('keeps model 1 on the single loop\'s streams: its first generation is the single loop\'s', async () => {
    const one = await new Experiment(assertSpec(small)).next();
    const two = await new Experiment(assertSpec({ ...small, models: 2 })).next();
    expect(Array.from(two!.values.trace)).toEqual(Array.from(one!.values.trace));
    expect(Array.from(two!.values.spread)).not.toContain(0);
  });

  it('runs sample by sample (no sufficient-statistics path) and curates each model\'s own samples', async () => {
    expect(simulationPath(assertSpec({ ...small, models: 2 }))).toBe('samples');
    const experiment = new Experiment(assertSpec({ ...small, models: 3, curationK: 2, targetX: 1 }));
    expect(experiment.metrics).toContain('spread');
    let last = null;
    for (let r = await experiment.next(); r; r = await experiment.next()) last = r;
    for (const v of last!.values.reward) expect(Number.isFinite(v)).toBe(true);
  });

  it('resumes as the page does: a generation aborted and rewound is computed again number for number', async () => {
    const spec = assertSpec({ ...small, models: 2, exchange: 0.5 });
    const plain = new Experiment(spec);
    const [, second] = [await plain.next(), await plain.next()];
    const resumable = new Experiment(spec, { resumable: true });
    await resumable.next();
    await expect(resumable.next({ signal: AbortSignal.abort() })).rejects.toThrow();
    expect(resumable.rewind()).toBe(1);
    const again = await resumable.next();
    for (const metric of ['spread', 'trace', 'precision'] as const) expect(Array.from(again!.values[metric])).toEqual(Array.from(second!.values[metric]));
  });
});

/** Per generation: each replicate's model-1 variance, squared mean and squared distance between models 1 and 2. */
async function simulate(spec: Spec): Promise<{ variance: number[][]; meanSq: number[][]; between: number[][] }> {
  const out = { variance: [] as number[][], meanSq: [] as number[][], between: [] as number[][] };
  for (let t = 0; t < spec.generations; t++) for (const list of Object.values(out)) list.push([]);
  const parts = pointLoop(spec, realDistribution(spec), learnerFor(spec), false);
  const partsOf = (lambda: number) => pointLoop({ ...spec, lambda }, realDistribution(spec), learnerFor(spec), false);
  for (let i = 0; i < spec.replicates; i++) {
    const ecosystem = new Ecosystem(spec, parts, i, false, partsOf);
    for (let t = 0; t < spec.generations; t++) {
      const [a, b] = (await ecosystem.step()).models as Model[];
      out.variance[t].push(a.cov[0]);
      out.meanSq[t].push(a.mean[0] ** 2);
      out.between[t].push((a.mean[0] - b.mean[0]) ** 2);
    }
  }
  return out;
}

function expectMeanNear(values: number[], expected: number, what: string) {
  const r = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / r;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (r - 1));
  expect(Math.abs(mean - expected), `${what}: mean ${mean}, expected ${expected} ± ${(4 * sd) / Math.sqrt(r)}`).toBeLessThan((4 * sd) / Math.sqrt(r));
}

describe('moments of models feeding each other (1-D Gaussian)', () => {
  const base = { data: 'gaussian', dim: 1, learner: 'gaussian', nIni: 20, nSyn: 20, generations: 8, replicates: 400, seed: 7, metrics: 'trace,meanSq' };
  const cases = [
    { loop: 'fully-synthetic', models: 2, exchange: 0, estimator: 'unbiased', lambda: 1 },
    { loop: 'fully-synthetic', models: 2, exchange: 0.5, estimator: 'unbiased', lambda: 0.8 },
    { loop: 'fully-synthetic', models: 3, exchange: 0.3, estimator: 'mle', lambda: 1 },
    { loop: 'fully-synthetic', models: 2, exchange: 0.5, estimator: 'unbiased', lambda: 0.5, otherLambdas: '1' },
    { loop: 'fresh', models: 3, exchange: 0.6, nReal: 10, estimator: 'mle', lambda: 1, otherLambdas: '0.5,0.8' },
    { loop: 'fresh', models: 3, exchange: 0.5, nReal: 10, estimator: 'unbiased', lambda: 0.8 },
    // Model 1's mean leans on its fixed real set through its partners' samples too: R = 1,000 tells that term apart.
    { loop: 'augmentation', models: 2, exchange: 0.5, estimator: 'mle', lambda: 0.9, nSyn: 40, replicates: 1000 },
    { loop: 'accumulate', models: 2, exchange: 0.5, nReal: 5, estimator: 'unbiased', lambda: 1 },
    // Mixing matrices: model 2 learns from model 1 alone (a student of a teacher that learns from itself), and a ring of three.
    { loop: 'fully-synthetic', models: 2, mixing: '1,0,1,0', estimator: 'unbiased', lambda: 0.9 },
    { loop: 'fresh', models: 3, mixing: '0.5,0.5,0,0,0.5,0.5,0.5,0,0.5', nReal: 10, estimator: 'mle', lambda: 1 },
    { loop: 'fully-synthetic', models: 3, web: 'on', estimator: 'unbiased', lambda: 1 },
    // A web not much larger than a scrape (L = 90 rows at t = 2, n_s = 40): scraping without replacement
    // shrinks E[(μ₁ − μ₂)²] at t = 2 to 0.030, against 0.053 with the factor (L − n_s)/(L − 1) left out.
    { loop: 'fully-synthetic', models: 2, web: 'on', nIni: 5, nSyn: 40, estimator: 'unbiased', lambda: 1 },
    { loop: 'augmentation', models: 3, web: 'on', estimator: 'unbiased', lambda: 1 },
    { loop: 'accumulate', models: 2, web: 'on', nReal: 5, estimator: 'mle', lambda: 0.7, otherLambdas: '1' },
  ];
  for (const c of cases)
    it(`${c.loop}, M = ${c.models}, ${c.web ? 'web' : c.mixing ? `mixing ${c.mixing}` : `exchange ${c.exchange}`}, ${c.estimator}, λ = ${c.lambda}${c.otherLambdas ? ` then ${c.otherLambdas}` : ''}: E[σ²_t], E[μ_t²], E[(μ₁ − μ₂)²]`, async () => {
      const spec = assertSpec({ ...base, ...c });
      const theory = ecosystemMoments(spec);
      const sim = await simulate(spec);
      for (const t of [2, 4, 8]) {
        expectMeanNear(sim.variance[t - 1], theory.variance[t - 1], `σ² at t = ${t}`);
        expectMeanNear(sim.meanSq[t - 1], theory.meanSq[t - 1], `μ² at t = ${t}`);
        expectMeanNear(sim.between[t - 1], theory.between[t - 1], `(μ₁ − μ₂)² at t = ${t}`);
      }
    });

  it('are, fully synthetic with one λ, the symmetric closed forms of the README', () => {
    // D = E[(μ_i − μ_j)²], M₂ = E[μ²], V = E[σ²]; w_s, w_o the own and each-other shares, S = w_s² + (M − 1)w_o².
    for (const [models, exchange, estimator] of [[2, 0.5, 'unbiased'], [3, 0.3, 'mle'], [4, 0.75, 'unbiased']] as const) {
      const spec = assertSpec({ ...base, loop: 'fully-synthetic', models, exchange, estimator, lambda: 0.9, generations: 12 });
      const { own, each } = exchangeCounts(spec.nSyn, models, exchange);
      const [n, lambda, ws, wo] = [spec.nSyn, spec.lambda, own / spec.nSyn, each / spec.nSyn];
      const mixed = 1 - ws * ws - (models - 1) * wo * wo;
      const k = estimator === 'mle' ? n : n - 1;
      let [v, m2, d] = [estimator === 'mle' ? (n - 1) / n : 1, 1 / n, 2 / n];
      const general = ecosystemMoments(spec);
      for (let t = 1; t <= 12; t++) {
        if (t > 1) [v, m2, d] = [((n - 1) * lambda * v + (n * mixed * d) / 2) / k, m2 - (mixed * d) / 2 + (lambda * v) / n, (ws - wo) ** 2 * d + (2 * lambda * v) / n];
        expect(general.variance[t - 1]).toBeCloseTo(v, 12);
        expect(general.meanSq[t - 1]).toBeCloseTo(m2, 12);
        expect(general.between[t - 1]).toBeCloseTo(d, 12);
      }
    }
  });

  it('exchange homogenises: full mixing holds the models\' distance at 2λV/n_s, none lets it grow like a random walk', () => {
    const at = (exchange: number) => ecosystemMoments(assertSpec({ ...base, models: 2, exchange, generations: 30 }));
    const [none, full] = [at(0), at(0.5)];
    expect(none.between[29]).toBeGreaterThan(5 * full.between[29]);
    // The distance between the models becomes variance of each: more exchange, more spread kept.
    expect(full.variance[29]).toBeGreaterThan(none.variance[29]);
    // M = 1 is the single loop of notes §3.2: E[μ_t²] = t/n for the unbiased fit with n_ini = n_s.
    const single = ecosystemMoments({ ...assertSpec(base), models: 1, exchange: 0, estimator: 'unbiased' });
    expect(single.meanSq[7]).toBeCloseTo(8 / 20, 12);
  });

  it('are the page\'s theory for M > 1 in every loop, and none where samples are filtered or moved', () => {
    const spec = assertSpec({ ...base, models: 2 });
    expect(theoryFor(spec)).toEqual(ecosystemTheory(spec));
    for (const loop of ['fresh', 'augmentation', 'accumulate'] as const) expect(ecosystemTheory({ ...spec, loop, web: 'on' })).not.toBeNull();
    expect(ecosystemTheory({ ...spec, curationK: 4 })).toBeNull();
    expect(ecosystemTheory({ ...spec, correction: 0.5 })).toBeNull();
  });
});

/** The last generation of a whole run of `spec`. */
async function lastGeneration(spec: Record<string, unknown>) {
  const experiment = new Experiment(assertSpec(spec));
  let last = null;
  for (let r = await experiment.next(); r; r = await experiment.next()) last = r;
  return last!;
}

const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('word models feeding each other', () => {
  const words = { data: 'zipf', learner: 'unigram', nIni: 200, nSyn: 200, generations: 5, replicates: 4, loop: 'fully-synthetic' };

  for (const learner of ['unigram', 'bigram'])
    it(`${learner}: keep model 1 on the single loop apart, measure their distance as total variation, and draw closer sharing`, async () => {
      const alone = await lastGeneration({ ...words, learner });
      const apart = await lastGeneration({ ...words, learner, models: 2, exchange: 0 });
      for (const metric of ['alive', 'perplexity'] as const) expect(Array.from(apart.values[metric])).toEqual(Array.from(alone.values[metric]));
      for (const d of apart.values.spread) expect(d).toBeGreaterThan(0);
      for (const d of apart.values.spread) expect(d).toBeLessThanOrEqual(1);
      // Swapping half their words, the models draw closer than models apart.
      const swapping = await lastGeneration({ ...words, learner, models: 2, exchange: 0.5 });
      expect(mean(swapping.values.spread)).toBeLessThan(mean(apart.values.spread));
    });

  it('withhold the Wright–Fisher lines of one chain from chains that swap words', () => {
    expect(theoryFor(assertSpec({ ...words, models: 2 }))).toBeNull();
    expect(theoryFor(assertSpec(words))).not.toBeNull();
  });

  it('swap a bigram\'s text in whole passages; the words past the last whole passage stay with their model', () => {
    const draws = [Float64Array.of(0, 1, 2, 3, 4), Float64Array.of(10, 11, 12, 13, 14)];
    expect(exchangeSamples(draws, 1, mixingCounts({ models: 2, exchange: 0.5, mixing: '' }, 2), 2).map((m) => Array.from(m))).toEqual([
      [0, 1, 12, 13, 4],
      [10, 11, 2, 3, 14],
    ]);
  });

  // n_s = 205: 20 passages of 10 words and 5 words over, which a word-by-word exchange (102 own, 103 swapped) would cut mid-passage.
  for (const sharing of [{ exchange: 0.5 }, { web: 'on' }])
    it(`bigram, ${Object.entries(sharing)[0].join(' ')}: every passage a model counts pairs in is one a model wrote (or real text on the web), whole`, async () => {
      const spec = assertSpec({ ...words, learner: 'bigram', nSyn: 205, nEval: 30, generations: 3, models: 3, ...sharing });
      const passage = passageOf('bigram');
      const whole = Math.floor(spec.nSyn / passage);
      const parts = textLoop(spec, textLearnerFor(spec));
      let draws: Float64Array[] = [];
      let fits: Float64Array[] = [];
      const tap = (drawn: Float64Array, count: number) => (count === spec.nSyn && draws.push(drawn), drawn);
      const recording = {
        ...parts,
        async fit(data: Float64Array, n: number, rng: Rng) {
          fits.push(data.slice());
          const model = await parts.fit(data, n, rng, {});
          return { ...model, sample: (r: Rng, count: number, lambda: number) => tap(model.sample(r, count, lambda), count) };
        },
      };
      const ecosystem = new Ecosystem(spec, recording, 0);
      const key = (text: Float64Array) => Array.from(text).join(' ');
      const passages = (text: Float64Array) => Array.from({ length: Math.floor(text.length / passage) }, (_, k) => key(text.subarray(k * passage, (k + 1) * passage)));
      await ecosystem.step();
      // The web keeps every passage published, from the real text of generation 1 on.
      const published = new Set(fits.flatMap(passages));
      let fromOthers = 0;
      for (let t = 2; t <= spec.generations; t++) {
        [draws, fits] = [[], []];
        await ecosystem.step();
        const written = draws.map((draw) => new Set(passages(draw.subarray(0, whole * passage))));
        for (const w of written) for (const text of w) published.add(text);
        fits.forEach((data, m) => {
          for (const text of passages(data.subarray(0, whole * passage))) {
            expect(spec.web === 'on' ? published.has(text) : written.some((w) => w.has(text))).toBe(true);
            if (!written[m].has(text)) fromOthers += 1;
          }
          expect(key(data.subarray(whole * passage))).toBe(key(draws[m].subarray(whole * passage)));
        });
      }
      expect(fromOthers).toBeGreaterThan(0);
    });
});

describe('models drawing with different λ', () => {
  const spec = { data: 'gaussian', dim: 1, learner: 'gaussian', nIni: 50, nSyn: 50, generations: 6, replicates: 40, models: 2, lambda: 0.5 };

  it('give each model its own λ: model 1 alone is unchanged, and a plain partner keeps its variance', async () => {
    // Without exchange, model 1 is the single loop whatever its partner draws with.
    const apart = await lastGeneration({ ...spec, exchange: 0, otherLambdas: '1' });
    expect(Array.from(apart.values.trace)).toEqual(Array.from((await lastGeneration({ ...spec, exchange: 0 })).values.trace));
    // Half of each pool from the partner: v₁' ≈ ½λ₁v₁ + ½λ₂v₂, v₂' ≈ ½λ₁v₁ + ½λ₂v₂ (moment
    // recursions without the O(1/n) terms). λ = (½, 1): both variances shrink by ¾ a generation,
    // so model 1 keeps about 0.75⁵ ≈ 0.24 at t = 6 and drags its plain partner down with it;
    // λ = (½, ½): 0.5⁵ ≈ 0.03. Bounds about 4 SD (relative SD of a replicate about 0.45, R = 40).
    const plainPartner = mean((await lastGeneration({ ...spec, exchange: 0.5, otherLambdas: '1' })).values.trace);
    const biasedPartner = mean((await lastGeneration({ ...spec, exchange: 0.5 })).values.trace);
    expect(plainPartner).toBeGreaterThan(0.15);
    expect(plainPartner).toBeLessThan(0.32);
    expect(biasedPartner).toBeLessThan(0.06);
  });

  it('list the other models\' λ in order, the last one serving the rest', () => {
    const of = (otherLambdas: string, models = 4) => modelLambdas({ lambda: 0.5, models, otherLambdas });
    expect(of('')).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(of('1')).toEqual([0.5, 1, 1, 1]);
    expect(of('0.9,0.7')).toEqual([0.5, 0.9, 0.7, 0.7]);
    expect(of('0.9,0.7,0.2', 2)).toEqual([0.5, 0.9]);
  });

  it('have theory lines of their own: a plain partner keeps model 1 wider than a guided one', () => {
    const gaussian = assertSpec({ ...spec, exchange: 0.5 });
    const guided = theoryFor(gaussian)!.trace!;
    const plainPartner = theoryFor({ ...gaussian, otherLambdas: '1' })!.trace!;
    expect(plainPartner[5]).toBeGreaterThan(3 * guided[5]);
    expect(theoryFor({ ...gaussian, otherLambdas: '1', lambda: 1 })).toEqual(theoryFor({ ...gaussian, lambda: 1 }));
  });

  it('name the field, the bad part and the allowed values, and say when the field has no effect', async () => {
    for (const [value, why] of [
      ['0.5,abc', 'has a part "abc" that is not a number'],
      ['0.5,0', 'has 0, out of range'],
      ['1,1,1,1', 'has 4 numbers'],
      ['0.5,,1', 'has a part "" that is empty'],
    ]) {
      const checked = normaliseSpec({ models: 2, otherLambdas: value });
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.issues[0].message).toBe(`λ of models 2…M (--other-lambdas): ${JSON.stringify(value)} ${why}; allowed: nothing (every model samples with λ) | up to 3 comma-separated numbers in (0, 1]`);
    }
    expect(assertSpec({ models: 3, otherLambdas: ' 1, .50 ' }).otherLambdas).toBe('1,0.5');
    let err = '';
    await runCli(['run', '--data', 'gaussian', '--dim', '1', '--learner', 'gaussian', '--generations', '1', '--replicates', '1', '--other-lambdas', '1'], { out: () => {}, err: (t) => (err += t) });
    expect(err).toContain('note: --other-lambdas has no effect');
  });
});

describe('the fields models and exchange', () => {
  it('name the field and the allowed values', async () => {
    const checked = normaliseSpec({ models: 5 });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues[0].message).toMatch(/models.*1\.\.4/);
    let err = '';
    const code = await runCli(['run', '--exchange', '2'], { out: () => {}, err: (t) => (err += t) });
    expect(code).not.toBe(0);
    expect(err).toMatch(/exchange.*\[0, 1\]/);
  });

  it('warn that the exchange has no effect with one model or with the web', async () => {
    let web = '';
    await runCli(['run', '--data', 'gaussian', '--dim', '1', '--learner', 'gaussian', '--generations', '1', '--replicates', '1', '--models', '2', '--web', 'on', '--exchange', '0.3'], { out: () => {}, err: (t) => (web += t) });
    expect(web).toContain('note: --exchange has no effect');
    expect(web).toContain('--web on');
    let err = '';
    await runCli(['run', '--data', 'gaussian', '--dim', '1', '--learner', 'gaussian', '--generations', '1', '--replicates', '1', '--exchange', '0.3'], { out: () => {}, err: (t) => (err += t) });
    expect(err).toContain('note: --exchange has no effect');
    expect(err).toContain('--models 1');
  });
});

describe('the mixing matrix', () => {
  const gaussian = ['run', '--data', 'gaussian', '--dim', '1', '--learner', 'gaussian', '--generations', '1', '--replicates', '1'];

  it('needs M × M shares whose rows sum to 1, and says so naming the row', () => {
    const allowed = "allowed: M × M = 4 shares row by row, row i the shares of model i's synthetic samples from models 1..2, each row summing to 1";
    for (const [mixing, why] of [
      ['1,0,1', '3 shares for M = 2'],
      ['1,0,0.5,0.4', 'row 2 sums to 0.9'],
    ]) {
      const checked = normaliseSpec({ models: 2, mixing });
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.issues[0].message).toBe(`mixing matrix (--mixing): ${why}; ${allowed}`);
    }
    expect(normaliseSpec({ models: 3, mixing: '1,0,0,0,1,0,0.333333,0.333333,0.333334' }).ok).toBe(true);
  });

  it('replaces the exchange share, which then has no effect, and has none itself with one model', async () => {
    let err = '';
    const code = await runCli([...gaussian, '--models', '2', '--mixing', '1,0,1,0', '--exchange', '0.3'], { out: () => {}, err: (t) => (err += t) });
    expect(code).toBe(0);
    expect(err).toMatch(/note: --exchange has no effect with .*--mixing 1,0,1,0/);
    err = '';
    await runCli([...gaussian, '--mixing', '1'], { out: () => {}, err: (t) => (err += t) });
    expect(err).toContain('note: --mixing has no effect');
  });

  it('lets a student learn from a teacher alone: it follows the teacher, and the theory lines say how far', async () => {
    const spec = { data: 'gaussian', dim: 1, learner: 'gaussian', loop: 'fully-synthetic', nIni: 50, nSyn: 50, generations: 8, replicates: 40, models: 2 };
    const [apart, student] = [assertSpec({ ...spec, exchange: 0 }), assertSpec({ ...spec, mixing: '1,0,1,0' })];
    // Model 1, the teacher, learns from itself alone either way (simulated against these lines above).
    expect(ecosystemMoments(student).variance).toEqual(ecosystemMoments(apart).variance);
    // The student's mean is one fit away from the teacher's; models apart drift apart as two random walks.
    expect(ecosystemMoments(student).between[7]).toBeLessThan(ecosystemMoments(apart).between[7] / 5);
    expect(mean((await lastGeneration(student)).values.spread)).toBeLessThan(mean((await lastGeneration(apart)).values.spread));
  });
});
