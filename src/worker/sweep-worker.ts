/**
 * A thread of the admissibility explorer's pool. It keeps no state: every message carries what it
 * needs (the sweep for its baseline, or one cell's spec with the baseline), and gets one answer.
 * So the pool may send any cell to any worker, and cancels by terminating workers, which also
 * stops a sample-based cell that takes seconds.
 */
import type { Baseline } from '../engine/admissibility/baseline';
import { type CellResult, type Sweep, computeCell, sweepBaseline } from '../engine/admissibility/sweep';
import type { Spec } from '../spec/schema';

export type ToSweepWorker =
  | { type: 'baseline'; token: number; sweep: Sweep }
  | { type: 'cell'; token: number; index: number; spec: Spec; baseline: Baseline };

export type FromSweepWorker =
  | { type: 'baseline'; token: number; baseline: Baseline }
  /** `ms`: the time this worker spent on the cell, for the page's ETA. */
  | { type: 'cell'; token: number; index: number; result: CellResult; ms: number }
  | { type: 'error'; token: number; message: string };

/** The worker global, typed by hand: the project's lib is DOM, not WebWorker. */
const scope = self as unknown as {
  postMessage(message: FromSweepWorker): void;
  onmessage: ((event: MessageEvent<ToSweepWorker>) => void) | null;
};

scope.onmessage = async ({ data }) => {
  try {
    if (data.type === 'baseline') scope.postMessage({ type: 'baseline', token: data.token, baseline: await sweepBaseline(data.sweep) });
    else {
      const start = performance.now();
      const result = await computeCell(data.spec, data.baseline);
      scope.postMessage({ type: 'cell', token: data.token, index: data.index, result, ms: performance.now() - start });
    }
  } catch (error) {
    scope.postMessage({ type: 'error', token: data.token, message: error instanceof Error ? error.message : String(error) });
  }
};
