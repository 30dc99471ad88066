/**
 * The bigram learner (src/engine/text/bigram.ts): counts of consecutive word pairs, the chain its
 * text follows, smoothing of each row, and held-out real text scored by its pairs, against
 * hand-computed values and draws within 4 binomial standard errors (fixed seeds).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { Experiment } from '../../src/engine/loops/experiment';
import { Rng } from '../../src/engine/random/prng';
import { bigramLearner } from '../../src/engine/text/bigram';
import type { RunDocument } from '../../src/results/run-document';
import { assertSpec } from '../../src/spec/validate';

const ids = (...words: number[]) => Float64Array.from(words);

describe('bigram learner', () => {
  it('fits the unigram frequencies and follows the pairs it saw', () => {
    const model = bigramLearner({ vocabulary: 5, smoothing: 0, topK: 0 }).fit(ids(0, 1, 2, 0, 1, 2, 0, 1, 2), 9);
    expect(Array.from(model.probabilities)).toEqual([1 / 3, 1 / 3, 1 / 3, 0, 0]);
    // Every word has one successor: the text is the cycle 0 → 1 → 2 → 0, wherever it starts.
    const text = model.sample(new Rng(1, 2, 3, 4), 300, 1);
    for (let k = 1; k < text.length; k++) expect(text[k]).toBe((text[k - 1] + 1) % 3);
  });

  it('draws the next word with the pair frequencies of its row', () => {
    // After word 0: word 1 three times, word 2 once; 1 and 2 lead back to 0.
    const model = bigramLearner({ vocabulary: 3, smoothing: 0, topK: 0 }).fit(ids(0, 1, 0, 1, 0, 1, 0, 2, 0), 9);
    const text = model.sample(new Rng(5, 6, 7, 8), 20_000, 1);
    let after0 = 0;
    let ones = 0;
    for (let k = 1; k < text.length; k++)
      if (text[k - 1] === 0) {
        after0 += 1;
        if (text[k] === 1) ones += 1;
        else expect(text[k]).toBe(2);
      } else expect(text[k]).toBe(0);
    expect(Math.abs(ones / after0 - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / after0));
  });

  it('smooths each row: every word can follow, with probability (c_ij + α)/(c_i + αV)', () => {
    const model = bigramLearner({ vocabulary: 4, smoothing: 1, topK: 0 }).fit(ids(0, 1, 0, 1, 0), 5);
    // Row 0: c_01 = 2 of c_0 = 2, so q(1 | 0) = 3/6 and each other word 1/6.
    const text = model.sample(new Rng(9, 9, 9, 9), 40_000, 1);
    const next = [0, 0, 0, 0];
    let n = 0;
    for (let k = 1; k < text.length; k++) if (text[k - 1] === 0) (next[text[k]] += 1), (n += 1);
    for (const [j, q] of [[0, 1 / 6], [1, 3 / 6], [2, 1 / 6], [3, 1 / 6]] as const) expect(Math.abs(next[j] / n - q), `q(${j} | 0)`).toBeLessThan(4 * Math.sqrt((q * (1 - q)) / n));
  });

  it('scores held-out real text by its pairs, apart from the pairs it cannot produce', () => {
    // Pairs (0,1) ×2, (1,0), (1,2); word 2 is never followed, so its text starts afresh from q = (2, 2, 1)/5.
    const model = bigramLearner({ vocabulary: 3, smoothing: 0, topK: 0 }).fit(ids(0, 1, 0, 1, 2), 5);
    const p = Float64Array.from([0.5, 0.3, 0.2]);
    // Row 0 knows only word 1 (certain): 0 bits, and word 0 or 2 after it is lost (0.5 · 0.7).
    // Row 1: words 0 and 2 at ½ each: 0.3 · (0.5 + 0.2) · 1 bit; word 1 after it lost (0.3 · 0.3).
    // Row 2: q: 0.2 · −(0.5 log2 0.4 + 0.3 log2 0.4 + 0.2 log2 0.2).
    const bits = 0.3 * 0.7 + 0.2 * -(0.8 * Math.log2(0.4) + 0.2 * Math.log2(0.2));
    const lost = 0.5 * 0.7 + 0.3 * 0.3;
    const scored = model.heldOut!(p);
    expect(scored.lostText).toBeCloseTo(lost, 14);
    expect(Math.log2(scored.perplexity)).toBeCloseTo(bits / (1 - lost), 12);
    // With smoothing nothing is lost: row 0 gives word 1 (2 + 1)/(2 + 3) and the others 1/5 each;
    // row 2, never followed, is (0 + 1)/(0 + 3) for every word.
    const smooth = bigramLearner({ vocabulary: 3, smoothing: 1, topK: 0 }).fit(ids(0, 1, 0, 1, 2), 5).heldOut!(p);
    expect(smooth.lostText).toBe(0);
    const row0 = -(0.3 * Math.log2(3 / 5) + 0.7 * Math.log2(1 / 5));
    const row1 = -(0.5 * Math.log2(2 / 5) + 0.2 * Math.log2(2 / 5) + 0.3 * Math.log2(1 / 5));
    const row2 = Math.log2(3);
    expect(Math.log2(smooth.perplexity)).toBeCloseTo(0.5 * row0 + 0.3 * row1 + 0.2 * row2, 12);
  });

  it('loses words in the fully synthetic loop without smoothing, and runs from the CLI', async () => {
    const experiment = new Experiment(assertSpec({ data: 'zipf', learner: 'bigram', vocabulary: 300, nIni: 600, nSyn: 600, nEval: 20, generations: 10, replicates: 3 }));
    const alive: number[] = [];
    for (let r = await experiment.next(); r; r = await experiment.next()) alive.push(r.summary.alive.mean);
    expect(alive.every((a, t) => t === 0 || a <= alive[t - 1])).toBe(true);
    expect(alive.at(-1)!).toBeLessThan(alive[0]);
    let out = '';
    const code = await runCli(['run', '--data', 'english', '--learner', 'bigram', '--vocabulary', '200', '--n-ini', '300', '--n-syn', '300', '--generations', '2', '--replicates', '2'], { out: (t) => (out += t), err: () => {} });
    expect(code).toBe(0);
    const doc = JSON.parse(out) as RunDocument;
    expect(doc.spec.learner).toBe('bigram');
    expect(doc.generations[0].theory).toBeUndefined();
    expect(doc.generations[1].metrics.lostText!.mean).toBeGreaterThan(0);
  });

  it('generates words only: a bad pairing names the data it needs', async () => {
    let err = '';
    const code = await runCli(['run', '--data', 'ring', '--learner', 'bigram'], { out: () => {}, err: (t) => (err += t) });
    expect(code).toBe(2);
    expect(err).toContain('learner (--learner): bigram generates words; use data=zipf | english, or with data=ring one of gaussian | gmm | kde | gan | diffusion');
  });
});
