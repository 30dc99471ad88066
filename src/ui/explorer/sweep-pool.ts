/**
 * Computes a sweep's cells on a pool of Web Workers, one per core by default: throughput matters
 * more than in the lab, and the page's own work per cell is a few object writes and one redraw
 * per frame. Each worker takes the next uncomputed cell as it finishes one, so uneven cells keep
 * every worker busy; cells of milliseconds go two at a time, so a worker never waits on a busy
 * main thread for its next one. Results stream into `progress`; listeners are told in an
 * animation frame, at most every STREAM_REDRAW_MS while cells stream in (each redraw repaints the
 * whole diagram, and with a worker per core that time would come out of the workers': measured,
 * redrawing every frame took a third of a core during the default sweep).
 * Cells already in the session cache never reach a worker, so a sweep seen before completes at
 * once. Cancelling terminates the workers (a sample-based cell can take seconds); the cells
 * finished so far stay cached, so resuming only computes the rest.
 */
import type { Baseline } from '../../engine/admissibility/baseline';
import { momentsApply } from '../../engine/admissibility/moment-replicate';
import { type CellResult, type Sweep, type SweepCell, type SweepResult, cellKey, sweepCells } from '../../engine/admissibility/sweep';
import type { FromSweepWorker, ToSweepWorker } from '../../worker/sweep-worker';
import { WorkerPool } from '../worker-pool';
import { cacheBaseline, cacheCell, cachedBaseline, cachedCell, hashKey } from './cell-cache';

export type SweepState = 'running' | 'done' | 'cancelled' | 'error';

export interface SweepProgress {
  sweep: Sweep;
  cells: SweepCell[];
  /** Null while a worker computes it. */
  baseline: Baseline | null;
  /** By cell index (row-major); undefined until the cell is done. */
  results: (CellResult | undefined)[];
  state: SweepState;
  error: string | null;
  done: number;
  /** Cells taken from the cache rather than computed. */
  cached: number;
  /** Worker milliseconds spent on the `computed` cells of this run: the ETA's mean cell time. */
  computeMs: number;
  computed: number;
  /** Workers this run uses. */
  workers: number;
  startedAt: number;
  /** Start to last cell, once done. */
  elapsedMs: number | null;
}

const STREAM_REDRAW_MS = 250;

/** One worker per core, at least one. */
export function defaultWorkerCount(): number {
  return Math.max(1, navigator.hardwareConcurrency || 1);
}

/** Seconds left: mean cell time × cells left ÷ workers; null before the first computed cell. */
export function etaSeconds(p: SweepProgress): number | null {
  if (p.state !== 'running' || p.computed === 0) return null;
  return ((p.computeMs / p.computed) * (p.cells.length - p.done)) / p.workers / 1000;
}

/** Baselines are cached by the whole sweep: a simulated one's reach depends on every cell. */
const sweepKey = (sweep: Sweep) => hashKey(JSON.stringify(sweep));
const keyOfCell = (cell: SweepCell, baseline: Baseline) => hashKey(cellKey(cell.spec, baseline));

/** Seeds the cache with a sweep computed elsewhere (a loaded file), so starting it completes at once. */
export function cacheSweepResult({ sweep, baseline, cells }: SweepResult): void {
  cacheBaseline(sweepKey(sweep), baseline);
  sweepCells(sweep).forEach((cell, i) => {
    const { ix: _ix, iy: _iy, x: _x, y: _y, ...result } = cells[i];
    cacheCell(keyOfCell(cell, baseline), result);
  });
}

