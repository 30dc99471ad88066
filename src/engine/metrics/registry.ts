/**
 * The per-generation metrics the engine computes, by name (stable: CLI JSON keys, table headers,
 * URL). What each one means and how it is drawn is described in src/results/metrics.ts.
 */
import type { Distribution } from '../data/distribution';

export const METRIC_NAMES = ['fd', 'meanSq', 'trace', 'logdet', 'precision', 'recall', 'modes', 'modeVar', 'classes', 'entropy', 'alive', 'tailMass', 'wordEntropy', 'tv', 'heterozygosity', 'perplexity', 'lostText', 'reward', 'targetShare', 'spread'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/**
 * Metrics computed for a real distribution: the mode metrics need known modes (ring, grid); MNIST
 * is measured in the LeNet feature space (FD, precision, recall) and by LeNet's class labels;
 * words by G^t's probabilities against the exact Zipf ones (engine/text/text-metrics.ts); the
 * curator's mean reward of G^t's samples with curation (for digits also the share LeNet labels
 * the target digit; for words G^t's share of target words instead); the distance between the
 * models where several feed each other.
 */
export function metricsFor(real: Distribution | 'digits' | 'text', curated = false, ecosystem = false): MetricName[] {
  if (real === 'digits') return ['fd', 'precision', 'recall', 'classes', 'entropy', ...(curated ? (['reward', 'targetShare'] as const) : []), ...(ecosystem ? (['spread'] as const) : [])];
  if (real === 'text') return ['alive', 'tailMass', 'wordEntropy', 'tv', 'heterozygosity', 'perplexity', 'lostText', ...(curated ? (['targetShare'] as const) : []), ...(ecosystem ? (['spread'] as const) : [])];
  const base: MetricName[] = ['fd', 'meanSq', 'trace', 'logdet', 'precision', 'recall'];
  // The curator's reward is measured only where a curator picks (K > 1, engine/curation).
  // The spread between models exists only where several models feed each other (loops/ecosystem.ts).
  return [...base, ...(real.modes ? (['modes', 'modeVar'] as const) : []), ...(curated ? (['reward'] as const) : []), ...(ecosystem ? (['spread'] as const) : [])];
}

/** Above this many replicates a run asking for `auto` metrics (the spec's default) leaves out the sampled ones. */
export const AUTO_SAMPLED_MAX_REPLICATES = 100;

/**
 * The metrics of `metricsFor(real, curated)` that are measured on n_eval samples of G^t against a real
 * evaluation set, rather than read off G^t's parameters: they cost a sort or a k-NN search of
 * 2·n_eval points per replicate and generation, far more than the fit of a closed-form learner.
 * Every digit metric is one (LeNet features of samples, of every model for the spread between
 * models); no word metric is.
 */
export function sampledMetricsFor(real: Distribution | 'digits' | 'text', curated = false, ecosystem = false): MetricName[] {
  if (real === 'text') return [];
  const all = metricsFor(real, curated, ecosystem);
  return real === 'digits' ? all : all.filter((m) => m === 'precision' || m === 'recall' || m === 'modes' || m === 'modeVar' || m === 'reward');
}
