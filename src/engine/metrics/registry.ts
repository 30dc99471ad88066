/**
 * The per-generation metrics the engine computes, by name (stable: CLI JSON keys, table headers,
 * URL). What each one means and how it is drawn is described in src/results/metrics.ts.
 */
import type { Distribution } from '../data/distribution';

export const METRIC_NAMES = ['fd', 'meanSq', 'trace', 'logdet', 'precision', 'recall', 'modes', 'modeVar', 'classes', 'entropy', 'alive', 'tailMass', 'wordEntropy', 'tv', 'heterozygosity', 'perplexity', 'lostText'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/**
 * Metrics computed for a real distribution: the mode metrics need known modes (ring, grid); MNIST
 * is measured in the LeNet feature space (FD, precision, recall) and by LeNet's class labels;
 * words by G^t's probabilities against the exact Zipf ones (engine/text/text-metrics.ts).
 */
export function metricsFor(real: Distribution | 'digits' | 'text'): MetricName[] {
  if (real === 'digits') return ['fd', 'precision', 'recall', 'classes', 'entropy'];
  if (real === 'text') return ['alive', 'tailMass', 'wordEntropy', 'tv', 'heterozygosity', 'perplexity', 'lostText'];
  const base: MetricName[] = ['fd', 'meanSq', 'trace', 'logdet', 'precision', 'recall'];
  return real.modes ? [...base, 'modes', 'modeVar'] : base;
}
