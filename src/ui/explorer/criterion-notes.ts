/**
 * What n_e / n_r does and does not say about loops that do more than the paper's: it measures
 * closeness to the real distribution against real data alone, which a curator leaves on purpose,
 * and which shared models and a corrector reach partly through real data that n_r does not count.
 * Shown beside a cell's verdict and over a sweep that has such cells, so a colour is not read as
 * more than it measures.
 */
import { type Spec, fieldApplies } from '../../spec/schema';

export function criterionNotes(spec: Spec): string[] {
  const notes: string[] = [];
  if (fieldApplies('curationK', spec) && spec.curationK > 1)
    notes.push(
      `A curator (K > 1) pulls the model towards its target x* = (${spec.targetX}, ${spec.targetY}) on purpose, and n_e / n_r counts every step away from the real distribution against it: inadmissible means the curator's pull outweighs the error of a fit on real data alone, not that the loop collapsed. Colour by final recall to see whether the curated model kept the real spread.`,
    );
  if (fieldApplies('models', spec) && spec.models > 1)
    notes.push(
      `With several models (M > 1) the numbers are model 1's, against its own real data; the models also learn from each other's samples, and so indirectly from each other's real data (M times as much in all), which n_e / n_r does not count.`,
    );
  if (fieldApplies('correction', spec) && spec.correction > 0)
    notes.push(
      `A corrector (γ > 0) moves synthetic samples towards 2,000 real points of its own: the loop learns from those too, which n_e / n_r does not count as real data.`,
    );
  return notes;
}
