/**
 * Messages between the page and the engine worker. The worker owns the clock: it advances runs
 * generation by generation and streams each one; the page only asks (start, pause, step, cancel)
 * and draws. Every message names its run, so results of a cancelled run can be dropped.
 */
import type { MetricName } from '../engine/metrics/registry';
import type { Summary } from '../engine/metrics/summary';
import type { Spec } from '../engine/spec/schema';

/** Square window of the data plane shown by the film strip, in data coordinates. */
export interface View {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Side of the density grid of G^t sent each generation. */
export const GRID_SIZE = 64;

export type ToWorker =
  | { type: 'start'; runId: number; spec: Spec; delayMs: number; paused: boolean }
  | { type: 'cancel'; runId: number }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'step'; runId: number }
  | { type: 'delay'; runId: number; delayMs: number };

export interface RunStarted {
  type: 'started';
  runId: number;
  metrics: MetricName[];
  /** Closed-form expectation per metric over t = 1..T, where the engine has one. */
  theory: Partial<Record<MetricName, Float64Array>> | null;
  /** Real samples for the film strip's first panel, n×2 (the first two coordinates). */
  real: Float64Array;
  view: View;
  /** Mode centres (K×2) and σ of mixture data, for the mode-survival chart. */
  modes: { centers: Float64Array; sigma: number } | null;
  dim: number;
}

export interface GenerationMessage {
  type: 'generation';
  runId: number;
  t: number;
  summary: Record<MetricName, Summary>;
  iterations: number;
  /** Replicate 0's evaluation samples of G^t, n×2 (the first two coordinates). */
  samples: Float64Array;
  /** ln density of G^t on a GRID_SIZE² grid over `view`, row-major from (x0, y0); 2-D data only. */
  density: Float64Array | null;
  /** Per mode: replicate 0's samples within 3σ of it divided by its fair share n/K. */
  modeShare: Float64Array | null;
  /** Milliseconds the worker spent computing this generation. */
  computeMs: number;
}

export type FromWorker =
  | RunStarted
  | GenerationMessage
  | { type: 'paused'; runId: number }
  | { type: 'done'; runId: number }
  | { type: 'error'; runId: number; message: string };
