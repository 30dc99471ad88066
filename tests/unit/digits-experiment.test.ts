/**
 * A short MNIST loop in Node on wasm, end to end: the CLI's networks (MNIST, the shipped LeNet, a
 * digit generator from the spec), the loop, its metrics and its memory; and the CLI's run document.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { nodeExperimentLearner } from '../../src/cli/neural-learner';
import { Experiment } from '../../src/engine/loops/experiment';
import { assertSpec } from '../../src/spec/validate';

/** Training dominates: a generation of 600 digits takes a few seconds on wasm; the budget has margin for a busy machine. */
const LOOP_BUDGET_MS = 180_000;

describe('an MNIST loop in Node (wasm)', () => {
  // The finding itself (fully synthetic drifts away, fresh data holds) is asserted on the page by the
  // MNIST scenarios (tests/browser/mnist-scenarios.test.ts), on the same engine: here the Node path alone.
  it(
    'fully synthetic VAE: three generations with finite metrics, all digits at t = 1, constant tensor memory',
    async () => {
      const spec = assertSpec({ data: 'mnist', learner: 'vae', loop: 'fully-synthetic', nIni: 600, nSyn: 600, nEval: 300, generations: 3, replicates: 1, seed: 4 });
      const options = await nodeExperimentLearner(spec);
      expect(tf.getBackend()).toBe('wasm');
      const experiment = new Experiment(spec, options);
      const tensors: number[] = [];
      const results = [];
      for (let g = await experiment.next(); g; g = await experiment.next()) {
        results.push(g);
        tensors.push(tf.memory().numTensors);
      }
      expect(results.map((g) => g.t)).toEqual([1, 2, 3]);
      for (const g of results) for (const m of experiment.metrics) expect(Number.isFinite(g.values[m][0]), `t = ${g.t} ${m}`).toBe(true);
      expect(results[0].values.classes[0]).toBeGreaterThanOrEqual(0.9);
      expect(results[0].first.evaluation.length).toBe(300 * 785);
      // G^{t−1} is freed when G^t is fit: the count holds from generation to generation.
      expect(tensors[2]).toBe(tensors[1]);
      experiment.dispose();
    },
    LOOP_BUDGET_MS,
  );

  it('the CLI prints a run document with the digit metrics, the curator’s reward and the real-vs-real baseline', async () => {
    let out = '';
    let err = '';
    const curated = ['--curation-k', '2', '--target-class', '7'];
    const code = await runCli(['run', '--data', 'mnist', '--learner', 'cvae', '--lambda', '0.5', '--n-ini', '300', '--n-syn', '300', '--n-eval', '200', '--epochs', '3', '--generations', '2', '--replicates', '1', ...curated], {
      out: (s: string) => (out += s),
      err: (s: string) => (err += s),
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.generations).toHaveLength(2);
    expect(Object.keys(doc.generations[1].metrics)).toEqual(['fd', 'precision', 'recall', 'classes', 'entropy', 'reward', 'targetShare']);
    for (const g of doc.generations) {
      expect(g.metrics.reward.mean).toBeLessThanOrEqual(0);
      expect(g.metrics.targetShare.mean).toBeGreaterThanOrEqual(0);
      expect(g.metrics.targetShare.mean).toBeLessThanOrEqual(1);
    }
    expect(doc.baseline.classes).toBe(1);
    expect(doc.baseline.fd).toBeLessThan(doc.generations[0].metrics.fd.mean);
  });
});
