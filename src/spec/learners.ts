/**
 * The learners: for each, the data domain it generates, whether it trains networks with
 * TensorFlow.js (outside the engine) or is fit by the engine itself, its name on the page, the
 * spec fields it reads and its own defaults of shared fields. Everything else (validation, the
 * controls shown, the CLI's warnings, the factory that builds it) reads this table: adding a
 * learner is one entry here plus its module and its line in the factory (src/neural/learner-factory.ts).
 */
import { type DataKind, type DomainKind, domainEntry } from './domains';
import type { Spec, SpecKey } from './schema';

export interface LearnerEntry {
  readonly domain: DomainKind;
  /** 'engine': fit by the engine (closed form or EM); 'tfjs': trains networks with TensorFlow.js. */
  readonly runtime: 'engine' | 'tfjs';
  /** Its name in menus. */
  readonly label: string;
  /** The spec fields it reads beyond the loop's own (a field no learner lists applies to all). */
  readonly fields: readonly SpecKey[];
  /** Its own defaults of fields that other learners share (the convolutional GAN trains with smaller batches). */
  readonly defaults?: Readonly<Partial<Record<SpecKey, number>>>;
  /** The one data dimension it fits (the networks of points are built for the plane). */
  readonly dim?: number;
  /**
   * Training speed in a tab on WASM (README, "Performance"), for run-time estimates: training steps
   * per second, digits per second and epoch (one epoch passes over every digit of D^t), or digits
   * of D^t per second of a whole generation, or words per second of a whole generation (the words
   * of D^t, the n_eval sample words and one pass over the V word types for the exact metrics). None
   * for the learners of points that the engine fits, which are costed by their samples.
   */
  readonly pace?: { readonly per: 'step' | 'digit-epoch' | 'digit' | 'word'; readonly perSecond: number };
  /** Sizes a page run of it takes, where they differ from its domain's (a network per replicate and generation). */
  readonly page?: Readonly<Partial<Spec>>;
  /**
   * Words per sample that a curator or verifier judges, for a learner of word sequences: a passage
   * of consecutive words, so that they judge text as the model writes it (absent: single words).
   */
  readonly passage?: number;
}

/**
 * Page sizes of the networks of points, whose first generation is drawn within seconds on WASM:
 * one replicate of a network of 32 units trained 1000 steps on 400 points (README, "Neural
 * learners"), ten generations.
 */
const POINT_NETWORK_PAGE: Partial<Spec> = { hidden: 32, steps: 1000, diffusionSteps: 40, nIni: 400, nReal: 400, nSyn: 200, nEval: 500, generations: 10, replicates: 1 };
const POINT_NETWORK_FIELDS = ['hidden', 'layers', 'steps', 'learningRate', 'batchSize', 'warmStart'] as const;
const DIGIT_NETWORK_FIELDS = ['epochs', 'learningRate', 'batchSize', 'warmStart'] as const;

/** The learners' names (the keys of LEARNER_TABLE, which the compiler holds to this list). */
export const LEARNERS = ['gaussian', 'gmm', 'kde', 'gan', 'diffusion', 'pca-gmm', 'vae', 'cvae', 'conv-gan', 'unigram', 'bigram'] as const;
export type LearnerKind = (typeof LEARNERS)[number];

