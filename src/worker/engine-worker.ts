/**
 * The engine's thread. Each run advances one generation per turn of the worker's event loop, so
 * 'cancel', 'pause' and speed changes are handled between generations (a generation costs
 * milliseconds), and a long generation (large n, many replicates) yields between its replicates,
 * so a cancel stops it part-way and the other runs go on. Cancelled runs are forgotten at once;
 * nothing of theirs is posted afterwards.
 *
 * Neural runs train with TensorFlow.js, loaded on their first generation (neural-runtime.ts), on
 * the backend chosen for their learner and size (backend-choice.ts), which each generation holds
 * while it trains (runs on other backends wait their turn: backend-gate.ts). They report training
 * progress while a generation trains, and survive their backend failing: the generation in flight
 * stops at its next step, the run moves to another backend (backend.ts) and resumes from its last
 * finished generation (the engine's checkpoints), so nothing already computed is lost.
 */
import { realDistribution } from '../engine/data';
import type { Model } from '../engine/learners/model';
import { Experiment } from '../engine/loops/experiment';
import { chooseMetrics } from '../engine/metrics/selection';
import { type DataKind, domainEntry } from '../spec/domains';
import { needsTensorflow } from '../spec/learners';
import type { Spec } from '../spec/schema';
import { dataDim, normaliseSpec } from '../spec/validate';
import { theoryFor } from '../engine/theory';
import { densityGrid } from './density-grid';
import { type NeuralRuntime, neuralRuntime } from './neural-runtime';
import { chooseBackend, rememberMeasurements, type RunBackend } from './backend-choice';
import { digitGrid, realDigitsMessage } from './digit-view';
import type { UnigramModel } from '../engine/text/unigram';
import { loadWordData, wordDataLoaded } from '../engine/text/corpus';
import { firstTwoCoordinates, realPanelSamples, realPanelWords, viewOf } from './view';
import { BACKEND_LABELS, type BackendMessage, type FromWorker, type GenerationMessage, type Runtime, TEXT_SAMPLE, type ToWorker } from './protocol';
import type { View } from '../results/run-view';

/** Progress messages per run are at least this far apart. */
const PROGRESS_MS = 100;

interface Run {
  id: number;
  spec: Spec;
  /** Created at start for closed-form learners, on the first generation for neural ones. */
  experiment: Experiment | null;
  /** The page's backend settings; null for the closed-form learners. */
  runtime: Runtime | null;
  /** Neural runs: the backend it trains on and why; null until its first generation. */
  backend: RunBackend | null;
  /** When the last progress message was posted. */
  progressAt: number;
  view: View;
  delayMs: number;
  paused: boolean;
  /** Bumped whenever the pending turn must not run (pause, cancel, speed change). */
  turn: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** A generation is being computed. */
  busy: boolean;
  /** Single steps asked for while a generation was in flight. */
  queuedSteps: number;
  /** Aborts the generation in flight when the run is cancelled. */
  abort: AbortController;
}

/** The worker global, typed by hand: the project's lib is DOM, not WebWorker. */
const scope = self as unknown as {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};
const runs = new Map<number, Run>();

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

// A MessageChannel turn yields to the event loop without setTimeout's 4 ms clamp, so "max" speed
// still lets queued messages (cancel, pause) in between generations.
const channel = new MessageChannel();
const soon: (() => void)[] = [];
channel.port1.onmessage = () => soon.shift()?.();

/** A turn of the event loop, for a generation in flight to let messages (cancel, other runs) in. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    soon.push(resolve);
    channel.port2.postMessage(null);
  });
}

/**
 * A generation yields at most every SLICE_MS: often enough that cancel, reset and the other runs
 * of this worker proceed within a replicate's time, rarely enough to cost nothing measurable.
 */
const SLICE_MS = 50;

function interleaver(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    await nextTurn();
    since = performance.now();
  };
}

