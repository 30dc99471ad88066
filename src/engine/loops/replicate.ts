/**
 * One independent run of a self-consuming loop: its random streams, its current model G^t and
 * the metrics of each generation.
 */
import type { Distribution } from '../data/distribution';
import { logDet, trace } from '../linalg/matrix';
import type { FitOptions, Learner, Model } from '../learners/model';
import { frechetDistance } from '../metrics/frechet';
import { modeCoverage } from '../metrics/modes';
import { KnnManifold, MAD_K, precisionRecall } from '../metrics/precision-recall';
import type { MetricName } from '../metrics/registry';
import { Rng, StreamRole } from '../random/prng';
import type { Spec } from '../spec/schema';
import { TrainingSet, type TrainingSetState } from './training-set';

export interface ReplicateStep {
  model: Model;
  /** D^t, the data G^t was fit on (row-major). */
  training: Float64Array;
  /** n_eval samples of G^t drawn as synthetic data are (with λ). */
  evaluation: Float64Array;
  metrics: Record<MetricName, number>;
  /** Per mode of P_r, the share of evaluation samples it holds (see modeCoverage); null without modes. */
  modeShare: Float64Array | null;
}

/**
 * A replicate's state after a finished generation t: enough to compute generation t + 1 exactly
 * as an uninterrupted run would, without G^t (a model may live on a GPU that was lost).
 */
export interface ReplicateCheckpoint {
  t: number;
  rng: { real: RngState; model: RngState; evaluation: RngState };
  training: TrainingSetState;
  /** Immutable once built, so shared rather than copied. */
  realManifold: KnnManifold | null;
  /** The n_s samples of G^t that D^{t+1} takes (null before generation 1 and after the last). */
  synthetic: Float64Array | null;
}

type RngState = ReturnType<Rng['getState']>;

export class Replicate {
  private readonly rngReal: Rng;
  private readonly rngModel: Rng;
  private readonly rngEval: Rng;
  private readonly training: TrainingSet;
  private realManifold: KnnManifold | null = null;
  private model: Model | null = null;
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
    private readonly real: Distribution,
    private readonly learner: Learner,
    index: number,
    private readonly resumable = false,
  ) {
    this.rngReal = Rng.stream(spec.seed, index, StreamRole.real);
    this.rngModel = Rng.stream(spec.seed, index, StreamRole.model);
    this.rngEval = Rng.stream(spec.seed, index, StreamRole.evaluation);
    this.training = new TrainingSet(spec);
  }

  /** Fits G^t. `options` carries cancellation and training progress to iterative learners. */
  async step(options: Pick<FitOptions, 'signal' | 'onProgress'> = {}): Promise<ReplicateStep> {
    const { spec, real } = this;
    const d = real.dim;
    this.t += 1;
    const previous = this.model;
    const synthetic = this.pending ?? (previous ? await previous.sample(this.rngModel, spec.nSyn, spec.lambda) : null);
    const data = this.training.next(this.t, (n) => real.sample(this.rngReal, n), synthetic);
    const model = await this.learner.fit(data, data.length / d, this.rngModel, { ...options, previous });
    previous?.dispose?.();
    this.model = model;

    // The real evaluation set is drawn once per replicate, so generations are compared against
    // the same reference and its k-NN radii are computed once.
    this.realManifold ??= new KnnManifold(real.sample(this.rngEval, spec.nEval), spec.nEval, d, MAD_K);
    const evaluation = await model.sample(this.rngEval, spec.nEval, spec.lambda);
    const { precision, recall } = precisionRecall(this.realManifold, evaluation, spec.nEval, d, MAD_K);
    let sq = 0;
    for (let j = 0; j < d; j++) sq += (model.mean[j] - real.mean[j]) ** 2;
    const metrics = {
      fd: frechetDistance(model.mean, model.cov, real.mean, real.cov, d),
      meanSq: sq,
      trace: trace(model.cov, d),
      logdet: logDet(model.cov, d),
      precision,
      recall,
    } as Record<MetricName, number>;
    let modeShare: Float64Array | null = null;
    if (real.modes) {
      const coverage = modeCoverage(evaluation, spec.nEval, real.modes);
      metrics.modes = coverage.covered;
      metrics.modeVar = coverage.modeVariance;
      modeShare = coverage.share;
    }
    this.pending = this.resumable && this.t < spec.generations ? await model.sample(this.rngModel, spec.nSyn, spec.lambda) : null;
    return { model, training: data, evaluation, metrics, modeShare };
  }

  /** The state after the last finished generation; only a resumable replicate can take one. */
  checkpoint(): ReplicateCheckpoint {
    if (!this.resumable) throw new Error('checkpoint: this replicate was not created resumable');
    return {
      t: this.t,
      rng: { real: this.rngReal.getState(), model: this.rngModel.getState(), evaluation: this.rngEval.getState() },
      training: this.training.state(),
      realManifold: this.realManifold,
      synthetic: this.pending,
    };
  }

  /**
   * Returns to a checkpoint of this replicate. The current model is dropped: generation t + 1 takes
   * the checkpoint's synthetic samples, and a warm-starting learner starts from scratch.
   */
  restore(checkpoint: ReplicateCheckpoint): void {
    this.t = checkpoint.t;
    this.rngReal.setState(checkpoint.rng.real);
    this.rngModel.setState(checkpoint.rng.model);
    this.rngEval.setState(checkpoint.rng.evaluation);
    this.training.restore(checkpoint.training);
    this.realManifold = checkpoint.realManifold;
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
