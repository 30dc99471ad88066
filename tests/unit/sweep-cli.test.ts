import { describe, expect, it } from 'vitest';
import type { SweepResult } from '../../src/engine/admissibility/sweep';
import { SPEC_KEYS, specFields } from '../../src/spec/schema';
import { cli } from './run-cli';

const small = ['--replicates', '30', '--generations', '12', '--n-eval', '20'];

describe('CLI sweep', () => {
  it('prints one JSON document: the sweep, its baseline and every cell row-major', async () => {
    const { code, out, err } = await cli('sweep', ...small, '--x-range', '10:1000:3:log', '--y', 'lambda', '--y-values', '0.7,1', '--threads', '1');
    expect(code).toBe(0);
    expect(err).toBe('');
    const doc = JSON.parse(out) as SweepResult;
    expect(doc.sweep.x).toEqual({ field: 'nSyn', values: [10, 100, 1000] });
    expect(doc.sweep.y).toEqual({ field: 'lambda', values: [0.7, 1] });
    expect(doc.sweep.base).toMatchObject({ data: 'gaussian', dim: 1, learner: 'gaussian', loop: 'fresh', nReal: 100, replicates: 30 });
    expect(doc.baseline.method).toBe('closed-form');
    expect(doc.cells.map((c) => [c.ix, c.iy, c.x, c.y])).toEqual([
      [0, 0, 10, 0.7], [1, 0, 100, 0.7], [2, 0, 1000, 0.7], [0, 1, 10, 1], [1, 1, 100, 1], [2, 1, 1000, 1],
    ]);
    const cell = doc.cells[2];
    expect(Object.keys(cell)).toEqual(
      expect.arrayContaining(['reference', 'nE', 'ratio', 'interval', 'admissible', 'verdict', 'limit', 'finalFd', 'finalPrecision', 'finalRecall']),
    );
    expect(cell.verdict).toBe('inadmissible');
    expect(doc.cells[5].verdict).toBe('admissible');
  });

  it('gives byte-identical output on one thread and on two', async () => {
    const args = ['sweep', ...small, '--x-values', '10,100,1000', '--y-values', '0.8,1'];
    const one = await cli(...args, '--threads', '1');
    const two = await cli(...args, '--threads', '2');
    expect(one.code).toBe(0);
    expect(two.out).toBe(one.out);
  });

  it('sweeps other learners through the engine with a simulated baseline', async () => {
    const { code, out } = await cli('sweep', '--data', 'moons', '--learner', 'kde', '--n-ini', '40', '--n-real', '20', '--replicates', '3', '--generations', '3', '--n-eval', '20',
      '--x-values', '10,40', '--y', 'generations', '--y-values', '2,3', '--threads', '1');
    expect(code).toBe(0);
    const doc = JSON.parse(out) as SweepResult;
    expect(doc.baseline.method).toBe('simulated');
    expect(doc.cells).toHaveLength(4);
    expect(doc.cells.every((c) => c.limit.method === 'samples' && 'fd' in c.limit && c.limit.fd.mean > 0)).toBe(true);
  });

  it('rejects bad input with exit code 2, a clear message and nothing on stdout', async () => {
    const cases: [string[], RegExp][] = [
      [['--x', 'tau'], /--x: "tau" is not a sweep field; allowed: n-syn \| n-real \| lambda \| generations \| syn-fraction/],
      [['--x-values', '10,ten'], /--x-values: "ten" is not a number/],
      [['--x-range', '10:1000'], /--x-range: "10:1000" is not a range; allowed: lo:hi:count or lo:hi:count:log/],
      [['--x-range', '0:1000:5:log'], /log scale, which needs lo > 0/],
      [['--x-values', '1,2', '--x-range', '1:2:2'], /give one/],
      [['--y', 'n-real'], /--y n-real needs its values/],
      [['--x', 'lambda', '--x-values', '0.5,1'], /both sweep λ/],
      [['--y-values', '0.5,1.5'], /y axis \(λ, --y lambda\) = 1.5: λ \(--lambda\): 1.5 is out of range; allowed: a number in \(0, 1\]/],
      [['--x-range', '1:3:10'], /appears twice/],
      [['--n-ini', 'many'], /n_ini \(--n-ini\): "many" is not a number/],
      [['--bogus', '1'], /unknown flag --bogus/],
      [['--x'], /--x needs a value/],
      [['--data', 'ring', '--learner', 'gan'], /sweeps run the closed-form learners.*would load TensorFlow.js/],
      [['--data', 'mnist', '--learner', 'pca-gmm'], /sweeps run the closed-form learners of points \(gaussian \| gmm \| kde\) and of words \(unigram \| bigram\); pca-gmm on mnist is not one: it would load TensorFlow.js/],
    ];
    for (const [argv, message] of cases) {
      const { code, out, err } = await cli('sweep', ...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(message);
    }
  });

  it('notes flags that the axes override', async () => {
    const { code, err } = await cli('sweep', ...small, '--n-syn', '50', '--x-values', '10', '--y-values', '1', '--threads', '1');
    expect(code).toBe(0);
    expect(err).toContain('--n-syn is overridden');
  });

  it('lists the axis flags and every spec flag with defaults in sweep --help', async () => {
    const { code, out } = await cli('sweep', '--help');
    expect(code).toBe(0);
    for (const flag of ['--x ', '--x-values', '--x-range', '--y ', '--y-values', '--y-range', '--threads', 'syn-fraction'])
      expect(out).toContain(flag);
    for (const key of SPEC_KEYS) expect(out).toContain(`--${specFields[key].flag}`);
    expect(out).toContain('default 10,22,46,100,215,464,1000,2154,4642,10000');
    expect((await cli('--help')).out).toContain('sweep --help');
  });
});