function schedule(run: Run): void {
  const turn = ++run.turn;
  const go = () => {
    if (live(run) && run.turn === turn && !run.paused) void advance(run);
  };
  if (run.delayMs > 0) run.timer = setTimeout(go, run.delayMs);
  else {
    soon.push(go);
    channel.port2.postMessage(null);
  }
}

function stopTimer(run: Run): void {
  run.turn++;
  if (run.timer !== null) clearTimeout(run.timer);
  run.timer = null;
}

function fail(id: number, error: unknown): void {
  runs.delete(id);
  post({ type: 'error', runId: id, message: error instanceof Error ? error.message : String(error) });
}

/** Whether `run` is still the live run of its id (not cancelled or replaced meanwhile). */
function live(run: Run): boolean {
  return runs.get(run.id) === run;
}

/** The simulated backend failure of `?fail-backend-at=` happens once per worker. */
let simulatedFailure = false;

/**
 * Readies a neural run's generation: chooses its backend on the first one (timing candidates,
 * backend-choice.ts) and moves it to another after its backend failed, rewinding it to its last
 * finished generation; builds its experiment on the first one; and holds its backend for it.
 * Either way the page hears which backend the run is on (and, after a switch, why). Resolves with
 * the release of the hold; null when the run was cancelled meanwhile (nothing held).
 */
async function prepareNeural(run: Run, runtime: Runtime, neural: NeuralRuntime): Promise<(() => void) | null> {
  const { backends } = neural;
  let fallback: BackendMessage['fallback'] = null;
  if (!run.backend) run.backend = await chooseBackend(run.spec, runtime, backends, (spec) => neural.experimentLearner(spec, runtime.assets));
  const from = run.backend.backend;
  const why = backends.failedWhy(from);
  if (why !== null) {
    const to = backends.fallbackFrom(from, run.backend.measurement?.figures.map((f) => f.backend) ?? []);
    if (!to) throw new Error(`${BACKEND_LABELS[from]} failed (${why}) and no TensorFlow.js backend is left to fall back to: every one has failed in this page session`);
    run.backend = { ...run.backend, backend: to, detail: backends.detail(to), skipped: backends.skipped, reason: 'fallback' };
    fallback = { from, reason: why, resumedAfter: run.experiment ? run.experiment.rewind() : 0 };
  }
  if (!live(run)) return null;
  const announce = !run.experiment || fallback !== null;
  const release = await backends.hold(run.backend.backend);
  try {
    if (!run.experiment && live(run)) {
      const learner = await neural.experimentLearner(run.spec, runtime.assets);
      if (live(run)) run.experiment = new Experiment(run.spec, { ...learner, resumable: true });
      if (learner.digits && live(run)) {
        const real = await realDigitsMessage(run.id, run.spec, learner.digits);
        if (live(run)) post(real, [real.images.buffer]);
      }
    }
  } catch (error) {
    release();
    throw error;
  }
  if (announce && live(run)) post({ type: 'backend', runId: run.id, ...run.backend, fallback });
  return release;
}

/**
 * After a neural generation failed (not cancelled): gives up its backend, unless a run that failed
 * on it first already did, so that the next advance moves the run to another backend and computes
 * the generation again there, or ends it when none is left.
 */
function recover(run: Run, neural: NeuralRuntime, error: unknown): void {
  if (run.backend) neural.backends.fail(run.backend.backend, error instanceof Error ? error.message : String(error));
}

/** Training progress of generation t, posted at most every PROGRESS_MS; `?fail-backend-at=` strikes here. */
function progressOf(run: Run, neural: NeuralRuntime, failBackendAt: number | null, t: number): (step: number, steps: number) => void {
  let first: { step: number; at: number } | null = null;
  return (step, steps) => {
    if (failBackendAt === t && 2 * step >= steps && !simulatedFailure && run.backend) {
      simulatedFailure = true;
      neural.backends.breakDown(run.backend.backend, `simulated failure, fail-backend-at=${t}`);
    }
    const now = performance.now();
    first ??= { step, at: now };
    if (now - run.progressAt < PROGRESS_MS && step < steps) return;
    run.progressAt = now;
    const stepsPerSecond = now > first.at ? ((step - first.step) / (now - first.at)) * 1000 : 0;
    post({ type: 'progress', runId: run.id, t, step, steps, stepsPerSecond });
  };
}

