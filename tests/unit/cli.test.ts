import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunDocument } from '../../src/results/run-document';
import { SPEC_KEYS, specFields } from '../../src/spec/schema';
import { cli } from './run-cli';

const small = ['--generations', '3', '--replicates', '4', '--n-eval', '50'];

describe('CLI run', () => {
  it('prints one JSON document: normalised spec and T generations of summaries', async () => {
    const { code, out, err } = await cli('run', '--data', 'gaussian', '--dim', '1', '--learner', 'gaussian', '--n-ini', '30', '--n-syn', '30', ...small);
    expect(code).toBe(0);
    expect(err).toBe('');
    const doc = JSON.parse(out) as RunDocument;
    expect(doc.spec).toMatchObject({ data: 'gaussian', dim: 1, learner: 'gaussian', loop: 'fully-synthetic', nIni: 30, generations: 3, replicates: 4, seed: 1, lambda: 1 });
    expect(doc.generations.map((g) => g.t)).toEqual([1, 2, 3]);
    for (const g of doc.generations) {
      expect(Object.keys(g.metrics).sort()).toEqual(['fd', 'logdet', 'meanSq', 'precision', 'recall', 'trace']);
      for (const s of Object.values(g.metrics)) expect(Object.keys(s!).sort()).toEqual(['mean', 'median', 'q05', 'q95', 'sd']);
      // The Gaussian learner on Gaussian data carries the closed forms.
      expect(Object.keys(g.theory!).sort()).toEqual(['fd', 'logdet', 'meanSq', 'trace']);
    }
  });

  it('adds mode metrics for mixture data and EM iterations for the GMM', async () => {
    const { code, out } = await cli('run', '--data', 'ring', '--learner', 'gmm', '--components', '8', '--n-ini', '200', '--n-syn', '200', ...small);
    expect(code).toBe(0);
    const doc = JSON.parse(out) as RunDocument;
    expect(doc.generations[0].metrics.modes!.mean).toBeGreaterThanOrEqual(7);
    expect(doc.generations[0].iterations).toBeGreaterThan(0);
    expect(doc.generations[0].theory).toBeUndefined();
  });

  it('is reproducible: the same seed gives the same document, another seed another', async () => {
    const args = ['run', '--data', 'moons', '--learner', 'kde', '--n-ini', '100', '--n-syn', '100', ...small];
    const a = (await cli(...args, '--seed', '5')).out;
    expect((await cli(...args, '--seed', '5')).out).toBe(a);
    expect((await cli(...args, '--seed', '6')).out).not.toBe(a);
  });

  it('gives the identical document on any number of threads', async () => {
    const args = ['run', '--data', 'gaussian', '--dim', '1', '--learner', 'gaussian', '--n-ini', '20', '--n-syn', '20', '--generations', '5', '--replicates', '9', '--n-eval', '20'];
    const one = await cli(...args, '--threads', '1');
    const three = await cli(...args, '--threads', '3');
    expect(one.code).toBe(0);
    expect(three.out).toBe(one.out);
  });

  it('reads a CSV point set as the real distribution', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madlab-'));
    const path = join(dir, 'points.csv');
    writeFileSync(path, `x,y\n${Array.from({ length: 40 }, (_, i) => `${Math.cos(i)},${Math.sin(2 * i)}`).join('\n')}\n`);
    const { code, out } = await cli('run', '--data', path, '--learner', 'kde', '--n-ini', '50', '--n-syn', '50', ...small);
    expect(code).toBe(0);
    const doc = JSON.parse(out) as RunDocument;
    expect(doc.spec.data).toBe('points');
    expect(doc.spec.points).toHaveLength(40);
    writeFileSync(path, `x,y\n1,2\n3,four\n`);
    const bad = await cli('run', '--data', path);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err).toContain('line 3');
  });

  it('lists every flag with its default and range in --help', async () => {
    const { code, out } = await cli('run', '--help');
    expect(code).toBe(0);
    for (const key of SPEC_KEYS) {
      const f = specFields[key];
      expect(out).toContain(`--${f.flag}`);
      expect(out).toContain(`default ${f.default}`);
    }
    expect(out).toContain('an integer 2..100000');
    expect(out).toContain('a number in (0, 1]');
  });

  it('trains the neural learners with TensorFlow.js (wasm), reproducibly', async () => {
    for (const learner of ['gan', 'diffusion']) {
      const args = ['run', '--learner', learner, '--steps', '20', '--hidden', '8', '--layers', '1', '--diffusion-steps', '10', '--n-ini', '60', '--n-syn', '60', ...small];
      const { code, out, err } = await cli(...args);
      expect(code).toBe(0);
      expect(err).toBe(learner === 'gan' ? 'note: --diffusion-steps has no effect with --data ring --learner gan --loop fully-synthetic\n' : '');
      const doc = JSON.parse(out) as RunDocument;
      expect(doc.spec).toMatchObject({ learner, steps: 20, hidden: 8, layers: 1 });
      expect(doc.generations.map((g) => g.iterations)).toEqual([20, 20, 20]);
      expect(doc.generations[2].metrics.modes!.mean).toBeGreaterThanOrEqual(0);
      expect((await cli(...args)).out).toBe(out);
    }
  });

  it('notes a flag that has no effect, on stderr', async () => {
    const { code, err } = await cli('run', '--learner', 'kde', '--components', '3', '--n-ini', '50', '--n-syn', '50', ...small);
    expect(code).toBe(0);
    expect(err).toContain('--components has no effect');
  });
});

