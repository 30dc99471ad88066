/**
 * Which backend a neural run trains on. `?backend=` forces one. Otherwise the candidates (those
 * with a GPU, and WASM; or the ones `?backends=` lists) that started are timed against each other
 * on the run's own learner and network size, and the fastest is chosen: small networks can train
 * faster on WASM than on a real GPU, whose every operation costs a dispatch (toolchain notes), so
 * a fixed order can pick the slower one. A single candidate is used without timing.
 *
 * Timing a candidate: a generation of the run's spec (as long as the spec allows, so that it never
 * ends before its timing does), built once, trains on it while it holds tfjs alone; its first
 * WARMUP_MS, up to a progress report, are warm-up (shader compilation, first allocations, the
 * JIT), and the steps reported over the next TIMING_MS are counted; the generation is then
 * aborted and rewound for the next candidate. The candidates take ROUNDS turns and each keeps its
 * best: other load on the machine only ever slows a turn down, and the first turn of the first
 * candidate warms the JIT for them all. A candidate NO_CHANCE times slower than the fastest after
 * a round (beyond the 2–3× noise of these figures) is not timed again. The figures are kept per key (learner and the settings that set
 * a training step's size) while the worker lives, and the page hands those of its other workers
 * to each run it starts, so a size is timed once per page.
 */
import { Experiment, type ExperimentOptions } from '../engine/loops/experiment';
import { isNeural, learnerEntry } from '../spec/learners';
import { type Spec, type SpecKey, specFields } from '../spec/schema';
import type { Backends } from './backend';
import { BACKENDS, type BackendMeasurement, type BackendMessage, type BackendName, MEASURED_BY_DEFAULT, type Runtime } from './protocol';

/** What the page hears about a run's backend (a BackendMessage without its run and fallback). */
export type RunBackend = Omit<BackendMessage, 'type' | 'runId' | 'fallback'>;

/** Settings that change how many steps a generation takes, not what one step costs. */
const STEP_COUNT_FIELDS: ReadonlySet<SpecKey> = new Set(['steps', 'epochs', 'learningRate', 'warmStart']);

/** Milliseconds of training per candidate before its steps are counted, and counted. */
const WARMUP_MS = 100;
const TIMING_MS = 150;
const ROUNDS = 2;
const NO_CHANCE = 4;

/**
 * The learner and the settings that set a training step's size, as the link writes them
 * ("gan hidden=8 layers=1 batch-size=32 latent-dim=2 replicates=1"): replicates train as one batch,
 * except where models feed each other, whose networks train one at a time (experiment.ts) as one replicate's does.
 */
export function trainingSizeKey(spec: Spec): string {
  const fields = learnerEntry(spec.learner).fields.filter((f) => !STEP_COUNT_FIELDS.has(f));
  const sized = spec.models > 1 ? { ...spec, replicates: 1 } : spec;
  return [spec.learner, ...[...fields, 'replicates' as const].map((f) => `${specFields[f].flag}=${String(sized[f])}`)].join(' ');
}

/** Timings of this worker and those the page handed over, by key. */
const measurements = new Map<string, Promise<BackendMeasurement>>();

/** Keeps timings made elsewhere in the page (the start message's), unless this worker has its own. */
export function rememberMeasurements(list: readonly BackendMeasurement[]): void {
  for (const m of list) if (!measurements.has(m.key)) measurements.set(m.key, Promise.resolve(m));
}

/** Training steps per second of `experiment`'s next generation on the backend held now. */
async function stepsPerSecond(experiment: Experiment, failure: AbortSignal): Promise<number> {
  const enough = new AbortController();
  const begun = performance.now();
  let from: { step: number; at: number } | null = null;
  let rate = NaN;
  const onProgress = (step: number) => {
    const at = performance.now();
    if (!from) {
      if (at - begun >= WARMUP_MS) from = { step, at };
    } else if (at - from.at >= TIMING_MS) {
      rate = ((step - from.step) / (at - from.at)) * 1000;
      enough.abort();
    }
  };
  try {
    await experiment.next({ signal: AbortSignal.any([enough.signal, failure]), onProgress });
  } catch (error) {
    if (!enough.signal.aborted) throw error;
  }
  if (Number.isNaN(rate)) throw new Error('its generation ended before it was timed');
  return rate;
}

/** Times `candidates` on a generation of `spec`; a candidate that fails while timed is left out. */
async function timeBackends(spec: Spec, candidates: readonly BackendName[], backends: Backends, learner: (spec: Spec) => Promise<ExperimentOptions>): Promise<BackendMeasurement> {
  const begun = performance.now();
  const longest = { ...spec, steps: specFields.steps.max, epochs: specFields.epochs.max };
  const best = new Map<BackendName, number>();
  const broken = new Set<BackendName>();
  let experiment: Experiment | null = null;
  try {
    for (let round = 0; round < ROUNDS; round++)
      for (const backend of candidates) {
        const leader = Math.max(0, ...best.values());
        if (broken.has(backend) || (round > 0 && (best.get(backend) ?? 0) * NO_CHANCE < leader)) continue;
        const release = await backends.hold(backend, true);
        try {
          experiment ??= new Experiment(longest, { ...(await learner(longest)), resumable: true });
          const rate = await stepsPerSecond(experiment, backends.signal(backend));
          best.set(backend, Math.max(rate, best.get(backend) ?? 0));
        } catch {
          // Left out of the figures; a backend that broke is given up when a run's generation fails on it.
          broken.add(backend);
          best.delete(backend);
        } finally {
          experiment?.rewind();
          release();
        }
      }
  } finally {
    experiment?.dispose();
  }
  const figures = [...best].map(([backend, stepsPerSecond]) => ({ backend, stepsPerSecond }));
  figures.sort((a, b) => b.stepsPerSecond - a.stepsPerSecond);
  return { key: trainingSizeKey(spec), figures, overheadMs: performance.now() - begun };
}

/** The backend a run of `spec` starts on, and why; `learner` builds a spec's learner (for timing). */
export async function chooseBackend(spec: Spec, runtime: Runtime, backends: Backends, learner: (spec: Spec) => Promise<ExperimentOptions>): Promise<RunBackend> {
  await backends.ready;
  const on = (backend: BackendName, reason: RunBackend['reason'], measurement: BackendMeasurement | null = null): RunBackend => ({
    backend,
    detail: backends.detail(backend),
    skipped: backends.skipped,
    reason,
    measurement,
  });
  if (runtime.backend && backends.usable(runtime.backend)) return on(runtime.backend, 'forced');
  const candidates = BACKENDS.filter((b) => (runtime.backends ?? MEASURED_BY_DEFAULT).includes(b) && backends.usable(b));
  const first = candidates[0] ?? BACKENDS.find((b) => backends.usable(b));
  if (!first) throw new Error(`no TensorFlow.js backend is left to run on: ${backends.skipped.join('; ')}`);
  if (!isNeural(spec.learner)) return on(first, 'no-network');
  if (candidates.length < 2) return on(first, 'only');
  const key = trainingSizeKey(spec);
  let pending = measurements.get(key);
  const reused = pending !== undefined;
  if (!pending) {
    pending = timeBackends(spec, candidates, backends, learner);
    measurements.set(key, pending);
    pending.catch(() => measurements.delete(key));
  }
  const measurement = await pending;
  const fastest = measurement.figures.find((f) => backends.usable(f.backend))?.backend;
  return fastest ? on(fastest, reused ? 'reused' : 'measured', measurement) : on(first, 'only');
}
