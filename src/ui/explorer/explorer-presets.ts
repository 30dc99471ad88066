/**
 * Sweeps worth starting from, each with what to look for: the paper's phase diagram and two of
 * its variations (§5, Fig. 11–12, App. G), and the share of real text a word loop needs. Built from the default sweep and checked by the engine
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
    'words',
    'How much real text keeps the vocabulary? (words)',
    'Each generation learns word counts from 1000 words of the Zipf vocabulary (V = 1000), a share p of them written by the previous model. Distance is total variation to the real word frequencies. At λ = 1 every share is admissible, and n_e / n_r grows with p; at temperature λ = 0.9 the large shares turn inadmissible. Colour the cells by “final words alive”: even where synthetic text helps, the model can produce fewer words the fewer real ones it reads.',
    { base: { data: 'zipf', nReal: 500, nSyn: 500 }, x: { field: 'synFraction', values: [0, 0.2, 0.4, 0.6, 0.8, 0.9] }, y: { field: 'lambda', values: [0.9, 0.95, 1] } },
  ),
];