/**
 * Computes and posts the next generation. A generation may take long (neural learners train for
 * seconds), so one is in flight at a time; steps asked for meanwhile are queued, and a run
 * cancelled meanwhile is aborted within one training step and its result dropped.
 */
async function advance(run: Run): Promise<void> {
  if (run.busy) return;
  run.busy = true;
  const started = performance.now();
  const { runtime } = run;
  let message: GenerationMessage | null = null;
  let retry = false;
  let release: (() => void) | null = null;
  try {
    const neural = runtime ? await neuralRuntime(runtime) : null;
    release = neural && runtime ? await prepareNeural(run, runtime, neural) : null;
    if (!live(run) || !run.experiment) return;
    const t = run.experiment.generation + 1;
    const onProgress = neural && runtime ? progressOf(run, neural, runtime.failBackendAt, t) : undefined;
    // A neural generation also stops when its backend fails; one that completes after that is not kept.
    const signal = neural && run.backend ? AbortSignal.any([run.abort.signal, neural.backends.signal(run.backend.backend)]) : run.abort.signal;
    try {
      const result = await run.experiment.next({ signal, onProgress, interleave: interleaver() });
      if (result && live(run)) {
        const { model, evaluation } = result.first;
        const width = run.experiment.width;
        const { panel } = domainEntry(run.spec.data);
        const digits = panel === 'digits';
        const n = evaluation.length / width;
        message = {
          type: 'generation',
          runId: run.id,
          t: result.t,
          summary: result.summary,
          iterations: result.iterations,
          samples: panel === 'points' ? firstTwoCoordinates(evaluation, n, width) : new Float64Array(0),
          digits: digits ? digitGrid(evaluation, n) : null,
          text: panel === 'text' ? { probabilities: Float64Array.from((model as UnigramModel).probabilities), sample: evaluation.slice(0, TEXT_SAMPLE) } : null,
          density: width === 2 ? await densityGrid(model as Model, run.view) : null,
          modeShare: result.first.modeShare,
          computeMs: performance.now() - started,
        };
      }
    } catch (error) {
      // A neural generation that failed is computed again on the next backend (paused or not:
      // it was asked for); anything else, or a failure with no backend left, ends the run.
      if (!(neural && live(run))) throw error;
      recover(run, neural, error);
      retry = true;
    }
  } catch (error) {
    if (live(run)) fail(run.id, error);
    return;
  } finally {
    release?.();
    run.busy = false;
  }
  if (retry) {
    if (live(run)) void advance(run);
    return;
  }
  if (!message || !live(run) || !run.experiment) return;
  const transfer: Transferable[] = [message.samples.buffer];
  if (message.digits) transfer.push(message.digits.buffer);
  if (message.density) transfer.push(message.density.buffer);
  if (message.modeShare) transfer.push(message.modeShare.buffer);
  if (message.text) transfer.push(message.text.probabilities.buffer, message.text.sample.buffer);
  post(message, transfer);
  if (run.experiment.done) {
    runs.delete(run.id);
    post({ type: 'done', runId: run.id });
  } else if (!run.paused) schedule(run);
  else if (run.queuedSteps > 0) {
    run.queuedSteps--;
    void advance(run);
  }
}