export const LEARNER_TABLE: Readonly<Record<LearnerKind, LearnerEntry>> = {
  gaussian: { domain: 'points', runtime: 'engine', label: 'Gaussian', fields: ['estimator'] },
  gmm: { domain: 'points', runtime: 'engine', label: 'Gaussian mixture (EM)', fields: ['components'] },
  kde: { domain: 'points', runtime: 'engine', label: 'kernel density (KDE)', fields: ['bandwidth'] },
  gan: { domain: 'points', runtime: 'tfjs', label: 'GAN (neural, TensorFlow.js)', fields: [...POINT_NETWORK_FIELDS, 'latentDim'], dim: 2, page: POINT_NETWORK_PAGE, pace: { per: 'step', perSecond: 260 } },
  diffusion: {
    domain: 'points',
    runtime: 'tfjs',
    label: 'diffusion model (DDPM, TensorFlow.js)',
    fields: [...POINT_NETWORK_FIELDS, 'diffusionSteps'],
    dim: 2,
    page: POINT_NETWORK_PAGE,
    pace: { per: 'step', perSecond: 890 },
  },
  // The MNIST default (README, "MNIST digits"): K = 40 full-covariance components in 50 principal
  // components of 1,000 digits reach precision 0.96 and recall 0.53 in about a second; a whole
  // generation (PCA, EM, samples and their LeNet features) handles about 1,000 digits per second.
  'pca-gmm': {
    domain: 'digits',
    runtime: 'engine',
    label: 'Gaussian mixture in PCA space (digits)',
    fields: ['components'],
    defaults: { components: 40 },
    pace: { per: 'digit', perSecond: 1000 },
  },
  vae: { domain: 'digits', runtime: 'tfjs', label: 'VAE (digits, TensorFlow.js)', fields: DIGIT_NETWORK_FIELDS, pace: { per: 'digit-epoch', perSecond: 5000 } },
  cvae: { domain: 'digits', runtime: 'tfjs', label: 'class-conditional VAE (digits; λ = guidance)', fields: DIGIT_NETWORK_FIELDS, pace: { per: 'digit-epoch', perSecond: 5000 } },
  // Measured (src/neural/digits/conv-gan.ts): 5 epochs of batch 32 at 2e-3 give recognisable digits in ~20 s.
  'conv-gan': {
    domain: 'digits',
    runtime: 'tfjs',
    label: 'convolutional GAN (digits, TensorFlow.js)',
    fields: DIGIT_NETWORK_FIELDS,
    defaults: { epochs: 5, learningRate: 2e-3, batchSize: 32 },
    pace: { per: 'digit-epoch', perSecond: 800 },
  },
  // Measured in Node (scratch runs of V = 10³…10⁵, n = 10³…5·10⁴, 2026-11-30): 0.9–3.7·10⁷ words per
  // second; a tab's worker is slower and draws every generation, so the estimate takes a few times less.
  unigram: { domain: 'text', runtime: 'engine', label: 'unigram (word counts, add-α)', fields: ['smoothing', 'topK'], pace: { per: 'word', perSecond: 5_000_000 } },
  // Pairs are counted in a hash map and text is drawn word by word along the chain: about a fifth
  // of the unigram learner's pace without smoothing (scratch runs, Node, 2026-11-30); smoothing
  // builds a dense row of V weights for every word the text visits.
  // Its curated and verified passages are about a sentence long.
  bigram: { domain: 'text', runtime: 'engine', label: 'bigram (word pairs, add-α)', fields: ['smoothing', 'topK'], pace: { per: 'word', perSecond: 1_000_000 }, passage: 10 },
};

export function learnerEntry(learner: LearnerKind): LearnerEntry {
  return LEARNER_TABLE[learner];
}

/** Words per curated or verified sample of a word learner (LearnerEntry.passage): 1 for independent words. */
export function passageOf(learner: LearnerKind): number {
  return LEARNER_TABLE[learner].passage ?? 1;
}

/** The learners for which `test` holds, in the table's order. */
export function learnersWhere(test: (entry: LearnerEntry) => boolean): LearnerKind[] {
  return LEARNERS.filter((l) => test(LEARNER_TABLE[l]));
}

/** The learners of a domain, as messages and menus list them. */
export function learnersOf(domain: DomainKind): LearnerKind[] {
  return learnersWhere((e) => e.domain === domain);
}

/** Whether the learner trains networks with TensorFlow.js (loaded only then). */
export function isNeural(learner: LearnerKind): boolean {
  return LEARNER_TABLE[learner].runtime === 'tfjs';
}

/** Fields that some learner lists: each applies only to the learners that list it. */
export const LEARNER_FIELDS: ReadonlySet<SpecKey> = new Set(LEARNERS.flatMap((l) => LEARNER_TABLE[l].fields));

/**
 * Whether a run of the spec loads TensorFlow.js: for a learner that trains networks, or for data
 * measured in a network's feature space (digits, through LeNet).
 */
export function needsTensorflow(spec: { data: DataKind; learner: LearnerKind }): boolean {
  return isNeural(spec.learner) || domainEntry(spec.data).features === 'lenet';
}
