/**
 * An axis's values as text, the same two forms as the CLI's --x-values and --x-range: a list
 * "10,100,1000" or a range "lo:hi:count" / "lo:hi:count:log". Used by the link and by the axis
 * boxes; a list that a range reproduces exactly is written as the range, so links stay short.
 */
import { type AxisField, MAX_AXIS_VALUES, type SweepAxis, axisRange } from '../../engine/admissibility/sweep';

export const RANGE_FORM = 'lo:hi:count or lo:hi:count:log';

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Values, or why the text is not a list of numbers. */
export function parseValuesText(text: string): number[] | string {
  const items = text.split(',').map((s) => s.trim());
  const bad = items.find((s) => !PLAIN_NUMBER.test(s));
  return bad === undefined ? items.map(Number) : `${JSON.stringify(bad)} is not a number; allowed: comma-separated numbers such as 10,100,1000`;
}

/** Values, or why the text is not a range. */
export function parseRangeText(field: AxisField, text: string): number[] | string {
  const fail = (why: string) => `${JSON.stringify(text)} ${why}; allowed: ${RANGE_FORM} (count 1..${MAX_AXIS_VALUES})`;
  const parts = text.split(':').map((s) => s.trim());
  if (parts.length < 3 || parts.length > 4) return fail('is not a range');
  const [lo, hi, count] = parts;
  const scale = parts[3] ?? 'linear';
  if (![lo, hi, count].every((s) => PLAIN_NUMBER.test(s))) return fail('has a part that is not a number');
  if (scale !== 'linear' && scale !== 'log') return fail(`ends in ${JSON.stringify(scale)}, not log or linear`);
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1 || n > MAX_AXIS_VALUES) return fail('has a bad count');
  if (scale === 'log' && !(Number(lo) > 0 && Number(hi) > 0)) return fail('is on a log scale, which needs lo > 0 and hi > 0');
  return axisRange(field, Number(lo), Number(hi), n, scale);
}

/** Either form: a colon makes it a range. */
export function parseAxisText(field: AxisField, text: string): number[] | string {
  return text.includes(':') ? parseRangeText(field, text) : parseValuesText(text);
}

export function axisText(axis: SweepAxis): { form: 'range' | 'values'; text: string } {
  const { field, values } = axis;
  const lo = values[0];
  const hi = values[values.length - 1];
  const same = (a: number[]) => a.length === values.length && a.every((v, i) => v === values[i]);
  if (values.length >= 3)
    for (const scale of ['log', 'linear'] as const)
      if ((scale === 'linear' || (lo > 0 && hi > 0)) && same(axisRange(field, lo, hi, values.length, scale)))
        return { form: 'range', text: `${lo}:${hi}:${values.length}${scale === 'log' ? ':log' : ''}` };
  return { form: 'values', text: values.join(',') };
}
