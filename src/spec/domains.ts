/**
 * The data domains and the real distributions of each: what a spec's `data` names. A domain is
 * what the rest of the house branches on (how samples are laid out, measured and drawn), never
 * a single data kind: adding a distribution is one entry here, adding a domain one entry plus its
 * folder in the engine (its loop parts) and its picture in the charts.
 */
import { DIGIT_ROW } from '../engine/digits/digits';
import type { Spec } from './schema';

export interface DomainEntry {
  readonly label: string;
  /** How a generation's samples are drawn in the film strip. */
  readonly panel: 'points' | 'digits' | 'text';
  /** What the survival chart follows: the real distribution's modes, the ten digit classes, or bands of word ranks. */
  readonly survival: 'modes' | 'classes' | 'ranks';
  /**
   * Largest draws the domain's dataset allows (a training set or reference holds distinct
   * samples, so no draw can exceed its split), with what the samples are; none for distributions
   * that sample without end.
   */
  readonly limits?: Readonly<Partial<Record<'nIni' | 'nReal' | 'nEval', readonly [number, string]>>>;
  /** The dataset's name in messages about those limits. */
  readonly dataset?: string;
  /** The network whose feature space the metrics are measured in (its runs load TensorFlow.js). */
  readonly features?: 'lenet';
  /** Numbers per sample, where the domain fixes them (a digit row is 28×28 pixels and a label). */
  readonly width?: number;
  /** How a message names that width. */
  readonly widthText?: string;
  /** Sizes (and learner) of a page run, where the page's differ from the CLI's defaults. */
  readonly page: Readonly<Partial<Spec>>;
  /** Smallest training set, where the domain needs more than a fit does (ten digits hold every class once). */
  readonly minTraining?: number;
}

/** Digits per MNIST split: real samples come from the training split, the metrics' reference from the test split. */
const MNIST_TRAIN = 60_000;
const MNIST_TEST = 10_000;

const DOMAIN_KINDS = ['points', 'digits', 'text'] as const;
export type DomainKind = (typeof DOMAIN_KINDS)[number];

export const DOMAINS: Readonly<Record<DomainKind, DomainEntry>> = {
  points: {
    label: 'points',
    panel: 'points',
    survival: 'modes',
    // Smaller samples than the CLI's, so that the fully synthetic loop visibly loses modes and
    // recall within 100 generations (measured: about 6 of 8 modes and recall 0.3 left at t = 10,
    // 2 modes at t = 100) while the fresh loop holds all 8.
    page: { nIni: 100, nReal: 100, nSyn: 100, generations: 100, replicates: 10 },
  },
  digits: {
    label: 'MNIST digits',
    panel: 'digits',
    survival: 'classes',
    features: 'lenet',
    dataset: 'MNIST',
    limits: { nIni: [MNIST_TRAIN, 'training digits'], nReal: [MNIST_TRAIN, 'training digits'], nEval: [MNIST_TEST, 'held-out test digits'] },
    width: DIGIT_ROW,
    widthText: `${DIGIT_ROW} (28×28 pixels and a label)`,
    minTraining: 10,
    // A thousand digits, one replicate and ten generations keep one generation to a few seconds
    // (pca-gmm) or tens of seconds (the networks) on WASM.
    page: { data: 'mnist', learner: 'pca-gmm', nIni: 1000, nReal: 1000, nSyn: 1000, nEval: 500, generations: 10, replicates: 1 },
  },
  text: {
    label: 'words',
    panel: 'text',
    survival: 'ranks',
    width: 1,
    widthText: '1 (a word id)',
    // Counts fit from a single word; the schema's n_ini ≥ 2 still holds.
    minTraining: 1,
    // A unigram generation over 1,000 words costs well under a millisecond, so the page can run
    // the long chains the Wright–Fisher timescale needs (n generations to lose most diversity).
    page: { data: 'zipf', learner: 'unigram', nIni: 1000, nReal: 100, nSyn: 1000, nEval: 200, generations: 300, replicates: 10 },
  },
};

interface DataEntry {
  readonly domain: DomainKind;
  /** Whether its dimension is the spec's d (N(0, I_d)); the others fix it, and d stays at its default. */
  readonly freeDim?: boolean;
  /** Its name on the page. */
  readonly label: string;
}

export const DATA_KINDS = ['gaussian', 'ring', 'grid', 'moons', 'points', 'mnist', 'zipf', 'english'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

export const DATA: Readonly<Record<DataKind, DataEntry>> = {
  gaussian: { domain: 'points', label: 'Gaussian N(0, I_d)', freeDim: true },
  ring: { domain: 'points', label: 'ring of 8' },
  grid: { domain: 'points', label: '5×5 grid of 25' },
  moons: { domain: 'points', label: 'two moons' },
  points: { domain: 'points', label: 'your own points' },
  mnist: { domain: 'digits', label: 'MNIST digits (images)' },
  zipf: { domain: 'text', label: 'Zipf vocabulary (words)' },
  english: { domain: 'text', label: 'English words (Brown corpus)' },
};

/** Words shipped for data = english: the Brown Corpus's most frequent (scripts/english-assets.ts), the largest V it allows. */
export const ENGLISH_WORDS = 10_000;

export function domainOf(data: DataKind): DomainKind {
  return DATA[data].domain;
}

export function dataEntry(data: DataKind): DataEntry {
  return DATA[data];
}

/** The data kinds of a domain. */
export function dataOf(domain: DomainKind): DataKind[] {
  return DATA_KINDS.filter((d) => DATA[d].domain === domain);
}

/** The domain's entry for a spec's data. */
export function domainEntry(data: DataKind): DomainEntry {
  return DOMAINS[domainOf(data)];
}
