/**
 * The neural side of the engine worker: TensorFlow.js, its backend and the neural learners,
 * imported the first time a run needs them, so the closed-form learners never load tfjs.
 */
import type { DigitNetworks } from '../engine/digits/digit-loop';
import type { Learner } from '../engine/learners/model';
import type { Spec } from '../engine/spec/schema';
import type { Backends } from './backend';
import type { BackendName } from './protocol';

export interface NeuralRuntime {
  backends: Backends;
  learnerFor(spec: Spec): Learner;
  /** MNIST, the LeNet feature map and the digit generator of a data = mnist spec; `assets`: where the page's files are. */
  digitNetworks(spec: Spec, assets: string): Promise<DigitNetworks>;
}

let loading: Promise<NeuralRuntime> | null = null;

/** Loads tfjs and picks the backend, once per worker: `forced` is the first caller's `?backend=`. */
export function neuralRuntime(forced: BackendName | null): Promise<NeuralRuntime> {
  loading ??= (async () => {
    const [{ Backends }, { neuralLearnerFor }, { digitNetworks }] = await Promise.all([
      import('./backend'),
      import('../neural/learner-for'),
      import('./digit-runtime'),
    ]);
    const backends = new Backends(forced);
    await backends.ready;
    return {
      backends,
      learnerFor(spec) {
        const learner = neuralLearnerFor(spec);
        if (!learner) throw new Error(`${spec.learner} is not a neural learner`);
        return learner;
      },
      digitNetworks,
    };
  })();
  return loading;
}
