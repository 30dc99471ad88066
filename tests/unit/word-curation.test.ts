/**
 * Curation (Ferbach et al. 2024) and verification (Feng et al. 2024) of synthetic words: the target
 * words' reward, the curated unigram loop against its population-limit closed form, the
 * in-vocabulary verifier's rule, noise and effect on the loop, the bigram's passages, and the CLI's
 * flags. Statistical checks use fixed seeds and 4·SD/√R tolerances.
 */
import { describe, expect, it } from 'vitest';
import { Experiment, type GenerationResult } from '../../src/engine/loops/experiment';
import { runSamples } from '../../src/engine/loops/run-size';
import type { MetricName } from '../../src/engine/metrics/registry';
import { Rng } from '../../src/engine/random/prng';
import { targetRewards, targetShare } from '../../src/engine/text/word-reward';
import { VERIFIER_WORDS, WordVerifier } from '../../src/engine/text/word-verifier';
import { zipfProbabilities } from '../../src/engine/text/zipf';
import { theoryFor } from '../../src/engine/theory';
import { pickedTargetShare } from '../../src/engine/theory/word-curation';
import { assertSpec, normaliseSpec } from '../../src/spec/validate';
import { cli } from './run-cli';

const WORDS = { data: 'zipf', learner: 'unigram', vocabulary: 1000 } as const;

async function simulate(input: Record<string, unknown>): Promise<{ results: GenerationResult[]; experiment: Experiment }> {
  const experiment = new Experiment(assertSpec({ ...WORDS, ...input }));
  const results: GenerationResult[] = [];
  for (let r = await experiment.next(); r; r = await experiment.next()) results.push(r);
  return { results, experiment };
}

function expectMeanNear(results: GenerationResult[], metric: MetricName, t: number, expected: number): void {
  const values = results[t - 1].values[metric];
  const r = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / r;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (r - 1));
  const tolerance = (4 * sd) / Math.sqrt(r);
  expect(Math.abs(mean - expected), `${metric} at t = ${t}: mean ${mean}, expected ${expected} ± ${tolerance}`).toBeLessThan(tolerance);
}

describe('the target words’ reward', () => {
  it('is the share of a passage’s words among the m most common, and G^t’s share is Σ q over them', () => {
    // Two passages of three words; ids below m = 2 are target words.
    expect([...targetRewards(Float64Array.from([0, 1, 5, 7, 8, 1]), 2, 3, 2)]).toEqual([2 / 3, 1 / 3]);
    expect(targetShare(Float64Array.from([0.5, 0.2, 0.3]), 2)).toBeCloseTo(0.7, 12);
  });

  it('a pick among K is a target word with probability f(s): s at K = 1 or β → ∞, 1 − (1 − s)^K as β → 0', () => {
    expect(pickedTargetShare(0.3, 1, 0.5)).toBeCloseTo(0.3, 12);
    expect(pickedTargetShare(0.3, 4, 1e-3)).toBeCloseTo(1 - 0.7 ** 4, 12);
    expect(pickedTargetShare(0.3, 4, 1e6)).toBeCloseTo(0.3, 5);
    // K = 2: both targets, or one of two with weight w = e^{1/β} against 1.
    const w = Math.exp(2);
    expect(pickedTargetShare(0.3, 2, 0.5)).toBeCloseTo(0.09 + 2 * 0.21 * (w / (w + 1)), 12);
  });
});

