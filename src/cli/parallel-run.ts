/**
 * Runs an experiment's replicates on several threads (worker_threads) and merges them into the
 * run document. The document is identical for any number of threads, because a replicate's random
 * streams depend only on (seed, replicate index).
 */
import { summariseMetrics } from '../engine/loops/experiment';
import type { MetricName } from '../engine/metrics/registry';
import { type GenerationEntry, type RunDocument, computation, theoryAt } from '../results/run-document';
import type { Spec } from '../spec/schema';
import { theoryFor } from '../engine/theory';
import { loadWordData } from '../engine/text/corpus';
import { realBaseline } from '../engine/digits/digit-loop';
import { domainOf } from '../spec/domains';
import { nodeExperimentLearner } from './neural-learner';
import { type ReplicateRangeJob, type ReplicateRangeResult, runRange } from './replicate-range';
import { runOnThreads } from './thread-pool';

/** Splits R replicates into at most `threads` contiguous ranges of near-equal size. */
export function splitReplicates(replicates: number, threads: number): { first: number; count: number }[] {
  const parts = Math.max(1, Math.min(threads, replicates));
  return Array.from({ length: parts }, (_, i) => {
    const first = Math.floor((i * replicates) / parts);
    return { first, count: Math.floor(((i + 1) * replicates) / parts) - first };
  });
}

/**
 * The run document; `onProgress(done, total)` hears how many of the R·T replicate-generations are
 * computed, summed over the threads, as each range completes a generation.
 */
export async function runDocument(spec: Spec, threads: number, onProgress?: (done: number, total: number) => void): Promise<RunDocument> {
  const ranges = splitReplicates(spec.replicates, threads);
  const jobs = ranges.map((range) => ({ spec, range }));
  const reached = ranges.map(() => 0);
  const progress = (index: number, t: unknown) => {
    reached[index] = t as number;
    onProgress?.(ranges.reduce((sum, range, i) => sum + range.count * reached[i], 0), spec.replicates * spec.generations);
  };
  const parts =
    jobs.length === 1
      ? [await runRange(jobs[0], (t) => progress(0, t))]
      : await runOnThreads<ReplicateRangeJob, ReplicateRangeResult>(new URL('./replicate-worker.ts', import.meta.url), jobs, jobs.length, { onProgress: progress });
  await loadWordData(spec.data);
  const theory = theoryFor(spec);
  const generations: GenerationEntry[] = [];
  for (let t = 1; t <= spec.generations; t++) {
    const slices = parts.map((p) => p.generations[t - 1]);
    const values: Partial<Record<MetricName, Float64Array>> = {};
    for (const name of Object.keys(slices[0].values) as MetricName[]) {
      const merged = new Float64Array(spec.replicates);
      let offset = 0;
      for (const s of slices) {
        merged.set(s.values[name]!, offset);
        offset += s.values[name]!.length;
      }
      values[name] = merged;
    }
    const entry: GenerationEntry = {
      t,
      metrics: summariseMetrics(values),
      iterations: slices.reduce((sum, s) => sum + s.iterations, 0) / spec.replicates,
    };
    if (theory) entry.theory = theoryAt(theory, t);
    generations.push(entry);
  }
  // Digits have no closed form: the document says what real digits score instead.
  const computed = computation(spec);
  if (domainOf(spec.data) !== 'digits') return { spec, computed, generations };
  return { spec, computed, generations, baseline: await realBaseline(spec, (await nodeExperimentLearner(spec)).digits!) };
}
