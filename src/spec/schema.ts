/**
 * The experiment spec: one declarative registry of fields, the single source for the engine's
 * validation, the CLI flags and help, the page's URL state, its controls and its presets.
 * Names follow the MAD paper: n_ini, n_r, n_s, λ, generation t. The data kinds and learners are
 * tables of their own (domains.ts, learners.ts).
 */
import { DATA_KINDS, type DataKind } from './domains';
import { LEARNERS, LEARNER_FIELDS, type LearnerKind, learnerEntry } from './learners';
import { AUTO_SAMPLED_MAX_REPLICATES, METRIC_NAMES } from '../engine/metrics/registry';

interface FieldBase {
  /** CLI flag without the leading dashes. */
  readonly flag: string;
  /** Short label in the paper's vocabulary, for the page and for messages. */
  readonly label: string;
  /** The field in plain words, for a visitor who has not read the paper (shown on hover and focus). */
  readonly plain?: string;
  readonly help: string;
  /** When the field matters, by data and loop (every listed field must hold one of its values); the
   * learners' own fields are listed by the learners (learners.ts). Used to hide controls and to warn
   * about CLI flags that have no effect. */
  readonly appliesWhen?: Readonly<Partial<Record<'data' | 'loop', readonly string[]>>>;
}

/** The part of a field's range a control's slider covers (the number box takes the whole range). */
export interface SliderRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

export interface IntField extends FieldBase {
  readonly kind: 'int';
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly slider?: SliderRange;
}

export interface NumberField extends FieldBase {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  /** When true the lower bound itself is not allowed: λ ∈ (0, 1]. */
  readonly minExclusive?: boolean;
  readonly default: number;
  readonly slider?: SliderRange;
}

export interface EnumField<O extends readonly string[] = readonly string[]> extends FieldBase {
  readonly kind: 'enum';
  readonly options: O;
  readonly default: O[number];
}

/** Names from `options`, written as a comma-separated list (order and repeats do not matter), or one of `keywords`. */
export interface ListField extends FieldBase {
  readonly kind: 'list';
  readonly options: readonly string[];
  readonly keywords: readonly string[];
  readonly default: string;
}

export type Field = IntField | NumberField | EnumField | ListField;

export const SWITCH = ['off', 'on'] as const;
export const ESTIMATORS = ['mle', 'unbiased'] as const;
export const LOOPS = ['fully-synthetic', 'augmentation', 'fresh', 'accumulate'] as const;

export type Estimator = (typeof ESTIMATORS)[number];
export type LoopKind = (typeof LOOPS)[number];
export { DATA_KINDS, type DataKind } from './domains';
export { LEARNERS, type LearnerKind, isNeural } from './learners';

const MAX_N = 100_000;

