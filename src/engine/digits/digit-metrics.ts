/**
 * MNIST metrics as in the paper: Fréchet distance and k-NN precision/recall (k = 5) in the
 * feature space of a fixed LeNet classifier (its "FID"), and the classifier's view of the classes
 * a generator still produces: the class histogram, its coverage and its entropy.
 */
import { frechetDistance } from '../metrics/frechet';
import { COVERED_SHARE } from '../metrics/modes';
import { KnnManifold, MAD_K, precisionRecall } from '../metrics/precision-recall';
import { meanAndScatter } from '../linalg/matrix';
import { DIGIT_CLASSES, type DigitEmbedding } from './digits';

/** The mean and covariance of n digits' features: what the Fréchet distance compares. */
export interface FeatureMoments {
  readonly mean: Float64Array;
  readonly cov: Float64Array;
  readonly dim: number;
}

/** Held-out real digits as the metrics see them: feature moments and k-NN manifold. */
export interface DigitReference extends FeatureMoments {
  readonly manifold: KnnManifold;
}

export function featureMoments(embedding: DigitEmbedding, n: number): FeatureMoments {
  const { mean, scatter } = meanAndScatter(embedding.features, n, embedding.dim);
  // Unbiased covariance, as FID implementations use (numpy.cov).
  for (let i = 0; i < scatter.length; i++) scatter[i] /= n - 1;
  return { mean, cov: scatter, dim: embedding.dim };
}

/** The Fréchet distance between two sets of digits by their feature moments (the paper's MNIST "FID"). */
export function featureDistance(a: FeatureMoments, b: FeatureMoments): number {
  return frechetDistance(a.mean, a.cov, b.mean, b.cov, a.dim);
}

export function digitReference(embedding: DigitEmbedding, n: number): DigitReference {
  const { features, dim } = embedding;
  return { ...featureMoments(embedding, n), manifold: new KnnManifold(features, n, dim, MAD_K) };
}

/** Share of the n samples that the classifier puts in each class. */
export function classHistogram(classes: Uint8Array, n: number): Float64Array {
  const share = new Float64Array(DIGIT_CLASSES);
  for (let i = 0; i < n; i++) share[classes[i]] += 1;
  return share.map((count) => count / n);
}

/** Share of the classes that hold at least COVERED_SHARE of their fair share (1/10 of the samples). */
export function classCoverage(share: Float64Array): number {
  let covered = 0;
  for (const s of share) if (s * DIGIT_CLASSES >= COVERED_SHARE) covered++;
  return covered / DIGIT_CLASSES;
}

/** Entropy of a class histogram in bits. */
export function classEntropy(share: Float64Array): number {
  let h = 0;
  for (const s of share) if (s > 0) h -= s * Math.log2(s);
  return h;
}

export interface DigitMeasures {
  fd: number;
  precision: number;
  recall: number;
  classes: number;
  entropy: number;
  /** Per class: its share of the samples divided by the fair share 1/10 (1 = as often as in MNIST's uniform ideal). */
  classShare: Float64Array;
}

/** Measures n generated digits, given their embedding, against the real reference. */
export function digitMeasures(reference: DigitReference, embedding: DigitEmbedding, n: number): DigitMeasures {
  if (embedding.dim !== reference.dim) throw new Error(`digitMeasures: features of dimension ${embedding.dim}, reference ${reference.dim}`);
  const { precision, recall } = precisionRecall(reference.manifold, embedding.features, n, embedding.dim, MAD_K);
  const share = classHistogram(embedding.classes, n);
  return {
    fd: featureDistance(featureMoments(embedding, n), reference),
    precision,
    recall,
    classes: classCoverage(share),
    entropy: classEntropy(share),
    classShare: share.map((s) => s * DIGIT_CLASSES),
  };
}
