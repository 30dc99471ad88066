/**
 * Which metrics a run computes, from the spec's `metrics` (already checked: a keyword, or names in
 * the registry's order). A run pays only for what it asks: `auto`, the default, leaves out the
 * metrics measured on samples of G^t once R is large, where they would cost nearly all the time.
 */
import { realDistribution } from '../data';
import type { Distribution } from '../data/distribution';
import { domainOf } from '../../spec/domains';
import type { Spec } from '../../spec/schema';
import { AUTO_SAMPLED_MAX_REPLICATES, type MetricName, metricsFor, sampledMetricsFor } from './registry';

type Measured = Distribution | 'digits' | 'text';

/** What the spec's data are measured against: P_r for points, else the domain. */
function measuredAgainst(spec: Pick<Spec, 'data' | 'dim' | 'points'>, real?: Distribution | null): Measured {
  const domain = domainOf(spec.data);
  return domain === 'points' ? (real ?? realDistribution(spec)) : domain;
}

/** Every metric the spec's data have, and which of them are measured on samples of G^t. */
export function availableMetrics(spec: Pick<Spec, 'data' | 'dim' | 'points' | 'curationK' | 'models'>, real?: Distribution | null): { all: MetricName[]; sampled: MetricName[] } {
  const against = measuredAgainst(spec, real);
  const curated = spec.curationK > 1;
  const ecosystem = spec.models > 1;
  return { all: metricsFor(against, curated, ecosystem), sampled: sampledMetricsFor(against, curated, ecosystem) };
}

export interface MetricChoice {
  /** The metrics computed, in the registry's order. */
  computed: MetricName[];
  /** The data's metrics that `auto` left out (empty for an explicit request). */
  skipped: MetricName[];
  /** Whether any computed metric needs samples of G^t (and its real evaluation set). */
  sampled: boolean;
}

/**
 * The metrics a run computes. `auto` keeps the sampled ones only while R ≤ AUTO_SAMPLED_MAX_REPLICATES,
 * except where every metric is sampled (digits): a run measures something.
 */
export function chooseMetrics(spec: Pick<Spec, 'data' | 'dim' | 'points' | 'metrics' | 'replicates' | 'curationK' | 'models'>, real?: Distribution | null): MetricChoice {
  const { all, sampled } = availableMetrics(spec, real);
  let computed: MetricName[];
  if (spec.metrics === 'all') computed = all;
  else if (spec.metrics === 'auto') {
    const cheap = all.filter((m) => !sampled.includes(m));
    computed = spec.replicates <= AUTO_SAMPLED_MAX_REPLICATES || cheap.length === 0 ? all : cheap;
  } else {
    const asked = spec.metrics.split(',');
    computed = all.filter((m) => asked.includes(m));
  }
  return { computed, skipped: spec.metrics === 'auto' ? all.filter((m) => !computed.includes(m)) : [], sampled: computed.some((m) => sampled.includes(m)) };
}