describe('the curated unigram loop (population limit)', () => {
  // β = 0.5 gives a target word weight e² ≈ 7.4; the best-of-K limit or weight e^β would be many tolerances off by t = 3.
  it('fully synthetic, K = 2: the share of target words follows the closed form; vocabulary and rare words fall', async () => {
    const { results } = await simulate({ nIni: 1000, nSyn: 1000, generations: 5, replicates: 60, curationK: 2, curationBeta: 0.5, targetWords: 50 });
    const theory = theoryFor(assertSpec({ ...WORDS, nIni: 1000, nSyn: 1000, generations: 5, curationK: 2, curationBeta: 0.5, targetWords: 50 }))!;
    // Only the curve the curated loop has: the Wright–Fisher survivors would be wrong here.
    expect(Object.keys(theory)).toEqual(['targetShare']);
    for (let t = 1; t <= 5; t++) expectMeanNear(results, 'targetShare', t, theory.targetShare![t - 1]);
    const mean = (metric: MetricName, t: number) => results[t - 1].summary[metric].mean;
    expect(mean('targetShare', 5)).toBeGreaterThan(0.95);
    expect(mean('alive', 5)).toBeLessThan(0.25 * mean('alive', 1));
    expect(mean('tailMass', 5)).toBeLessThan(0.1 * mean('tailMass', 1));
  });

  it('fresh, K = 3, with smoothing: real words and α pull the share back; the closed form still holds', async () => {
    const spec = { loop: 'fresh', nIni: 500, nReal: 300, nSyn: 500, smoothing: 0.2, generations: 5, replicates: 60, curationK: 3, curationBeta: 0.5, targetWords: 20 };
    const { results } = await simulate(spec);
    const theory = theoryFor(assertSpec({ ...WORDS, ...spec }))!.targetShare!;
    for (let t = 1; t <= 5; t++) expectMeanNear(results, 'targetShare', t, theory[t - 1]);
    // It settles below 1, at a fixed point of (n_r s_real + n_s f(s) + α m)/(n_r + n_s + α V).
    const long = theoryFor(assertSpec({ ...WORDS, ...spec, generations: 40 }))!.targetShare!;
    expect(long[39]).toBeLessThan(0.9);
    expect(Math.abs(long[39] - long[38])).toBeLessThan(1e-6);
  });

  it('draws no closed form for the bigram, a verifier, λ < 1 or a top-k cut; no Wright–Fisher lines once curated or verified', () => {
    const curated = { ...WORDS, curationK: 2 };
    expect(theoryFor(assertSpec({ ...curated, learner: 'bigram' }))).toBeNull();
    expect(theoryFor(assertSpec({ ...curated, verifier: 'support' }))).toBeNull();
    expect(theoryFor(assertSpec({ ...curated, lambda: 0.9 }))).toBeNull();
    expect(theoryFor(assertSpec({ ...curated, topK: 100 }))).toBeNull();
    expect(theoryFor(assertSpec({ ...WORDS, verifier: 'biased' }))).toBeNull();
    expect(Object.keys(theoryFor(assertSpec(WORDS))!)).toEqual(['heterozygosity', 'alive', 'tailMass']);
  });

  it('K = 1 is no curation: the same numbers as a run without the fields, and no share of target words', async () => {
    const sizes = { nIni: 300, nSyn: 300, generations: 3, replicates: 3 };
    const plain = await simulate(sizes);
    const k1 = await simulate({ ...sizes, curationK: 1, curationBeta: 0.1, targetWords: 7 });
    expect(k1.results.map((r) => r.values)).toEqual(plain.results.map((r) => r.values));
    expect(k1.experiment.metrics).not.toContain('targetShare');
  });

  it('counts the candidates a curator passes over in the run size', () => {
    const base = { ...WORDS, nIni: 100, nSyn: 100, generations: 11, replicates: 2, nEval: 100 };
    expect(runSamples(assertSpec({ ...base, curationK: 3 })) - runSamples(assertSpec(base))).toBe(2 * 10 * 2 * 100);
  });
});

describe('the in-vocabulary verifier', () => {
  const p = zipfProbabilities(1000, 1);
  const known = (v: WordVerifier) => v.accepted.reduce((s, a) => s + a, 0);

  it('knows the words of its own 10,000 real words; the biased one only the commoner half of them', () => {
    const support = new WordVerifier(p, 1, 'support', 1, 1);
    // E[words seen] = Σ 1 − (1 − p_i)^N; the indicators are negatively correlated, so √Σπ(1 − π) bounds the SD.
    let expected = 0;
    let variance = 0;
    for (const pi of p) {
      const seen = 1 - (1 - pi) ** VERIFIER_WORDS;
      expected += seen;
      variance += seen * (1 - seen);
    }
    expect(Math.abs(known(support) - expected)).toBeLessThan(4 * Math.sqrt(variance));
    const biased = new WordVerifier(p, 1, 'biased', 1, 1);
    expect(known(biased)).toBe(Math.ceil(known(support) / 2));
    for (let i = 0; i < 1000; i++) if (biased.accepted[i]) expect(support.accepted[i], `word ${i}`).toBe(1);
    // The commonest words are trusted; the words it knows but distrusts are the rarer ones (by its
    // own counts, so a lucky rare word can pass): their mean rank lies far beyond the trusted ones'.
    expect([...biased.accepted.subarray(0, 20)].every((a) => a === 1)).toBe(true);
    const meanId = (keep: (i: number) => boolean) => {
      const ids = [...p.keys()].filter(keep);
      return ids.reduce((s, i) => s + i, 0) / ids.length;
    };
    expect(meanId((i) => biased.accepted[i] === 1) + 300).toBeLessThan(meanId((i) => support.accepted[i] === 1 && biased.accepted[i] === 0));
  });

  it('judges a passage by all its words, and gives its rule’s verdict with probability = accuracy', () => {
    const verifier = new WordVerifier(p, 1, 'support', 1, 3);
    const unknown = verifier.accepted.indexOf(0);
    expect([...verifier.verdicts(Float64Array.from([0, 1, 2, 0, unknown, 1]), 2, Rng.stream(1, 1))]).toEqual([1, 0]);
    const n = 4000;
    const noisy = new WordVerifier(p, 1, 'support', 0.8, 1);
    const share = (word: number) => noisy.verdicts(new Float64Array(n).fill(word), n, Rng.stream(2, word)).reduce((s, v) => s + v, 0) / n;
    const tolerance = 4 * Math.sqrt((0.8 * 0.2) / n);
    expect(Math.abs(share(0) - 0.8)).toBeLessThan(tolerance);
    expect(Math.abs(share(unknown) - 0.2)).toBeLessThan(tolerance);
  });

  it('a verified loop never again produces a word its verifier rejects; the biased one keeps at most its half', async () => {
    for (const verifier of ['support', 'biased'] as const) {
      for (const learner of ['unigram', 'bigram'] as const) {
        const { results, experiment } = await simulate({ learner, nIni: 2000, nSyn: 2000, generations: 3, replicates: 2, verifier, nEval: 50 });
        const rule = new WordVerifier(p, experiment.spec.seed, verifier, 1, 1);
        const q = results[2].first.model as unknown as { probabilities: Float64Array };
        for (let i = 0; i < 1000; i++) if (q.probabilities[i] > 0) expect(rule.accepted[i], `${verifier} ${learner}: word ${i}`).toBe(1);
        expect(results[2].summary.alive.mean).toBeLessThanOrEqual(known(rule));
      }
    }
  });
});

