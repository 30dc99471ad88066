/**
 * The long-run limit of a word loop, as limit.ts does for points: each replicate's total
 * variation to the real word distribution averaged over the last quarter of the generations,
 * then the mean over replicates with its standard error. The words a model can still produce
 * (`alive`) and the rare half's surviving mass (`tailMass`) are kept at T: what the distance
 * summarises, in the words of the text domain.
 */
import { Experiment, type GenerationResult } from '../loops/experiment';
import { loadWordData } from '../text/corpus';
import type { Spec } from '../../spec/schema';
import { type Estimate, estimate, limitWindow } from './limit';

export interface WordLimit {
  method: 'samples';
  /** The generations averaged, first and last inclusive. */
  window: { from: number; to: number };
  tv: Estimate;
  /** Replicate means at generation T. */
  final: { tv: number; alive: number; tailMass: number };
}

/** The metrics a word cell measures; the others of the domain cost the same pass but are not read. */
export const WORD_CELL_METRICS = 'alive,tailMass,tv';

function average(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Runs a word spec's loop and estimates its limit; needs R ≥ 2 for a standard error. */
export async function wordLimit(spec: Spec): Promise<WordLimit> {
  await loadWordData(spec.data);
  const window = limitWindow(spec.generations);
  const experiment = new Experiment({ ...spec, metrics: WORD_CELL_METRICS });
  const sums = new Float64Array(spec.replicates);
  let last: GenerationResult | null = null;
  for (let step = await experiment.next(); step; step = await experiment.next()) {
    last = step;
    if (step.t >= window.from) step.values.tv.forEach((v, i) => (sums[i] += v));
  }
  const width = window.to - window.from + 1;
  const { values } = last!;
  return {
    method: 'samples',
    window,
    tv: estimate(sums.map((s) => s / width)),
    final: { tv: average(values.tv), alive: average(values.alive), tailMass: average(values.tailMass) },
  };
}
