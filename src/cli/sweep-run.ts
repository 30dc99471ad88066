/**
 * Runs a sweep's cells on the CLI's thread pool. Results are placed by cell index and each cell
 * depends only on its spec and the shared baseline, so the document is identical for any number
 * of threads.
 */
import { type CellResult, type Sweep, type SweepResult, computeCell, sweepBaseline, sweepCells, sweepResult } from '../engine/admissibility/sweep';
import type { Spec } from '../spec/schema';
import { runOnThreads } from './thread-pool';

/** The sweep document; `onProgress(done, total)` hears of each cell computed. */
export async function runSweepDocument(sweep: Sweep, threads: number, onProgress?: (done: number, total: number) => void): Promise<SweepResult> {
  const baseline = await sweepBaseline(sweep);
  const specs = sweepCells(sweep).map(({ spec }) => spec);
  let done = 0;
  const computed = () => onProgress?.((done += 1), specs.length);
  if (threads > 1)
    return sweepResult(sweep, baseline, await runOnThreads<Spec, CellResult>(new URL('./sweep-worker.ts', import.meta.url), specs, threads, { shared: baseline, onResult: computed }));
  const results: CellResult[] = [];
  for (const spec of specs) {
    results.push(await computeCell(spec, baseline));
    computed();
  }
  return sweepResult(sweep, baseline, results);
}
