/**
 * The admissibility explorer's workload: the default 10 × 10 sweep (1-D Gaussian fresh loop,
 * 200 replicates × 50 generations per cell) in cells per second on one thread and on all of them
 * (Node worker_threads standing in for the page's Web Workers), with the speed-up. Node threads
 * start by loading tsx and compiling the engine, and a cell takes only milliseconds, so start-up
 * is measured apart and the same sweep with 4× the replicates shows how the cells themselves
 * scale. The peer: one cell through the sample-based engine instead of the sufficient statistics.
 */
import { availableParallelism } from 'node:os';
import { runSweepDocument } from '../src/cli/sweep-run';
import { loopLimit } from '../src/engine/admissibility/limit';
import { type Sweep, defaultSweep } from '../src/engine/admissibility/sweep';
import type { BenchResult } from './result';

async function seconds(sweep: Sweep, threads: number): Promise<number> {
  const start = performance.now();
  await runSweepDocument(sweep, threads);
  return (performance.now() - start) / 1000;
}

async function timeCell(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export async function benchSweep(): Promise<BenchResult> {
  const cores = availableParallelism();
  const sweep = defaultSweep();
  const cells = sweep.x.values.length * sweep.y.values.length;
  await seconds(sweep, 1); // warm the JIT of this thread
  const one = await seconds(sweep, 1);
  const all = await seconds(sweep, cores);
  // As many near-empty cells as threads: what starting the threads costs.
  const tiny: Sweep = { ...sweep, base: { ...sweep.base, replicates: 2, generations: 1, nEval: 10 }, x: { field: 'nSyn', values: Array.from({ length: cores }, (_, i) => 10 + i) }, y: { field: 'lambda', values: [1] } };
  const startup = await seconds(tiny, cores);
  const heavy: Sweep = { ...sweep, base: { ...sweep.base, replicates: 4 * sweep.base.replicates } };
  const heavyOne = await seconds(heavy, 1);
  const heavyAll = await seconds(heavy, cores);
  const cell = { ...sweep.base, nSyn: 1000, lambda: 0.9 };
  const moments = await timeCell(() => loopLimit(cell, 'moments'));
  const samples = await timeCell(() => loopLimit(cell, 'samples'));
  const rate = (s: number) => `${(cells / s).toFixed(0)} cells/s`;
  return {
    title: `Admissibility sweep: default ${sweep.y.values.length} × ${sweep.x.values.length}, 1-D Gaussian fresh loop, 200 replicates × 50 generations per cell`,
    rows: [
      ['1 thread', `${one.toFixed(2)} s, ${rate(one)}, ${((one * 1000) / cells).toFixed(1)} ms per cell`],
      [`${cores} threads (worker_threads, start-up included)`, `${all.toFixed(2)} s, ${rate(all)} (${(one / all).toFixed(2)}× speed-up)`],
      [`starting ${cores} threads`, `${startup.toFixed(2)} s`],
      [`${cores} threads, cells only`, `${rate(all - startup)} (${(one / (all - startup)).toFixed(2)}× speed-up)`],
      [`the same with ${heavy.base.replicates} replicates per cell: 1 thread | ${cores} threads`, `${heavyOne.toFixed(2)} s | ${heavyAll.toFixed(2)} s (${(heavyOne / heavyAll).toFixed(2)}× speed-up)`],
      ['one cell (n_s = 1000, λ = 0.9): sufficient statistics | samples (engine)', `${moments.toFixed(0)} ms | ${samples.toFixed(0)} ms (${(samples / moments).toFixed(0)}×)`],
    ],
  };
}
