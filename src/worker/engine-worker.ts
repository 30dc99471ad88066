/**
 * The engine's thread. Each run advances one generation per turn of the worker's event loop, so
 * 'cancel', 'pause' and speed changes are handled between generations (a generation costs
 * milliseconds). Cancelled runs are forgotten at once; nothing of theirs is posted afterwards.
 */
import { Experiment } from '../engine/loops/experiment';
import { normaliseSpec } from '../engine/spec/validate';
import { gaussianTheory } from '../engine/theory/gaussian-loops';
import { densityGrid } from './density-grid';
import { firstTwoCoordinates, realPanelSamples, viewOf } from './view';
import type { FromWorker, GenerationMessage, ToWorker, View } from './protocol';

interface Run {
  id: number;
  experiment: Experiment;
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

/**
 * Computes and posts the next generation. A generation may take long (neural learners train for
 * seconds), so one is in flight at a time; steps asked for meanwhile are queued, and a run
 * cancelled meanwhile is aborted within one training step and its result dropped.
 */
async function advance(run: Run): Promise<void> {
  if (run.busy) return;
  run.busy = true;
  const started = performance.now();
  let message: GenerationMessage | null = null;
  try {
    const result = await run.experiment.next({ signal: run.abort.signal });
    if (result && live(run)) {
      const { model, evaluation } = result.first;
      const n = evaluation.length / model.dim;
      message = {
        type: 'generation',
        runId: run.id,
        t: result.t,
        summary: result.summary,
        iterations: result.iterations,
        samples: firstTwoCoordinates(evaluation, n, model.dim),
        density: model.dim === 2 ? await densityGrid(model, run.view) : null,
        modeShare: result.first.modeShare,
        computeMs: performance.now() - started,
      };
    }
  } catch (error) {
    if (live(run)) fail(run.id, error);
    return;
  } finally {
    run.busy = false;
  }
  if (!message || !live(run)) return;
  const transfer: Transferable[] = [message.samples.buffer];
  if (message.density) transfer.push(message.density.buffer);
  if (message.modeShare) transfer.push(message.modeShare.buffer);
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
  const checked = normaliseSpec(message.spec as unknown as Record<string, unknown>);
  if (!checked.ok) {
    post({ type: 'error', runId: message.runId, message: checked.issues.map((i) => i.message).join('; ') });
    return;
  }
  const spec = checked.value;
  try {
    const experiment = new Experiment(spec);
    const real = realPanelSamples(spec, experiment.real);
    const view = viewOf(real, spec.data === 'gaussian' ? spec.dim : 2);
    const run: Run = {
      id: message.runId,
      experiment,
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
    const modes = experiment.real.modes;
    const theory = gaussianTheory(spec);
    post(
      {
        type: 'started',
        runId: run.id,
        metrics: experiment.metrics,
        theory,
        real,
        view,
        modes: modes ? { centers: Float64Array.from(modes.centers), sigma: modes.sigma } : null,
        dim: experiment.real.dim,
      },
      [real.buffer],
    );
    // The first generation is computed at once whatever the speed, so the page shows G^1 immediately.
    if (!run.paused) void advance(run);
  } catch (error) {
    fail(message.runId, error);
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'start') {
    start(message);
    return;
  }
  const run = runs.get(message.runId);
  if (!run) return;
  switch (message.type) {
    case 'cancel':
      stopTimer(run);
      runs.delete(run.id);
      run.abort.abort();
      run.experiment.dispose();
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
};