function start(message: Extract<ToWorker, { type: 'start' }>): void {
  rememberMeasurements(message.measured);
  const checked = normaliseSpec(message.spec as unknown as Record<string, unknown>);
  if (!checked.ok) {
    post({ type: 'error', runId: message.runId, message: checked.issues.map((i) => i.message).join('; ') });
    return;
  }
  // The page draws every metric of the data (charts, tables, the film strip's samples): whatever a
  // link's `metrics` asks, a page run computes them all, and its run document says so.
  const spec = { ...checked.value, metrics: 'all' };
  try {
    const neural = needsTensorflow(spec);
    const experiment = neural ? null : new Experiment(spec);
    // Digits have no distribution of points: their real panel comes with the data ('real-digits').
    const { panel } = domainEntry(spec.data);
    // Only points have a distribution to draw: digits' real panel comes with the data ('real-digits'), words are ids.
    const realDist = panel === 'points' ? (experiment?.real ?? realDistribution(spec)) : null;
    const real = realDist ? realPanelSamples(spec, realDist) : panel === 'text' ? realPanelWords(spec, TEXT_SAMPLE) : new Float64Array(0);
    const view = realDist ? viewOf(real, dataDim(spec)) : { x0: 0, x1: 1, y0: 0, y1: 1 };
    const run: Run = {
      id: message.runId,
      spec,
      experiment,
      runtime: neural ? message.runtime : null,
      backend: null,
      progressAt: 0,
      view,
      delayMs: message.delayMs,
      paused: message.paused,
      turn: 0,
      timer: null,
      busy: false,
      queuedSteps: 0,
      abort: new AbortController(),
    };
    runs.set(run.id, run);
    const modes = realDist?.modes ?? null;
    const theory = theoryFor(spec);
    post(
      {
        type: 'started',
        runId: run.id,
        metrics: chooseMetrics(spec, realDist).computed,
        theory,
        real,
        view,
        line: realDist?.dim === 1 ? { mean: realDist.mean[0], variance: realDist.cov[0] } : null,
        modes: modes ? { centers: Float64Array.from(modes.centers), sigma: modes.sigma } : null,
      },
      [real.buffer],
    );
    // The first generation is computed at once whatever the speed, so the page shows G^1 immediately.
    if (!run.paused) void advance(run);
  } catch (error) {
    fail(message.runId, error);
  }
}

/**
 * Runs whose data table is still loading (English words, loaded once per worker on first use),
 * with the messages that came for them meanwhile: they start when it arrives and then hear those
 * messages in order, unless cancelled meanwhile.
 */
const loading = new Map<number, ToWorker[]>();

function receive(message: ToWorker): void {
  if (message.type === 'start') {
    // Unvalidated yet: data the corpus does not know needs no table, and start() names what is wrong.
    if (wordDataLoaded(message.spec.data as DataKind)) {
      start(message);
      return;
    }
    loading.set(message.runId, []);
    const { runId } = message;
    const ready = (error?: unknown) => {
      const queued = loading.get(runId);
      loading.delete(runId);
      if (!queued) return;
      if (error === undefined) {
        start(message);
        queued.forEach(receive);
      } else fail(runId, error);
    };
    loadWordData(message.spec.data as DataKind).then(() => ready(), ready);
    return;
  }
  const queued = loading.get(message.runId);
  if (queued) {
    if (message.type === 'cancel') loading.delete(message.runId);
    else queued.push(message);
    return;
  }
  const run = runs.get(message.runId);
  if (!run) return;
  switch (message.type) {
    case 'cancel':
      stopTimer(run);
      runs.delete(run.id);
      run.abort.abort();
      run.experiment?.dispose();
      break;
    case 'pause':
      run.paused = true;
      stopTimer(run);
      post({ type: 'paused', runId: run.id });
      break;
    case 'resume':
      if (!run.paused) break;
      run.paused = false;
      void advance(run);
      break;
    case 'step':
      if (!run.paused) break;
      if (run.busy) run.queuedSteps++;
      else void advance(run);
      break;
    case 'delay':
      run.delayMs = message.delayMs;
      if (!run.paused) {
        stopTimer(run);
        schedule(run);
      }
      break;
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => receive(event.data);
