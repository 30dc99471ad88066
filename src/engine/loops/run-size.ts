/**
 * How much work a run is, before it starts: the samples it draws, fits and measures over all its
 * replicates and generations. Fitting and the k-NN metrics are both about linear (n log n) in
 * these counts, so the total predicts a run's time to within a small factor, whatever the learner
 * of points; a page can warn before a link asks for hours.
 */
import type { Spec } from '../../spec/schema';
import { laterTrainingSize } from '../../spec/validate';

/** Samples handled by a run: every training set D^t, plus n_eval model samples and n_eval real ones measured per generation. */
export function runSamples(spec: Pick<Spec, 'loop' | 'nIni' | 'nReal' | 'nSyn' | 'nEval' | 'generations' | 'replicates'>): number {
  let perReplicate = spec.nIni + 2 * spec.nEval * spec.generations;
  for (let t = 2; t <= spec.generations; t++) perReplicate += laterTrainingSize(spec, t)[0];
  return perReplicate * spec.replicates;
}
