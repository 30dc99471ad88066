/**
 * The neural learners in Node. TensorFlow.js runs on its wasm backend here: tfjs-node would need a
 * native download, and the plain-JavaScript cpu backend is ~17× slower (bench/neural.bench.ts).
 * Loaded on demand, so runs of the closed-form learners never pay tfjs's start-up.
 */
import type { ExperimentOptions } from '../engine/loops/experiment';
import type { Spec } from '../spec/schema';

async function wasmBackend(): Promise<void> {
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend('wasm'))) throw new Error('TensorFlow.js could not start its wasm backend');
}

/**
 * What an Experiment of a neural spec needs from outside the engine (see isNeural): the learner of
 * points, or for data = mnist the dataset, the LeNet feature map and the digit generator.
 */
export async function nodeNeuralOptions(spec: Spec): Promise<Pick<ExperimentOptions, 'learner' | 'digits'>> {
  await wasmBackend();
  if (spec.data === 'mnist') {
    const [{ loadMnist, loadLenet }, { digitLearnerFor }] = await Promise.all([import('./mnist-node'), import('../neural/digits/learner-for')]);
    return { digits: { mnist: loadMnist(), features: await loadLenet(), learner: digitLearnerFor(spec) } };
  }
  const { neuralLearnerFor } = await import('../neural/learner-for');
  const learner = neuralLearnerFor(spec);
  if (!learner) throw new Error(`nodeNeuralOptions: ${spec.learner} is not a neural learner`);
  return { learner };
}
