/**
 * The text domain (src/engine/text): the Zipf vocabulary and its sampler, the unigram learner's
 * smoothing and temperature, its metrics, and the Wright–Fisher closed forms of notes §4b against
 * simulation, each within 4 standard errors (fixed seeds keep it deterministic).
 */
import { describe, expect, it } from 'vitest';
import { Experiment, type GenerationResult } from '../../src/engine/loops/experiment';
import { metricsFor } from '../../src/engine/metrics/registry';
import { Rng } from '../../src/engine/random/prng';
import { theoryFor } from '../../src/engine/theory';
import { wordSurvival } from '../../src/engine/theory/text-loops';
import { bandShares, rankBands } from '../../src/engine/text/rank-bands';
import { heterozygosity, textMetrics } from '../../src/engine/text/text-metrics';
import { samplingWeights, unigramLearner } from '../../src/engine/text/unigram';
import { Categorical, zipfProbabilities } from '../../src/engine/text/zipf';
import { METRICS } from '../../src/results/metrics';
import { normaliseSpec, assertSpec } from '../../src/spec/validate';

async function simulate(input: Record<string, unknown>) {
  const spec = assertSpec({ data: 'zipf', learner: 'unigram', nEval: 10, ...input });
  const experiment = new Experiment(spec);
  const results: GenerationResult[] = [];
  for (let r = await experiment.next(); r; r = await experiment.next()) results.push(r);
  return { spec, results, theory: theoryFor(spec) };
}

function meanAndTolerance(values: ArrayLike<number>) {
  const r = values.length;
  let mean = 0;
  for (let i = 0; i < r; i++) mean += values[i] / r;
  let ss = 0;
  for (let i = 0; i < r; i++) ss += (values[i] - mean) ** 2;
  return { mean, tolerance: (4 * Math.sqrt(ss / (r - 1))) / Math.sqrt(r) };
}

/** Counts of each id among n draws, against the probabilities, each within 4 binomial standard errors. */
function expectFrequencies(draws: Float64Array, probabilities: ArrayLike<number>) {
  const n = draws.length;
  const counts = new Float64Array(probabilities.length);
  for (const id of draws) counts[id] += 1;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    expect(Math.abs(counts[i] / n - p), `id ${i}`).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / n) + 1e-12);
  }
}

describe('Zipf vocabulary', () => {
  it('p(i) ∝ i^−β, normalised, and drawn with those frequencies', () => {
    const p = zipfProbabilities(20, 1.3);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(p[0] / p[1]).toBeCloseTo(2 ** 1.3, 12);
    expect(p[9] / p[19]).toBeCloseTo(2 ** 1.3, 12);
    expect(zipfProbabilities(5, 0).every((x) => Math.abs(x - 0.2) < 1e-15)).toBe(true);
    expectFrequencies(new Categorical(p).sample(new Rng(1, 2, 3, 4), 50_000), p);
  });

  it('draws exactly the ids a binary search of the cumulative weights gives (the guide table only shortens the search)', () => {
    const rng = new Rng(4, 3, 2, 1);
    for (const v of [1, 2, 7, 1000]) {
      // Uneven weights with runs of zeros, and a tiny total.
      const weights = Float64Array.from({ length: v }, (_, i) => (i % 3 === 1 ? 0 : 1e-300 * (rng.uniform() + (i === 0 ? 1 : 0))));
      const cumulative = new Float64Array(v);
      weights.reduce((s, w, i) => (cumulative[i] = s + w), 0);
      const draws = new Categorical(weights).sample(new Rng(v, 1, 1, 1), 5000);
      const replay = new Rng(v, 1, 1, 1);
      for (const id of draws) {
        const u = replay.uniform() * cumulative[v - 1];
        let lo = 0;
        for (let hi = v - 1; lo < hi; ) {
          const mid = (lo + hi) >>> 1;
          if (cumulative[mid] > u) hi = mid;
          else lo = mid + 1;
        }
        expect(id).toBe(lo);
      }
    }
  });

  it('never draws a word of weight 0', () => {
    const draws = new Categorical(Float64Array.from([0, 0.5, 0, 0.5, 0])).sample(new Rng(5, 6, 7, 8), 10_000);
    expect(draws.every((id) => id === 1 || id === 3)).toBe(true);
  });
});

