/**
 * Messages between the page and the engine worker. The worker owns the clock: it advances runs
 * generation by generation and streams each one; the page only asks (start, pause, step, cancel)
 * and draws. Every message names its run, so results of a cancelled run can be dropped.
 */
import type { MetricName } from '../engine/metrics/registry';
import type { Summary } from '../engine/metrics/summary';
import type { GenerationFrame, ModeCentres, RealLine, View } from '../results/run-view';
import type { Spec } from '../spec/schema';

/** Digits per picture of an MNIST run (a 10 × 10 grid): real digits, and replicate 0's samples of G^t. */
export const DIGIT_GRID = 100;

/** Words of sample text per panel of a text run: real words, and replicate 0's samples of G^t. */
export const TEXT_SAMPLE = 24;

/** TensorFlow.js backends, fastest first on a machine with a GPU (see backend.ts for the rule). */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export const BACKEND_LABELS: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };
/** The backends timed against each other unless the link lists others: CPU is only the last fallback. */
export const MEASURED_BY_DEFAULT: readonly BackendName[] = ['webgpu', 'webgl', 'wasm'];

/**
 * Training steps per second of one learner and network size on each backend timed, and what
 * timing them cost. Kept by the page per key while it is open and handed to every worker, so
 * that a size is timed once per page.
 */
export interface BackendMeasurement {
  /** The learner and the settings that set a training step's size ("gan hidden=8 layers=1 …"). */
  key: string;
  /** Fastest first. */
  figures: { backend: BackendName; stepsPerSecond: number }[];
  /** Milliseconds the timing took, warm-up and setup included. */
  overheadMs: number;
}

/**
 * Why a run trains on its backend: forced by `?backend=`; the only candidate this browser can run
 * (nothing to time); the learner has no network to time (only its metrics' classifier runs on
 * tfjs); the fastest measured, just now by this run or earlier in this page; or the one the run
 * moved to when its backend failed.
 */
export type BackendReason = 'forced' | 'only' | 'no-network' | 'measured' | 'reused' | 'fallback';

/** How the neural learners run: settings of the browser session, not of the experiment. */
export interface Runtime {
  /** The backend to use (`?backend=` in the link); null: the fastest one measured. */
  backend: BackendName | null;
  /**
   * The backends measured against each other (`?backends=` in the link; listed ones may be
   * software renderers); null: those with a GPU or WASM (MEASURED_BY_DEFAULT).
   */
  backends: BackendName[] | null;
  /** Test hook (`?fail-backend-at=K`): the backend in use fails in the middle of generation K. */
  failBackendAt: number | null;
  /**
   * The page's base URL (ends with '/'): the files it ships (public/: MNIST, LeNet) lie under it,
   * whatever folder the page is served from. Only the page knows it: a worker's own location is
   * its script's, in the build's assets folder.
   */
  assets: string;
}

export type ToWorker =
  | { type: 'start'; runId: number; spec: Spec; delayMs: number; paused: boolean; runtime: Runtime; measured: BackendMeasurement[] }
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
  /** Real samples for the film strip's first panel, n×2 (the first two coordinates); words: TEXT_SAMPLE word ids. */
  real: Float64Array;
  view: View;
  /** 1-D data: the real distribution, for the film strip's histograms; null otherwise. */
  line: RealLine | null;
  /** Mode centres (K×2) and σ of mixture data, for the mode-survival chart. */
  modes: ModeCentres | null;
}

/** One generation computed: its summaries over the replicates and its frame of G^t (samples, density or digits). */
export interface GenerationMessage extends GenerationFrame {
  type: 'generation';
  runId: number;
  summary: Record<MetricName, Summary>;
  iterations: number;
  /** Per mode: replicate 0's samples within 3σ of it divided by its fair share n/K; for MNIST per digit class (LeNet's labels). */
  modeShare: Float64Array | null;
  /** Milliseconds the worker spent computing this generation. */
  computeMs: number;
}

/** The backend a neural run trains on, sent when it starts and after every switch. */
export interface BackendMessage {
  type: 'backend';
  runId: number;
  backend: BackendName;
  /** "SIMD", the WebGPU adapter, the WebGL renderer: what the backend runs on. */
  detail: string;
  /** Why each faster backend was not used, one line each ("WebGPU: no adapter"). */
  skipped: string[];
  reason: BackendReason;
  /** The timing behind a 'measured' or 'reused' choice; null otherwise. */
  measurement: BackendMeasurement | null;
  /** Set when the run moved here because its backend failed; it resumed after generation `resumedAfter`. */
  fallback: { from: BackendName; reason: string; resumedAfter: number } | null;
}

/**
 * MNIST runs, once the data and the classifier are loaded (before generation 1): real training
 * digits for the film strip's first panel, and what real data score against the held-out
 * reference ("real vs real"), the level a perfect generator would reach.
 */
export interface RealDigitsMessage {
  type: 'real-digits';
  runId: number;
  /** DIGIT_GRID training digits, n×784 grey levels 0..255. */
  images: Uint8Array;
  baseline: Partial<Record<MetricName, number>>;
}

/** Training progress of the generation in flight (neural learners), at most a few times a second. */
export interface ProgressMessage {
  type: 'progress';
  runId: number;
  /** The generation being trained. */
  t: number;
  /** Training steps done and to do, summed over the replicates. */
  step: number;
  steps: number;
  /** Training steps per second in this generation so far. */
  stepsPerSecond: number;
}

export type FromWorker =
  | RunStarted
  | GenerationMessage
  | BackendMessage
  | ProgressMessage
  | RealDigitsMessage
  | { type: 'paused'; runId: number }
  | { type: 'done'; runId: number }
  | { type: 'error'; runId: number; message: string };