export const specFields = {
  data: {
    kind: 'enum',
    options: DATA_KINDS,
    default: 'ring',
    flag: 'data',
    label: 'real distribution',
    help: 'P_r: N(0, I_d), ring of 8, 5×5 grid of 25, two moons, your own 2-D points (CLI: a CSV path), MNIST digits (training split; the metrics use the test split), or a Zipf vocabulary of words',
  } satisfies EnumField<readonly DataKind[]>,
  dim: {
    kind: 'int',
    min: 1,
    max: 100,
    default: 2,
    flag: 'dim',
    label: 'd',
    help: 'dimension of the Gaussian data; the mixtures, moons and points are 2-D',
    appliesWhen: { data: ['gaussian'] },
  } satisfies IntField,
  learner: {
    kind: 'enum',
    options: LEARNERS,
    default: 'gmm',
    flag: 'learner',
    label: 'learner',
    help: 'generative model fit each generation: Gaussian, Gaussian mixture (EM), kernel density estimate, a small neural GAN or diffusion model (DDPM) for 2-D data, or for MNIST a Gaussian mixture in principal components (EM), or a VAE, a class-conditional VAE (λ = guidance) or a convolutional GAN, trained with TensorFlow.js, or for words a unigram model fit by counts',
  } satisfies EnumField<readonly LearnerKind[]>,
  components: {
    kind: 'int',
    min: 1,
    max: 50,
    default: 8,
    slider: { min: 1, max: 50, step: 1 },
    flag: 'components',
    label: 'K',
    help: 'number of mixture components',
  } satisfies IntField,
  estimator: {
    kind: 'enum',
    options: ESTIMATORS,
    default: 'unbiased',
    flag: 'estimator',
    label: 'estimator',
    help: 'covariance estimator: MLE (divide by n) or unbiased (divide by n − 1)',
  } satisfies EnumField<typeof ESTIMATORS>,
  bandwidth: {
    kind: 'number',
    min: 0.01,
    max: 10,
    default: 1,
    slider: { min: 0.1, max: 3, step: 0.1 },
    flag: 'bandwidth',
    label: 'bandwidth ×',
    help: "kernel bandwidth as a multiple of Scott's rule (kernel covariance = (factor · n^(−1/(d+4)))² Σ̂)",
  } satisfies NumberField,
  // The neural learners' settings (src/neural). One default serves both learners: 3 hidden layers,
  // 2000 steps and learning rate 3e-3 fit the ring with precision ≈ 0.9 and recall 0.83 (GAN) /
  // 0.99 (DDPM) and all 8 modes (8 seeds, 500 points); 2 layers × 1000 steps halved the DDPM's
  // precision (README, "Neural learners").
  hidden: {
    kind: 'int',
    min: 4,
    max: 256,
    default: 64,
    slider: { min: 4, max: 128, step: 4 },
    flag: 'hidden',
    label: 'hidden units',
    help: 'units per hidden layer of the networks (capacity)',
  } satisfies IntField,
  layers: {
    kind: 'int',
    min: 1,
    max: 4,
    default: 3,
    flag: 'layers',
    label: 'hidden layers',
    help: 'hidden layers of the generator and the discriminator (GAN) or of the denoiser (diffusion)',
  } satisfies IntField,
  steps: {
    kind: 'int',
    min: 1,
    max: 20_000,
    default: 2000,
    slider: { min: 50, max: 5000, step: 50 },
    flag: 'steps',
    label: 'training steps',
    help: 'minibatch updates per generation (GAN: one discriminator and one generator update each)',
  } satisfies IntField,
  // The digit generators' sizes (README, "MNIST"): the VAEs fit 2,000 digits × 30 epochs in about
  // 9–11 s on wasm; the convolutional GAN needs more, smaller steps (batch 32): 5 epochs take ~13 s.
  epochs: {
    kind: 'int',
    min: 1,
    max: 200,
    default: 30,
    flag: 'epochs',
    label: 'epochs',
    help: 'passes over the training set D^t per generation (digit generators)',
  } satisfies IntField,
  learningRate: {
    kind: 'number',
    min: 1e-5,
    max: 0.1,
    default: 3e-3,
    flag: 'learning-rate',
    label: 'learning rate',
    help: 'Adam learning rate',
  } satisfies NumberField,
  batchSize: {
    kind: 'int',
    min: 8,
    max: 1024,
    default: 128,
    flag: 'batch-size',
    label: 'batch size',
    help: 'training points per minibatch, drawn with replacement',
  } satisfies IntField,
  latentDim: {
    kind: 'int',
    min: 2,
    max: 8,
    default: 4,
    flag: 'latent-dim',
    label: 'latent dim',
    help: "dimension of the GAN generator's latent z ~ N(0, λI)",
  } satisfies IntField,
  diffusionSteps: {
    kind: 'int',
    min: 10,
    max: 500,
    default: 100,
    flag: 'diffusion-steps',
    label: 'diffusion steps',
    help: 'noise levels of the DDPM; drawing a sample runs the denoiser this many times',
  } satisfies IntField,
  // The text domain (src/engine/text): the Zipf vocabulary and the unigram learner.
  zipfBeta: {
    kind: 'number',
    min: 0,
    max: 4,
    default: 1,
    slider: { min: 0, max: 2, step: 0.1 },
    flag: 'zipf-beta',
    label: 'β',
    plain: 'how steeply word frequency falls with rank: larger β, fewer common words and a thinner tail of rare ones',
    help: 'Zipf exponent: word of rank i has probability ∝ i^−β (0 = every word equally likely)',
    appliesWhen: { data: ['zipf'] },
  } satisfies NumberField,
  vocabulary: {
    kind: 'int',
    min: 2,
    max: MAX_N,
    default: 1000,
    slider: { min: 10, max: 10_000, step: 10 },
    flag: 'vocabulary',
    label: 'V',
    plain: 'how many different words the language has',
    help: 'vocabulary size of the Zipf distribution (word types, ranked 1..V)',
    appliesWhen: { data: ['zipf'] },
  } satisfies IntField,
  smoothing: {
    kind: 'number',
    min: 0,
    max: 10,
    default: 0,
    slider: { min: 0, max: 1, step: 0.01 },
    flag: 'smoothing',
    label: 'α',
    plain: 'pretend every word was seen α extra times, so that no word becomes impossible',
    help: 'add-α smoothing of the word counts: q_i = (c_i + α)/(n + αV); 0 = counts alone (a word not drawn is lost for good)',
  } satisfies NumberField,
  topK: {
    kind: 'int',
    min: 0,
    max: MAX_N,
    default: 0,
    flag: 'top-k',
    label: 'top-k',
    plain: 'synthetic text uses only the k most likely words (0: no cut)',
    help: 'top-k cut of synthetic sampling: only the k most probable words of G^(t−1) are drawn (0 = no cut)',
  } satisfies IntField,
  warmStart: {
    kind: 'enum',
    options: SWITCH,
    default: 'off',
    flag: 'warm-start',
    label: 'warm start',
    help: 'continue from G^(t−1) instead of training from scratch (the paper trains from scratch)',
  } satisfies EnumField<typeof SWITCH>,
  loop: {
    kind: 'enum',
    options: LOOPS,
    default: 'fully-synthetic',
    flag: 'loop',
    label: 'loop',
    plain: 'where each generation’s training data come from: only the previous model, a fixed real set plus it, new real data plus it, or everything so far',
    help: 'training set for t ≥ 2: n_s synthetic only; fixed real set + n_s; n_r fresh real + n_s; or all data so far + n_s (+ n_r)',
  } satisfies EnumField<typeof LOOPS>,
  nIni: {
    kind: 'int',
    min: 2,
    max: MAX_N,
    default: 500,
    slider: { min: 10, max: 1000, step: 10 },
    flag: 'n-ini',
    label: 'n_ini',
    plain: 'how many real samples the first model learns from',
    help: 'real samples that generation 1 is fit on (also the fixed real set of the augmentation loop)',
  } satisfies IntField,
  nReal: {
    kind: 'int',
    min: 0,
    max: MAX_N,
    default: 250,
    slider: { min: 0, max: 1000, step: 10 },
    flag: 'n-real',
    label: 'n_r',
    plain: 'how many new real samples each later generation gets',
    help: 'fresh real samples drawn each generation t ≥ 2',
    appliesWhen: { loop: ['fresh', 'accumulate'] },
  } satisfies IntField,
  nSyn: {
    kind: 'int',
    min: 0,
    max: MAX_N,
    default: 500,
    slider: { min: 0, max: 1000, step: 10 },
    flag: 'n-syn',
    label: 'n_s',
    plain: 'how many samples of the previous model each generation learns from',
    help: 'synthetic samples drawn from G^(t−1) each generation t ≥ 2',
  } satisfies IntField,
  lambda: {
    kind: 'number',
    min: 0,
    max: 1,
    minExclusive: true,
    default: 1,
    slider: { min: 0.05, max: 1, step: 0.05 },
    flag: 'lambda',
    label: 'λ',
    plain: 'sampling bias: below 1, synthetic samples are drawn closer to the typical ones (like truncation or guidance), trading diversity for quality',
    help: 'sampling bias of synthetic data: 1 = unbiased; smaller = higher quality, lower diversity (words: the sampling temperature)',
  } satisfies NumberField,
  generations: {
    kind: 'int',
    min: 1,
    max: 10_000,
    default: 50,
    flag: 'generations',
    label: 'generations T',
    plain: 'how many models are trained one after another',
    help: 'number of fits; t = 1 is the fit on real data',
  } satisfies IntField,
  replicates: {
    kind: 'int',
    min: 1,
    max: 10_000,
    default: 20,
    flag: 'replicates',
    label: 'replicates R',
    plain: 'how many times the whole loop is repeated with different random draws; charts show their mean and spread',
    help: 'independent runs summarised per generation (mean, sd, median, 5% and 95% quantiles)',
  } satisfies IntField,
  seed: {
    kind: 'int',
    min: 0,
    max: 4_294_967_295,
    default: 1,
    flag: 'seed',
    label: 'seed',
    help: 'one seed reproduces the whole experiment exactly',
  } satisfies IntField,
  nEval: {
    kind: 'int',
    min: 10,
    max: MAX_N,
    default: 1000,
    flag: 'n-eval',
    label: 'n_eval',
    help: 'evaluation samples of the model and of P_r for k-NN precision/recall and mode coverage',
  } satisfies IntField,
  // Research runs pay only for what they ask (issue 14): the sampled metrics cost a k-NN search of
  // 2·n_eval points per replicate and generation, far more than a closed-form fit.
  metrics: {
    kind: 'list',
    options: METRIC_NAMES,
    keywords: ['auto', 'all'],
    default: 'auto',
    flag: 'metrics',
    label: 'metrics',
    help: `what each generation measures: a list such as fd,meanSq,precision; all (every metric of the data); or auto: all, but those measured on samples of G^t (precision, recall, modes, modeVar) only while R ≤ ${AUTO_SAMPLED_MAX_REPLICATES}; the page computes all`,
  } satisfies ListField,
} as const;

