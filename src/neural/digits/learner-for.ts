/**
 * The digit generator (DigitLearner) of a kind, or the one a spec names: the VAE, the
 * class-conditional VAE (λ = classifier-free guidance) and the convolutional GAN of MNIST digits.
 */
import type { DigitLearner } from '../../engine/digits/digits';
import { isDigitLearner, type DigitLearnerKind, type Spec } from '../../spec/schema';
import { convGanLearner, type ConvGanOptions } from './conv-gan';
import { vaeLearner, type VaeOptions } from './vae';

export type DigitGeneratorKind = DigitLearnerKind;

/** Options of the VAE and CVAE (`conditional` is set by the kind). */
export type VaeKindOptions = Partial<Omit<VaeOptions, 'conditional'>>;

/**
 * digitLearnerFor(kind, options): the generator of that kind with those options (the rest at the
 * generator's defaults: VAE_DEFAULTS, CONV_GAN_DEFAULTS); the options are checked at once (RangeError).
 * digitLearnerFor(spec): the generator spec.learner names, with the spec's epochs, learningRate,
 * batchSize and warmStart.
 */
export function digitLearnerFor(kind: 'vae' | 'cvae', options?: VaeKindOptions): DigitLearner;
export function digitLearnerFor(kind: 'conv-gan', options?: Partial<ConvGanOptions>): DigitLearner;
export function digitLearnerFor(kind: DigitGeneratorKind, options?: VaeKindOptions | Partial<ConvGanOptions>): DigitLearner;
export function digitLearnerFor(spec: Spec): DigitLearner;
export function digitLearnerFor(what: DigitGeneratorKind | Spec, options: VaeKindOptions | Partial<ConvGanOptions> = {}): DigitLearner {
  if (typeof what !== 'string') {
    const spec = what;
    if (!isDigitLearner(spec.learner)) throw new Error(`digitLearnerFor: ${spec.learner} is not a digit generator`);
    const shared = { epochs: spec.epochs, learningRate: spec.learningRate, batchSize: spec.batchSize, warmStart: spec.warmStart === 'on' };
    return digitLearnerFor(spec.learner, shared);
  }
  switch (what) {
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
