/** The learner that a spec names. */
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
  }
}
