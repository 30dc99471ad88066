/**
 * What the digit generators (vae.ts, conv-gan.ts) share: checking and unpacking digit rows
 * (src/engine/digits/digits.ts: 784 pixels in [0, 1], then a label 0..9 or UNLABELLED), packing
 * samples back into rows, epoch-wise minibatches drawn from the engine Rng, the options every
 * digit generator takes, and chunked sampling that yields to the event loop.
 */
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_ROW, UNLABELLED } from '../../engine/digits/digits';
import type { Rng } from '../../engine/random/prng';
import { learnerEntry } from '../../spec/learners';
import type { LearnerKind } from '../../spec/schema';
import { type OptionRange, specDefaults, specRanges, YIELD_EVERY_MS, yieldToEventLoop } from '../common';

/** Pixels further than this outside [0, 1] are rejected; closer ones are clamped (float rounding). */
const PIXEL_SLACK = 1e-4;

/** The training rows of one fit, as the networks see them. */
export interface DigitData {
  /** n×784 pixel intensities in [0, 1], float32. */
  readonly pixels: Float32Array;
  /** n labels, 0..9 or UNLABELLED (−1). */
  readonly labels: Int8Array;
  readonly n: number;
}

/** Checks n digit rows and unpacks them; throws a RangeError naming the first bad row. */
export function digitData(name: string, rows: Float64Array, n: number): DigitData {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`${name}: needs at least one training digit, got n = ${n}`);
  if (rows.length !== n * DIGIT_ROW) throw new RangeError(`${name}: expected ${n}×${DIGIT_ROW} numbers, got ${rows.length}`);
  const pixels = new Float32Array(n * DIGIT_PIXELS);
  const labels = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * DIGIT_ROW;
    for (let p = 0; p < DIGIT_PIXELS; p++) {
      const v = rows[o + p];
      if (!(v >= -PIXEL_SLACK && v <= 1 + PIXEL_SLACK)) throw new RangeError(`${name}: digit ${i} has pixel ${p} = ${v}, outside [0, 1]`);
      pixels[i * DIGIT_PIXELS + p] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
    const label = rows[o + DIGIT_PIXELS];
    if (!(label === UNLABELLED || (Number.isInteger(label) && label >= 0 && label < DIGIT_CLASSES)))
      throw new RangeError(`${name}: digit ${i} has label ${label}, expected 0..${DIGIT_CLASSES - 1} or ${UNLABELLED}`);
    labels[i] = label;
  }
  return { pixels, labels, n };
}

/** Packs n×784 pixels (clamped to [0, 1]) and n labels (or one label for all) into digit rows. */
export function digitRows(pixels: ArrayLike<number>, labels: ArrayLike<number> | number, n: number): Float64Array {
  const rows = new Float64Array(n * DIGIT_ROW);
  for (let i = 0; i < n; i++) {
    const o = i * DIGIT_ROW;
    for (let p = 0; p < DIGIT_PIXELS; p++) {
      const v = pixels[i * DIGIT_PIXELS + p];
      rows[o + p] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
    rows[o + DIGIT_PIXELS] = typeof labels === 'number' ? labels : labels[i];
  }
  return rows;
}

/**
 * Minibatches of epochs: each epoch is a fresh permutation of the n rows (Fisher–Yates, from
 * `rng`), cut into ⌊n/B⌋ batches of B = min(batchSize, n) rows; the n mod B rows left over at the
 * end of a permutation sit that epoch out (a constant batch shape keeps every step's tensors alike,
 * and a tiny last batch would take a full-size Adam step on little data).
 */
export class EpochBatches {
  readonly batch: number;
  readonly perEpoch: number;
  private readonly order: Int32Array;
  private position: number;

  constructor(
    readonly n: number,
    batchSize: number,
    private readonly rng: Rng,
  ) {
    this.batch = Math.min(batchSize, n);
    this.perEpoch = Math.floor(n / this.batch);
    this.order = Int32Array.from({ length: n }, (_, i) => i);
    this.position = this.perEpoch; // shuffle on first use
  }

  /** Steps of `epochs` passes. */
  steps(epochs: number): number {
    return epochs * this.perEpoch;
  }

  /** Row indices of the next minibatch (a view, valid until the next call). */
  next(): Int32Array {
    if (this.position >= this.perEpoch) {
      const order = this.order;
      for (let i = order.length - 1; i > 0; i--) {
        const j = this.rng.int(i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      this.position = 0;
    }
    const start = this.position * this.batch;
    this.position += 1;
    return this.order.subarray(start, start + this.batch);
  }
}

/** Copies the pixels of the rows `index` into a fresh B×784 array (fresh: a backend may keep it). */
export function gatherPixels(data: DigitData, index: Int32Array, columns = DIGIT_PIXELS): Float32Array {
  const out = new Float32Array(index.length * columns);
  for (let i = 0; i < index.length; i++) out.set(data.pixels.subarray(index[i] * DIGIT_PIXELS, (index[i] + 1) * DIGIT_PIXELS), i * columns);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Options every digit generator takes

/** Options every digit generator takes (the loop's spec fields of the same names). */
export interface DigitTrainingOptions {
  /** Passes over the n training digits per generation. */
  epochs: number;
  /** Adam learning rate. */
  learningRate: number;
  /** Minibatch size B (capped at n). */
  batchSize: number;
  /** Continue from G^{t−1} (options.previous, same kind and architecture) instead of from scratch. */
  warmStart: boolean;
  /** onProgress is called every this many steps (not a spec field). */
  progressEvery: number;
}

const TRAINING_FIELDS = ['epochs', 'learningRate', 'batchSize'] as const;

/** Ranges of the shared options: the spec fields' of the same names (src/spec/schema.ts). */
export const DIGIT_TRAINING_RANGES: Record<string, OptionRange> = specRanges(TRAINING_FIELDS);

/** Defaults of the shared options: the spec's, or the learner's own (spec/learners.ts). */
export function digitTrainingDefaults(learner: LearnerKind): Pick<DigitTrainingOptions, (typeof TRAINING_FIELDS)[number]> {
  return { ...specDefaults(TRAINING_FIELDS), ...learnerEntry(learner).defaults };
}

/** Checks the options that are not numbers with a range. */
export function checkFlags(name: string, o: DigitTrainingOptions): void {
  if (typeof o.warmStart !== 'boolean') throw new RangeError(`${name}: warmStart must be a boolean`);
  if (!(Number.isInteger(o.progressEvery) && o.progressEvery >= 1)) throw new RangeError(`${name}: progressEvery must be a positive integer`);
}

/** Checks a sampling request. */
export function checkSampleRequest(name: string, n: number, lambda: number): void {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`${name}: n must be a non-negative integer, got ${n}`);
  if (!(lambda > 0 && lambda <= 1)) throw new RangeError(`${name}: λ must be in (0, 1], got ${lambda}`);
}

/**
 * Runs `chunk(start, rows)` over [0, n) in chunks of at most `size` rows, yielding to the event
 * loop at least every YIELD_EVERY_MS so that a worker stays responsive while it samples.
 */
export async function inChunks(n: number, size: number, chunk: (start: number, rows: number) => Promise<void>): Promise<void> {
  let lastYield = performance.now();
  for (let start = 0; start < n; start += size) {
    await chunk(start, Math.min(size, n - start));
    if (performance.now() - lastYield >= YIELD_EVERY_MS && start + size < n) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
}
