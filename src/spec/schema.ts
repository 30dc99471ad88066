/**
 * The experiment spec: one declarative registry of fields, the single source for the engine's
 * validation, the CLI flags and help, the page's URL state, its controls and its presets.
 * Names follow the MAD paper: n_ini, n_r, n_s, λ, generation t. The data kinds and learners are
 * tables of their own (domains.ts, learners.ts).
 */
import { DATA_KINDS, type DataKind, type DomainKind, dataOf } from './domains';
import { LEARNERS, LEARNER_FIELDS, type LearnerKind, learnerEntry, passageOf } from './learners';
import { BIASED_VERIFIER_CLASSES, VERIFIER_CONFIDENCE } from '../engine/digits/digit-curation';
import { AUTO_SAMPLED_MAX_REPLICATES, METRIC_NAMES } from '../engine/metrics/registry';

interface FieldBase {
  /** CLI flag without the leading dashes. */
  readonly flag: string;
  /** Short label in the paper's vocabulary, for the page and for messages. */
  readonly label: string;
  /** The field in plain words, for a visitor who has not read the paper (shown on hover and focus). */
  readonly plain?: string;
  /** Plain words per domain where the field means something else there (λ of words: the sampling temperature). */
  readonly plainIn?: Readonly<Partial<Record<DomainKind, string>>>;
  readonly help: string;
  /** When the field matters, by data and loop (every listed field must hold one of its values); the
   * learners' own fields are listed by the learners (learners.ts). Used to hide controls and to warn
   * about CLI flags that have no effect. */
  readonly appliesWhen?: Readonly<Partial<Record<ConditionKey, readonly string[]>>>;
  /** When the field matters only while an integer field exceeds a value: the reward and β only with K > 1, the exchange with M > 1. */
  readonly appliesAbove?: Readonly<Partial<Record<AboveKey, number>>>;
  /** How the admissibility explorer names the field as an axis, where it is one (engine/admissibility/sweep.ts). */
  readonly axis?: AxisNames;
}

/** A sweep axis's names: its symbol where the label is longer, and a few plain words, per domain where the field means something else there. */
export interface AxisNames {
  readonly symbol?: string;
  readonly title: string;
  readonly titleIn?: Readonly<Partial<Record<DomainKind, string>>>;
}

/** The enum fields whose values decide whether another field matters. */
type ConditionKey = 'data' | 'learner' | 'loop' | 'verifier' | 'web' | 'mixing';
/** The integer fields whose size decides whether another field matters. */
type AboveKey = 'curationK' | 'models';

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

/** Numbers in [min, max] (or (min, max]) written as a comma-separated list of at most `maxCount`; empty means `emptyMeans`. */
export interface NumberListField extends FieldBase {
  readonly kind: 'numbers';
  readonly min: number;
  readonly max: number;
  readonly minExclusive?: boolean;
  readonly maxCount: number;
  /** What the empty list (the default) stands for, in words. */
  readonly emptyMeans: string;
  readonly default: '';
}

/** The numbers of a number-list field's value as validation writes it (comma-separated, no spaces). */
export function numbersOf(text: string): number[] {
  return text === '' ? [] : text.split(',').map(Number);
}

export type Field = IntField | NumberField | EnumField | ListField | NumberListField;

export const SWITCH = ['off', 'on'] as const;
export const ESTIMATORS = ['mle', 'unbiased'] as const;
export const LOOPS = ['fully-synthetic', 'augmentation', 'fresh', 'accumulate'] as const;
export const VERIFIERS = ['off', 'support', 'biased'] as const;

export type Estimator = (typeof ESTIMATORS)[number];
export type LoopKind = (typeof LOOPS)[number];
export type VerifierKind = (typeof VERIFIERS)[number];
export { DATA_KINDS, type DataKind } from './domains';
export { LEARNERS, type LearnerKind, isNeural } from './learners';

const MAX_N = 100_000;
/** Curation and verification filter synthetic points, digits and words (engine/curation, engine/digits/digit-curation.ts, engine/text). */
const POINT_DATA = dataOf('points');
const DIGIT_DATA = dataOf('digits');
const TEXT_DATA = dataOf('text');
const FILTERED_DATA = [...POINT_DATA, ...DIGIT_DATA, ...TEXT_DATA];