export class SweepPool {
  progress: SweepProgress | null = null;
  private readonly workers: WorkerPool<ToSweepWorker, FromSweepWorker>;
  /** Messages carry the token of the run they belong to; anything older is dropped. */
  private token = 0;
  private queue: number[] = [];
  private keys: string[] = [];
  private version = 0;
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastDraw = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly size: number) {
    this.workers = new WorkerPool({
      size,
      create: (index) => new Worker(new URL('../../worker/sweep-worker.ts', import.meta.url), { type: 'module', name: `sweep-${index + 1}` }),
      receive: (index, message) => this.receive(index, message),
      fail: (_, reason) => this.fail(`a sweep worker failed: ${reason}`),
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** A new cell waits for the next streaming redraw; a change of state is drawn at the next frame. */
  private changed(): void {
    if (this.progress?.state !== 'running' || this.progress.done === 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.draw();
    } else if (!this.timer && !this.frame)
      this.timer = setTimeout(
        () => {
          this.timer = null;
          this.draw();
        },
        Math.max(0, this.lastDraw + STREAM_REDRAW_MS - performance.now()),
      );
  }

  private draw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.lastDraw = performance.now();
      this.version++;
      for (const l of this.listeners) l();
    });
  }

  start(sweep: Sweep): void {
    if (this.progress?.state === 'running') this.stopWorkers();
    const token = ++this.token;
    const cells = sweepCells(sweep);
    this.progress = {
      sweep,
      cells,
      baseline: null,
      results: new Array<CellResult | undefined>(cells.length).fill(undefined),
      state: 'running',
      error: null,
      done: 0,
      cached: 0,
      computeMs: 0,
      computed: 0,
      workers: 0,
      startedAt: performance.now(),
      elapsedMs: null,
    };
    this.queue = [];
    const baseline = cachedBaseline(sweepKey(sweep));
    if (baseline) this.dispatch(baseline);
    else {
      this.progress.workers = 1;
      this.workers.post(0, { type: 'baseline', token, sweep });
    }
    this.changed();
  }

  /** Stops the run; finished cells stay cached. */
  cancel(): void {
    if (this.progress?.state !== 'running') return;
    this.stopWorkers();
    this.progress.state = 'cancelled';
    this.changed();
  }

  dispose(): void {
    this.stopWorkers();
    cancelAnimationFrame(this.frame);
    if (this.timer) clearTimeout(this.timer);
  }

  /** With the baseline known: cached cells at once, the rest to the workers. */
  private dispatch(baseline: Baseline): void {
    const p = this.progress!;
    p.baseline = baseline;
    this.keys = p.cells.map((c) => keyOfCell(c, baseline));
    p.cells.forEach((_, i) => {
      const hit = cachedCell(this.keys[i]);
      if (hit) {
        p.results[i] = hit;
        p.done++;
        p.cached++;
      } else this.queue.push(i);
    });
    p.workers = Math.min(this.size, this.queue.length);
    // Sample-based cells take seconds: one at a time, so the last ones spread over every worker.
    const depth = momentsApply(p.sweep.base) ? 2 : 1;
    if (this.queue.length === 0) this.finish();
    else for (let round = 0; round < depth; round++) for (let w = 0; w < p.workers; w++) this.feed(w);
  }

  private feed(worker: number): void {
    const index = this.queue.shift();
    if (index === undefined) return;
    const p = this.progress!;
    this.workers.post(worker, { type: 'cell', token: this.token, index, spec: p.cells[index].spec, baseline: p.baseline! });
  }

  private receive(worker: number, message: FromSweepWorker): void {
    const p = this.progress;
    if (!p || message.token !== this.token || p.state !== 'running') return;
    if (message.type === 'baseline') {
      cacheBaseline(sweepKey(p.sweep), message.baseline);
      this.dispatch(message.baseline);
    } else if (message.type === 'cell') {
      p.results[message.index] = message.result;
      cacheCell(this.keys[message.index], message.result);
      p.done++;
      p.computed++;
      p.computeMs += message.ms;
      if (p.done === p.cells.length) this.finish();
      else this.feed(worker);
    } else this.fail(message.message);
    this.changed();
  }

  private finish(): void {
    const p = this.progress!;
    p.state = 'done';
    p.elapsedMs = performance.now() - p.startedAt;
  }

  private fail(message: string): void {
    const p = this.progress;
    if (p?.state !== 'running') return;
    this.stopWorkers();
    p.state = 'error';
    p.error = message;
    this.changed();
  }

  /** Terminating is the only way to stop a cell in flight; idle workers go too, and are made again on demand. */
  private stopWorkers(): void {
    this.workers.terminate();
    this.queue = [];
    this.token++;
  }
}
