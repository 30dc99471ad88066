/** The text domain from the command line: a run document with the word metrics and the closed form, and every new flag's bad values named. */
import { describe, expect, it } from 'vitest';
import type { RunDocument } from '../../src/results/run-document';
import { cli } from './run-cli';

const words = ['run', '--data', 'zipf', '--learner', 'unigram', '--vocabulary', '100', '--n-ini', '200', '--n-syn', '200', '--generations', '4', '--replicates', '6'];

describe('CLI run --data zipf --learner unigram', () => {
  it('prints the word metrics, E[H_t] of the Wright–Fisher chain and the expected survivors', async () => {
    const { code, out, err } = await cli(...words, '--zipf-beta', '1.2');
    expect(code).toBe(0);
    expect(err).toBe('');
    const doc = JSON.parse(out) as RunDocument;
    expect(doc.spec).toMatchObject({ data: 'zipf', learner: 'unigram', vocabulary: 100, zipfBeta: 1.2, smoothing: 0, topK: 0 });
    for (const g of doc.generations) {
      expect(Object.keys(g.metrics).sort()).toEqual(['alive', 'heterozygosity', 'lostText', 'perplexity', 'tailMass', 'tv', 'wordEntropy']);
      expect(Object.keys(g.theory!)).toEqual(['heterozygosity', 'alive', 'tailMass']);
      expect(g.metrics.alive!.mean).toBeLessThanOrEqual(100);
    }
  });

  it('runs on the English corpus, with the same closed forms', async () => {
    const { code, out, err } = await cli('run', '--data', 'english', '--learner', 'unigram', '--vocabulary', '500', '--n-ini', '300', '--n-syn', '300', '--generations', '3', '--replicates', '4');
    expect(code).toBe(0);
    expect(err).toBe('');
    const doc = JSON.parse(out) as RunDocument;
    expect(doc.spec).toMatchObject({ data: 'english', vocabulary: 500 });
    expect(doc.generations.map((g) => g.metrics.alive!.mean < 500 && Object.keys(g.theory!).length)).toEqual([3, 3, 3]);
  });

  it('has no theory with smoothing, and keeps every word then', async () => {
    const doc = JSON.parse((await cli(...words, '--smoothing', '0.5')).out) as RunDocument;
    expect(doc.generations.every((g) => g.theory === undefined && g.metrics.alive!.mean === 100)).toBe(true);
  });

  it('notes a text flag that has no effect on points', async () => {
    const { code, err } = await cli('run', '--vocabulary', '50', '--n-ini', '50', '--n-syn', '50', '--generations', '2', '--replicates', '2', '--n-eval', '20');
    expect(code).toBe(0);
    expect(err).toContain('--vocabulary has no effect');
  });
});

describe('CLI bad values of the text flags', () => {
  const cases: [string[], string][] = [
    [['--zipf-beta', '-1'], 'β (--zipf-beta): -1 is out of range; allowed: a number in [0, 4]'],
    [['--zipf-beta', '4.5'], 'β (--zipf-beta): 4.5 is out of range; allowed: a number in [0, 4]'],
    [['--zipf-beta', 'steep'], 'β (--zipf-beta): "steep" is not a number; allowed: a number in [0, 4]'],
    [['--vocabulary', '1'], 'V (--vocabulary): 1 is out of range; allowed: an integer 2..100000'],
    [['--vocabulary', '100.5'], 'V (--vocabulary): 100.5 is not an integer; allowed: an integer 2..100000'],
    [['--vocabulary', '1e9'], 'V (--vocabulary): 1000000000 is out of range; allowed: an integer 2..100000'],
    [['--smoothing', '-0.1'], 'α (--smoothing): -0.1 is out of range; allowed: a number in [0, 10]'],
    [['--smoothing', 'NaN'], 'α (--smoothing): "NaN" is not a number; allowed: a number in [0, 10]'],
    [['--top-k', '-3'], 'top-k (--top-k): -3 is out of range; allowed: an integer 0..100000'],
    [['--top-k', '2.5'], 'top-k (--top-k): 2.5 is not an integer; allowed: an integer 0..100000'],
    [['--top-k'], '--top-k needs a value'],
  ];
  for (const [args, message] of cases)
    it(`${args.join(' ')} → ${message}`, async () => {
      const { code, out, err } = await cli('run', '--data', 'zipf', '--learner', 'unigram', ...args);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toContain(message);
    });

  for (const [args, message] of [
    [['--data', 'english', '--learner', 'unigram', '--vocabulary', '10001'], 'V (--vocabulary): 10001 is more words than the English corpus ships; allowed with data=english: an integer 2..10000'],
    [['--data', 'englsh', '--learner', 'unigram'], '--data: "englsh" is neither a distribution nor a readable file; allowed: gaussian | ring | grid | moons | mnist | zipf | english |'],
    [['--data', 'zipf', '--learner', 'gmm'], 'gmm generates points; use data=gaussian | ring | grid | moons | points, or with data=zipf one of unigram | bigram'],
    [['--data', 'zipf'], 'gmm generates points'],
    [['--learner', 'unigram'], 'unigram generates words; use data=zipf'],
  ] as [string[], string][])
    it(`${args.join(' ')} → ${message}`, async () => {
      const { code, out, err } = await cli('run', ...args);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toContain(message);
    });
});
