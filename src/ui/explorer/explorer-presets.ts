/**
 * Sweeps worth starting from, each with what to look for: the paper's phase diagram and two of
 * its variations (§5, Fig. 11–12, App. G), what real data do for a curated loop (issue 17), and
 * the share of real text a word loop needs. Built from the default sweep and checked by the engine
 * when the module loads, so a broken preset fails every test at once.
 */
import { type Sweep, checkSweep, defaultSweep } from '../../engine/admissibility/sweep';
import type { Spec } from '../../spec/schema';

export interface SweepPreset {
  id: string;
  title: string;
  lookFor: string;
  sweep: Sweep;
}

function preset(id: string, title: string, lookFor: string, input: { base?: Partial<Spec>; x?: Sweep['x']; y?: Sweep['y'] }): SweepPreset {
  const fallback = defaultSweep(input.base?.data);
  const checked = checkSweep({ base: { ...fallback.base, ...input.base }, x: input.x ?? fallback.x, y: input.y ?? fallback.y });
  if (!checked.ok) throw new Error(`preset ${id}: ${checked.issues[0].message}`);
  return { id, title, lookFor, sweep: checked.value };
}

export const SWEEP_PRESETS: SweepPreset[] = [
  preset(
    'phase',
    'n_s × λ (the paper’s phase diagram)',
    'The top row, λ = 1, is admissible everywhere: unbiased synthetic data never hurt the Gaussian. Every row below turns inadmissible past a threshold in n_s, and the more biased the sampling (smaller λ), the smaller that threshold.',
    {},
  ),
  preset(
    'real',
    'n_s × n_r at λ = 0.9',
    'Where the boundary crosses a row is the largest admissible n_s for that much fresh real data. It hardly moves while n_r grows a hundredfold: the threshold does not scale with n_r, and synthetic data help most (the darkest blue) when real data are scarce (paper §5).',
    { base: { lambda: 0.9 }, x: { field: 'nSyn', values: [10, 22, 46, 100, 215, 464, 1000, 2154, 4642, 10000] }, y: { field: 'nReal', values: [10, 32, 100, 316, 1000] } },
  ),
  preset(
    'share',
    'synthetic share p × λ, 1000 samples per generation',
    'A budget of n_r + n_s = 1000 samples per generation, a share p of them synthetic. With λ = 1 a larger synthetic share only helps; the more biased the sampling, the smaller the share that stays admissible. At p = 0 there is no synthetic data, so n_e / n_r is 1 by construction (hatched: undetermined).',
    { x: { field: 'synFraction', values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] }, y: { field: 'lambda', values: [0.8, 0.9, 0.95, 0.98, 1] } },
  ),
  preset(
    'curation',
    'Curation K × synthetic share p',
    'Each generation trains on 200 samples, a share p of them synthetic and curated: each picked among K samples of the previous model, the one nearer the target x* = 2 more likely (β = 1; K = 1: no curation). Only the uncurated column is admissible (undetermined at p = 0.1, where synthetic data change little). n_e / n_r measures closeness to the real distribution, and a curator pulls the model away from it on purpose, so every curated cell reads inadmissible: least with a small share and few candidates (n_e / n_r ≈ 0.75 at p = 0.1, K = 2), the more so the larger either. Colour the cells by final recall to see what real data do buy: while at least a quarter of each training set is real (p ≤ 0.75) the curated model keeps nearly all of the real spread (recall ≈ 0.96 or more); with 2% real data (p = 0.98) it narrows, and recall falls to about 0.5 (Ferbach et al. 2024: real data keep curation stable, not unbiased).',
    {
      base: { nReal: 100, nSyn: 100, replicates: 40, generations: 30 },
      x: { field: 'curationK', values: [1, 2, 3, 5, 10] },
      y: { field: 'synFraction', values: [0.1, 0.25, 0.5, 0.75, 0.9, 0.98] },
    },
  ),
  preset(
    'words',
    'How much real text keeps the vocabulary? (words)',
    'Each generation learns word counts from 1000 words of the Zipf vocabulary (V = 1000), a share p of them written by the previous model. Distance is total variation to the real word frequencies. At λ = 1 every share is admissible, and n_e / n_r grows with p; at temperature λ = 0.9 the large shares turn inadmissible. Colour the cells by “final words alive”: even where synthetic text helps, the model can produce fewer words the fewer real ones it reads.',
    { base: { data: 'zipf', nReal: 500, nSyn: 500 }, x: { field: 'synFraction', values: [0, 0.2, 0.4, 0.6, 0.8, 0.9] }, y: { field: 'lambda', values: [0.9, 0.95, 1] } },
  ),
];
