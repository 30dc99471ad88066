/**
 * Everything the page keeps of one run. The controller updates a mutable RunRecord as messages
 * arrive; React reads immutable RunSnapshots of it (see run-store.ts). Frames of G^t are kept for
 * a bounded number of generations, thinned evenly once the budget is reached so long runs stay
 * within memory.
 */
import type { GenerationFrame, GenerationRow, RunView } from '../../results/run-view';
import type { BackendMessage, ProgressMessage } from '../../worker/protocol';

export type RunState = 'idle' | 'running' | 'paused' | 'done' | 'error';

/** A run as the page shows it: what the charts draw, and how its computation is going. */
export interface RunSnapshot extends RunView {
  readonly state: RunState;
  readonly error: string | null;
  /** Mean worker milliseconds per generation. */
  readonly computeMs: number;
  /** Neural runs: the TensorFlow.js backend they train on (null until the first generation starts). */
  readonly backend: Omit<BackendMessage, 'type' | 'runId' | 'fallback'> | null;
  /** Neural runs: training progress of the latest generation reported. */
  readonly training: Omit<ProgressMessage, 'type' | 'runId'> | null;
  /** One line per backend switch this run went through. */
  readonly backendNotices: readonly string[];
}

/** The controller's working copy of a run: a RunSnapshot whose fields and lists it updates in place. */
export type RunRecord = { -readonly [K in keyof RunSnapshot]: RunSnapshot[K] } & {
  rows: GenerationRow[];
  frames: GenerationFrame[];
  modeShares: Float64Array[];
  backendNotices: string[];
};

/**
 * An immutable copy of the record: the lists the controller appends to are copied, their items
 * (never mutated) shared; the other fields are only ever replaced, never changed in place.
 */
export function snapshotOf(record: RunRecord): RunSnapshot {
  return {
    ...record,
    rows: record.rows.slice(),
    frames: record.frames.slice(),
    modeShares: record.modeShares.slice(),
    backendNotices: record.backendNotices.slice(),
  };
}

/** Memory allowed for the pictures of one run. */
const FRAME_BYTES = 48 * 1024 * 1024;
const MAX_FRAMES = 400;

function frameBudget(bytesPerFrame: number): number {
  return Math.max(20, Math.min(MAX_FRAMES, Math.floor(FRAME_BYTES / bytesPerFrame)));
}

/** Appends, then drops every other frame between the first and the last when over budget. */
export function keepFrame(frames: GenerationFrame[], next: GenerationFrame): GenerationFrame[] {
  frames.push(next);
  const bytes = next.samples.byteLength + (next.density?.byteLength ?? 0) + (next.digits?.byteLength ?? 0) + (next.text?.probabilities.byteLength ?? 0);
  if (frames.length <= frameBudget(bytes)) return frames;
  return frames.filter((_, i) => i === 0 || i === frames.length - 1 || i % 2 === 0);
}

export function emptyRecord(runId: number, spec: RunSnapshot['spec'], label: string, colour: string, source: RunSnapshot['source']): RunRecord {
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
    line: null,
    view: null,
    modes: null,
    realDigits: null,
    baseline: null,
    rows: [],
    frames: [],
    modeShares: [],
    computeMs: 0,
    backend: null,
    training: null,
    backendNotices: [],
  };
}
