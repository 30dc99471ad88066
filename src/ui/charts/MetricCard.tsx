/**
 * One metric as a card: its name, which way is better and what it means in plain words, the chart
 * of every run, a table view of the same numbers and PNG/SVG export; and the legend that says what
 * the lines and bands are.
 */
import { METRICS, type MetricName, metricHelp } from '../../results/metrics';
import { type RunView, runDomain } from '../../results/run-view';
import { formatNumber } from './format';
import { ChartCard } from './ChartCard';
import { MetricChart, baselines } from './MetricChart';

function ChartTable({ metric, records }: { metric: MetricName; records: readonly RunView[] }) {
  const T = Math.max(0, ...records.map((r) => r.rows.length));
  return (
    <table>
      <caption>{METRICS[metric].label}: mean [5%, 95%] over replicates</caption>
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
                  {s ? `${formatNumber(s.mean)} [${formatNumber(s.q05)}, ${formatNumber(s.q95)}]` : '–'}
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

interface Props {
  metric: MetricName;
  records: readonly RunView[];
  tMark: number;
  fontSize: number;
  testId: string;
  /** The technical definition after the plain words (the full grid); the headline keeps to plain words. */
  detailed?: boolean;
}

export function MetricCard({ metric, records, tMark, fontSize, testId, detailed = false }: Props) {
  const info = METRICS[metric];
  const tMax = Math.max(1, ...records.map((r) => r.spec.generations ?? 1));
  return (
    <ChartCard
      name={`metric-${metric}`}
      title={
        <>
          {info.label} <span className="better">({info.reading ?? `${info.better} is better`})</span>
        </>
      }
      help={detailed ? `${info.plain}: ${metricHelp(metric, records.some((r) => runDomain(r).features === 'lenet'))}.` : `${info.plain}.`}
      table={() => <ChartTable metric={metric} records={records} />}
      testId={testId}
    >
      <MetricChart metric={metric} records={records} tMax={tMax} tMark={tMark} fontSize={fontSize} />
    </ChartCard>
  );
}

/** The runs' colours, and what line, band and dashes mean. */
export function ChartLegend({ records }: { records: readonly RunView[] }) {
  const R = [...new Set(records.map((r) => r.spec.replicates))].join(' / ');
  const anyTheory = records.some((r) => r.theory);
  const anyBaseline = records.some((r) => r.baseline);
  return (
    <p className="legend">
      {records.map((r, i) => (
        <span key={i} className="legend-item">
          <span className="swatch" style={{ background: r.colour }} aria-hidden="true" /> {r.label}
        </span>
      ))}
      <span className="legend-item">
        {R === '1' ? 'line: the one replicate' : `line: mean of ${R} replicates; band: 5–95% of them`}
        {anyTheory ? '; dashed: theory, the expected mean' : ''}
        {anyBaseline ? '; dashed grey: real vs real (real training digits scored against held-out test digits: what a perfect generator reaches)' : ''}
      </span>
    </p>
  );
}
