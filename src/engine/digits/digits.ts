/**
 * Digits (MNIST) in the engine: the row layout that the self-consuming loop, the digit generators
 * and the feature-space metrics share, and the interfaces through which the engine reaches the
 * networks that live outside it (TensorFlow.js: src/neural/digits).
 *
 * A digit row is DIGIT_ROW numbers: 784 pixel intensities in [0, 1] (28×28, row-major), then the
 * class label 0..9, or UNLABELLED for a sample of an unconditional generator. Keeping the label in
 * the row lets the loop's training sets (TrainingSet) mix real and synthetic digits unchanged, and
 * lets a class-conditional generator be trained on its own labelled samples.
 */
import type { FitOptions } from '../learners/model';
import type { Rng } from '../random/prng';

export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;
export const DIGIT_ROW = DIGIT_PIXELS + 1;
export const DIGIT_CLASSES = 10;
/** The label column of a sample whose class is not known (unconditional generators). */
export const UNLABELLED = -1;

/** One split of MNIST as shipped: uint8 pixels (count×784, row-major) and labels 0..9. */
export interface DigitSplit {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

/** Training split for P_r, held-out test split for the metrics' reference. */
export interface Mnist {
  readonly train: DigitSplit;
  readonly test: DigitSplit;
}

/** A fitted digit generator G^t. */
export interface DigitModel {
  /**
   * n digit rows (n×DIGIT_ROW) with sampling bias λ ∈ (0, 1] (each generator documents how λ
   * acts: latent truncation, classifier-free guidance w = 1/λ − 1 for the conditional one, or
   * component covariances × λ for the mixture in principal components).
   */
  sample(rng: Rng, n: number, lambda: number): Promise<Float64Array>;
  /** Training steps the fit took. */
  readonly iterations: number;
  /** Frees the model's tensors. */
  dispose?(): void;
}

export interface DigitLearner {
  /** Fits a generator to n digit rows (n×DIGIT_ROW); `rng` drives every random choice of the fit. */
  fit(rows: Float64Array, n: number, rng: Rng, options?: FitOptions): Promise<DigitModel>;
}

/** What the fixed classifier (LeNet) sees in n digit rows. */
export interface DigitEmbedding {
  /** n×dim feature vectors (the classifier's penultimate layer), float64. */
  readonly features: Float64Array;
  readonly dim: number;
  /** The classifier's predicted class of each row. */
  readonly classes: Uint8Array;
  /** n×DIGIT_CLASSES: ln p(class | row), the classifier's log-probability of each class (the curator's reward, the verifier's confidence). */
  readonly logProbabilities: Float64Array;
}

/** The fixed feature map of the metrics (the paper's MNIST "FID" uses LeNet features). */
export interface DigitFeatures {
  embed(rows: Float64Array, n: number): Promise<DigitEmbedding>;
}