export const specFields = {
  data: {
    kind: 'enum',
    options: DATA_KINDS,
    default: 'ring',
    flag: 'data',
    label: 'real distribution',
    help: 'P_r: N(0, I_d), ring of 8, 5×5 grid of 25, two moons, your own 2-D points (CLI: a CSV path), MNIST digits (training split; the metrics use the test split), a Zipf vocabulary of words, or English word frequencies (the Brown corpus)',
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
    help: 'vocabulary size: word types of the Zipf distribution, ranked 1..V; for English, its V most frequent words (at most 10000)',
    appliesWhen: { data: ['zipf', 'english'] },
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
    axis: { title: 'fresh real samples per generation' },
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
    axis: { title: 'synthetic samples per generation' },
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
    plainIn: { text: 'sampling temperature: below 1, synthetic text favours the frequent words (each word\'s probability is raised to the power 1/λ), as a cooler language model does' },
    help: 'sampling bias of synthetic data: 1 = unbiased; smaller = higher quality, lower diversity (words: the sampling temperature)',
    axis: { title: 'sampling bias (1 = unbiased, smaller = more biased)', titleIn: { text: 'sampling temperature (1 = as fitted, smaller = cooler)' } },
  } satisfies NumberField,
  // Curation (Ferbach et al. 2024) and verification (Feng et al. 2024) of the synthetic samples:
  // engine/curation. Real data are never filtered.
  curationK: {
    kind: 'int',
    min: 1,
    max: 100,
    default: 1,
    slider: { min: 1, max: 20, step: 1 },
    flag: 'curation-k',
    label: 'candidates K',
    plain: 'each synthetic sample is picked among K samples of the previous model, the one the curator prefers (closer to the target point, more surely the target digit, or with more target words) more likely (1: no curation)',
    help: `curation: each synthetic sample is chosen among K candidates from G^(t−1) with Bradley–Terry probabilities ∝ exp(r/β); points: r(x) = −‖x − x*‖²; digits: r(x) = ln p(c | x), LeNet's log-probability of the target digit c; words: r = the share of target words in a candidate (a word for the unigram, a passage of ${passageOf('bigram')} words for the bigram) (1 = no curation)`,
    axis: { symbol: 'K', title: 'candidates per curated sample (1 = no curation)' },
    appliesWhen: { data: FILTERED_DATA },
  } satisfies IntField,
  curationBeta: {
    kind: 'number',
    min: 0,
    max: 100,
    minExclusive: true,
    default: 1,
    slider: { min: 0.05, max: 5, step: 0.05 },
    flag: 'curation-beta',
    label: 'β',
    plain: 'how strictly the curator prefers the best candidate (closest to the target, most surely the target digit, or with the most target words): small β almost always picks it, large β picks almost at random',
    help: 'temperature of the Bradley–Terry choice among the K candidates: P(pick x_i) ∝ exp(r(x_i)/β); points: exp(−‖x_i − x*‖²/β); digits: p(c | x_i)^(1/β), so that β = 1 conditions G^(t−1) on the digit c as K grows; words: a target word weighs e^(1/β) against another',
    appliesWhen: { data: FILTERED_DATA },
    appliesAbove: { curationK: 1 },
  } satisfies NumberField,
  targetX: {
    kind: 'number',
    min: -50,
    max: 50,
    default: 2,
    slider: { min: -5, max: 5, step: 0.1 },
    flag: 'target-x',
    label: 'target x*₁',
    plain: 'first coordinate of the point the curator wants samples close to',
    help: 'first coordinate of the reward\'s target x* (other coordinates of d > 2 Gaussians are 0)',
    appliesWhen: { data: POINT_DATA },
    appliesAbove: { curationK: 1 },
  } satisfies NumberField,
  targetY: {
    kind: 'number',
    min: -50,
    max: 50,
    default: 0,
    slider: { min: -5, max: 5, step: 0.1 },
    flag: 'target-y',
    label: 'target x*₂',
    plain: 'second coordinate of the point the curator wants samples close to',
    help: 'second coordinate of the reward\'s target x* (unused for 1-D data)',
    appliesWhen: { data: POINT_DATA },
    appliesAbove: { curationK: 1 },
  } satisfies NumberField,
  targetWords: {
    kind: 'int',
    min: 1,
    max: MAX_N,
    default: 50,
    slider: { min: 1, max: 500, step: 1 },
    flag: 'target-words',
    label: 'target words m',
    plain: 'the curator’s favourite words: the m most common words of the real language; of the K candidates it prefers the one with more of them',
    help: 'the curator\'s target set for words: the m most common words of the real vocabulary (ranks 1..m, at most V); a candidate\'s reward is the share of its words in the set',
    appliesWhen: { data: TEXT_DATA },
    appliesAbove: { curationK: 1 },
  } satisfies IntField,
  targetClass: {
    kind: 'int',
    min: 0,
    max: 9,
    default: 0,
    slider: { min: 0, max: 9, step: 1 },
    flag: 'target-class',
    label: 'target digit c',
    plain: 'the digit the curator wants: the candidate that the classifier (LeNet) finds most surely this digit is picked most often',
    help: 'the curator\'s target class c ∈ 0..9: the reward of a synthetic digit x is ln p(c | x), the log-probability LeNet gives the class c',
    appliesWhen: { data: DIGIT_DATA },
    appliesAbove: { curationK: 1 },
  } satisfies IntField,
  verifier: {
    kind: 'enum',
    options: VERIFIERS,
    default: 'off',
    flag: 'verifier',
    label: 'verifier',
    plain: 'a check that throws away synthetic samples that do not look like real data, and draws again until n_s pass',
    help: `keeps only the synthetic samples a verifier accepts, drawing more from G^(t−1) until n_s pass. Points: support = inside the k-NN manifold (k = 5) of 2,000 real samples; biased = the same, but only its right half (first coordinate ≥ 0). Digits: support = LeNet gives some class a probability ≥ ${VERIFIER_CONFIDENCE}; biased = the same, but only for the digits 0–${BIASED_VERIFIER_CLASSES - 1}. Words: support = only words that occur in its own 10,000 words of real text (for the bigram, passages of ${passageOf('bigram')} words that hold no other); biased = only the more common half of those`,
    appliesWhen: { data: FILTERED_DATA },
  } satisfies EnumField<typeof VERIFIERS>,
  verifierAccuracy: {
    kind: 'number',
    min: 0.5,
    max: 1,
    default: 1,
    slider: { min: 0.5, max: 1, step: 0.01 },
    flag: 'verifier-accuracy',
    label: 'verifier accuracy',
    plain: 'how often the verifier’s verdict is right; the rest of the time it accepts what it should reject and rejects what it should accept (0.5: a coin toss)',
    help: 'probability that each verdict of the verifier is its rule\'s; otherwise it is reversed',
    appliesWhen: { data: FILTERED_DATA, verifier: ['support', 'biased'] },
  } satisfies NumberField,
  // Self-correction (Gillman et al. 2024): engine/curation/correction.ts.
  correction: {
    kind: 'number',
    min: 0,
    max: 1,
    default: 0,
    slider: { min: 0, max: 1, step: 0.05 },
    flag: 'correction',
    label: 'correction γ',
    plain: 'before the next model learns from them, each synthetic sample is moved this fraction of the way to the nearest of 2,000 real samples (0: not moved; 1: replaced by that real sample), as a physics check or an expert fixes generated data',
    help: 'self-correction: each synthetic sample x (after curation and verification) becomes x + γ·(r(x) − x), r(x) its nearest neighbour among 2,000 real samples drawn once per experiment (points: the verifier\'s own; digits: training digits, nearest in pixel space, the label kept); 0 = no correction',
    appliesWhen: { data: [...POINT_DATA, ...DIGIT_DATA] },
  } satisfies NumberField,
  // Models feeding each other (Gao & Li 2025): engine/loops/ecosystem.ts. One model is the loop of the paper.
  models: {
    kind: 'int',
    min: 1,
    max: 4,
    default: 1,
    slider: { min: 1, max: 4, step: 1 },
    flag: 'models',
    label: 'models M',
    plain: 'how many models are trained side by side, each on its own real data, sharing their synthetic samples (1: one model, the paper\'s loop); the pictures and charts show model 1, and the distance between models compares them all',
    plainIn: { digits: 'how many digit generators are trained side by side, each on its own real digits, sharing their synthetic digits (1: one model, the paper\'s loop); the pictures and charts show model 1, and the distance between models compares them all by the Fréchet distance between LeNet features of their samples' },
    help: 'M models, each with its own real data and training set; every generation each trains on its loop\'s mix, its synthetic part drawn from its own and the others\' previous models (see exchange); the metrics are model 1\'s, plus the distance between models (points: Fréchet distance between their moments; digits: between the LeNet features of n_eval samples of each; words: total variation)',
    axis: { symbol: 'M', title: 'models feeding each other' },
  } satisfies IntField,
  otherLambdas: {
    kind: 'numbers',
    min: 0,
    max: 1,
    minExclusive: true,
    maxCount: 3,
    default: '',
    emptyMeans: 'every model samples with λ',
    flag: 'other-lambdas',
    label: 'λ of models 2…M',
    plain: 'the sampling bias of the other models, one number each for models 2, 3 and 4 (the last one given also serves the models after it; empty: every model uses λ). 1 draws as fitted: one guided model among plain ones, or, with λ = 1, one plain model among guided ones',
    help: 'λ of models 2..M in order, comma-separated, each in (0, 1]; models past the list take its last value, values past model M are unused; empty (the default): every model samples with λ',
    appliesAbove: { models: 1 },
  } satisfies NumberListField,
  exchange: {
    kind: 'number',
    min: 0,
    max: 1,
    default: 0.5,
    slider: { min: 0, max: 1, step: 0.05 },
    flag: 'exchange',
    label: 'exchange share',
    plain: 'the share of each model\'s synthetic training samples that come from the other models, split evenly between them (0: each model eats only its own samples; (M − 1)/M: every model\'s samples count equally)',
    help: 'fraction of the n_s synthetic samples of each model drawn from the other M − 1 models\' previous generation, split evenly (each rounded to whole samples; the bigram\'s text moves in whole passages, the words past the last whole one staying with their model); the rest are its own',
    axis: { symbol: 'exchange', title: 'share of synthetic samples taken from the other models' },
    appliesWhen: { web: ['off'], mixing: [''] },
    appliesAbove: { models: 1 },
  } satisfies NumberField,
  mixing: {
    kind: 'numbers',
    min: 0,
    max: 1,
    maxCount: 16,
    default: '',
    emptyMeans: 'the exchange share',
    flag: 'mixing',
    label: 'mixing matrix',
    plain: 'who learns from whom: M rows of M shares, row i giving the shares of model i’s synthetic samples that come from models 1, …, M, each row summing to 1 (with M = 2, 1,0,1,0: both models learn from model 1 alone). Empty: the exchange share decides',
    help: 'M × M shares row by row: entry (i, j) is the share of model i\'s n_s synthetic samples drawn from model j\'s previous generation; each row sums to 1 and is rounded to whole samples by largest remainders; every drawn sample goes to one training set, so model j draws its column\'s total. Empty (the default): the exchange share',
    appliesWhen: { web: ['off'] },
    appliesAbove: { models: 1 },
  } satisfies NumberListField,
  web: {
    kind: 'enum',
    options: SWITCH,
    default: 'off',
    flag: 'web',
    label: 'shared web',
    plain: 'instead of exchanging samples, every model publishes its samples to a shared pool that starts with all the models\' real data, and each trains on samples scraped at random from it: the share of generated content grows every generation',
    help: 'the synthetic part of each training set is n_s samples drawn without replacement from a pool holding the M·n_ini real samples of generation 1 and every sample every model has published since (n_s per model per generation, with λ, filtered as set; the bigram\'s text in whole passages, the words past the last whole one kept by their model); exchange is then unused',
    appliesAbove: { models: 1 },
  } satisfies EnumField<typeof SWITCH>,
  generations: {
    kind: 'int',
    min: 1,
    max: 10_000,
    default: 50,
    flag: 'generations',
    label: 'generations T',
    plain: 'how many models are trained one after another',
    help: 'number of fits; t = 1 is the fit on real data',
    axis: { symbol: 'T', title: 'generations' },
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

type ValueOf<F> = F extends EnumField<infer O> ? O[number] : F extends ListField | NumberListField ? string : number;

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
    case 'numbers':
      return `nothing (${field.emptyMeans}) | up to ${field.maxCount} comma-separated numbers in ${field.minExclusive ? '(' : '['}${field.min}, ${field.max}]`;
  }
}

