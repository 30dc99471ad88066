/**
 * The per-generation metrics of one run as a table: t, then one column per engine metric headed
 * by the engine's metric name, holding the mean over replicates. Rows are memoised by generation
 * so a frame only renders the new ones.
 */
import { memo } from 'react';
import { METRICS, type MetricName, metricHelp } from '../../results/metrics';
import type { GenerationRow } from '../../results/run-view';
import { formatNumber } from './format';

const Row = memo(function Row({ row, metrics }: { row: GenerationRow; metrics: readonly MetricName[] }) {
  return (
    <tr>
      <th scope="row">{row.t}</th>
      {metrics.map((m) => {
        const mean = row.summary[m]?.mean;
        return (
          <td key={m} data-value={String(mean)}>
            {formatNumber(mean)}
          </td>
        );
      })}
    </tr>
  );
});

interface Props {
  label: string;
  metrics: readonly MetricName[];
  rows: readonly GenerationRow[];
}

export const MetricsTable = memo(function MetricsTable({ label, metrics, rows }: Props) {
  // Only digit runs measure classes: their metrics are defined in LeNet's feature space.
  const digits = metrics.includes('classes');
  return (
    <table data-testid="metrics-table" className="metrics-table">
      <caption>{label}: mean over replicates per generation</caption>
      <thead>
        <tr>
          <th scope="col">t</th>
          {metrics.map((m) => (
            <th key={m} scope="col" title={`${METRICS[m].label}: ${metricHelp(m, digits)}`}>
              {m}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <Row key={row.t} row={row} metrics={metrics} />
        ))}
      </tbody>
    </table>
  );
});