describe('unigram learner', () => {
  const data = Float64Array.from([0, 0, 0, 1, 2, 2]); // counts 3, 1, 2, 0 over V = 4

  it('α = 0 fits the counts; a word not seen has probability 0 and is never drawn', () => {
    const model = unigramLearner({ vocabulary: 4, smoothing: 0, topK: 0 }).fit(data, 6);
    expect(Array.from(model.probabilities)).toEqual([3 / 6, 1 / 6, 2 / 6, 0]);
    expect(model.sample(new Rng(1, 1, 1, 1), 5000, 1).includes(3)).toBe(false);
  });

  it('add-α smoothing gives q_i = (c_i + α)/(n + αV): every word stays possible', () => {
    const model = unigramLearner({ vocabulary: 4, smoothing: 0.5, topK: 0 }).fit(data, 6);
    const expected = [3.5, 1.5, 2.5, 0.5].map((c) => c / 8);
    model.probabilities.forEach((q, i) => expect(q).toBeCloseTo(expected[i], 15));
  });

  it('λ is the sampling temperature: draws follow q^(1/λ) renormalised, λ = 1 follows q', () => {
    const model = unigramLearner({ vocabulary: 4, smoothing: 0, topK: 0 }).fit(data, 6);
    const q = model.probabilities;
    expectFrequencies(model.sample(new Rng(2, 2, 2, 2), 40_000, 1), q);
    const sq = Array.from(q, (x) => x * x);
    const total = sq.reduce((s, x) => s + x, 0);
    expectFrequencies(model.sample(new Rng(3, 3, 3, 3), 40_000, 0.5), sq.map((x) => x / total));
    // A tiny λ draws only the most probable word, without underflowing every weight to 0.
    expect(model.sample(new Rng(4, 4, 4, 4), 1000, 0.001).every((id) => id === 0)).toBe(true);
    // The metrics measure G^t itself: λ changes what is drawn, not q.
    expect(samplingWeights(q, 1, 0)).toEqual(q);
  });

  it('the top-k cut draws only the k most probable words, ties going to the lower rank', () => {
    const q = Float64Array.from([0.1, 0.4, 0.2, 0.2, 0.1]);
    expect(Array.from(samplingWeights(q, 1, 2))).toEqual([0, 0.4, 0.2, 0, 0]);
    expect(Array.from(samplingWeights(q, 1, 0))).toEqual(Array.from(q));
    expect(Array.from(samplingWeights(q, 1, 5))).toEqual(Array.from(q));
    const model = unigramLearner({ vocabulary: 4, smoothing: 0, topK: 2 }).fit(data, 6);
    expectFrequencies(model.sample(new Rng(5, 5, 5, 5), 20_000, 1), [0.6, 0, 0.4, 0]);
  });
});

describe('text metrics', () => {
  it('measure G^t exactly against p', () => {
    const p = Float64Array.from([0.4, 0.3, 0.2, 0.1]);
    const q = Float64Array.from([0.5, 0.5, 0, 0.0]);
    const m = textMetrics(q, p);
    expect(m.alive).toBe(2);
    expect(m.tailMass).toBe(0); // ranks 3 and 4 (the rarest half) are both gone
    expect(m.wordEntropy).toBeCloseTo(1, 15);
    expect(m.tv).toBeCloseTo(0.3, 15);
    expect(m.heterozygosity).toBeCloseTo(0.5, 15);
    // Held-out real text: 30% of it is words G^t lost; the rest, 0.4 and 0.3 of it, costs 1 bit a word.
    expect(m.lostText).toBeCloseTo(0.3, 15);
    expect(m.perplexity).toBeCloseTo(2, 14);
    // Uneven: −(0.4 log2 0.8 + 0.3 log2 0.1 + 0.2 log2 0.05 + 0.1 log2 0.05) = 2.4219… bits a word.
    const uneven = textMetrics(Float64Array.from([0.8, 0.1, 0.05, 0.05]), p);
    expect(uneven.lostText).toBe(0);
    expect(Math.log2(uneven.perplexity)).toBeCloseTo(-(0.4 * Math.log2(0.8) + 0.3 * Math.log2(0.1) + 0.3 * Math.log2(0.05)), 12);
    expect(Math.log2(uneven.perplexity)).toBeCloseTo(2.42193, 5);
    // The real language itself: perplexity 2^H(p).
    expect(textMetrics(p, p).perplexity).toBeCloseTo(2 ** -p.reduce((s, pi) => s + pi * Math.log2(pi), 0), 12);
    const kept = textMetrics(Float64Array.from([0.4, 0.3, 0, 0.3]), p);
    expect(kept.tailMass).toBeCloseTo(0.1 / 0.3, 15);
    expect(textMetrics(p, p)).toMatchObject({ alive: 4, tailMass: 1, tv: 0 });
  });

  it('rank bands cover the vocabulary in half-decades; a band’s share is the fraction of its words alive', () => {
    expect(rankBands(1000)).toEqual([[1, 3], [4, 10], [11, 32], [33, 100], [101, 316], [317, 1000]]);
    expect(rankBands(2)).toEqual([[1, 2]]);
    const q = new Float64Array(10);
    q.fill(0.1, 0, 5); // ranks 1–5 alive
    expect(Array.from(bandShares(q))).toEqual([1, 2 / 7]);
  });

  it('are the text domain’s metrics, each described for the page', () => {
    expect(metricsFor('text')).toEqual(['alive', 'tailMass', 'wordEntropy', 'tv', 'heterozygosity', 'perplexity', 'lostText']);
    for (const m of metricsFor('text')) expect(METRICS[m].plain.length).toBeGreaterThan(10);
  });
});

