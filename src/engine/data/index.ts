/** The real distribution P_r that a spec names. */
import type { Spec } from '../../spec/schema';
import type { Distribution } from './distribution';
import { standardGaussian } from './gaussian';
import { grid, ring } from './mixtures';
import { moons } from './moons';
import { pointSetDistribution } from './point-set';

export function realDistribution(spec: Pick<Spec, 'data' | 'dim' | 'points'>): Distribution {
  switch (spec.data) {
    case 'gaussian':
      return standardGaussian(spec.dim);
    case 'ring':
      return ring();
    case 'grid':
      return grid();
    case 'moons':
      return moons();
    case 'points':
      if (!spec.points) throw new Error('data=points needs a point set');
      return pointSetDistribution(spec.points);
    case 'mnist':
      throw new Error('data=mnist is a set of images, not a distribution of points: its loop is src/engine/digits/digit-loop.ts');
    case 'zipf':
    case 'english':
      throw new Error(`data=${spec.data} is a vocabulary of words, not a distribution of points: its loop is src/engine/text/text-loop.ts`);
  }
}
