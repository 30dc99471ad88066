/** A contiguous range of an experiment's replicates, run to the end: the unit of CLI threading. */
import { Experiment } from '../engine/loops/experiment';
import { MomentExperiment, simulationPath } from '../engine/loops/moment-experiment';
import type { MetricName } from '../engine/metrics/registry';
import { loadWordData } from '../engine/text/corpus';
import type { Spec } from '../spec/schema';
import { nodeExperimentLearner } from './neural-learner';

export interface ReplicateRangeJob {
  spec: Spec;
  range: { first: number; count: number };
}

export interface ReplicateRangeResult {
  /** Per generation: each metric's values for the range's replicates, and their summed EM iterations. */
  generations: { values: Partial<Record<MetricName, Float64Array>>; iterations: number }[];
}

/** Runs the range; `onGeneration(t)` hears of each generation t as it completes. */
export async function runRange(job: ReplicateRangeJob, onGeneration?: (t: number) => void): Promise<ReplicateRangeResult> {
  if (simulationPath(job.spec) === 'sufficient-statistics') {
    const moments = new MomentExperiment(job.spec, job.range);
    const result: ReplicateRangeResult = { generations: [] };
    for (let step = moments.next(); step; step = moments.next()) {
      result.generations.push({ values: step.values, iterations: 0 });
      onGeneration?.(result.generations.length);
    }
    return result;
  }
  await loadWordData(job.spec.data);
  const experiment = new Experiment(job.spec, { range: job.range, ...(await nodeExperimentLearner(job.spec)) });
  const result: ReplicateRangeResult = { generations: [] };
  for (let step = await experiment.next(); step; step = await experiment.next()) {
    result.generations.push({ values: step.values, iterations: step.iterations * job.range.count });
    onGeneration?.(result.generations.length);
  }
  experiment.dispose();
  return result;
}