describe('Wright–Fisher closed forms (notes §4b)', () => {
  it('E[H_t] = H(p)(1 − 1/n_ini)(1 − 1/n_s)^(t−1) for counts without smoothing, fully synthetic', async () => {
    const nIni = 30;
    const nSyn = 20;
    const { spec, results, theory } = await simulate({ vocabulary: 40, zipfBeta: 1, nIni, nSyn, generations: 30, replicates: 600, seed: 21 });
    const h0 = heterozygosity(zipfProbabilities(spec.vocabulary, spec.zipfBeta));
    for (const t of [1, 5, 15, 30]) {
      const expected = h0 * (1 - 1 / nIni) * (1 - 1 / nSyn) ** (t - 1);
      expect(theory!.heterozygosity![t - 1]).toBeCloseTo(expected, 12);
      const { mean, tolerance } = meanAndTolerance(results[t - 1].values.heterozygosity);
      expect(Math.abs(mean - expected), `t = ${t}: mean ${mean}, expected ${expected} ± ${tolerance}`).toBeLessThan(tolerance);
    }
    // Lost words never return: every replicate's vocabulary only shrinks.
    for (let t = 1; t < results.length; t++) results[t].values.alive.forEach((a, i) => expect(a).toBeLessThanOrEqual(results[t - 1].values.alive[i]));
  });

  it('has no closed form where the chain is not Wright–Fisher (smoothing, λ < 1, a cut, fresh data)', () => {
    const base = { data: 'zipf', learner: 'unigram' };
    expect(theoryFor(assertSpec(base))).not.toBeNull();
    expect(theoryFor(assertSpec({ ...base, topK: 5000 }))).not.toBeNull(); // a cut beyond V cuts nothing
    for (const change of [{ smoothing: 0.1 }, { lambda: 0.9 }, { topK: 10 }, { loop: 'fresh' }]) expect(theoryFor(assertSpec({ ...base, ...change }))).toBeNull();
  });

  it('E[vocabulary alive] and E[rare-word mass kept] follow each word’s survival in the branching limit', async () => {
    // n_s ≠ n_ini, so the first step's Poisson(n_s/n_ini) copies are tested too.
    const { spec, results, theory } = await simulate({ vocabulary: 400, zipfBeta: 1, nIni: 1000, nSyn: 400, generations: 40, replicates: 150, seed: 5 });
    const p = zipfProbabilities(spec.vocabulary, spec.zipfBeta);
    // t = 1 is exact: a word is alive when drawn at least once among n_ini real words.
    expect(theory!.alive![0]).toBeCloseTo(p.reduce((s, pi) => s + 1 - (1 - pi) ** spec.nIni, 0), 9);
    for (const metric of ['alive', 'tailMass'] as const)
      for (const t of [1, 2, 5, 15, 40]) {
        const { mean, tolerance } = meanAndTolerance(results[t - 1].values[metric]);
        const expected = theory![metric]![t - 1];
        expect(Math.abs(mean - expected), `${metric} at t = ${t}: mean ${mean}, expected ${expected} ± ${tolerance}`).toBeLessThan(tolerance);
      }
  });

  it('a word seen c times in n survives t more generations with probability ≈ 1 − exp(−2c/t)', () => {
    // Two types: the rare word (id 0) seen c times, the rest of the vocabulary lumped as id 1.
    const [c, n, t, replicates] = [10, 500, 50, 1000];
    const learner = unigramLearner({ vocabulary: 2, smoothing: 0, topK: 0 });
    const start = new Float64Array(n).fill(1).fill(0, 0, c);
    const rng = new Rng(9, 8, 7, 6);
    let survived = 0;
    for (let r = 0; r < replicates; r++) {
      let model = learner.fit(start, n);
      for (let g = 0; g < t; g++) model = learner.fit(model.sample(rng, n, 1), n);
      if (model.probabilities[0] > 0) survived += 1;
    }
    // The branching chain’s survival (0.319 here), and its Feller limit 1 − exp(−2c/t) (0.330) close beside it.
    const expected = wordSurvival(c, t);
    expect(Math.abs(expected - (1 - Math.exp((-2 * c) / t)))).toBeLessThan(0.02);
    const share = survived / replicates;
    const tolerance = 4 * Math.sqrt((expected * (1 - expected)) / replicates);
    expect(Math.abs(share - expected), `survived ${share}, expected ${expected} ± ${tolerance}`).toBeLessThan(tolerance);
  });

  it('smoothing keeps every word alive; λ < 1 loses diversity faster', async () => {
    const common = { vocabulary: 200, nIni: 200, nSyn: 200, generations: 30, replicates: 20, seed: 3 };
    const smoothed = await simulate({ ...common, smoothing: 0.1 });
    expect(smoothed.results.at(-1)!.summary.alive.mean).toBe(200);
    expect(smoothed.results.at(-1)!.summary.tailMass.mean).toBe(1);
    const plain = await simulate(common);
    const cold = await simulate({ ...common, lambda: 0.7 });
    expect(plain.results.at(-1)!.summary.alive.mean).toBeLessThan(plain.results[0].summary.alive.mean);
    expect(cold.results.at(-1)!.summary.alive.mean).toBeLessThan(plain.results.at(-1)!.summary.alive.mean);
    expect(cold.results.at(-1)!.summary.wordEntropy.mean).toBeLessThan(plain.results.at(-1)!.summary.wordEntropy.mean);
  });
});

