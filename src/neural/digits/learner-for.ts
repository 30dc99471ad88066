/**
 * The digit generator (DigitLearner) of a kind, or the one a spec names: the Gaussian mixture in
 * principal components (in the engine), the VAE, the class-conditional VAE (λ = classifier-free
 * guidance) and the convolutional GAN of MNIST digits.
 */
import type { DigitLearner } from '../../engine/digits/digits';
import { pcaGmmLearner, type PcaGmmOptions } from '../../engine/digits/pca-gmm';
import { isDigitLearner, learnerDefaults, type DigitLearnerKind, type Spec } from '../../engine/spec/schema';
import { convGanLearner, type ConvGanOptions } from './conv-gan';
import { vaeLearner, type VaeOptions } from './vae';

export type DigitGeneratorKind = DigitLearnerKind;

/** Options of the VAE and CVAE (`conditional` is set by the kind). */
export type VaeKindOptions = Partial<Omit<VaeOptions, 'conditional'>>;

/**
 * digitLearnerFor(kind, options): the generator of that kind with those options (the rest at the
 * generator's defaults: VAE_DEFAULTS, CONV_GAN_DEFAULTS; the schema's K for pca-gmm); the options
 * are checked at once (RangeError).
 * digitLearnerFor(spec): the generator spec.learner names, with the spec's epochs, learningRate,
 * batchSize and warmStart (networks) or components (pca-gmm).
 */
export function digitLearnerFor(kind: 'vae' | 'cvae', options?: VaeKindOptions): DigitLearner;
export function digitLearnerFor(kind: 'conv-gan', options?: Partial<ConvGanOptions>): DigitLearner;
export function digitLearnerFor(kind: 'pca-gmm', options?: Partial<PcaGmmOptions>): DigitLearner;
export function digitLearnerFor(kind: DigitGeneratorKind, options?: VaeKindOptions | Partial<ConvGanOptions> | Partial<PcaGmmOptions>): DigitLearner;
export function digitLearnerFor(spec: Spec): DigitLearner;
export function digitLearnerFor(what: DigitGeneratorKind | Spec, options: VaeKindOptions | Partial<ConvGanOptions> | Partial<PcaGmmOptions> = {}): DigitLearner {
  if (typeof what !== 'string') {
    const spec = what;
    if (!isDigitLearner(spec.learner)) throw new Error(`digitLearnerFor: ${spec.learner} is not a digit generator`);
    if (spec.learner === 'pca-gmm') return pcaGmmLearner({ components: spec.components });
    const shared = { epochs: spec.epochs, learningRate: spec.learningRate, batchSize: spec.batchSize, warmStart: spec.warmStart === 'on' };
    return digitLearnerFor(spec.learner, shared);
  }
  switch (what) {
    case 'pca-gmm':
      return pcaGmmLearner({ components: learnerDefaults('pca-gmm').components!, ...(options as Partial<PcaGmmOptions>) });
    case 'vae':
      return vaeLearner({ ...(options as VaeKindOptions), conditional: false });
    case 'cvae':
      return vaeLearner({ ...(options as VaeKindOptions), conditional: true });
    case 'conv-gan':
      return convGanLearner(options as Partial<ConvGanOptions>);
    default:
      throw new Error(`digitLearnerFor: unknown generator ${String(what)}`);
  }
}