/** Whether a field has any effect in this spec. */
export function fieldApplies(key: SpecKey, spec: Pick<Spec, ConditionKey | AboveKey>): boolean {
  return unmetConditions(key, spec).length === 0;
}

/**
 * What a field waits for that this spec does not have, as CLI flags: each unmet condition's value
 * here (`have`) and the values it needs (`need`); empty when the field applies.
 */
export function unmetConditions(key: SpecKey, spec: Pick<Spec, ConditionKey | AboveKey>): { have: string; need: string }[] {
  const flag = (k: SpecKey) => `--${specFields[k].flag}`;
  const unmet: { have: string; need: string }[] = [];
  if (LEARNER_FIELDS.has(key) && !learnerEntry(spec.learner).fields.includes(key))
    unmet.push({ have: `${flag('learner')} ${spec.learner}`, need: `${flag('learner')} ${LEARNERS.filter((l) => learnerEntry(l).fields.includes(key)).join('|')}` });
  const { appliesWhen: when = {}, appliesAbove: above = {} } = specFields[key] as Field;
  for (const k of Object.keys(when) as ConditionKey[])
    if (!when[k]!.includes(spec[k])) unmet.push({ have: `${flag(k)} ${spec[k]}`, need: `${flag(k)} ${when[k]!.map((v) => v || '""').join('|')}` });
  for (const k of Object.keys(above) as AboveKey[]) if (!(spec[k] > above[k]!)) unmet.push({ have: `${flag(k)} ${spec[k]}`, need: `${flag(k)} > ${above[k]}` });
  return unmet;
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
