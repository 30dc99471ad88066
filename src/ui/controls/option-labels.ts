/** Words for the spec's enum values on the page (the values themselves stay the URL's and CLI's). */
import type { DataKind, Estimator, LearnerKind } from '../../engine/spec/schema';
import { LOOP_NAMES } from '../run-label';

export const OPTION_LABELS: Record<string, Record<string, string>> = {
  data: {
    gaussian: 'Gaussian N(0, I_d)',
    ring: 'ring of 8',
    grid: '5×5 grid of 25',
    moons: 'two moons',
    points: 'your own points',
    mnist: 'MNIST digits (images)',
  } satisfies Record<DataKind, string>,
  learner: {
    gaussian: 'Gaussian',
    gmm: 'Gaussian mixture (EM)',
    kde: 'kernel density (KDE)',
    gan: 'GAN (neural, TensorFlow.js)',
    diffusion: 'diffusion model (DDPM, TensorFlow.js)',
    'pca-gmm': 'Gaussian mixture in PCA space (digits)',
    vae: 'VAE (digits, TensorFlow.js)',
    cvae: 'class-conditional VAE (digits; λ = guidance)',
    'conv-gan': 'convolutional GAN (digits, TensorFlow.js)',
  } satisfies Record<LearnerKind, string>,
  warmStart: {
    off: 'off: train from scratch',
    on: 'on: continue from G^(t−1)',
  },
  estimator: {
    mle: 'MLE (÷ n)',
    unbiased: 'unbiased (÷ n − 1)',
  } satisfies Record<Estimator, string>,
  loop: LOOP_NAMES,
};
