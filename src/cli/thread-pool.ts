/**
 * The CLI's one pool of worker threads: each idle thread takes the next job, so uneven jobs still
 * keep every thread busy, and results come back in the jobs' order whatever the thread count.
 * `run` shares a run's replicates with it, `sweep` a sweep's cells. A thread's module calls
 * `serveJobs` with what it does to one job.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';

export interface PoolOptions {
  /** Reaches every thread once (a sweep's baseline). */
  shared?: unknown;
  /** A job's progress on the way to its result (a run's generations), as the thread reports it. */
  onProgress?: (index: number, progress: unknown) => void;
  /** A job's result has come back. */
  onResult?: (index: number) => void;
}

/** What a thread posts: a job's result, or progress on the way to it. */
type Reply<R> = { index: number; result: R } | { index: number; progress: unknown };

/** The CLI runs under tsx, whose TypeScript loader must be registered in each thread before its module is imported. */
function boot(module: URL): string {
  return `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); });`;
}

export function runOnThreads<J, R>(module: URL, jobs: readonly J[], threads: number, options: PoolOptions = {}): Promise<R[]> {
  const results: R[] = new Array(jobs.length);
  if (jobs.length === 0) return Promise.resolve(results);
  const workers = Array.from({ length: Math.max(1, Math.min(threads, jobs.length)) }, () => new Worker(boot(module), { eval: true, workerData: options.shared ?? null }));
  let next = 0;
  let done = 0;
  return new Promise<R[]>((resolve, reject) => {
    const fail = (error: unknown) => {
      for (const w of workers) void w.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    for (const worker of workers) {
      const feed = () => {
        if (next < jobs.length) {
          worker.postMessage({ index: next, job: jobs[next] });
          next += 1;
        }
      };
      worker.on('message', (reply: Reply<R>) => {
        if ('progress' in reply) {
          options.onProgress?.(reply.index, reply.progress);
          return;
        }
        results[reply.index] = reply.result;
        done += 1;
        options.onResult?.(reply.index);
        if (done === jobs.length) void Promise.all(workers.map((w) => w.terminate())).then(() => resolve(results), fail);
        else feed();
      });
      worker.once('error', fail);
      worker.once('exit', (code) => {
        if (done < jobs.length) fail(new Error(`worker thread exited with code ${code}`));
      });
      feed();
    }
  });
}

/** In a thread's module: answers every job with `work(job, shared, report)`, whose `report` posts progress. */
export function serveJobs<J, R, S = unknown>(work: (job: J, shared: S, report: (progress: unknown) => void) => Promise<R> | R): void {
  const shared = workerData as S;
  parentPort!.on('message', async ({ index, job }: { index: number; job: J }) => {
    const report = (progress: unknown) => parentPort!.postMessage({ index, progress });
    parentPort!.postMessage({ index, result: await work(job, shared, report) });
  });
}
