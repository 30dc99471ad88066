/**
 * Digit generators feeding each other (engine/loops/ecosystem.ts with engine/digits/digit-loop.ts):
 * model 1 on the single loop's streams, the spread as the Fréchet distance between LeNet features
 * of each model's samples, exchange drawing the models together, the web's rows of digits, and a
 * network learner with M = 2. Tiny sizes and fixed seeds: the figures are deterministic on a host.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLenet, loadMnist } from '../../src/cli/mnist-node';
import { type DigitNetworks, digitLoop, drawDigits } from '../../src/engine/digits/digit-loop';
import { DIGIT_ROW, type DigitLearner, type DigitModel } from '../../src/engine/digits/digits';
import { pcaGmmLearner } from '../../src/engine/digits/pca-gmm';
import { scrape } from '../../src/engine/loops/ecosystem';
import { Experiment, type GenerationResult } from '../../src/engine/loops/experiment';
import { Rng } from '../../src/engine/random/prng';
import type { Spec } from '../../src/spec/schema';
import { assertSpec } from '../../src/spec/validate';
import type { LeNet } from '../../src/neural/digits/lenet';
import { digitLearner } from '../../src/neural/learner-factory';
import { cli } from './run-cli';

const mnist = loadMnist();
let lenet: LeNet;

beforeAll(async () => {
  await tf.setBackend('wasm');
  lenet = await loadLenet();
});
afterAll(() => lenet.dispose());

/** Every generation of a run of `spec`, with the spec's learner or `learner`. */
async function run(spec: Spec, learner?: DigitLearner): Promise<GenerationResult[]> {
  const networks: DigitNetworks = { mnist, learner: learner ?? (await digitLearner(spec)), features: lenet };
  const experiment = new Experiment(spec, { digits: networks });
  const results: GenerationResult[] = [];
  for (let g = await experiment.next(); g; g = await experiment.next()) results.push(g);
  experiment.dispose();
  return results;
}

describe('digit generators feeding each other (pca-gmm)', () => {
  const small = assertSpec({ data: 'mnist', learner: 'pca-gmm', components: 5, nIni: 100, nSyn: 100, nEval: 100, generations: 2, replicates: 1, loop: 'fully-synthetic', seed: 1 });
  // 10 principal components rather than the learner's 50: the PCA took half the time, and the loop is what is tested.
  const learner = pcaGmmLearner({ components: small.components, pcs: 10 });
  const runSmall = (changes: Partial<Spec>) => run(assertSpec({ ...small, ...changes }), learner);
  // Two models apart, run once for the tests that read it (after beforeAll has loaded LeNet).
  let apartRun: Promise<GenerationResult[]> | null = null;
  const apart = () => (apartRun ??= runSmall({ models: 2, exchange: 0 }));

  it('keep model 1 apart on the single loop\'s streams, the spread drawn from a stream of its own', async () => {
    const [alone, two] = [await runSmall({}), await apart()];
    for (const t of [0, 1]) for (const m of ['fd', 'precision', 'recall'] as const) expect(two[t].values[m][0]).toBe(alone[t].values[m][0]);
    expect(two[1].values.spread[0]).toBeGreaterThan(0);
  });

  it('measure identical models, profiled from the same stream, at distance 0', async () => {
    const [model] = (await apart())[1].first.models as DigitModel[];
    const parts = digitLoop(small, { mnist, learner, features: lenet });
    const profile = () => parts.profile!(model, Rng.stream(small.seed, 7));
    expect(parts.distance!(await profile(), await profile())).toBeCloseTo(0, 6);
  });

  it('draw together by exchanging digits', async () => {
    const mixing = await runSmall({ models: 2, exchange: 0.5 });
    const [apartT1, apartT2] = (await apart()).map((g) => g.values.spread[0]);
    // At t = 1 both fit their own real digits only: the exchange acts from t = 2 on.
    expect(mixing[0].values.spread[0]).toBe(apartT1);
    // Measured at t = 2 over seeds 1..8: exchange 0.5 left 0.41–0.79 of the spread apart (0.66 here, 24.7 against 37.5).
    expect(mixing[1].values.spread[0]).toBeLessThan(0.9 * apartT2);
  });

  it('scrape whole digit rows, label included, from the web\'s pool', () => {
    const pool = drawDigits(mnist.train, Rng.stream(1, 1), 6);
    const rows = scrape(pool, DIGIT_ROW, 4, Rng.stream(1, 2));
    const poolRows = Array.from({ length: 6 }, (_, i) => pool.subarray(i * DIGIT_ROW, (i + 1) * DIGIT_ROW).join());
    const picked = Array.from({ length: 4 }, (_, i) => poolRows.indexOf(rows.subarray(i * DIGIT_ROW, (i + 1) * DIGIT_ROW).join()));
    expect(picked.every((i) => i >= 0)).toBe(true);
    expect(new Set(picked).size).toBe(4);
  });

  it('are refused out of range by the CLI, naming the field and its range', async () => {
    const { code, err } = await cli('run', '--data', 'mnist', '--learner', 'pca-gmm', '--models', '5');
    expect(code).not.toBe(0);
    expect(err).toMatch(/models M \(--models\): 5 is out of range; allowed: an integer 1\.\.4/);
  });
});

describe('network digit generators feeding each other', () => {
  it('run M = 2 with the VAE, freeing every model\'s tensors', async () => {
    const spec = assertSpec({ data: 'mnist', learner: 'vae', nIni: 32, nSyn: 32, nEval: 32, epochs: 1, batchSize: 32, generations: 1, replicates: 1, models: 2 });
    const before = tf.memory().numTensors;
    const [g] = await run(spec);
    expect(g.values.spread[0]).toBeGreaterThan(0);
    expect(Number.isFinite(g.values.spread[0])).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
