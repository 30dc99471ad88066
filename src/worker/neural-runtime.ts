/**
 * The TensorFlow.js side of the engine worker: tfjs, its backends and the learner factory,
 * imported the first time a run needs them, so runs of the closed-form learners never load tfjs.
 */
import type { ExperimentOptions } from '../engine/loops/experiment';
import type { Spec } from '../spec/schema';
import type { Backends } from './backend';
import type { Runtime } from './protocol';

export interface NeuralRuntime {
  backends: Backends;
  /** The learner of the spec, and for digits MNIST and the LeNet feature map (under `assets`, the page's base URL), from the one factory. */
  experimentLearner(spec: Spec, assets: string): Promise<Pick<ExperimentOptions, 'learner' | 'digits'>>;
}

let loading: Promise<NeuralRuntime> | null = null;

/** Loads tfjs and starts its backends, once per worker, with the backends the first caller's link names. */
export function neuralRuntime(runtime: Runtime): Promise<NeuralRuntime> {
  loading ??= (async () => {
    const [{ Backends }, { experimentLearner }, { digitData }] = await Promise.all([import('./backend'), import('../neural/learner-factory'), import('./digit-runtime')]);
    const asked = [...(runtime.backend ? [runtime.backend] : []), ...(runtime.backends ?? [])];
    const backends = new Backends(asked);
    await backends.ready;
    return { backends, experimentLearner: (spec, assets) => experimentLearner(spec, digitData(assets)) };
  })();
  return loading;
}
