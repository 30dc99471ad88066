/**
 * Self-correction of synthetic digits (engine/digits/digit-correction.ts): pixels moved γ of the
 * way to the nearest of 2,000 training digits in pixel space, the label kept, and the digit loop
 * correcting the samples the next model trains on, after any filter. No networks: the corrector
 * and the loop's synthetic draw are tested with a stand-in generator.
 */
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../src/cli/mnist-node';
import { REFERENCE_SAMPLE, REFERENCE_STREAM } from '../../src/engine/curation/reference-sample';
import { DigitCorrector } from '../../src/engine/digits/digit-correction';
import { digitLoop, drawDigits } from '../../src/engine/digits/digit-loop';
import { DIGIT_PIXELS, DIGIT_ROW, type DigitFeatures, type DigitLearner, type DigitModel } from '../../src/engine/digits/digits';
import { Rng } from '../../src/engine/random/prng';
import { assertSpec } from '../../src/spec/validate';
import { cli } from './run-cli';

const mnist = loadMnist();
const reference = drawDigits(mnist.train, Rng.stream(1, REFERENCE_STREAM), REFERENCE_SAMPLE);

/** Blurred digits: held-out test digits averaged in pairs, labelled as a conditional generator would. */
function blurred(n: number): Float64Array {
  const pairs = drawDigits(mnist.test, Rng.stream(2), 2 * n);
  const rows = new Float64Array(n * DIGIT_ROW);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < DIGIT_PIXELS; c++) rows[i * DIGIT_ROW + c] = (pairs[2 * i * DIGIT_ROW + c] + pairs[(2 * i + 1) * DIGIT_ROW + c]) / 2;
    rows[i * DIGIT_ROW + DIGIT_PIXELS] = i % 10;
  }
  return rows;
}

/** The index of the reference digit nearest to row i of `rows` in pixel space, by brute force. */
function nearest(rows: Float64Array, i: number): number {
  let [best, bestSq] = [0, Infinity];
  for (let r = 0; r < REFERENCE_SAMPLE; r++) {
    let s = 0;
    for (let c = 0; c < DIGIT_PIXELS; c++) s += (reference[r * DIGIT_ROW + c] - rows[i * DIGIT_ROW + c]) ** 2;
    if (s < bestSq) [best, bestSq] = [r, s];
  }
  return best;
}

describe('self-correction of digits', () => {
  const n = 8;
  const drawn = blurred(n);

  it('moves each digit γ of the way to the nearest training digit in pixel space, keeping its label', () => {
    const full = new DigitCorrector(reference, 1).correct(drawn, n);
    const half = new DigitCorrector(reference, 0.5).correct(drawn, n);
    for (let i = 0; i < n; i++) {
      const r = nearest(drawn, i);
      for (let c = 0; c < DIGIT_PIXELS; c += 7) {
        expect(full[i * DIGIT_ROW + c]).toBeCloseTo(reference[r * DIGIT_ROW + c], 12);
        expect(half[i * DIGIT_ROW + c]).toBeCloseTo((drawn[i * DIGIT_ROW + c] + reference[r * DIGIT_ROW + c]) / 2, 12);
      }
      expect(full[i * DIGIT_ROW + DIGIT_PIXELS]).toBe(i % 10);
    }
  });

  it('is what the digit loop hands the next model, and only with γ > 0', async () => {
    const model: DigitModel = { iterations: 0, sample: async () => drawn.slice() };
    const networks = { mnist, learner: {} as DigitLearner, features: {} as DigitFeatures };
    const base = { data: 'mnist', learner: 'pca-gmm', seed: 1 };
    expect(digitLoop(assertSpec({ ...base, correction: 0 }), networks).synthetic).toBeUndefined();
    const corrected = await digitLoop(assertSpec({ ...base, correction: 1 }), networks).synthetic!(model, Rng.stream(3), n);
    expect(Array.from(corrected)).toEqual(Array.from(new DigitCorrector(reference, 1).correct(drawn, n)));
  });

  it('has no effect on words, and says so', async () => {
    const { err } = await cli('run', '--data', 'zipf', '--learner', 'unigram', '--generations', '1', '--replicates', '1', '--correction', '0.5');
    expect(err).toContain('note: --correction has no effect');
  });
});
