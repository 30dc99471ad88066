/**
 * What the explorer shows, exactly what its link holds: a valid sweep (the engine's checkSweep has
 * passed it), what the cells are coloured by, and the number of workers if the link fixes it.
 */
import type { ReactNode } from 'react';
import { admissibilityDistance } from '../../engine/admissibility/baseline';
import { type AxisField, type Sweep, defaultSweep } from '../../engine/admissibility/sweep';
import { type Spec, specFields } from '../../spec/schema';
import type { RunOverrides } from '../lab-state';

export const COLOUR_BY = ['ratio', 'fd', 'precision', 'recall', 'tv', 'alive', 'tailMass'] as const;
export type ColourBy = (typeof COLOUR_BY)[number];

export const COLOUR_LABELS: Record<ColourBy, string> = {
  ratio: 'n_e / n_r (admissibility)',
  fd: 'final Fréchet distance',
  precision: 'final precision',
  recall: 'final recall',
  tv: 'final total variation (TV)',
  alive: 'final words alive',
  tailMass: 'final rare-word mass kept',
};

/** What a sweep's cells can be coloured by: each domain's measures at T (word cells have no FD). */
export function colourChoices(sweep: Sweep): ColourBy[] {
  return admissibilityDistance(sweep.base) === 'tv' ? ['ratio', 'tv', 'alive', 'tailMass'] : ['ratio', 'fd', 'precision', 'recall'];
}

/** A link may ask for fewer or more workers than cores (the benchmark compares 1 with all). */
export const MAX_WORKERS = 32;

export interface ExplorerState {
  sweep: Sweep;
  colour: ColourBy;
  /** Null: one worker per core. */
  workers: number | null;
  embed: boolean;
}

export function defaultExplorerState(): ExplorerState {
  return { sweep: defaultSweep(), colour: 'ratio', workers: null, embed: false };
}

/** `count` values across the slider of a field, as a range in the axis box's syntax. */
function acrossSlider(key: 'curationK' | 'models' | 'exchange', count: number, log = false): string {
  const { min, max } = specFields[key].slider;
  return `${min}:${max}:${count}${log ? ':log' : ''}`;
}

/** The values an axis starts with when its field is picked, in the axis box's syntax. */
export const AXIS_STARTS: Record<AxisField, string> = {
  nSyn: '10:10000:10:log',
  nReal: '10:1000:5:log',
  lambda: '0.5,0.6,0.7,0.8,0.9,0.95,0.97,0.98,0.99,1',
  generations: '5:200:6:log',
  synFraction: '0:0.9:10',
  // Each curated or shared cell runs sample by sample, so these start with few columns.
  curationK: acrossSlider('curationK', 5, true),
  models: acrossSlider('models', 4),
  exchange: acrossSlider('exchange', 5),
};

/** A run opened from an explorer cell: what the lab should run, and what to tell about it. */
export interface OpenedRun {
  base: Spec;
  runs: RunOverrides[];
  note: (backToExplorer: () => void) => ReactNode;
}
