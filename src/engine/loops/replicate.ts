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
import { TrainingSet } from './training-set';

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

export class Replicate {
  private readonly rngReal: Rng;
  private readonly rngModel: Rng;
  private readonly rngEval: Rng;
  private readonly training: TrainingSet;
  private realManifold: KnnManifold | null = null;
  private model: Model | null = null;
  private t = 0;

  constructor(
    private readonly spec: Spec,
    private readonly real: Distribution,
    private readonly learner: Learner,
    index: number,
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
    const synthetic = previous ? await previous.sample(this.rngModel, spec.nSyn, spec.lambda) : null;
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
    return { model, training: data, evaluation, metrics, modeShare };
  }

  /** Frees the current model (a neural model's tensors). */
  dispose(): void {
    this.model?.dispose?.();
    this.model = null;
  }
}
