/** How the explorer names axes, cells and bounded numbers, in the paper's vocabulary. */
import type { Bounded } from '../../engine/admissibility/baseline';
import type { Verdict } from '../../engine/admissibility/effective-size';
import { type AxisField, type SweepCell, axisFields } from '../../engine/admissibility/sweep';
import { type DataKind, domainOf } from '../../spec/domains';
import { formatNumber } from '../charts/format';

/**
 * An axis title: the paper's symbol, then what it is, in the words of the sweep's domain (λ is a
 * sampling bias of points and the sampling temperature of words). The words are the schema's.
 */
export function axisTitle(field: AxisField, data: DataKind): string {
  const { label, symbol, names } = axisFields[field];
  const name = label === symbol ? symbol : `${symbol} = ${label}`;
  return `${name}: ${names.titleIn?.[domainOf(data)] ?? names.title}`;
}

export const VERDICT_WORDS: Record<Verdict, string> = {
  admissible: 'admissible: synthetic data helped',
  inadmissible: 'inadmissible: synthetic data hurt',
  undetermined: 'undetermined: the 95% interval contains 1',
};

/** "p" rather than the engine's long label, so cell names stay short. */
export function axisSymbol(field: AxisField): string {
  return axisFields[field].symbol;
}

/** "n_s = 1000, λ = 0.9" (four significant digits, as the axes print them). */
export function cellName(cell: Pick<SweepCell, 'x' | 'y'>, x: AxisField, y: AxisField): string {
  return `${axisSymbol(x)} = ${formatNumber(cell.x)}, ${axisSymbol(y)} = ${formatNumber(cell.y)}`;
}

/** "> 1e+5" for a bound beyond the baseline's grid, "0.171" otherwise. */
export function formatBounded(b: Bounded, digits = 3): string {
  const v = formatNumber(Number(b.value.toPrecision(digits)));
  return b.relation === '=' ? v : `${b.relation} ${v}`;
}
