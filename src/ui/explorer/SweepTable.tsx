/** The heatmap as a table, laid out as on screen (top row first): what a screen reader reads. */
import { formatNumber } from '../charts/format';
import type { Colouring } from './heatmap-colours';
import { axisSymbol } from './sweep-labels';
import type { SweepProgress } from './sweep-pool';

const MARKS = { admissible: '✓', inadmissible: '✗', undetermined: '?' } as const;

export function SweepTable({ progress, scheme }: { progress: SweepProgress; scheme: Colouring }) {
  const { sweep, results } = progress;
  const nx = sweep.x.values.length;
  const rows = sweep.y.values.map((y, iy) => ({ y, iy })).reverse();
  return (
    <div className="table-scroll">
      <table data-testid="sweep-table">
        <caption>
          {scheme.name} per cell; rows {axisSymbol(sweep.y.field)}, columns {axisSymbol(sweep.x.field)}. ✓ admissible, ✗ inadmissible, ? undetermined, – not computed yet.
        </caption>
        <thead>
          <tr>
            <th scope="col">
              {axisSymbol(sweep.y.field)} \ {axisSymbol(sweep.x.field)}
            </th>
            {sweep.x.values.map((x) => (
              <th key={x} scope="col">
                {formatNumber(x)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ y, iy }) => (
            <tr key={y}>
              <th scope="row">{formatNumber(y)}</th>
              {sweep.x.values.map((_, ix) => {
                const r = results[iy * nx + ix];
                return <td key={ix}>{r ? `${scheme.format(scheme.value(r))} ${MARKS[r.verdict]}` : '–'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
