/**
 * One run as the charts see it: the stream of per-generation summaries (the curves and tables)
 * and frames of G^t (samples and density grid, or for MNIST a grid of digits) for some of the
 * generations. A RunView is immutable: the page makes a new one whenever the run changes, so a
 * chart re-renders exactly when the object it was given is a different one.
 */
import type { MetricName } from '../engine/metrics/registry';
import type { Summary } from '../engine/metrics/summary';
import type { Theory } from '../engine/theory/gaussian-loops';
import { type DomainEntry, domainEntry } from '../spec/domains';
import type { Spec } from '../spec/schema';

export { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_SIDE } from '../engine/digits/digits';

/** Square window of the data plane shown by the film strip, in data coordinates. */
export interface View {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Side of the density grid of G^t sent each generation. */
export const GRID_SIZE = 64;

/** Mode centres (K×2) and σ of mixture data. */
export interface ModeCentres {
  readonly centers: Float64Array;
  readonly sigma: number;
}

/** 1-D data: the real distribution N(mean, variance), drawn over the histograms of the film strip. */
export interface RealLine {
  readonly mean: number;
  readonly variance: number;
}

export interface GenerationRow {
  readonly t: number;
  readonly summary: Partial<Record<MetricName, Summary>>;
  readonly iterations: number;
}

/** Pictures of G^t at generation t. */
export interface GenerationFrame {
  readonly t: number;
  /** Replicate 0's evaluation samples, n×2 (the first two coordinates); empty for MNIST. */
  readonly samples: Float64Array;
  /** ln density on a GRID_SIZE² grid over the run's view, row-major from (x0, y0); 2-D data only. */
  readonly density: Float64Array | null;
  /** MNIST: replicate 0's first samples (a grid's worth, or n_eval), n×784 grey levels 0..255; null otherwise. */
  readonly digits: Uint8Array | null;
  /** Words: replicate 0's word probabilities q of G^t (by id, V of them) and the first of its sample words (ids); absent otherwise. */
  readonly text?: { readonly probabilities: Float64Array; readonly sample: Float64Array } | null;
}

export interface RunView {
  /** The computation this view shows: a restarted run gets a new id. */
  readonly runId: number;
  readonly spec: Spec;
  readonly label: string;
  readonly colour: string;
  /** 'document': loaded from a run JSON, no pictures. */
  readonly source: 'worker' | 'document';
  readonly metrics: readonly MetricName[];
  /** Closed-form expectation per metric over t = 1..T, where the engine has one. */
  readonly theory: Theory | null;
  /** Real samples for the film strip's first panel, n×2. */
  readonly real: Float64Array | null;
  readonly line: RealLine | null;
  readonly view: View | null;
  readonly modes: ModeCentres | null;
  /** MNIST: real training digits for the first panel, n×784 grey levels (null until loaded). */
  readonly realDigits: Uint8Array | null;
  /** MNIST: the metrics of real digits against the held-out reference, the level of a perfect generator. */
  readonly baseline: Partial<Record<MetricName, number>> | null;
  readonly rows: readonly GenerationRow[];
  /** Frames of some generations, in order of t (long runs keep a thinned set). */
  readonly frames: readonly GenerationFrame[];
  /** Per generation t (index t − 1): replicate 0's share of each mode (each digit class). */
  readonly modeShares: readonly Float64Array[];
}

/** The latest kept frame at or before generation t. */
/** The data domain of a run: how its samples are drawn and what its survival chart follows. */
export function runDomain(run: Pick<RunView, 'spec'>): DomainEntry {
  return domainEntry(run.spec.data);
}

export function frameAt(frames: readonly GenerationFrame[], t: number): GenerationFrame | null {
  let lo = 0;
  let hi = frames.length - 1;
  let found: GenerationFrame | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid].t <= t) {
      found = frames[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
