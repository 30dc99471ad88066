/** The per-generation metrics: their names (stable: CLI JSON keys, table headers, URL) and meaning. */
import type { Distribution } from '../data/distribution';

/**
 * Largest magnitude of any metric value the page accepts from a file: the engine's own stay far
 * inside (coordinates ≤ 1e50 give variances near 1e100), and charts compute differences of values,
 * which for ±1e308 overflow and draw nothing.
 */
export const METRIC_VALUE_LIMIT = 1e150;
const ANY = [-METRIC_VALUE_LIMIT, METRIC_VALUE_LIMIT] as const;
const NON_NEGATIVE = [0, METRIC_VALUE_LIMIT] as const;
const SHARE = [0, 1] as const;

/** Each metric's name, label, meaning and `range`: the values it can take (summaries of it too). */
export const METRICS = {
  fd: { label: 'Fréchet distance', help: 'squared W2 between the Gaussian with the model’s moments and P_r’s moments (exact for the Gaussian learner); for MNIST between Gaussians fit to LeNet features of model samples and of held-out test digits (the paper’s MNIST “FID”)', range: NON_NEGATIVE },
  meanSq: { label: '‖μ_t − μ‖²', help: 'squared distance of the model mean from the real mean', range: NON_NEGATIVE },
  trace: { label: 'tr Σ_t', help: 'total variance of the model', range: NON_NEGATIVE },
  logdet: { label: 'ln det Σ_t', help: 'log generalised variance of the model (−∞ once collapsed to a point)', range: ANY },
  precision: { label: 'precision', help: 'k-NN precision (k = 5): share of model samples inside the real manifold (quality)', range: SHARE },
  recall: { label: 'recall', help: 'k-NN recall (k = 5): share of real samples inside the model manifold (diversity)', range: SHARE },
  modes: { label: 'modes covered', help: 'modes with at least 10% of their fair share of model samples within 3σ', range: NON_NEGATIVE },
  modeVar: { label: 'per-mode variance', help: 'mean per-coordinate variance of model samples within 3σ of covered modes', range: NON_NEGATIVE },
  classes: { label: 'digit classes covered', help: 'share of the 10 digit classes holding at least 10% of their fair share of model samples (LeNet labels)', range: SHARE },
  entropy: { label: 'class entropy (bits)', help: 'entropy of the LeNet class histogram of model samples; log2 10 ≈ 3.32 when every digit is equally frequent', range: [0, Math.log2(10) + 1e-9] as const },
} as const;

export type MetricName = keyof typeof METRICS;

/**
 * Metrics computed for a real distribution: the mode metrics need known modes (ring, grid); MNIST
 * is measured in the LeNet feature space (FD, precision, recall) and by LeNet's class labels.
 */
export function metricsFor(real: Distribution | 'mnist'): MetricName[] {
  if (real === 'mnist') return ['fd', 'precision', 'recall', 'classes', 'entropy'];
  const base: MetricName[] = ['fd', 'meanSq', 'trace', 'logdet', 'precision', 'recall'];
  return real.modes ? [...base, 'modes', 'modeVar'] : base;
}
