/**
 * Drives the engine workers. A worker hosts several runs, interleaving them generation by
 * generation; runs are spread over as many workers as leave one core to the page (on a 2-core
 * machine all runs share one worker, so rendering never competes with two busy engines).
 * A slot whose spec changes is restarted at once under a new run id; the old run is cancelled in
 * its worker, and any message still in flight for it is dropped here because its id is stale.
 * A run asked for again with a spec that already ran to the end in this tab is shown from that
 * result (a spec and its seed fix every number): scenarios that share a run, like the fully
 * synthetic loop of most comparisons, compute it once. Reset computes again, to watch it.
 */
import type { MetricName } from '../../results/metrics';
import type { RunDocument } from '../../results/run-document';
import type { Spec } from '../../spec/schema';
import { BACKEND_LABELS, type BackendMeasurement, type BackendMessage, type FromWorker, type ToWorker } from '../../worker/protocol';
import { PAGE_RUNTIME } from '../runtime-options';
import { WorkerPool } from '../worker-pool';
import { type RunRecord, type RunSnapshot, emptyRecord, keepFrame } from './run-record';
import type { RunStore } from './run-store';

export interface WantedRun {
  spec: Spec | null;
  /** The settings asked for, valid or not: what a run that cannot start shows it was given. */
  settings: Spec;
  /** Why there is no spec: the validation messages. */
  error: string | null;
  label: string;
  colour: string;
}

const specKey = (spec: Spec) => JSON.stringify(spec);

/**
 * Whether a run shown is the one wanted: React draws runs a frame or more after the settings
 * change, and until then the panels still show the previous settings' runs. By identity first,
 * since sync hands every record the wanted spec object.
 */
export function showsWanted(record: RunSnapshot, want: WantedRun): boolean {
  const spec = want.spec ?? want.settings;
  return record.spec === spec || specKey(record.spec) === specKey(spec);
}

const WORKERS = Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1));

/** Finished runs kept for reuse: a few scenarios' worth, each holding its rows and a few frames of G^t. */
const FINISHED_KEPT = 8;

export class RunController {
  private readonly workers = new WorkerPool<ToWorker, FromWorker>({
    size: WORKERS,
    create: (index) => new Worker(new URL('../../worker/engine-worker.ts', import.meta.url), { type: 'module', name: `engine-${index + 1}` }),
    receive: (_, message) => this.receive(message),
    fail: (index, reason) => this.failWorker(index, `the engine worker failed: ${reason}`),
  });
  /** Runs computed to the end here, by spec, oldest first. */
  private readonly finished = new Map<string, RunRecord>();
  /** Backend timings per learner and size, made by any worker: handed to every run started, so none is timed twice. */
  private readonly measured = new Map<string, BackendMeasurement>();
  private nextId = 1;
  private paused = false;
  private delayMs: number;

  constructor(
    private readonly store: RunStore,
    delayMs: number,
  ) {
    this.delayMs = delayMs;
    // The first run's worker loads while the page renders for the first time: the first generation
    // is what a visitor waits for, and the worker's script and start-up took a quarter of a second.
    this.workers.prepare(0);
  }

  private send(slot: number, message: ToWorker): void {
    this.workers.post(slot, message);
  }

  private failWorker(index: number, message: string): void {
    this.store.records.forEach((record, slot) => {
      if (slot % WORKERS !== index || record.source !== 'worker') return;
      record.state = 'error';
      record.error = message;
    });
    this.store.changed();
  }

  /** Brings the slots in line with the wanted runs, restarting only those whose spec changed. */
  sync(wanted: WantedRun[]): void {
    const records = this.store.records;
    wanted.forEach((want, slot) => {
      const current = records[slot];
      if (current && want.spec && specKey(current.spec) === specKey(want.spec) && current.state !== 'error') {
        // The wanted object itself, so that showsWanted answers by identity.
        current.spec = want.spec;
        current.label = want.label;
        current.colour = want.colour;
        return;
      }
      if (!want.spec) {
        this.cancel(slot);
        // No spec to rerun: reset leaves this slot alone until its settings are fixed.
        const record = emptyRecord(this.nextId++, want.settings, want.label, want.colour, 'worker');
        record.state = 'error';
        record.error = want.error;
        records[slot] = record;
        return;
      }
      this.start(slot, want.spec, want.label, want.colour);
    });
    for (let slot = wanted.length; slot < records.length; slot++) this.cancel(slot);
    records.length = wanted.length;
    this.store.changed();
  }

  private start(slot: number, spec: Spec, label: string, colour: string, again = false): void {
    this.cancel(slot);
    const done = again ? undefined : this.finished.get(specKey(spec));
    if (done) {
      // Its lists are no longer written to: the copy shares them under its own id.
      this.store.records[slot] = { ...done, runId: this.nextId++, spec, label, colour };
      return;
    }
    const record = emptyRecord(this.nextId++, spec, label, colour, 'worker');
    record.state = this.paused ? 'idle' : 'running';
    this.store.records[slot] = record;
    this.send(slot, { type: 'start', runId: record.runId, spec, delayMs: this.delayMs, paused: this.paused, runtime: PAGE_RUNTIME.runtime, measured: [...this.measured.values()] });
  }

  private cancel(slot: number): void {
    const record = this.store.records[slot];
    if (record && record.source === 'worker' && (record.state === 'running' || record.state === 'paused' || record.state === 'idle'))
      this.send(slot, { type: 'cancel', runId: record.runId });
  }

