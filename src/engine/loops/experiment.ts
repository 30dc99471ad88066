/**
 * An experiment: R independent replicates of one loop, advanced together one generation at a time
 * so that a caller (CLI, worker) can stream per-generation summaries and stop between generations.
 */
import { realDistribution } from '../data';
import type { Distribution } from '../data/distribution';
import { type DigitNetworks, digitLoop } from '../digits/digit-loop';
import { learnerFor } from '../learners';
import type { FitJob, Learner } from '../learners/model';
import type { MetricName } from '../metrics/registry';
import { type MetricChoice, chooseMetrics } from '../metrics/selection';
import { type Summary, summarise } from '../metrics/summary';
import { type DomainKind, domainOf } from '../../spec/domains';
import type { Spec } from '../../spec/schema';
import { textLearnerFor, textLoop } from '../text/text-loop';
import type { UnigramLearner } from '../text/unigram';
import { Ecosystem } from './ecosystem';
import { pointLoop } from './point-loop';
import { type Fitted, type LoopParts, Replicate, type ReplicateStep, type StepOptions, type Stepper, interleave } from './replicate';

export interface GenerationResult {
  t: number;
  /** Per-replicate values of each metric, replicate i at index i. */
  values: Record<MetricName, Float64Array>;
  summary: Record<MetricName, Summary>;
  /** Replicate 0 in full, for pictures of G^t (samples, density contours). */
  first: ReplicateStep;
  /** Mean EM iterations per replicate (0 for closed-form learners). */
  iterations: number;
}

export interface ExperimentOptions {
  /** Runs only replicates first..first+count−1. */
  range?: { first: number; count: number };
  /** The learner, where the engine cannot build it (the neural learners of points). */
  learner?: Learner;
  /** MNIST, its generator and the metrics' feature map, for data = mnist (TensorFlow.js, outside the engine). */
  digits?: DigitNetworks;
  /** The word learner for data = zipf (the factory builds it; the engine builds its own when none is given). */
  text?: UnigramLearner;
  /** Keeps a checkpoint after every generation, so that `rewind` can resume after a failure. */
  resumable?: boolean;
}

/** The parts of any domain's loop, as the experiment sees them (ecosystem.ts alone looks into a model's profile). */
type AnyLoopParts = LoopParts<Fitted, unknown, unknown>;

interface DomainLoop {
  real: Distribution | null;
  choice: MetricChoice;
  parts: AnyLoopParts;
}

/** Each data domain's real data, reference set, learner and metrics (spec/domains.ts lists the domains). */
const DOMAIN_LOOPS: Record<DomainKind, (spec: Spec, options: ExperimentOptions) => DomainLoop> = {
  points(spec, options) {
    const real = realDistribution(spec);
    const choice = chooseMetrics(spec, real);
    return { real, choice, parts: pointLoop(spec, real, options.learner ?? learnerFor(spec), choice.sampled) as AnyLoopParts };
  },
  digits(spec, options) {
    if (!options.digits) throw new Error(`Experiment: data=${spec.data} needs the digit networks, which the worker and the CLI build (src/neural/learner-factory.ts)`);
    return { real: null, choice: chooseMetrics(spec), parts: digitLoop(spec, options.digits) as AnyLoopParts };
  },
  text(spec, options) {
    return { real: null, choice: chooseMetrics(spec), parts: textLoop(spec, options.text ?? textLearnerFor(spec)) as AnyLoopParts };
  },
};

export class Experiment {
  /** P_r with its exact moments; null for MNIST, known only by its samples, and for words (engine/text). */
  readonly real: Distribution | null;
  /** The metrics computed (the spec's `metrics`, resolved for its data and R). */
  readonly metrics: MetricName[];
  /** Numbers per sample (a digit row is 28×28 pixels and its label). */
  readonly width: number;
  /** Replicates of one model, or with M > 1 ecosystems of M models feeding each other. */
  private readonly replicates: Stepper[];
  private readonly parts: AnyLoopParts;
  private t = 0;
  /** The state after the last finished generation, when resumable. */
  private saved: { t: number }[] | null = null;

