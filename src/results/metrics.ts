/**
 * What the engine's metrics mean and how they are drawn: label, plain words, definition, which way
 * is better, the values they can take and the axis a chart gives them. The engine computes the
 * metrics (src/engine/metrics); this is their description, beside which the charts need nothing.
 */
import { DIGIT_CLASSES } from '../engine/digits/digits';
import { COVERED_SHARE } from '../engine/metrics/modes';
import type { MetricName } from '../engine/metrics/registry';

export type { MetricName } from '../engine/metrics/registry';
export { COVERED_SHARE };

/**
 * Largest magnitude of any metric value the page accepts from a file: the engine's own stay far
 * inside (coordinates ≤ 1e50 give variances near 1e100), and charts compute differences of values,
 * which for ±1e308 overflow and draw nothing.
 */
export const METRIC_VALUE_LIMIT = 1e150;
const ANY = [-METRIC_VALUE_LIMIT, METRIC_VALUE_LIMIT] as const;
const NON_NEGATIVE = [0, METRIC_VALUE_LIMIT] as const;
const SHARE = [0, 1] as const;

/**
 * Which way is good: for the distances lower, for quality and diversity higher; the spread of the
 * model (tr Σ, ln det Σ, per-mode variance) is best at the real data's own value.
 */
export type Better = 'higher' | 'lower' | 'closer to the real value';

/**
 * The y axis of a metric's chart: fixed where the metric has a known range, so charts of different
 * runs and scenarios compare; 'modes': 0 to the largest number of modes among the runs drawn;
 * 'data': fitted to the values drawn.
 */
export type Axis = readonly [number, number] | 'modes' | 'data';

export interface MetricInfo {
  readonly label: string;
  /** What it measures, in plain words first, for a visitor who has not read the paper. */
  readonly plain: string;
  readonly help: string;
  /** The definition where it differs for MNIST digits (measured in LeNet's feature space). */
  readonly digitsHelp?: string;
  readonly better: Better;
  /** How to read the chart where no direction is simply better (the charts say it instead of "… is better"). */
  readonly reading?: string;
  /** The values it can take (summaries of it too). */
  readonly range: readonly [number, number];
  readonly axis: Axis;
}

const covered = `${100 * COVERED_SHARE}%`;

