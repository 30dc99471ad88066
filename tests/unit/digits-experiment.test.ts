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

describe('an MNIST loop in Node (wasm)', () => {
  it('fully synthetic VAE: three generations with finite metrics, all digits at t = 1, constant tensor memory', async () => {
    const spec = assertSpec({ data: 'mnist', learner: 'vae', loop: 'fully-synthetic', nIni: 600, nSyn: 600, nEval: 300, generations: 3, replicates: 1, seed: 4 });
    const options = await nodeNeuralOptions(spec);
    expect(tf.getBackend()).toBe('wasm');
    const experiment = new Experiment(spec, options);
    const tensors: number[] = [];
    const results = [];
    for (let g = await experiment.next(); g; g = await experiment.next()) {
      results.push(g);
      tensors.push(tf.memory().numTensors);
    }
    expect(results.map((g) => g.t)).toEqual([1, 2, 3]);
    for (const g of results) for (const m of experiment.metrics) expect(Number.isFinite(g.values[m][0])).toBe(true);
    expect(results[0].values.classes[0]).toBeGreaterThanOrEqual(0.9);
    expect(results[0].first.evaluation.length).toBe(300 * 785);
    // G^{t−1} is freed when G^t is fit: the count holds from generation to generation.
    expect(tensors[2]).toBe(tensors[1]);
    experiment.dispose();
  });

  it("the paper's finding at small scale: fully synthetic drifts away (FD up, classes lost), fresh data holds steady", async () => {
    const base = { data: 'mnist', learner: 'vae', nIni: 500, nSyn: 500, nReal: 500, nEval: 300, generations: 5, replicates: 1, seed: 2 };
    const fd: Record<string, number[]> = {};
    const classes: Record<string, number[]> = {};
    for (const loop of ['fully-synthetic', 'fresh']) {
      const spec = assertSpec({ ...base, loop });
      const experiment = new Experiment(spec, await nodeNeuralOptions(spec));
      fd[loop] = [];
      classes[loop] = [];
      for (let g = await experiment.next(); g; g = await experiment.next()) {
        fd[loop].push(g.values.fd[0]);
        classes[loop].push(g.values.classes[0]);
      }
      experiment.dispose();
    }
    // Same seed, same generation 1; then the loops part ways.
    expect(fd.fresh[0]).toBe(fd['fully-synthetic'][0]);
    expect(fd['fully-synthetic'][4]).toBeGreaterThan(1.5 * fd['fully-synthetic'][0]);
    expect(fd.fresh[4]).toBeLessThan(1.2 * fd.fresh[0]);
    expect(classes.fresh[4]).toBe(1);
    expect(classes['fully-synthetic'][4]).toBeLessThan(1);
  });

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
