/**
 * The one factory of learners: what an Experiment of a spec needs from outside the engine, built
 * in one place for the worker and the CLI. Each learner of the table (src/spec/learners.ts) has
 * its line here; the TensorFlow.js ones are imported only when a spec names one, so runs of the
 * closed-form learners never load tfjs. The engine builds its own learners (engine/learners)
 * when none is passed; they are listed here too, so that a caller never needs to know which
 * room a learner lives in.
 */
import type { DigitFeatures, DigitLearner, Mnist } from '../engine/digits/digits';
import { pcaGmmLearner } from '../engine/digits/pca-gmm';
import { learnerFor as engineLearnerFor } from '../engine/learners';
import type { Learner } from '../engine/learners/model';
import type { ExperimentOptions } from '../engine/loops/experiment';
import { textLearnerFor } from '../engine/text/text-loop';
import type { UnigramLearner } from '../engine/text/unigram';
import { domainOf } from '../spec/domains';
import type { LearnerKind } from '../spec/learners';
import type { Spec } from '../spec/schema';

type Built = { points: Learner } | { digits: DigitLearner } | { text: UnigramLearner };

/** The settings the point networks read from a spec. */
function pointNetwork(spec: Spec) {
  return { hidden: spec.hidden, layers: spec.layers, steps: spec.steps, learningRate: spec.learningRate, batchSize: spec.batchSize, warmStart: spec.warmStart === 'on' };
}

/** The settings the digit generators read from a spec. */
function digitTraining(spec: Spec) {
  return { epochs: spec.epochs, learningRate: spec.learningRate, batchSize: spec.batchSize, warmStart: spec.warmStart === 'on' };
}

const BUILD: Record<LearnerKind, (spec: Spec) => Promise<Built>> = {
  gaussian: async (spec) => ({ points: engineLearnerFor(spec) }),
  gmm: async (spec) => ({ points: engineLearnerFor(spec) }),
  kde: async (spec) => ({ points: engineLearnerFor(spec) }),
  gan: async (spec) => ({ points: (await import('./gan')).ganLearner({ ...pointNetwork(spec), latentDim: spec.latentDim }) }),
  diffusion: async (spec) => ({ points: (await import('./diffusion')).diffusionLearner({ ...pointNetwork(spec), diffusionSteps: spec.diffusionSteps }) }),
  'pca-gmm': async (spec) => ({ digits: pcaGmmLearner({ components: spec.components }) }),
  vae: async (spec) => ({ digits: (await import('./digits/vae')).vaeLearner(digitTraining(spec)) }),
  cvae: async (spec) => ({ digits: (await import('./digits/vae')).cvaeLearner(digitTraining(spec)) }),
  'conv-gan': async (spec) => ({ digits: (await import('./digits/conv-gan')).convGanLearner(digitTraining(spec)) }),
  unigram: async (spec) => ({ text: textLearnerFor(spec) }),
  bigram: async (spec) => ({ text: textLearnerFor(spec) }),
};

/** The learner of points a spec names (a valid spec with data of the points domain). */
export async function pointLearner(spec: Spec): Promise<Learner> {
  const built = await BUILD[spec.learner](spec);
  if (!('points' in built)) throw new Error(`pointLearner: ${spec.learner} does not generate points`);
  return built.points;
}

/** The digit generator a spec names (a valid spec with data = mnist). */
export async function digitLearner(spec: Spec): Promise<DigitLearner> {
  const built = await BUILD[spec.learner](spec);
  if (!('digits' in built)) throw new Error(`digitLearner: ${spec.learner} does not generate digits`);
  return built.digits;
}

/** The word learner a spec names (a valid spec with data = zipf). */
async function textLearner(spec: Spec): Promise<UnigramLearner> {
  const built = await BUILD[spec.learner](spec);
  if (!('text' in built)) throw new Error(`textLearner: ${spec.learner} does not generate words`);
  return built.text;
}

/** What a host supplies for digit runs: the dataset and the metrics' feature map (fetched in the page, read from disk in Node). */
export type DigitData = () => Promise<{ mnist: Mnist; features: DigitFeatures }>;

/** The learner (and for digits the data and feature map) that `new Experiment(spec, options)` takes. */
export async function experimentLearner(spec: Spec, digitData: DigitData): Promise<Pick<ExperimentOptions, 'learner' | 'digits' | 'text'>> {
  if (domainOf(spec.data) === 'digits') {
    const [learner, data] = await Promise.all([digitLearner(spec), digitData()]);
    return { digits: { ...data, learner } };
  }
  if (domainOf(spec.data) === 'text') return { text: await textLearner(spec) };
  return { learner: await pointLearner(spec) };
}
