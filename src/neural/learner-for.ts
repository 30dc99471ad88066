/**
 * The neural learner a spec names, built from its settings; null for the closed-form learners,
 * which the engine builds itself (src/engine/learners). Callers that can load TensorFlow.js (the
 * worker, the CLI) pass the result to `new Experiment(spec, { learner })`.
 */
import type { Learner } from '../engine/learners/model';
import type { Spec } from '../spec/schema';
import { diffusionLearner } from './diffusion';
import { ganLearner } from './gan';

export function neuralLearnerFor(spec: Spec): Learner | null {
  const shared = {
    hidden: spec.hidden,
    layers: spec.layers,
    steps: spec.steps,
    learningRate: spec.learningRate,
    batchSize: spec.batchSize,
    warmStart: spec.warmStart === 'on',
  };
  switch (spec.learner) {
    case 'gan':
      return ganLearner({ ...shared, latentDim: spec.latentDim });
    case 'diffusion':
      return diffusionLearner({ ...shared, diffusionSteps: spec.diffusionSteps });
    default:
      return null;
  }
}
