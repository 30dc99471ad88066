/** The per-generation metrics: their names (stable: CLI JSON keys, table headers, URL) and meaning. */
import type { Distribution } from '../data/distribution';

export const METRICS = {
  fd: { label: 'Fréchet distance', help: 'squared W2 between the Gaussian with the model’s moments and P_r’s moments (exact for the Gaussian learner)' },
  meanSq: { label: '‖μ_t − μ‖²', help: 'squared distance of the model mean from the real mean' },
  trace: { label: 'tr Σ_t', help: 'total variance of the model' },
  logdet: { label: 'ln det Σ_t', help: 'log generalised variance of the model (−∞ once collapsed to a point)' },
  precision: { label: 'precision', help: 'k-NN precision (k = 5): share of model samples inside the real manifold (quality)' },
  recall: { label: 'recall', help: 'k-NN recall (k = 5): share of real samples inside the model manifold (diversity)' },
  modes: { label: 'modes covered', help: 'modes with at least 10% of their fair share of model samples within 3σ' },
  modeVar: { label: 'per-mode variance', help: 'mean per-coordinate variance of model samples within 3σ of covered modes' },
} as const;

export type MetricName = keyof typeof METRICS;

/** Metrics computed for a real distribution: the mode metrics need known modes (ring, grid). */
export function metricsFor(real: Distribution): MetricName[] {
  const base: MetricName[] = ['fd', 'meanSq', 'trace', 'logdet', 'precision', 'recall'];
  return real.modes ? [...base, 'modes', 'modeVar'] : base;
}
