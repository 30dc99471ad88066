/**
 * The chart that carries the story, above the fold: the current scenario's metric(s) (or the one
 * that tells this data's story best), every run overlaid on shared axes with theory where it
 * exists, and a menu to look at any other metric; the full grid is one click away.
 */
import { METRICS, type MetricName } from '../../results/metrics';
import type { RunView } from '../../results/run-view';
import { ChartLegend, MetricCard } from './MetricCard';
import { metricsOf } from './MetricsGrid';

/** What shows a loop's fate at a glance: surviving modes or digit classes where there are some, else the distance. */
export function defaultHeadline(records: readonly RunView[]): MetricName[] {
  const has = (m: MetricName) => records.some((r) => r.metrics.includes(m));
  if (has('modes')) return ['modes'];
  if (has('classes')) return ['fd', 'classes'];
  if (has('tailMass')) return ['tailMass', 'alive'];
  if (records.some((r) => r.spec.data === 'gaussian')) return ['fd'];
  return ['recall'];
}

interface Props {
  records: readonly RunView[];
  /** The metrics asked for: chosen in the menu, the scenario's, or the data's default. */
  metrics: MetricName[];
  onMetrics: (metrics: MetricName[]) => void;
  tMark: number;
  fontSize: number;
}

export function HeadlineCharts({ records, metrics, onMetrics, tMark, fontSize }: Props) {
  const available = metricsOf(records);
  const asked = metrics.filter((m) => available.includes(m));
  // A metric chosen for other data (modes, then the Gaussian) gives way to this data's default.
  const shown = asked.length > 0 ? asked : defaultHeadline(records).filter((m) => available.includes(m));
  if (shown.length === 0) return null;
  return (
    <section className="headline-charts" aria-labelledby="headline-title" data-testid="headline-charts">
      <div className="headline-head">
        <h2 id="headline-title">What to watch</h2>
        <label>
          <span className="visually-hidden">Chart</span>
          <select data-testid="headline-metric" value={shown.join('+')} onChange={(e) => onMetrics(e.target.value.split('+') as MetricName[])}>
            {shown.length > 1 && <option value={shown.join('+')}>{shown.map((m) => METRICS[m].label).join(' and ')}</option>}
            {available.map((m) => (
              <option key={m} value={m}>
                {METRICS[m].label}
              </option>
            ))}
          </select>
        </label>
        <a href="#all-metrics" className="all-metrics-link">
          All metrics ↓
        </a>
      </div>
      <div className={`headline-grid headline-${shown.length}`}>
        {shown.map((m) => (
          <MetricCard key={m} metric={m} records={records} tMark={tMark} fontSize={fontSize} testId={`headline-${m}`} />
        ))}
      </div>
      <ChartLegend records={records} />
    </section>
  );
}
