/**
 * A sweep axis's values as text, in the two forms the CLI (--x-values, --x-range), the explorer's
 * link and its axis boxes all accept: a list "10,100,1000" or a range "lo:hi:count[:log]".
 * Each parser returns the values or why the text is not that form; callers prefix the flag or
 * parameter they read it from.
 */
import { parsePlainNumber, show } from '../../spec/validate';
import { AXIS_FIELDS, type AxisField, MAX_AXIS_VALUES, axisFields, axisRange } from './sweep';

export const RANGE_FORM = 'lo:hi:count or lo:hi:count:log';
export const FIELD_CHOICES = AXIS_FIELDS.map((f) => axisFields[f].flag).join(' | ');

export function parseAxisValues(text: string): number[] | string {
  const values: number[] = [];
  for (const item of text.split(',')) {
    const value = parsePlainNumber(item);
    if (typeof value === 'string') return `${show(item.trim())} ${value}; allowed: comma-separated numbers such as 10,100,1000`;
    values.push(value);
  }
  return values;
}

export function parseAxisRange(field: AxisField, text: string): number[] | string {
  const fail = (why: string) => `${show(text)} ${why}; allowed: ${RANGE_FORM} (count 1..${MAX_AXIS_VALUES})`;
  const parts = text.split(':').map((s) => s.trim());
  if (parts.length < 3 || parts.length > 4) return fail('is not a range');
  const [lo, hi, count] = parts;
  const scale = parts[3] ?? 'linear';
  const numbers = [lo, hi, count].map(parsePlainNumber);
  const badPart = numbers.findIndex((v) => typeof v === 'string');
  if (badPart >= 0) return fail(`has a part that is not a number (${show([lo, hi, count][badPart])} ${numbers[badPart]})`);
  if (scale !== 'linear' && scale !== 'log') return fail(`ends in ${JSON.stringify(scale)}, not log or linear`);
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1 || n > MAX_AXIS_VALUES) return fail('has a bad count');
  if (scale === 'log' && !(Number(lo) > 0 && Number(hi) > 0)) return fail('is on a log scale, which needs lo > 0 and hi > 0');
  return axisRange(field, Number(lo), Number(hi), n, scale);
}