describe('CLI bad input', () => {
  const cases: [string[], string][] = [
    [['--n-ini', '0'], 'n_ini (--n-ini): 0 is out of range; allowed: an integer 2..100000'],
    [['--n-ini', 'NaN'], '"NaN" is not a number'],
    [['--n-ini', '12.5'], '12.5 is not an integer'],
    [['--n-ini'], '--n-ini needs a value'],
    [['--n-ini', '--seed', '3'], '--n-ini needs a value'],
    [['--lambda', '0'], 'λ (--lambda): 0 is out of range; allowed: a number in (0, 1]'],
    [['--lambda', '1.5'], 'out of range'],
    [['--loop', 'sometimes'], 'allowed: one of fully-synthetic | augmentation | fresh | accumulate'],
    [['--learner', 'flow'], 'allowed: one of gaussian | gmm | kde | gan | diffusion | pca-gmm | vae | cvae | conv-gan'],
    [['--learner', 'vae'], 'vae generates MNIST digits; use data=mnist'],
    [['--data', 'mnist'], 'gmm generates points; use data=gaussian | ring | grid | moons | points, or with data=mnist one of pca-gmm | vae | cvae | conv-gan'],
    [['--data', 'mnist', '--learner', 'vae', '--n-eval', '20000'], 'n_eval (--n-eval): 20000 is more than MNIST has; allowed with data=mnist: 1..10000'],
    [['--learner', 'gan', '--data', 'gaussian', '--dim', '3'], 'gan is a learner for 2-D data'],
    [['--learning-rate', '0'], 'learning rate (--learning-rate): 0 is out of range; allowed: a number in [0.00001, 0.1]'],
    [['--estimator', 'biased'], 'allowed: one of mle | unbiased'],
    [['--data', 'nowhere.csv'], 'neither a distribution nor a readable file'],
    [['--data', 'ring', '--dim', '3'], 'not allowed with data=ring'],
    [['--colour', 'red'], 'unknown flag --colour'],
    [['--seed', '-1'], 'seed (--seed): -1 is out of range'],
    [['--seed', '1', '--seed', '2'], '--seed is given twice'],
    [['extra'], 'unexpected argument "extra"'],
    [['--threads', '0'], '--threads: "0" is not allowed; allowed: an integer 1..256'],
    [['--threads'], '--threads needs a value'],
  ];
  for (const [args, message] of cases) {
    it(`${args.join(' ')} → ${message}`, async () => {
      const { code, out, err } = await cli('run', ...args);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toContain(message);
    });
  }

  it('rejects a bad value of every flag, naming the flag', async () => {
    for (const key of SPEC_KEYS) {
      const f = specFields[key];
      const { code, out, err } = await cli('run', `--${f.flag}`, f.kind === 'enum' || f.kind === 'list' ? 'bogus' : String(f.max + 1));
      expect(code, f.flag).toBe(2);
      expect(out).toBe('');
      expect(err).toContain(`--${f.flag}`);
    }
  });

  it('rejects an unknown command', async () => {
    expect(await cli('walk')).toMatchObject({ code: 2, out: '', err: expect.stringContaining('unknown command "walk"') });
  });

  it('works end to end through npm run cli, exiting non-zero with nothing on stdout on error', () => {
    const ok = spawnSync('npm', ['run', '--silent', 'cli', '--', 'run', '--generations', '2', '--replicates', '2', '--n-eval', '20', '--n-ini', '50', '--n-syn', '50'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as RunDocument).generations).toHaveLength(2);
    const bad = spawnSync('npm', ['run', '--silent', 'cli', '--', 'run', '--lambda', 'abc'], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('λ (--lambda): "abc" is not a number');
  });
});
