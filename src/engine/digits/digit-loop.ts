/**
 * The loop over MNIST digits: real samples come from the training split, the metrics' reference
 * is drawn from the held-out test split, and generators and the feature map are the networks the
 * caller supplies (TensorFlow.js lives outside the engine). A curator or a verifier
 * (digit-curation.ts) filters the synthetic digits by the feature map's class probabilities, a
 * corrector (digit-correction.ts) then moves them towards real digits, and a curated run also
 * measures the curator's reward. Models that feed each other (loops/ecosystem.ts)
 * are compared as G^t is measured: by the Fréchet distance between the LeNet features of n_eval
 * samples of each.
 */
import { REFERENCE_SAMPLE, REFERENCE_STREAM } from '../curation/reference-sample';
import { filteredDraw } from '../curation/synthetic-draw';
import type { LoopParts } from '../loops/replicate';
import type { MetricName } from '../metrics/registry';
import { Rng, mixKey } from '../random/prng';
import type { Spec } from '../../spec/schema';
import { DigitCorrector } from './digit-correction';
import { digitFilter, targetMeasures } from './digit-curation';
import { type DigitMeasures, type DigitReference, type FeatureMoments, digitMeasures, digitReference, featureDistance, featureMoments } from './digit-metrics';

/** The loop's metrics of a measurement (classShare is a picture, not a metric). */
function metricsOf(measures: DigitMeasures): Record<MetricName, number> {
  const metrics: Partial<Record<MetricName, number>> = {
    fd: measures.fd,
    precision: measures.precision,
    recall: measures.recall,
    classes: measures.classes,
    entropy: measures.entropy,
  };
  return metrics as Record<MetricName, number>;
}
import { DIGIT_PIXELS, DIGIT_ROW, type DigitFeatures, type DigitLearner, type DigitModel, type DigitSplit, type Mnist } from './digits';

/** What a digit loop needs from outside the engine. */
export interface DigitNetworks {
  mnist: Mnist;
  learner: DigitLearner;
  features: DigitFeatures;
}

/**
 * n distinct digits of a split, uniformly at random (a partial Fisher–Yates shuffle), as digit
 * rows: a training set or reference holds no digit twice, as a subset of a dataset does.
 */
export function drawDigits(split: DigitSplit, rng: Rng, n: number): Float64Array {
  if (n > split.count) throw new Error(`drawDigits: ${n} digits asked of a split of ${split.count}`);
  const order = new Int32Array(split.count);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const rows = new Float64Array(n * DIGIT_ROW);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(split.count - i);
    const pick = order[j];
    order[j] = order[i];
    const src = pick * DIGIT_PIXELS;
    const dst = i * DIGIT_ROW;
    for (let p = 0; p < DIGIT_PIXELS; p++) rows[dst + p] = split.images[src + p] / 255;
    rows[dst + DIGIT_PIXELS] = split.labels[pick];
  }
  return rows;
}

export function digitLoop(spec: Spec, networks: DigitNetworks): LoopParts<DigitModel, DigitReference, FeatureMoments> {
  const { mnist, learner, features } = networks;
  const filter = digitFilter(spec, features);
  const corrector = spec.correction > 0 ? new DigitCorrector(drawDigits(mnist.train, Rng.stream(spec.seed, REFERENCE_STREAM), REFERENCE_SAMPLE), spec.correction) : null;
  const draw = (model: DigitModel, rng: Rng, n: number) => (filter ? filteredDraw((r, m) => model.sample(r, m, spec.lambda), n, DIGIT_ROW, filter, rng) : model.sample(rng, n, spec.lambda));
  return {
    // Without a filter or a corrector the replicate samples G^t itself, exactly as the plain loop.
    ...((filter || corrector) && { synthetic: async (model, rng, n) => (corrector ? corrector.correct(await draw(model, rng, n), n) : draw(model, rng, n)) }),
    width: DIGIT_ROW,
    real: (rng, n) => drawDigits(mnist.train, rng, n),
    fit: (data, n, rng, options) => learner.fit(data, n, rng, options),
    // Drawn as fitted (λ = 1), as the points' and words' distances compare the fitted models.
    profile: async (model, rng) => featureMoments(await features.embed(await model.sample(rng, spec.nEval, 1), spec.nEval), spec.nEval),
    distance: featureDistance,
    async reference(rng) {
      const held = drawDigits(mnist.test, rng, spec.nEval);
      return digitReference(await features.embed(held, spec.nEval), spec.nEval);
    },
    async evaluate(model, reference, rng) {
      const evaluation = await model.sample(rng, spec.nEval, spec.lambda);
      const embedding = await features.embed(evaluation, spec.nEval);
      const measures = digitMeasures(reference, embedding, spec.nEval);
      const metrics = metricsOf(measures);
      if (spec.curationK > 1) Object.assign(metrics, targetMeasures(embedding, spec.nEval, spec.targetClass));
      return { evaluation, metrics, modeShare: measures.classShare };
    },
  };
}

/** Fixed key of the real-vs-real draw, so every run of a spec shows the same baseline. */
const BASELINE_KEY = 0xba5e;

/**
 * What real digits score: n_eval training digits measured against n_eval held-out test digits,
 * exactly as the loop measures G^t. A perfect generator reaches this level, not FD 0 and
 * precision/recall 1 (finite samples; k-NN manifolds in 84 dimensions are thin).
 */
export async function realBaseline(spec: Spec, networks: Pick<DigitNetworks, 'mnist' | 'features'>): Promise<Record<MetricName, number>> {
  const { mnist, features } = networks;
  const rng = Rng.fromKey(mixKey(spec.seed, BASELINE_KEY));
  const reference = digitReference(await features.embed(drawDigits(mnist.test, rng, spec.nEval), spec.nEval), spec.nEval);
  return metricsOf(digitMeasures(reference, await features.embed(drawDigits(mnist.train, rng, spec.nEval), spec.nEval), spec.nEval));
}