describe('the curated bigram loop', () => {
  it('picks passages of 10 words along its chain: the share of target words rises', async () => {
    const { results } = await simulate({ learner: 'bigram', nIni: 2000, nSyn: 2000, generations: 4, replicates: 4, curationK: 4, curationBeta: 0.2, targetWords: 50 });
    const share = (t: number) => results[t - 1].summary.targetShare.mean;
    expect(share(1)).toBeLessThan(0.7);
    expect(share(4)).toBeGreaterThan(share(1) + 0.2);
  });
});

describe('CLI flags of word curation and verification', () => {
  const words = ['run', '--data', 'zipf', '--learner', 'unigram', '--vocabulary', '100'];
  const cases: [string[], string][] = [
    [['--target-words', '0'], 'target words m (--target-words): 0 is out of range; allowed: an integer 1..100000'],
    [['--target-words', '2.5'], 'target words m (--target-words): 2.5 is not an integer; allowed: an integer 1..100000'],
    [['--target-words', 'the'], 'target words m (--target-words): "the" is not a number; allowed: an integer 1..100000'],
    [['--curation-k', '2', '--target-words', '500'], 'target words m (--target-words): 500 is more words than the vocabulary\'s V = 100; allowed: an integer 1..100'],
    [['--verifier', 'english'], 'verifier (--verifier): "english" is not allowed; allowed: one of off | support | biased'],
  ];
  for (const [args, message] of cases)
    it(`${args.join(' ')} → ${message}`, async () => {
      const { code, out, err } = await cli(...words, ...args);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toContain(message);
    });

  it('notes target words without a curator, and runs a curated, verified loop with its share and theory', async () => {
    const sizes = ['--n-ini', '300', '--n-syn', '300', '--generations', '3', '--replicates', '3'];
    const idle = await cli(...words, ...sizes, '--target-words', '10');
    expect(idle.code).toBe(0);
    expect(idle.err).toContain('note: --target-words has no effect with --data zipf --learner unigram --loop fully-synthetic --curation-k 1');
    const { code, out, err } = await cli(...words, ...sizes, '--curation-k', '3', '--target-words', '10', '--verifier-accuracy', '0.9');
    expect([code, err]).toEqual([0, 'note: --verifier-accuracy has no effect with --data zipf --learner unigram --loop fully-synthetic --verifier off\n']);
    const doc = JSON.parse(out) as { generations: { metrics: Record<string, { mean: number }>; theory?: Record<string, number> }[] };
    expect(doc.generations[2].metrics.targetShare.mean).toBeGreaterThan(doc.generations[0].metrics.targetShare.mean);
    expect(Object.keys(doc.generations[0].theory!)).toEqual(['targetShare']);
    expect(normaliseSpec({ ...WORDS, curationK: 2, verifier: 'support', verifierAccuracy: 0.7 }).ok).toBe(true);
  });
});