export type SpecKey = keyof typeof specFields;
export const SPEC_KEYS = Object.keys(specFields) as SpecKey[];

type ValueOf<F> = F extends EnumField<infer O> ? O[number] : F extends ListField ? string : number;

/** A user-supplied 2-D point set, as [x, y] pairs. */
export type PointSet = ReadonlyArray<readonly [number, number]>;

export type Spec = { -readonly [K in SpecKey]: ValueOf<(typeof specFields)[K]> } & {
  /** The point set when data = 'points'; null otherwise. */
  points: PointSet | null;
};

/** The default spec; with a learner, that learner's own defaults where it has them (learnerDefaults). */
export function defaultSpec(learner?: LearnerKind): Spec {
  const spec = { points: null } as Record<string, unknown>;
  for (const key of SPEC_KEYS) spec[key] = specFields[key].default;
  if (learner) Object.assign(spec, learnerDefaults(learner));
  return spec as Spec;
}

/** Fields that some learner sets a default of its own for: switching learners resets these. */
const LEARNER_DEFAULT_KEYS = new Set(LEARNERS.flatMap((l) => Object.keys(learnerEntry(l).defaults ?? {}) as SpecKey[]));

/**
 * For every field that some learner has its own default of and that this learner reads: its own
 * default, or the general one. Switching learners resets these, so that a GAN does not train at a
 * VAE's batch size.
 */
