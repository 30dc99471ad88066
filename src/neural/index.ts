/**
 * Neural generators for the self-consuming loop, trained with TensorFlow.js (the engine itself
 * stays tfjs-free): a small MLP GAN and a small DDPM. Both implement the engine's async
 * Learner/Model contract (src/engine/learners/model.ts); all their randomness comes from the
 * engine's seeded Rng. `neuralLearnerFor` builds the one a spec names.
 */
export { DIFFUSION_DEFAULTS, DiffusionModel, diffusionLearner, type DiffusionOptions } from './diffusion';
export { GAN_DEFAULTS, GanModel, ganLearner, type GanOptions } from './gan';
export { neuralLearnerFor } from './learner-for';