describe('validation of the text fields', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ zipfBeta: -0.5 }, 'β (--zipf-beta): -0.5 is out of range; allowed: a number in [0, 4]'],
    [{ zipfBeta: 'steep' }, 'β (--zipf-beta): "steep" is not a number; allowed: a number in [0, 4]'],
    [{ vocabulary: 1 }, 'V (--vocabulary): 1 is out of range; allowed: an integer 2..100000'],
    [{ vocabulary: 10.5 }, 'V (--vocabulary): 10.5 is not an integer; allowed: an integer 2..100000'],
    [{ smoothing: 11 }, 'α (--smoothing): 11 is out of range; allowed: a number in [0, 10]'],
    [{ smoothing: Number.NaN }, 'α (--smoothing): NaN is not a number; allowed: a number in [0, 10]'],
    [{ topK: -1 }, 'top-k (--top-k): -1 is out of range; allowed: an integer 0..100000'],
    [{ topK: 2.5 }, 'top-k (--top-k): 2.5 is not an integer; allowed: an integer 0..100000'],
    [{ learner: 'gmm' }, 'learner (--learner): gmm generates points; use data=gaussian | ring | grid | moons | points, or with data=zipf one of unigram | bigram'],
  ];
  for (const [input, message] of cases)
    it(`${JSON.stringify(input)} → ${message}`, () => {
      const checked = normaliseSpec({ data: 'zipf', learner: 'unigram', ...input });
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.issues.map((i) => i.message)).toContain(message);
    });

  it('the unigram learner generates words only', () => {
    const checked = normaliseSpec({ data: 'ring', learner: 'unigram' });
    expect(!checked.ok && checked.issues[0].message).toBe('learner (--learner): unigram generates words; use data=zipf | english, or with data=ring one of gaussian | gmm | kde | gan | diffusion');
  });
});