export function learnerDefaults(learner: LearnerKind): Partial<Spec> {
  const entry = learnerEntry(learner);
  const out: Record<string, unknown> = {};
  for (const key of entry.fields) if (LEARNER_DEFAULT_KEYS.has(key)) out[key] = entry.defaults?.[key] ?? specFields[key].default;
  return out as Partial<Spec>;
}

/** "integer 2..100000", "number in (0, 1]", "one of a|b|c": the allowed values of a field. */
export function describeAllowed(field: Field): string {
  switch (field.kind) {
    case 'int':
      return `an integer ${field.min}..${field.max}`;
    case 'number':
      return `a number in ${field.minExclusive ? '(' : '['}${field.min}, ${field.max}]`;
    case 'enum':
      return `one of ${field.options.join(' | ')}`;
    case 'list':
      return `${field.keywords.join(' | ')} | a comma-separated list of ${field.options.join(', ')}`;
  }
}

/** Whether a field has any effect in this spec. */
export function fieldApplies(key: SpecKey, spec: Pick<Spec, 'data' | 'learner' | 'loop'>): boolean {
  if (LEARNER_FIELDS.has(key) && !learnerEntry(spec.learner).fields.includes(key)) return false;
  const when = (specFields[key] as Field).appliesWhen;
  if (!when) return true;
  return (Object.keys(when) as ('data' | 'loop')[]).every((k) => when[k]!.includes(spec[k]));
}

/** Smallest and largest allowed point sets. */
export const POINTS_MIN = 10;
export const POINTS_MAX = MAX_N;

/**
 * Largest |coordinate| of real data. Covariances hold squares of coordinates and the Fréchet
 * distance of 2-D covariances multiplies two of them (fourth powers): at 1e50 those stay near 1e200,
 * well inside float64 (1.8e308); beyond about 1e77 they overflow and every fit degenerates.
 */
export const COORDINATE_LIMIT = 1e50;

/** "|x|, |y| ≤ 1e50": the range of real data's coordinates, as messages state it. */
export const COORDINATE_RANGE = `|x|, |y| ≤ ${COORDINATE_LIMIT.toExponential(0).replace('+', '')}`;
