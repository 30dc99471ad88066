/**
 * The metric curves, one small chart per engine metric with every run on shared axes, ordered so
 * that what a newcomer should watch first (modes or digit classes, recall, precision, Fréchet
 * distance) comes first.
 */
import { METRICS, type MetricName } from '../../engine/metrics/registry';
import type { RunRecord } from '../runs/run-record';
import { formatNumber } from '../format';
import { ChartCard } from './ChartCard';
import { MetricChart, baselines } from './MetricChart';

const ORDER: MetricName[] = ['modes', 'classes', 'recall', 'precision', 'fd', 'entropy', 'trace', 'logdet', 'modeVar', 'meanSq'];

interface Props {
  records: RunRecord[];
  tMark: number;
  fontSize: number;
  version: number;
}

function ChartTable({ metric, records }: { metric: MetricName; records: RunRecord[] }) {
  const T = Math.max(0, ...records.map((r) => r.rows.length));
  return (
    <table>
      <caption>{METRICS[metric].label}: median [5%, 95%] over replicates</caption>
      <thead>
        <tr>
          <th scope="col">t</th>
          {records.map((r, i) => (
            <th key={i} scope="col">
              {r.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: T }, (_, k) => (
          <tr key={k}>
            <th scope="row">{k + 1}</th>
            {records.map((r, i) => {
              const s = r.rows[k]?.summary[metric];
              const theory = r.theory?.[metric]?.[k];
              return (
                <td key={i}>
                  {s ? `${formatNumber(s.median)} [${formatNumber(s.q05)}, ${formatNumber(s.q95)}]` : '–'}
                  {theory !== undefined && ` (theory ${formatNumber(theory)})`}
                </td>
              );
            })}
          </tr>
        ))}
        {baselines(metric, records).length > 0 && (
          <tr>
            <th scope="row">real vs real</th>
            {records.map((r, i) => (
              <td key={i}>{formatNumber(r.baseline?.[metric])}</td>
            ))}
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function MetricsGrid({ records, tMark, fontSize, version }: Props) {
  const metrics = ORDER.filter((m) => records.some((r) => r.metrics.includes(m)));
  const tMax = Math.max(1, ...records.map((r) => r.spec.generations ?? 1));
  const R = [...new Set(records.map((r) => r.spec.replicates))].join(' / ');
  const anyTheory = records.some((r) => r.theory);
  const anyBaseline = records.some((r) => r.baseline);
  return (
    <section className="metrics" aria-labelledby="metrics-title">
      <h2 id="metrics-title">Metrics over generations</h2>
      <p className="legend">
        {records.map((r, i) => (
          <span key={i} className="legend-item">
            <span className="swatch" style={{ background: r.colour }} aria-hidden="true" /> {r.label}
          </span>
        ))}
        <span className="legend-item">line: median of {R} replicates; band: 5–95%{anyTheory ? '; dashed: theory E[·]' : ''}
          {anyBaseline ? '; dashed grey: real vs real (real training digits scored against the held-out test digits, what a perfect generator reaches)' : ''}</span>
      </p>
      <div className="metric-grid">
        {metrics.map((m) => (
          <ChartCard
            key={m}
            name={`metric-${m}`}
            title={
              <>
                {METRICS[m].label} <code>{m}</code>
              </>
            }
            help={METRICS[m].help}
            table={() => <ChartTable metric={m} records={records} />}
            testId={`chart-${m}`}
          >
            <MetricChart metric={m} records={records} tMax={tMax} tMark={tMark} fontSize={fontSize} version={version} />
          </ChartCard>
        ))}
      </div>
    </section>
  );
}
