/**
 * The closed-form learner that a spec names. The neural learners train with TensorFlow.js, which
 * the engine does not load: callers that do (the worker, the CLI) build them with
 * src/neural/learner-for.ts and pass them to `new Experiment(spec, { learner })`.
 */
import type { Spec } from '../spec/schema';
import { gaussianLearner } from './gaussian';
import { gmmLearner } from './gmm';
import { kdeLearner } from './kde';
import type { Learner } from './model';

export function learnerFor(spec: Pick<Spec, 'learner' | 'estimator' | 'components' | 'bandwidth'>): Learner {
  switch (spec.learner) {
    case 'gaussian':
      return gaussianLearner({ estimator: spec.estimator });
    case 'gmm':
      return gmmLearner({ components: spec.components });
    case 'kde':
      return kdeLearner({ bandwidth: spec.bandwidth });
    case 'pca-gmm':
      throw new Error('the pca-gmm learner generates MNIST digits: the worker and the CLI pass it to the Experiment with the digit networks (src/neural/digits/learner-for.ts)');
    case 'gan':
    case 'diffusion':
    case 'vae':
    case 'cvae':
    case 'conv-gan':
      throw new Error(`the ${spec.learner} learner runs with TensorFlow.js, outside the engine: the worker and the CLI pass it to the Experiment (src/neural/learner-for.ts, src/neural/digits)`);
  }
}