export const METRICS: Readonly<Record<MetricName, MetricInfo>> = {
  fd: {
    label: 'Fréchet distance',
    plain: 'how far the model is from the real data (0 = identical means and spreads)',
    better: 'lower',
    help: 'squared W2 between the Gaussian with the model’s moments and P_r’s moments (exact for the Gaussian learner)',
    digitsHelp: 'squared W2 between Gaussians fit to LeNet features of model samples and of held-out test digits (the paper’s MNIST “FID”)',
    range: NON_NEGATIVE,
    axis: 'data',
  },
  meanSq: { label: '‖μ_t − μ‖²', plain: 'how far the model’s centre has wandered from the real centre', better: 'lower', help: 'squared distance of the model mean from the real mean', range: NON_NEGATIVE, axis: 'data' },
  trace: { label: 'tr Σ_t', plain: 'how spread out the model’s samples are', better: 'closer to the real value', help: 'total variance of the model', range: NON_NEGATIVE, axis: 'data' },
  logdet: { label: 'ln det Σ_t', plain: 'the volume the model’s samples fill, on a log scale', better: 'closer to the real value', help: 'log generalised variance of the model (−∞ once collapsed to a point)', range: ANY, axis: 'data' },
  precision: { label: 'precision', plain: 'quality: the share of the model’s samples that look like real data', better: 'higher', help: 'k-NN precision (k = 5): share of model samples inside the real manifold (quality)', digitsHelp: 'k-NN precision (k = 5) in LeNet’s feature space: share of generated digits inside the manifold of held-out real digits (quality)', range: SHARE, axis: SHARE },
  recall: { label: 'recall', plain: 'diversity: the share of the real data the model still covers', better: 'higher', help: 'k-NN recall (k = 5): share of real samples inside the model manifold (diversity)', digitsHelp: 'k-NN recall (k = 5) in LeNet’s feature space: share of held-out real digits inside the manifold of generated ones (diversity)', range: SHARE, axis: SHARE },
  modes: { label: 'modes covered', plain: 'how many of the real clusters the model still produces', better: 'higher', help: `modes with at least ${covered} of their fair share of model samples within 3σ`, range: NON_NEGATIVE, axis: 'modes' },
  modeVar: { label: 'per-mode variance', plain: 'how wide each surviving cluster is', better: 'closer to the real value', help: 'mean per-coordinate variance of model samples within 3σ of covered modes', range: NON_NEGATIVE, axis: 'data' },
  classes: { label: 'digit classes covered', plain: 'how many of the ten digits the model still draws', better: 'higher', help: `share of the 10 digit classes holding at least ${covered} of their fair share of model samples (LeNet labels)`, range: SHARE, axis: SHARE },
  alive: { label: 'vocabulary alive', plain: 'how many different words the model can still produce', better: 'higher', help: 'word types with non-zero probability in G^t (the real vocabulary has all V; without smoothing a lost word never returns); the theory line sums each word’s chance of surviving the Wright–Fisher resampling (branching limit, notes §4b)', range: NON_NEGATIVE, axis: 'data' },
  tailMass: {
    label: 'rare-word mass kept',
    plain: 'how much of the rare half of the vocabulary the model can still produce (1 = all of it)',
    better: 'higher',
    help: 'real probability of the rarest half of the words (ranks above V/2) that G^t still gives non-zero probability, as a share of that half’s whole real probability; the theory line weighs each rare word’s chance of surviving by its probability',
    range: SHARE,
    axis: SHARE,
  },
  wordEntropy: { label: 'word entropy (bits)', plain: 'how varied the model’s words are: falls as it repeats fewer words', better: 'closer to the real value', help: '−Σ q_i log2 q_i of G^t’s word probabilities q (log2 V when every word is equally likely)', range: NON_NEGATIVE, axis: 'data' },
  tv: { label: 'total variation', plain: 'how far the model’s word frequencies are from the real ones (0 = identical, 1 = nothing in common)', better: 'lower', help: '½ Σ |q_i − p_i| between G^t’s word probabilities q and the exact real probabilities p (Zipf, or the English corpus’s frequencies)', range: SHARE, axis: SHARE },
  heterozygosity: {
    label: 'heterozygosity 1 − Σq²',
    plain: 'the chance that two words drawn from the model differ',
    better: 'closer to the real value',
    help: '1 − Σ q_i² of G^t; for counts without smoothing in the fully synthetic loop E[H_t] = H(p)(1 − 1/n_ini)(1 − 1/n_s)^(t−1) (Wright–Fisher, notes §4b)',
    range: SHARE,
    axis: 'data',
  },
  reward: {
    label: 'mean reward',
    plain: 'how much the curator likes the model’s samples, on average (0 = the most: every sample on the target point, or surely the target digit)',
    better: 'higher',
    help: 'E_{G^t}[r(x)] = −mean ‖x − x*‖² over the model’s samples (drawn with λ, before any curation): the objective curation maximises (Ferbach et al. 2024)',
    digitsHelp: 'E_{G^t}[r(x)] = mean ln p(c | x) over the model’s samples (drawn with λ, before any curation), p(c | x) being LeNet’s probability of the target digit c: the objective curation maximises (Ferbach et al. 2024)',
    range: [-METRIC_VALUE_LIMIT, 0],
    axis: 'data',
  },
  targetShare: {
    label: 'share on target',
    plain: 'how much of what the model produces is what the curator wants: its target words, or its target digit (1 = nothing else; a digit is about 0.1 of real handwriting)',
    better: 'higher',
    help: 'Σ q_i over the curator’s target words (the m most common words of the real language), q being G^t’s word probabilities: the objective word curation maximises (Ferbach et al. 2024). The theory line follows the unigram counts in the population limit: each pick is a target word with probability E[J e^{1/β} / (J e^{1/β} + K − J)], J ~ Binomial(K, s) target words among the K candidates (1 − (1 − s)^K as β → 0)',
    digitsHelp: 'share of the model’s samples (drawn with λ, before any curation) that LeNet classifies as the target digit c',
    range: SHARE,
    axis: SHARE,
  },
  spread: {
    label: 'distance between models',
    plain: 'how different the models that feed each other have become (0 = all alike): the mean distance over every pair of models (points: Fréchet distance; digits: Fréchet distance between what LeNet sees in their samples; words: total variation)',
    better: 'lower',
    reading: '0 = the models alike',
    help: 'mean over the M(M − 1)/2 pairs of models of the distance between them: points, the squared W2 between Gaussians with their moments; words, the total variation ½Σ|q_i − q′_i| between their word probabilities (Gao & Li 2025: exchanging data homogenises the models)',
    digitsHelp: 'mean over the M(M − 1)/2 pairs of models of the squared W2 between Gaussians fit to LeNet features of n_eval samples of each (drawn as fitted, λ = 1): the FD of the digit metrics, between two models instead of a model and the test digits (Gao & Li 2025: exchanging data homogenises the models)',
    range: NON_NEGATIVE,
    axis: 'data',
  },
  perplexity: {
    label: 'held-out perplexity (known words)',
    plain: 'how surprised the model is by real text, on the words it can still produce: the real language scores 2 to the power of its entropy; a model that lost its rare words scores lower only because the words it kept are the predictable ones, so read it beside “real text it cannot produce”',
    better: 'closer to the real value',
    help: '2^(−Σ p_i log2 q_i / Σ p_i) over the words with q_i > 0: the perplexity of held-out real text (its expectation under p) on the words G^t still knows; text with a lost word has infinite perplexity, counted apart as “real text it cannot produce”. Nothing is smoothed for evaluation',
    range: [1, METRIC_VALUE_LIMIT],
    axis: 'data',
  },
  lostText: {
    label: 'real text it cannot produce',
    plain: 'the share of real text made of words the model has lost (perplexity infinite there)',
    better: 'lower',
    help: 'Σ p_i over the words with q_i = 0: the probability that a held-out real word is one G^t gives probability 0',
    range: SHARE,
    axis: SHARE,
  },
  entropy: { label: 'class entropy (bits)', plain: 'how evenly the model draws the ten digits', better: 'higher', help: 'entropy of the LeNet class histogram of model samples; log2 10 ≈ 3.32 when every digit is equally frequent', range: [0, Math.log2(DIGIT_CLASSES) + 1e-9], axis: [0, Math.log2(DIGIT_CLASSES)] },
};

/** A metric's definition for the data it is measured on: no LeNet on the ring. */
export function metricHelp(metric: MetricName, digits: boolean): string {
  const info = METRICS[metric];
  return (digits && info.digitsHelp) || info.help;
}
