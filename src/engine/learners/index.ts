/**
 * The learners the engine fits itself (closed form or EM). The others train networks with
 * TensorFlow.js, which the engine does not load: the worker and the CLI build every learner
 * through src/neural/learner-factory.ts and pass it to `new Experiment(spec, { learner })`.
 */
import type { Spec } from '../../spec/schema';
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
    default:
      throw new Error(`the ${spec.learner} learner is not fit by the engine: build it with src/neural/learner-factory.ts and pass it to the Experiment`);
  }
}
