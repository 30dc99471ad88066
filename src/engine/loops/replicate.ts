/**
 * One independent run of a self-consuming loop: its random streams, its current model G^t and
 * the metrics of each generation. What the loop trains on and how it is measured come from its
 * LoopParts (2-D points and Gaussians: point-loop.ts; MNIST digits: ../digits/digit-loop.ts); the
 * loop itself, its streams and its checkpoints are the same for both.
 */
import type { FitJob, FitOptions } from '../learners/model';
import type { MetricName } from '../metrics/registry';
import { Rng, StreamRole } from '../random/prng';
import type { Spec } from '../../spec/schema';
import { TrainingSet, type TrainingSetState } from './training-set';

/** What the loop needs of a fitted model G^t. */
export interface Fitted {
  /** n draws (n rows) with sampling bias λ. */
  sample(rng: Rng, n: number, lambda: number): Float64Array | Promise<Float64Array>;
  /** Iterations the fit took (EM iterations, training steps); 0 for closed-form fits. */
  readonly iterations: number;
  dispose?(): void;
}

/** A generation's measurements of G^t. */
export interface Evaluation {
  /** n_eval samples of G^t drawn as synthetic data are (with λ); none when the run computes no metric measured on samples. */
  evaluation: Float64Array;
  metrics: Record<MetricName, number>;
  /** Per mode of P_r (or per digit class), its share of the evaluation samples; null without modes. */
  modeShare: Float64Array | null;
}

/**
 * The data, learner and metrics of one kind of loop. `Ref` is the real reference the metrics
 * compare against, built once per replicate from the evaluation stream (so generations are
 * compared against the same reference) and immutable afterwards.
 */
export interface LoopParts<M extends Fitted, Ref, P = M> {
  /** Numbers per sample (row-major rows of this width). */
  readonly width: number;
  /** n real samples from P_r. */
  real(rng: Rng, n: number): Float64Array;
  fit(data: Float64Array, n: number, rng: Rng, options: FitOptions): M | Promise<M>;
  /** The fits of several replicates as one computation, where the learner offers it (Learner.fitBatch). */
  fitBatch?(jobs: readonly FitJob[], options: Omit<FitOptions, 'previous'>): Promise<M[]>;
  reference(rng: Rng): Ref | Promise<Ref>;
  evaluate(model: M, reference: Ref, rng: Rng): Promise<Evaluation>;
  /** The n synthetic samples D^{t+1} takes from G^t, where the loop filters them (curation,
   * verification: engine/curation); without it they are G^t's own draws with bias λ. */
  synthetic?(model: M, rng: Rng, n: number): Promise<Float64Array>;
  /** Rows that models feeding each other (ecosystem.ts) pass on together, never apart: a passage of a bigram's text; 1 when absent. */
  readonly passage?: number;
  /** The distance between two models (models feeding each other: ecosystem.ts), where the loop
   * measures one: between the models themselves, or between their profiles. */
  distance?(a: P, b: P): number;
  /** What `distance` compares of a model, where that is not the model itself but must be drawn
   * from it (digits: LeNet features of its samples): once per model and generation, not per pair. */
  profile?(model: M, rng: Rng): P | Promise<P>;
}

export interface ReplicateStep<M extends Fitted = Fitted> extends Evaluation {
  model: M;
  /** D^t, the data G^t was fit on (row-major). */
  training: Float64Array;
  /** Every model of an ecosystem (ecosystem.ts), model 1 (the one measured, `model`) first. */
  models?: M[];
}

/** What an experiment advances one generation at a time: one replicate, or M models feeding each other (ecosystem.ts). */
export interface Stepper<M extends Fitted = Fitted> {
  step(options?: StepOptions): Promise<ReplicateStep<M>>;
  checkpoint(): { t: number };
  restore(checkpoint: { t: number }): void;
  dispose(): void;
}

/**
 * A replicate's state after a finished generation t: enough to compute generation t + 1 exactly
 * as an uninterrupted run would, without G^t (a model may live on a GPU that was lost).
 */
export interface ReplicateCheckpoint<Ref = unknown> {
  t: number;
  rng: { real: RngState; model: RngState; evaluation: RngState };
  training: TrainingSetState;
  /** Immutable once built, so shared rather than copied. */
  reference: Ref | null;
  /** The n_s samples of G^t that D^{t+1} takes (null before generation 1 and after the last). */
  synthetic: Float64Array | null;
}

type RngState = ReturnType<Rng['getState']>;

export interface StepOptions extends Pick<FitOptions, 'signal' | 'onProgress'> {
  /**
   * Yields to the caller's event loop: a generation can take seconds when n and R are large, and
   * a worker must still hear cancel and run other runs meanwhile. After it, an aborted signal
   * stops the generation.
   */
  interleave?(): Promise<void>;
}

/** Calls `interleave`, then stops if the generation was cancelled meanwhile. */
export async function interleave(options: StepOptions): Promise<void> {
  if (!options.interleave) return;
  await options.interleave();
  options.signal?.throwIfAborted();
}

export class Replicate<M extends Fitted, Ref> {
  private readonly rngReal: Rng;
  private readonly rngModel: Rng;
  private readonly rngEval: Rng;
  private readonly training: TrainingSet;
  private reference: Ref | null = null;
  private model: M | null = null;
  /** Synthetic samples for the next generation, drawn ahead when resumable. */
  private pending: Float64Array | null = null;
  private t = 0;

