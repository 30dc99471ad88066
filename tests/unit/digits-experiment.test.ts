/**
 * A short MNIST loop in Node on wasm, end to end: the CLI's networks (MNIST, the shipped LeNet, a
 * digit generator from the spec), the loop, its metrics and its memory; and the CLI's run document.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { nodeNeuralOptions } from '../../src/cli/neural-learner';
import { Experiment } from '../../src/engine/loops/experiment';
import { assertSpec } from '../../src/engine/spec/validate';

/** Training dominates: a generation of 500 digits takes a few seconds on wasm; budgets have margin for a busy machine. */
const LOOP_BUDGET_MS = 240_000;

describe('an MNIST loop in Node (wasm)', () => {
  it(
    "the paper's finding at small scale: fully synthetic drifts away (FD up, classes lost), fresh data holds steady; finite metrics, constant tensor memory",
    async () => {
      const base = { data: 'mnist', learner: 'vae', nIni: 500, nSyn: 500, nReal: 500, nEval: 300, generations: 5, replicates: 1, seed: 2 };
      const fd: Record<string, number[]> = {};
      const classes: Record<string, number[]> = {};
      for (const loop of ['fully-synthetic', 'fresh']) {
        const spec = assertSpec({ ...base, loop });
        const experiment = new Experiment(spec, await nodeNeuralOptions(spec));
        expect(tf.getBackend()).toBe('wasm');
        fd[loop] = [];
        classes[loop] = [];
        const tensors: number[] = [];
        for (let g = await experiment.next(); g; g = await experiment.next()) {
          for (const m of experiment.metrics) expect(Number.isFinite(g.values[m][0]), `${loop} t = ${g.t} ${m}`).toBe(true);
          if (g.t === 1) expect(g.first.evaluation.length).toBe(300 * 785);
          fd[loop].push(g.values.fd[0]);
          classes[loop].push(g.values.classes[0]);
          tensors.push(tf.memory().numTensors);
        }
        experiment.dispose();
        expect(fd[loop]).toHaveLength(5);
        // G^{t−1} is freed when G^t is fit: the count holds from generation to generation.
        expect(new Set(tensors.slice(1)).size, `${loop} tensors ${tensors}`).toBe(1);
      }
      // Same seed, same generation 1, with every digit; then the loops part ways.
      expect(fd.fresh[0]).toBe(fd['fully-synthetic'][0]);
      expect(classes.fresh[0]).toBeGreaterThanOrEqual(0.9);
      expect(fd['fully-synthetic'][4]).toBeGreaterThan(1.5 * fd['fully-synthetic'][0]);
      expect(fd.fresh[4]).toBeLessThan(1.2 * fd.fresh[0]);
      expect(classes.fresh[4]).toBe(1);
      expect(classes['fully-synthetic'][4]).toBeLessThan(1);
    },
    LOOP_BUDGET_MS,
  );

  it('the CLI prints a run document with the digit metrics and the real-vs-real baseline', async () => {
    let out = '';
    let err = '';
    const code = await runCli(['run', '--data', 'mnist', '--learner', 'cvae', '--lambda', '0.5', '--n-ini', '300', '--n-syn', '300', '--n-eval', '200', '--epochs', '3', '--generations', '2', '--replicates', '1'], {
      out: (s: string) => (out += s),
      err: (s: string) => (err += s),
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.generations).toHaveLength(2);
    expect(Object.keys(doc.generations[1].metrics)).toEqual(['fd', 'precision', 'recall', 'classes', 'entropy']);
    expect(doc.baseline.classes).toBe(1);
    expect(doc.baseline.fd).toBeLessThan(doc.generations[0].metrics.fd.mean);
  });
});
