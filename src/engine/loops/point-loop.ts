/**
 * The loop over points in R^d (the Gaussians, mixtures, moons and point sets): the learner's model
 * is measured by its moments against P_r's exact ones, and by k-NN precision/recall and mode
 * coverage of its samples against a real evaluation set. Without `sampled` (no metric of the run
 * needs samples) neither the evaluation samples nor the real evaluation set are drawn: they cost
 * far more than a closed-form fit, and the moments do not need them. A curator or a verifier
 * (engine/curation) filters its synthetic samples, a corrector then moves them towards the real
 * data, and a curated run also measures the curator's mean reward. Models that feed each other
 * (ecosystem.ts) are compared by the Fréchet distance between their moments.
 */
import { meanReward, rewardTarget, rewards } from '../curation/reward';
import { correctorFor } from '../curation/correction';
import { filteredDraw } from '../curation/synthetic-draw';
import { verifierFor } from '../curation/verifier';
import type { Distribution } from '../data/distribution';
import type { Learner, Model } from '../learners/model';
import { logDet, trace } from '../linalg/matrix';
import { frechetDistance } from '../metrics/frechet';
import { modeCoverage } from '../metrics/modes';
import { KnnManifold, MAD_K, precisionRecall } from '../metrics/precision-recall';
import type { MetricName } from '../metrics/registry';
import type { Rng } from '../random/prng';
import type { Spec } from '../../spec/schema';
import type { LoopParts } from './replicate';

export function pointLoop(spec: Spec, real: Distribution, learner: Learner, sampled: boolean): LoopParts<Model, KnnManifold | null> {
  const d = real.dim;
  const curated = spec.curationK > 1;
  const target = rewardTarget(spec, d);
  const verifier = verifierFor(spec, real);
  const filter = curated || verifier ? { k: spec.curationK, beta: spec.curationBeta, reward: (rows: Float64Array, n: number) => rewards(rows, n, target), verifier } : null;
  const corrector = correctorFor(spec, real);
  const draw = (model: Model, rng: Rng, n: number) => (filter ? filteredDraw((r, m) => model.sample(r, m, spec.lambda), n, d, filter, rng) : model.sample(rng, n, spec.lambda));
  return {
    // Without a filter or a corrector the replicate samples G^t itself, exactly as the plain loop.
    ...((filter || corrector) && { synthetic: async (model, rng, n) => (corrector ? corrector.correct(await draw(model, rng, n), n) : draw(model, rng, n)) }),
    width: d,
    real: (rng, n) => real.sample(rng, n),
    fit: (data, n, rng, options) => learner.fit(data, n, rng, options),
    fitBatch: learner.fitBatch && ((jobs, options) => learner.fitBatch!(jobs, options)),
    distance: (a, b) => frechetDistance(a.mean, a.cov, b.mean, b.cov, d),
    reference: (rng) => (sampled ? new KnnManifold(real.sample(rng, spec.nEval), spec.nEval, d, MAD_K) : null),
    async evaluate(model, reference, rng) {
      let sq = 0;
      for (let j = 0; j < d; j++) sq += (model.mean[j] - real.mean[j]) ** 2;
      const metrics = {
        fd: frechetDistance(model.mean, model.cov, real.mean, real.cov, d),
        meanSq: sq,
        trace: trace(model.cov, d),
        logdet: logDet(model.cov, d),
      } as Record<MetricName, number>;
      if (!reference) return { evaluation: new Float64Array(0), metrics, modeShare: null };
      const evaluation = await model.sample(rng, spec.nEval, spec.lambda);
      Object.assign(metrics, precisionRecall(reference, evaluation, spec.nEval, d, MAD_K));
      if (curated) metrics.reward = meanReward(evaluation, spec.nEval, target);
      let modeShare: Float64Array | null = null;
      if (real.modes) {
        const coverage = modeCoverage(evaluation, spec.nEval, real.modes);
        metrics.modes = coverage.covered;
        metrics.modeVar = coverage.modeVariance;
        modeShare = coverage.share;
      }
      return { evaluation, metrics, modeShare };
    },
  };
}
