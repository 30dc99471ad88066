/**
 * Runs a sweep's cells on a pool of worker threads: each idle thread takes the next cell, as the
 * page's Web Workers do, so uneven cells still keep every thread busy. Results are placed by cell
 * index and each cell depends only on its spec and the shared baseline, so the document is
 * identical for any number of threads.
 */
import { Worker } from 'node:worker_threads';
import type { Baseline } from '../engine/admissibility/baseline';
import { type CellResult, type Sweep, type SweepResult, computeCell, sweepBaseline, sweepCells, sweepResult } from '../engine/admissibility/sweep';
import type { Spec } from '../spec/schema';

export interface CellJob {
  index: number;
  spec: Spec;
}

/** As in parallel-run.ts: tsx's loader must be registered in each thread before the worker module loads. */
const BOOT = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(
  new URL('./sweep-worker.ts', import.meta.url).href,
)}); });`;

function runPool(jobs: CellJob[], baseline: Baseline, threads: number): Promise<CellResult[]> {
  const results: CellResult[] = new Array(jobs.length);
  const workers = Array.from({ length: Math.min(threads, jobs.length) }, () => new Worker(BOOT, { eval: true, workerData: { baseline } }));
  let next = 0;
  let done = 0;
  return new Promise<CellResult[]>((resolve, reject) => {
    const fail = (error: unknown) => {
      for (const w of workers) void w.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    for (const worker of workers) {
      const feed = () => {
        if (next < jobs.length) worker.postMessage(jobs[next++]);
      };
      worker.on('message', ({ index, result }: { index: number; result: CellResult }) => {
        results[index] = result;
        done += 1;
        if (done === jobs.length) {
          void Promise.all(workers.map((w) => w.terminate())).then(() => resolve(results), fail);
        } else feed();
      });
      worker.once('error', fail);
      worker.once('exit', (code) => {
        if (done < jobs.length) fail(new Error(`sweep thread exited with code ${code}`));
      });
      feed();
    }
  });
}

export async function runSweepDocument(sweep: Sweep, threads: number): Promise<SweepResult> {
  const baseline = await sweepBaseline(sweep);
  const jobs = sweepCells(sweep).map(({ index, spec }) => ({ index, spec }));
  if (threads > 1) return sweepResult(sweep, baseline, await runPool(jobs, baseline, threads));
  const results: CellResult[] = [];
  for (const job of jobs) results.push(await computeCell(job.spec, baseline));
  return sweepResult(sweep, baseline, results);
}
