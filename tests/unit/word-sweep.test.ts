import { describe, expect, it } from 'vitest';
import { baselineFor } from '../../src/engine/admissibility/baseline';
import { type SweepResult, type WordCellResult, checkSweep, computeCell, defaultSweep, sweepCells } from '../../src/engine/admissibility/sweep';
import { expectedCountTv } from '../../src/engine/admissibility/word-distance';
import { Rng } from '../../src/engine/random/prng';
import { textMetrics } from '../../src/engine/text/text-metrics';
import { Categorical, zipfProbabilities } from '../../src/engine/text/zipf';
import { readExplorerUrl, writeExplorerUrl } from '../../src/ui/explorer/explorer-url';
import { loadSweepResult } from '../../src/ui/explorer/sweep-loader';
import { sweepCsv } from '../../src/ui/explorer/sweep-export';
import { cli } from './run-cli';

describe('the real-only baseline of words', () => {
  it('E TV of word counts matches simulation within 4·SD/√R', () => {
    const p = zipfProbabilities(50, 1);
    const words = new Categorical(p);
    const rng = Rng.stream(11, 0);
    const r = 4000;
    for (const n of [5, 40, 400]) {
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < r; i++) {
        const q = new Float64Array(p.length);
        for (const w of words.sample(rng, n)) q[w] += 1 / n;
        const tv = textMetrics(q, p).tv;
        sum += tv;
        squares += tv * tv;
      }
      const mean = sum / r;
      const sd = Math.sqrt((squares - r * mean * mean) / (r - 1));
      expect(Math.abs(mean - expectedCountTv(p, n)), `n = ${n}`).toBeLessThan((4 * sd) / Math.sqrt(r));
    }
  });

  it('is exact without smoothing, simulated with it, and never rises with n', async () => {
    const exact = await baselineFor(defaultSweep('zipf').base, 10_000);
    expect(exact.method).toBe('closed-form');
    expect(exact.se.every((s) => s === 0)).toBe(true);
    const smoothed = await baselineFor({ ...defaultSweep('zipf').base, smoothing: 0.5, replicates: 4 }, 2000);
    expect(smoothed.method).toBe('simulated');
    for (const { distance } of [exact, smoothed]) {
      for (let i = 1; i < distance.length; i++) expect(distance[i]).toBeLessThanOrEqual(distance[i - 1]);
      expect(distance[0]).toBeGreaterThan(distance[distance.length - 1]);
    }
  });
});

describe('sweeps of words', () => {
  const flags = ['--data', 'zipf', '--learner', 'unigram', '--generations', '20', '--x-values', '0,1000,3162', '--y-values', '0.8,1', '--threads', '1'];
  let doc: SweepResult<WordCellResult>;

  it('prints the sweep document with word cells: TV, words alive and rare-word mass', async () => {
    const { code, out, err } = await cli('sweep', ...flags);
    expect(err).toBe('');
    expect(code).toBe(0);
    doc = JSON.parse(out) as SweepResult<WordCellResult>;
    expect(doc.sweep.base).toMatchObject({ data: 'zipf', learner: 'unigram', vocabulary: 1000, nReal: 1000, replicates: 10 });
    expect(doc.baseline.method).toBe('closed-form');
    expect(doc.cells).toHaveLength(6);
    for (const c of doc.cells) {
      expect(Object.keys(c)).toEqual(['ix', 'iy', 'x', 'y', 'reference', 'nE', 'ratio', 'interval', 'admissible', 'verdict', 'limit', 'finalTv', 'finalAlive', 'finalTailMass']);
      expect(Object.keys(c.limit)).toEqual(['method', 'window', 'tv']);
      expect(c.finalAlive).toBeGreaterThan(0);
      expect(c.finalAlive).toBeLessThanOrEqual(1000);
      expect(c.finalTailMass).toBeGreaterThanOrEqual(0);
      expect(c.finalTailMass).toBeLessThanOrEqual(1);
    }
  });

  it('reads a real-only loop as n_e = n_r, unbiased synthetic words as admissible and biased ones at scale as not', () => {
    const at = (x: number, y: number) => doc.cells.find((c) => c.x === x && c.y === y)!;
    // n_s = 0: every generation is a fit on n_r real words, exactly what the baseline measures.
    for (const y of [0.8, 1]) {
      expect(at(0, y).interval[0].value).toBeLessThanOrEqual(1);
      expect(at(0, y).interval[1].value).toBeGreaterThanOrEqual(1);
    }
    expect(at(1000, 1).verdict).toBe('admissible');
    expect(at(3162, 1).verdict).toBe('admissible');
    expect(at(1000, 0.8).verdict).toBe('inadmissible');
    expect(at(3162, 0.8).verdict).toBe('inadmissible');
    expect(at(3162, 0.8).ratio.value).toBeLessThan(0.2);
    // Sharpened sampling loses words, unbiased sampling with more text keeps more.
    expect(at(3162, 1).finalAlive).toBeGreaterThan(at(0, 1).finalAlive);
  });

  it('is deterministic: a cell recomputed alone equals the document, which loads back into the page', async () => {
    const checked = checkSweep(doc.sweep);
    if (!checked.ok) throw new Error(checked.issues[0].message);
    const cell = sweepCells(checked.value)[1];
    expect(await computeCell(cell.spec, doc.baseline)).toEqual((({ ix, iy, x, y, ...rest }) => rest)(doc.cells[1]));
    const loaded = loadSweepResult(JSON.stringify(doc));
    expect(loaded.ok && loaded.result).toEqual(doc);
    expect(sweepCsv(doc).split('\n')[0]).toMatch(/limit_tv,limit_tv_se,final_tv,final_alive,final_tailMass$/);
  });

  it('keeps a word sweep in its link: data, fields and axes against the words’ own defaults', () => {
    for (const data of ['zipf', 'english']) {
      const sweep = defaultSweep(data);
      const link = writeExplorerUrl({ sweep, colour: 'alive', workers: null, embed: false });
      expect(link).toBe(`v=1&view=explorer&data=${data}&colour=alive`);
      const back = readExplorerUrl(`?${link}`);
      expect(back.notices).toEqual([]);
      expect(back.state.sweep).toEqual(sweep);
    }
    // A field at the points' default but not the words' is still written.
    const sweep = defaultSweep('zipf');
    sweep.base = { ...sweep.base, nIni: 100 };
    expect(readExplorerUrl(`?${writeExplorerUrl({ sweep, colour: 'ratio', workers: null, embed: false })}`).state.sweep).toEqual(sweep);
  });

  it('names the learners a sweep of words can run', async () => {
    const { code, out, err } = await cli('sweep', '--data', 'mnist', '--learner', 'pca-gmm');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/closed-form learners of points \(gaussian \| gmm \| kde\) and of words \(unigram \| bigram\); pca-gmm on mnist is not one/);
  });
});
