/**
 * The training set D^t of each loop (MAD §3–5; accumulate after Gerstgrasser et al. 2024).
 * Generation 1 is always fit on n_ini real samples. For t ≥ 2:
 *   fully-synthetic: n_s samples from G^{t−1} only;
 *   augmentation:    the fixed generation-1 real set plus n_s samples from G^{t−1};
 *   fresh:           n_r newly drawn real samples plus n_s samples from G^{t−1};
 *   accumulate:      every sample used so far, plus n_s new synthetic (and n_r fresh real) ones.
 * Synthetic samples come from the immediately preceding model only, as in the paper's experiments.
 */
import type { Spec } from '../../spec/schema';

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** A pool that only grows, with amortised doubling so accumulate (and the web of ecosystem.ts) stays linear in its size. */
export class GrowingPool {
  private buffer = new Float64Array(0);
  private length = 0;

  append(part: Float64Array): void {
    if (this.length + part.length > this.buffer.length) {
      const next = new Float64Array(Math.max(2 * this.buffer.length, this.length + part.length));
      next.set(this.buffer.subarray(0, this.length));
      this.buffer = next;
    }
    this.buffer.set(part, this.length);
    this.length += part.length;
  }

  view(): Float64Array {
    return this.buffer.subarray(0, this.length);
  }

  get size(): number {
    return this.length;
  }

  /** Forgets everything appended after the pool had `length` numbers (rewinding to a checkpoint). */
  truncate(length: number): void {
    this.length = length;
  }
}

/** What a training set remembers between generations, for checkpoints. */
export interface TrainingSetState {
  fixedReal: Float64Array | null;
  poolLength: number;
}

export class TrainingSet {
  private fixedReal: Float64Array | null = null;
  private readonly pool = new GrowingPool();

  constructor(private readonly spec: Pick<Spec, 'loop' | 'nIni' | 'nReal'>) {}

  state(): TrainingSetState {
    return { fixedReal: this.fixedReal, poolLength: this.pool.size };
  }

  /** Back to an earlier state of this training set (the pool only grows, so its length suffices). */
  restore(state: TrainingSetState): void {
    this.fixedReal = state.fixedReal;
    this.pool.truncate(state.poolLength);
  }

  /**
   * D^t for generation t (1-based), row-major n×d. `synthetic` holds the n_s samples already drawn
   * from G^{t−1} (null at t = 1: sampling a neural model is asynchronous, so the caller draws it);
   * `real(n)` draws n real samples.
   */
  next(t: number, real: (n: number) => Float64Array, synthetic: Float64Array | null): Float64Array {
    const { loop, nIni, nReal } = this.spec;
    if (t === 1 || synthetic === null) {
      const initial = real(nIni);
      if (loop === 'augmentation') this.fixedReal = initial;
      if (loop === 'accumulate') this.pool.append(initial);
      return initial;
    }
    switch (loop) {
      case 'fully-synthetic':
        return synthetic;
      case 'augmentation':
        return concat([this.fixedReal as Float64Array, synthetic]);
      case 'fresh':
        return concat([real(nReal), synthetic]);
      case 'accumulate':
        this.pool.append(synthetic);
        if (nReal > 0) this.pool.append(real(nReal));
        return this.pool.view();
    }
  }
}