  /**
   * `spec` must be valid (see normaliseSpec). `range` runs only replicates first..first+count−1,
   * so that threads can share the replicates of one experiment: each replicate's random streams
   * depend on its index alone, so the union of the parts equals the whole run. `learner` supplies
   * the neural learners, which live outside the engine (TensorFlow.js), and `digits` the networks
   * and data of an MNIST loop. `resumable` is for runs
   * whose generations can fail for reasons outside the engine (a GPU lost in the middle of one).
   */
  constructor(
    readonly spec: Spec,
    private readonly options: ExperimentOptions = {},
  ) {
    const range = options.range ?? { first: 0, count: spec.replicates };
    const { real, choice, parts } = DOMAIN_LOOPS[domainOf(spec.data)](spec, options);
    this.real = real;
    this.metrics = choice.computed;
    this.width = parts.width;
    this.parts = parts;
    // The models of an ecosystem that sample with another λ than model 1 run the same loop built with theirs, one per λ.
    const loops = new Map([[spec.lambda, parts]]);
    const partsOf = (lambda: number) => {
      if (!loops.has(lambda)) loops.set(lambda, DOMAIN_LOOPS[domainOf(spec.data)]({ ...spec, lambda }, options).parts);
      return loops.get(lambda)!;
    };
    this.replicates = Array.from({ length: range.count }, (_, i) =>
      spec.models > 1 ? new Ecosystem(spec, parts, range.first + i, options.resumable, partsOf) : new Replicate(spec, parts, range.first + i, options.resumable),
    );
    if (options.resumable) this.saved = this.replicates.map((r) => r.checkpoint());
  }

  get generation(): number {
    return this.t;
  }

  get done(): boolean {
    return this.t >= this.spec.generations;
  }

  /**
   * Advances every replicate by one generation; null once all T generations are done. `options`
   * reaches iterative learners: `signal` cancels within one training step (and a generation
   * whose signal is aborted by its end rejects), `onProgress` reports training steps summed over
   * the replicates of this generation, and `interleave` yields to the caller between replicates
   * (and between a replicate's fit and its measurements), so that a long generation can be
   * cancelled part-way.
   */
  async next(options: StepOptions = {}): Promise<GenerationResult | null> {
    if (this.done) return null;
    this.t += 1;
    const r = this.replicates.length;
    const values = Object.fromEntries(this.metrics.map((m) => [m, new Float64Array(r)])) as Record<MetricName, Float64Array>;
    let first: ReplicateStep | null = null;
    let iterations = 0;
    // Ecosystems fit their models one after another (ecosystem.ts), whatever the learner could batch.
    const models = this.parts.fitBatch && r > 1 && this.spec.models === 1 ? await this.fitTogether(options) : null;
    for (let i = 0; i < r; i++) {
      const onProgress = options.onProgress && ((step: number, steps: number) => options.onProgress!(i * steps + step, r * steps));
      const replicateOptions = { signal: options.signal, onProgress, interleave: options.interleave };
      const step = models ? await this.single[i].measure(models[i].model, models[i].data, replicateOptions) : await this.replicates[i].step(replicateOptions);
      if (i === 0) first = step;
      iterations += step.model.iterations;
      for (const m of this.metrics) values[m][i] = step.metrics[m];
      if (i < r - 1) await interleave(options);
    }
    // A generation aborted after its last step is not kept: a caller may abort because the
    // results came from a failed device, and rewinding must then return to before it.
    options.signal?.throwIfAborted();
    if (this.options.resumable) this.saved = this.replicates.map((replicate) => replicate.checkpoint());
    return { t: this.t, values, summary: summariseMetrics(values), first: first as unknown as ReplicateStep, iterations: iterations / r };
  }

  /**
   * Fits every replicate's G^t with one call of the learner's fitBatch (all replicates advance in
   * lockstep, so their networks can train as one computation) and makes each model its
   * replicate's G^t. Each replicate's streams are drawn in the same order as by its own `step`.
   */
  private async fitTogether(options: StepOptions): Promise<{ model: Fitted; data: Float64Array }[]> {
    const jobs: FitJob[] = [];
    for (const replicate of this.single) jobs.push(await replicate.prepare());
    const models = await this.parts.fitBatch!(jobs, { signal: options.signal, onProgress: options.onProgress });
    return models.map((model, i) => ({ model: this.single[i].adopt(model), data: jobs[i].data }));
  }

  /** The replicates of a single-model run, whose phases fitTogether runs itself. */
  private get single(): Replicate<Fitted, unknown>[] {
    return this.replicates as Replicate<Fitted, unknown>[];
  }

  /**
   * Returns every replicate to its state after the last finished generation (after a generation
   * that failed or was interrupted part-way), so that the next call to `next` computes that
   * generation again, exactly as an uninterrupted run would. The models are dropped: a
   * warm-starting learner starts that generation from scratch. Returns the generation now done.
   */
  rewind(): number {
    if (!this.saved) throw new Error('rewind: the experiment was not created resumable');
    this.replicates.forEach((replicate, i) => replicate.restore(this.saved![i]));
    this.t = this.saved[0]?.t ?? 0;
    return this.t;
  }

  /** Frees every replicate's current model. */
  dispose(): void {
    for (const replicate of this.replicates) replicate.dispose();
  }
}

/** Summary of each metric over the replicates' values. */
export function summariseMetrics(values: Partial<Record<MetricName, Float64Array>>): Record<MetricName, Summary> {
  return Object.fromEntries(Object.entries(values).map(([m, v]) => [m, summarise(v as Float64Array)])) as Record<MetricName, Summary>;
}
