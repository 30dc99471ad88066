/**
 * The metric curves, one small chart per engine metric with every run on shared axes, ordered so
 * that what a newcomer should watch first (modes or digit classes, recall, precision, Fréchet
 * distance) comes first. The headline charts above the fold are the same cards (MetricCard).
 */
import type { MetricName } from '../../results/metrics';
import type { RunView } from '../../results/run-view';
import { ChartLegend, MetricCard } from './MetricCard';

export const METRIC_ORDER: MetricName[] = ['modes', 'classes', 'tailMass', 'alive', 'targetShare', 'reward', 'spread', 'recall', 'precision', 'fd', 'heterozygosity', 'wordEntropy', 'tv', 'perplexity', 'lostText', 'entropy', 'trace', 'logdet', 'modeVar', 'meanSq'];

interface Props {
  records: readonly RunView[];
  tMark: number;
  fontSize: number;
}

/** The metrics that some run computes, in the order a newcomer should read them. */
export function metricsOf(records: readonly RunView[]): MetricName[] {
  return METRIC_ORDER.filter((m) => records.some((r) => r.metrics.includes(m)));
}

export function MetricsGrid({ records, tMark, fontSize }: Props) {
  return (
    <section className="metrics" aria-labelledby="metrics-title" id="all-metrics">
      <h2 id="metrics-title">All metrics over generations</h2>
      <ChartLegend records={records} />
      <div className="metric-grid">
        {metricsOf(records).map((m) => (
          <MetricCard key={m} metric={m} records={records} tMark={tMark} fontSize={fontSize} testId={`chart-${m}`} detailed />
        ))}
      </div>
    </section>
  );
}
