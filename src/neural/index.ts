/**
 * Neural generators for the self-consuming loop, trained with TensorFlow.js (the engine itself
 * stays tfjs-free): a small MLP GAN and a small DDPM. Both implement the async Learner/Model
 * contract of ./types; all their randomness comes from the engine's seeded Rng.
 */
export { DIFFUSION_DEFAULTS, DIFFUSION_RANGES, DiffusionModel, diffusionLearner, type DiffusionOptions } from './diffusion';
export { GAN_DEFAULTS, GAN_RANGES, GanModel, ganLearner, type GanOptions } from './gan';
export type { OptionRange } from './common';
export type { FitOptions, Learner, Model } from './types';
