/**
 * What a finished sweep shows, row by row in words: where along the columns admissibility holds
 * and where it is lost, from the point estimate n_e / n_r ≥ 1 (the boundary line's rule). The
 * paper's finding, read off any sweep: "λ = 0.9: admissible up to n_s = 100, inadmissible from
 * n_s = 215".
 */
import { formatNumber } from '../charts/format';
import { axisSymbol } from './sweep-labels';
import type { SweepProgress } from './sweep-pool';

export interface RowFinding {
  row: string;
  text: string;
}

export function rowFindings({ sweep, results, done, cells }: SweepProgress): RowFinding[] | null {
  if (done < cells.length) return null;
  const nx = sweep.x.values.length;
  const xs = axisSymbol(sweep.x.field);
  const at = (ix: number) => `${xs} = ${formatNumber(sweep.x.values[ix])}`;
  return sweep.y.values
    .map((y, iy) => {
      const ok = sweep.x.values.map((_, ix) => results[iy * nx + ix]!.admissible);
      const flips = ok.filter((v, i) => i > 0 && v !== ok[i - 1]).length;
      const first = ok.indexOf(!ok[0]);
      let text: string;
      if (flips === 0) text = `${ok[0] ? 'admissible' : 'inadmissible'} at every ${xs} swept`;
      else if (flips === 1) text = `${ok[0] ? 'admissible' : 'inadmissible'} up to ${at(first - 1)}, ${ok[0] ? 'inadmissible' : 'admissible'} from ${at(first)}`;
      else text = `admissible at ${xs} = ${ok.flatMap((v, ix) => (v ? [formatNumber(sweep.x.values[ix])] : [])).join(', ')}`;
      return { row: `${axisSymbol(sweep.y.field)} = ${formatNumber(y)}`, text };
    })
    .reverse();
}
