/**
 * Everything the page keeps of one run: the stream of per-generation summaries (all of them, for
 * the curves and the table) and pictures of G^t (samples and density grid, or for MNIST a grid of
 * digits) for a bounded number of generations, thinned evenly once the budget is reached so long
 * runs stay within memory.
 */
import type { MetricName } from '../../engine/metrics/registry';
import type { Summary } from '../../engine/metrics/summary';
import type { Spec } from '../../spec/schema';
import type { BackendMessage, ProgressMessage, View } from '../../worker/protocol';

export type RunState = 'idle' | 'running' | 'paused' | 'done' | 'error';

export interface GenerationRow {
  t: number;
  summary: Partial<Record<MetricName, Summary>>;
  iterations: number;
}

export interface Snapshot {
  t: number;
  samples: Float64Array;
  density: Float64Array | null;
  /** MNIST: replicate 0's digits of G^t, n×784 grey levels. */
  digits: Uint8Array | null;
}

export interface RunRecord {
  /** Id of the worker run whose messages are accepted; every restart makes a new one. */
  runId: number;
  spec: Spec;
  label: string;
  colour: string;
  state: RunState;
  error: string | null;
  /** 'document': loaded from a run JSON, no pictures. */
  source: 'worker' | 'document';
  metrics: MetricName[];
  theory: Partial<Record<MetricName, Float64Array>> | null;
  real: Float64Array | null;
  view: View | null;
  modes: { centers: Float64Array; sigma: number } | null;
  /** MNIST: real training digits for the first panel, n×784 grey levels (null until loaded). */
  realDigits: Uint8Array | null;
  /** MNIST: the metrics of real digits against the held-out reference, the level of a perfect generator. */
  baseline: Partial<Record<MetricName, number>> | null;
  rows: GenerationRow[];
  snapshots: Snapshot[];
  /** Per generation t (index t − 1): replicate 0's share of each mode. */
  modeShares: Float64Array[];
  /** Mean worker milliseconds per generation. */
  computeMs: number;
  /** Neural runs: the TensorFlow.js backend they train on (null until the first generation starts). */
  backend: Omit<BackendMessage, 'type' | 'runId' | 'fallback'> | null;
  /** Neural runs: training progress of the latest generation reported. */
  training: Omit<ProgressMessage, 'type' | 'runId'> | null;
  /** One line per backend switch this run went through. */
  backendNotices: string[];
}

/** Memory allowed for the pictures of one run. */
const SNAPSHOT_BYTES = 48 * 1024 * 1024;
const MAX_SNAPSHOTS = 400;

export function snapshotBudget(bytesPerSnapshot: number): number {
  return Math.max(20, Math.min(MAX_SNAPSHOTS, Math.floor(SNAPSHOT_BYTES / bytesPerSnapshot)));
}

/** Appends, then drops every other snapshot between the first and the last when over budget. */
export function keepSnapshot(snapshots: Snapshot[], next: Snapshot): Snapshot[] {
  snapshots.push(next);
  const bytes = next.samples.byteLength + (next.density?.byteLength ?? 0) + (next.digits?.byteLength ?? 0);
  if (snapshots.length <= snapshotBudget(bytes)) return snapshots;
  return snapshots.filter((_, i) => i === 0 || i === snapshots.length - 1 || i % 2 === 0);
}

/** The latest kept snapshot at or before generation t. */
export function snapshotAt(snapshots: Snapshot[], t: number): Snapshot | null {
  let lo = 0;
  let hi = snapshots.length - 1;
  let found: Snapshot | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (snapshots[mid].t <= t) {
      found = snapshots[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function emptyRecord(runId: number, spec: Spec, label: string, colour: string, source: RunRecord['source']): RunRecord {
  return {
    runId,
    spec,
    label,
    colour,
    state: 'idle',
    error: null,
    source,
    metrics: [],
    theory: null,
    real: null,
    view: null,
    modes: null,
    realDigits: null,
    baseline: null,
    rows: [],
    snapshots: [],
    modeShares: [],
    computeMs: 0,
    backend: null,
    training: null,
    backendNotices: [],
  };
}