  /**
   * `resumable`: each generation ends by drawing the next one's synthetic samples, so that a
   * checkpoint holds them and the run can resume without the model. The model's stream is used in
   * the same order either way (fit, evaluation on its own stream, synthetic draw, next fit), so
   * results are identical; it only costs holding n_s samples between generations.
   */
  constructor(
    private readonly spec: Spec,
    private readonly parts: LoopParts<M, Ref, unknown>,
    index: number,
    private readonly resumable = false,
    member = 0,
  ) {
    // Model m > 0 of an ecosystem has streams of its own; model 0 keeps the single loop's, number for number.
    const stream = (role: number) => (member === 0 ? Rng.stream(spec.seed, index, role) : Rng.stream(spec.seed, index, role, member));
    this.rngReal = stream(StreamRole.real);
    this.rngModel = stream(StreamRole.model);
    this.rngEval = stream(StreamRole.evaluation);
    this.training = new TrainingSet(spec);
  }

  /**
   * Fits G^t. `options` carries cancellation and training progress to iterative learners, and
   * `interleave`, called between fitting and measuring, lets the caller's event loop in (a
   * cancelled generation then stops there).
   */
  async step(options: StepOptions = {}): Promise<ReplicateStep<M>> {
    const job = await this.prepare();
    const model = await this.parts.fit(job.data, job.n, job.rng, { ...options, previous: job.previous });
    return this.measure(this.adopt(model), job.data, options);
  }

  /**
   * Starts generation t + 1 up to its fit: draws D^{t+1} (with G^t's synthetic samples) and returns
   * the fit's arguments. `step` is prepare, fit, adopt, measure; an experiment whose learner fits
   * several replicates at once runs the phases itself, replicate by replicate, with the same result.
   * `exchanged` replaces G^t's own synthetic samples where models feed each other (ecosystem.ts).
   */
  async prepare(exchanged?: Float64Array): Promise<FitJob & { previous: FitOptions['previous'] }> {
    const { parts } = this;
    const previous = this.model;
    const synthetic = exchanged ?? (await this.ownSynthetic());
    this.t += 1;
    const data = this.training.next(this.t, (n) => parts.real(this.rngReal, n), synthetic);
    // Learners that can warm-start know their own model type; the loop only hands G^{t−1} on.
    return { data, n: data.length / parts.width, rng: this.rngModel, previous: previous as FitOptions['previous'] };
  }

  /** The n_s synthetic samples of G^t that D^{t+1} takes from it (drawn ahead when resumable); null before generation 1. */
  async ownSynthetic(): Promise<Float64Array | null> {
    return this.pending ?? (this.model ? await this.draw(this.model) : null);
  }

  /** Makes `model` G^t without measuring it: the models of an ecosystem after the first (ecosystem.ts). */
  async keep(model: M): Promise<void> {
    this.adopt(model);
    await this.drawAhead(model);
  }

  /** Makes `model` G^t, freeing G^{t−1}. */
  adopt(model: M): M {
    this.model?.dispose?.();
    this.model = model;
    return model;
  }

  /** Measures G^t (fit on `data`), after letting the caller's event loop in. */
  async measure(model: M, data: Float64Array, options: StepOptions = {}): Promise<ReplicateStep<M>> {
    const { parts } = this;
    await interleave(options);
    this.reference ??= await parts.reference(this.rngEval);
    const measured = await parts.evaluate(model, this.reference, this.rngEval);
    await this.drawAhead(model);
    return { model, training: data, ...measured };
  }

  /** When resumable, G^t's synthetic samples for generation t + 1, so that a checkpoint holds them. */
  private async drawAhead(model: M): Promise<void> {
    this.pending = this.resumable && this.t < this.spec.generations ? await this.draw(model) : null;
  }

  /** The n_s synthetic samples of G^t for the next training set. */
  private async draw(model: M): Promise<Float64Array> {
    const { spec, parts } = this;
    return parts.synthetic ? parts.synthetic(model, this.rngModel, spec.nSyn) : model.sample(this.rngModel, spec.nSyn, spec.lambda);
  }

  /** The state after the last finished generation; only a resumable replicate can take one. */
  checkpoint(): ReplicateCheckpoint<Ref> {
    if (!this.resumable) throw new Error('checkpoint: this replicate was not created resumable');
    return {
      t: this.t,
      rng: { real: this.rngReal.getState(), model: this.rngModel.getState(), evaluation: this.rngEval.getState() },
      training: this.training.state(),
      reference: this.reference,
      synthetic: this.pending,
    };
  }

  /**
   * Returns to a checkpoint of this replicate. The current model is dropped: generation t + 1 takes
   * the checkpoint's synthetic samples, and a warm-starting learner starts from scratch.
   */
  restore(checkpoint: ReplicateCheckpoint<Ref>): void {
    this.t = checkpoint.t;
    this.rngReal.setState(checkpoint.rng.real);
    this.rngModel.setState(checkpoint.rng.model);
    this.rngEval.setState(checkpoint.rng.evaluation);
    this.training.restore(checkpoint.training);
    this.reference = checkpoint.reference;
    this.pending = checkpoint.synthetic;
    this.dispose();
  }

  /** Frees the current model (a neural model's tensors); a model on a lost device may refuse. */
  dispose(): void {
    try {
      this.model?.dispose?.();
    } catch {
      // Its memory went with the device.
    }
    this.model = null;
  }
}
