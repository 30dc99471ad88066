/**
 * The learners in Node. TensorFlow.js runs on its wasm backend here: tfjs-node would need a native
 * download, and the plain-JavaScript cpu backend is ~17× slower (bench/neural.bench.ts). Loaded
 * on demand, so runs of the closed-form learners never pay tfjs's start-up.
 */
import type { ExperimentOptions } from '../engine/loops/experiment';
import { needsTensorflow } from '../spec/learners';
import type { Spec } from '../spec/schema';

async function wasmBackend(): Promise<void> {
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend('wasm'))) throw new Error('TensorFlow.js could not start its wasm backend');
}

/** What an Experiment of the spec needs from outside the engine, built by the one learner factory; nothing for the engine's own runs. */
export async function nodeExperimentLearner(spec: Spec): Promise<Pick<ExperimentOptions, 'learner' | 'digits'>> {
  if (!needsTensorflow(spec)) return {};
  await wasmBackend();
  const { experimentLearner } = await import('../neural/learner-factory');
  return experimentLearner(spec, async () => {
    const { loadMnist, loadLenet } = await import('./mnist-node');
    return { mnist: loadMnist(), features: await loadLenet() };
  });
}
