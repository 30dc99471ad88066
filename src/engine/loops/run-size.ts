/**
 * How much work a run is, before it starts: the samples it draws, fits and measures over all its
 * replicates and generations. Fitting and the k-NN metrics are both about linear (n log n) in
 * these counts, so the total predicts a run's time to within a small factor, whatever the learner
 * of points; a page can warn before a link asks for hours.
 */
import { domainOf } from '../../spec/domains';
import { type Spec, fieldApplies } from '../../spec/schema';
import { laterTrainingSize } from '../../spec/validate';

/**
 * Samples handled by a run: every training set D^t, plus n_eval model samples and n_eval real ones
 * measured per generation, plus the K − 1 candidates a curator passes over per synthetic sample;
 * M models that feed each other each draw and fit their own (model 1 alone is measured on samples,
 * and digit models are profiled on n_eval samples each).
 */
export function runSamples(
  spec: Pick<Spec, 'data' | 'learner' | 'loop' | 'verifier' | 'curationK' | 'models' | 'web' | 'mixing' | 'nIni' | 'nReal' | 'nSyn' | 'nEval' | 'generations' | 'replicates'>,
): number {
  let perModel = spec.nIni;
  for (let t = 2; t <= spec.generations; t++) perModel += laterTrainingSize(spec, t)[0];
  if (fieldApplies('curationK', spec)) perModel += (spec.generations - 1) * (spec.curationK - 1) * spec.nSyn;
  // Digit models feeding each other are compared by profiles of n_eval samples each (digit-loop.ts).
  const profiles = spec.models > 1 && domainOf(spec.data) === 'digits' ? spec.models * spec.nEval * spec.generations : 0;
  return (spec.models * perModel + 2 * spec.nEval * spec.generations + profiles) * spec.replicates;
}