  /** Restarts every run from generation 1 (same specs, same seeds). */
  reset(): void {
    this.store.records.forEach((r, slot) => {
      if (r.state !== 'error') this.start(slot, r.spec, r.label, r.colour, true);
    });
    this.store.changed();
  }

  private live(): [RunRecord, number][] {
    return this.store.records.map((r, slot) => [r, slot] as [RunRecord, number]).filter(([r]) => r.source === 'worker' && (r.state === 'running' || r.state === 'paused' || r.state === 'idle'));
  }

  play(): void {
    this.paused = false;
    for (const [record, slot] of this.live()) {
      record.state = 'running';
      this.send(slot, { type: 'resume', runId: record.runId });
    }
    this.store.changed();
  }

  pause(): void {
    this.paused = true;
    for (const [record, slot] of this.live()) {
      record.state = 'paused';
      this.send(slot, { type: 'pause', runId: record.runId });
    }
    this.store.changed();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** One generation of every unfinished run; pauses first. */
  step(): void {
    if (!this.paused) this.pause();
    for (const [record, slot] of this.live()) this.send(slot, { type: 'step', runId: record.runId });
  }

  setDelay(delayMs: number): void {
    this.delayMs = delayMs;
    for (const [record, slot] of this.live()) this.send(slot, { type: 'delay', runId: record.runId, delayMs });
  }

  /** Shows runs computed elsewhere (CLI, an export): metrics only, no pictures of G^t. */
  load(documents: RunDocument[], labels: string[], colours: string[]): void {
    this.store.records.forEach((_, slot) => this.cancel(slot));
    this.store.records = documents.map((doc, i) => {
      const record = emptyRecord(this.nextId++, doc.spec, labels[i], colours[i], 'document');
      record.state = 'done';
      record.rows = doc.generations.map((g) => ({ t: g.t, summary: g.metrics, iterations: g.iterations }));
      record.metrics = Object.keys(doc.generations[0]?.metrics ?? {}) as MetricName[];
      record.baseline = doc.baseline ?? null;
      const withTheory = doc.generations.filter((g) => g.theory);
      if (withTheory.length === doc.generations.length && withTheory.length > 0) {
        const theory: Partial<Record<MetricName, Float64Array>> = {};
        for (const name of Object.keys(withTheory[0].theory!) as MetricName[])
          theory[name] = Float64Array.from(doc.generations, (g) => g.theory![name] ?? NaN);
        record.theory = theory;
      }
      return record;
    });
    this.store.changed();
  }

  private receive(message: FromWorker): void {
    // Run ids are unique across slots and workers; a message whose run is no longer shown is stale.
    const record = this.store.records.find((r) => r.runId === message.runId);
    if (!record) return;
    switch (message.type) {
      case 'started':
        record.metrics = message.metrics;
        record.theory = message.theory;
        record.real = message.real;
        record.line = message.line;
        record.view = message.view;
        record.modes = message.modes;
        break;
      case 'generation': {
        record.rows.push({ t: message.t, summary: message.summary, iterations: message.iterations });
        record.frames = keepFrame(record.frames, { t: message.t, samples: message.samples, density: message.density, digits: message.digits, text: message.text });
        if (message.modeShare) record.modeShares.push(message.modeShare);
        const n = record.rows.length;
        record.computeMs += (message.computeMs - record.computeMs) / n;
        break;
      }
      case 'real-digits':
        record.realDigits = message.images;
        record.baseline = message.baseline;
        break;
      case 'backend': {
        const { backend, detail, skipped, reason, measurement, fallback } = message;
        record.backend = { backend, detail, skipped, reason, measurement };
        if (measurement) this.measured.set(measurement.key, measurement);
        if (fallback) record.backendNotices.push(fallbackNotice(message, fallback, record.spec.warmStart === 'on'));
        break;
      }
      case 'progress':
        record.training = { t: message.t, step: message.step, steps: message.steps, stepsPerSecond: message.stepsPerSecond };
        break;
      case 'paused':
        if (record.state === 'running') record.state = 'paused';
        break;
      case 'done':
        record.state = 'done';
        this.keepFinished(record);
        break;
      case 'error':
        record.state = 'error';
        record.error = message.message;
        break;
    }
    this.store.changed(record);
  }

  private keepFinished(record: RunRecord): void {
    const key = specKey(record.spec);
    this.finished.delete(key);
    this.finished.set(key, record);
    if (this.finished.size > FINISHED_KEPT) this.finished.delete(this.finished.keys().next().value!);
  }

  dispose(): void {
    this.workers.terminate();
  }
}

function fallbackNotice(message: BackendMessage, fallback: NonNullable<BackendMessage['fallback']>, warmStart: boolean): string {
  // The run may have been between generations when the backend failed: say where it goes on from.
  const t = fallback.resumedAfter;
  const from = t === 0 ? 'from the start' : `from the state after generation ${t}`;
  return (
    `${BACKEND_LABELS[fallback.from]} failed (${fallback.reason}); switched to ${BACKEND_LABELS[message.backend]}, and this run computes generation ${t + 1} ${from}: nothing already computed is lost.` +
    (warmStart && t > 0 ? ` Warm start begins again from scratch at generation ${t + 1}: the model of generation ${t} was on the failed backend.` : '')
  );
}
