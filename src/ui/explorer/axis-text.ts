/**
 * An axis's values as text (the forms of src/engine/admissibility/axis-values.ts), for the link
 * and the axis boxes: a list that a range reproduces exactly is written as the range, so links
 * stay short.
 */
import { parseAxisRange, parseAxisValues } from '../../engine/admissibility/axis-values';
import { type AxisField, type SweepAxis, axisRange } from '../../engine/admissibility/sweep';

/** Either form: a colon makes it a range. */
export function parseAxisText(field: AxisField, text: string): number[] | string {
  return text.includes(':') ? parseAxisRange(field, text) : parseAxisValues(text);
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
