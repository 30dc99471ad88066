/**
 * The run document: a whole experiment (normalised spec, per-generation summaries, closed-form
 * theory where it exists) as one JSON value. The CLI prints it; the page exports and loads it, so
 * a run computed on a bigger machine can be viewed in the lab.
 */
import { AUTO_SAMPLED_MAX_REPLICATES, type MetricName } from '../engine/metrics/registry';
import { chooseMetrics } from '../engine/metrics/selection';
import type { Summary } from '../engine/metrics/summary';
import type { Spec } from '../spec/schema';
import type { Theory } from '../engine/theory/gaussian-loops';
import { type SimulationPath, simulationPath } from '../engine/loops/moment-experiment';

export interface GenerationEntry {
  t: number;
  metrics: Partial<Record<MetricName, Summary>>;
  /** Closed-form expectation of a metric at this generation, where the engine has one. */
  theory?: Partial<Record<MetricName, number>>;
  /** Mean EM iterations per replicate (0 for closed-form fits). */
  iterations: number;
}

/** How a run was computed: which path simulated it, what it measured and what `metrics=auto` left out. */
export interface Computation {
  path: SimulationPath;
  metrics: MetricName[];
  /** The data's metrics left out, and why; absent when none were. */
  skipped?: MetricName[];
  why?: string;
}

/** The document's account of how a run of `spec` is computed. */
export function computation(spec: Spec): Computation {
  const { computed, skipped } = chooseMetrics(spec);
  const out: Computation = { path: simulationPath(spec), metrics: computed };
  if (skipped.length === 0) return out;
  return { ...out, skipped, why: `measured on samples of G^t, which --metrics auto leaves out above R = ${AUTO_SAMPLED_MAX_REPLICATES}; ask for them with --metrics all or a list` };
}

export interface RunDocument {
  spec: Spec;
  /** Written by the CLI and the page's export; older documents, and runs loaded from them, have none. */
  computed?: Computation;
  generations: GenerationEntry[];
  /** MNIST: what real training digits score against the held-out reference ("real vs real"). */
  baseline?: Partial<Record<MetricName, number>>;
}

/** The closed-form values at generation t. */
export function theoryAt(theory: Theory, t: number): Partial<Record<MetricName, number>> {
  return Object.fromEntries(Object.entries(theory).map(([name, curve]) => [name, curve[t - 1]]));
}
