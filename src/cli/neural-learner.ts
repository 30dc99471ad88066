/**
 * The neural learners in Node. TensorFlow.js runs on its wasm backend here: tfjs-node would need a
 * native download, and the plain-JavaScript cpu backend is ~17× slower (bench/neural.bench.ts).
 * Loaded on demand, so runs of the closed-form learners never pay tfjs's start-up.
 */
import type { Learner } from '../engine/learners/model';
import type { Spec } from '../engine/spec/schema';

/** The learner of a spec whose learner is neural (see isNeural). */
export async function nodeNeuralLearner(spec: Spec): Promise<Learner> {
  const { neuralLearnerFor } = await import('../neural/learner-for');
  const learner = neuralLearnerFor(spec);
  if (!learner) throw new Error(`nodeNeuralLearner: ${spec.learner} is not a neural learner`);
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend('wasm'))) throw new Error('TensorFlow.js could not start its wasm backend');
  return learner;
}
