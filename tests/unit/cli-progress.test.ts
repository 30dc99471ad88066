/**
 * The CLI's progress line on a terminal: what it says and when, the counts a run and a sweep
 * report on any number of threads, and a terminal left with nothing but the document.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { runDocument } from '../../src/cli/parallel-run';
import { ProgressLine } from '../../src/cli/progress-line';
import { runSweepDocument } from '../../src/cli/sweep-run';
import { checkSweep } from '../../src/engine/admissibility/sweep';
import { duration } from '../../src/results/duration';
import { assertSpec } from '../../src/spec/validate';

describe('progress line', () => {
  it('says nothing in the first second, then what is done, the time so far and the time left, at most four times a second', () => {
    const written: string[] = [];
    let now = 0;
    const line = new ProgressLine((t) => written.push(t), (done, total) => `cell ${done} of ${total}`, () => now);
    now = 900;
    line.update(1, 4);
    expect(written).toEqual([]);
    now = 2000;
    line.update(1, 4);
    // 2 s for one of four: 6 s left.
    expect(written).toEqual(['\rcell 1 of 4 · 2 s so far · about 6 s left\x1b[K']);
    now = 2200;
    line.update(2, 4);
    expect(written).toHaveLength(1);
    now = 2300;
    line.update(3, 4);
    expect(written[1]).toBe('\rcell 3 of 4 · 2 s so far · under a second left\x1b[K');
    // Done: the document follows, not a line that says 100%.
    now = 4000;
    line.update(4, 4);
    expect(written).toHaveLength(2);
    line.end();
    expect(written[2]).toBe('\r\x1b[K');
  });

  it('wipes nothing where it wrote nothing', () => {
    const written: string[] = [];
    const line = new ProgressLine((t) => written.push(t), () => 'x', () => 0);
    line.update(1, 2);
    line.end();
    expect(written).toEqual([]);
  });

  it('says durations the way the page does', () => {
    expect([0.4, 42, 600, 3 * 3600, 5 * 86_400].map(duration)).toEqual(['under a second', '42 s', '10 min', '3.0 hours', '5 days']);
  });
});

describe('progress of a run and a sweep', () => {
  const spec = assertSpec({ data: 'gaussian', dim: 1, learner: 'gaussian', nIni: 20, nSyn: 20, generations: 3, replicates: 5, nEval: 20 });

  it('counts replicate-generations on one thread and on two, up to R·T, for the same document', async () => {
    const counts = (threads: number) => {
      const seen: [number, number][] = [];
      return runDocument(spec, threads, (done, total) => seen.push([done, total])).then((document) => ({ document, seen }));
    };
    const one = await counts(1);
    // One thread runs every replicate of a generation before the next generation.
    expect(one.seen).toEqual([[5, 15], [10, 15], [15, 15]]);
    const two = await counts(2);
    expect(two.document).toEqual(one.document);
    const done = two.seen.map(([d]) => d);
    // Ranges of 2 and 3 replicates report each of their generations, in whatever order the threads finish.
    expect(done).toHaveLength(6);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(15);
  });

  it('counts cells on one thread and on two', async () => {
    const checked = checkSweep({ base: { replicates: 10, generations: 4, nEval: 20 }, x: { field: 'nSyn', values: [10, 100, 1000] }, y: { field: 'lambda', values: [0.8, 1] } });
    if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join('; '));
    for (const threads of [1, 2]) {
      const seen: number[] = [];
      await runSweepDocument(checked.value, threads, (done, total) => seen.push(done * 10 + total));
      expect(seen).toEqual([16, 26, 36, 46, 56, 66]);
    }
  });

  it('leaves a terminal with the document alone: the line of a long run and of a long sweep is wiped before it', async () => {
    // A clock on which every generation or cell takes a second: the line shows each of them.
    const io = () => {
      const io = { terminal: '', out: '', clock: 0 };
      return { io, run: (argv: string[]) => runCli(argv, { out: (t) => (io.out += t), err: (t) => (io.terminal += `[err]${t}`), progress: (t) => (io.terminal += t), now: () => (io.clock += 1000) }) };
    };
    const run = io();
    expect(await run.run(['run', '--data', 'ring', '--learner', 'kde', '--n-ini', '50', '--n-syn', '50', '--generations', '4', '--replicates', '2', '--n-eval', '50'])).toBe(0);
    expect(run.io.terminal.split('\x1b[K')).toEqual([
      '\rrun: 25% of 4 generations × 2 replicates · 1 s so far · about 3 s left',
      '\rrun: 50% of 4 generations × 2 replicates · 2 s so far · about 2 s left',
      '\rrun: 75% of 4 generations × 2 replicates · 3 s so far · about 1 s left',
      '\r',
      '',
    ]);
    expect(JSON.parse(run.io.out).generations).toHaveLength(4);
    const sweep = io();
    expect(await sweep.run(['sweep', '--replicates', '10', '--generations', '4', '--n-eval', '20', '--x-values', '10,100', '--y-values', '0.8,1', '--threads', '1'])).toBe(0);
    expect(sweep.io.terminal.split('\x1b[K')).toEqual([
      '\rsweep: cell 1 of 4 · 1 s so far · about 3 s left',
      '\rsweep: cell 2 of 4 · 2 s so far · about 2 s left',
      '\rsweep: cell 3 of 4 · 3 s so far · about 1 s left',
      '\r',
      '',
    ]);
    expect(JSON.parse(sweep.io.out).cells).toHaveLength(4);
  });
});
