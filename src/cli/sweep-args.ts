/**
 * `sweep` flags → sweep input: the axis flags (--x, --x-values, --x-range and the same for y) are
 * taken out here; everything else is a spec flag for the base (or --threads, --help) and goes
 * through the `run` parser, so both commands accept the same spec flags with the same messages.
 */
import { AXIS_FIELDS, type AxisField, MAX_AXIS_VALUES, axisFields, axisRange, defaultSweep } from '../engine/admissibility/sweep';
import type { SpecKey } from '../engine/spec/schema';
import type { SpecIssue } from '../engine/spec/validate';
import { parseArgs } from './args';

export interface SweepInput {
  base: Record<string, unknown>;
  x?: { field: AxisField; values: number[] };
  y?: { field: AxisField; values: number[] };
}

export type ParsedSweepArgs =
  | { ok: true; input: SweepInput; given: SpecKey[]; help: boolean; threads: number | null }
  | { ok: false; issues: SpecIssue[] };

const AXIS_FLAGS = ['x', 'x-values', 'x-range', 'y', 'y-values', 'y-range'] as const;
type AxisFlag = (typeof AXIS_FLAGS)[number];

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export const FIELD_CHOICES = AXIS_FIELDS.map((f) => axisFields[f].flag).join(' | ');
export const RANGE_FORM = 'lo:hi:count or lo:hi:count:log';

function fieldFromText(text: string): AxisField | undefined {
  return AXIS_FIELDS.find((f) => axisFields[f].flag === text || f === text);
}

function parseValues(flag: string, text: string): number[] | SpecIssue {
  const items = text.split(',').map((s) => s.trim());
  const bad = items.find((s) => !PLAIN_NUMBER.test(s));
  if (bad !== undefined)
    return { field: flag, message: `--${flag}: ${JSON.stringify(bad)} is not a number; allowed: comma-separated numbers such as 10,100,1000` };
  return items.map(Number);
}

function parseRange(flag: string, field: AxisField, text: string): number[] | SpecIssue {
  const fail = (why: string): SpecIssue => ({ field: flag, message: `--${flag}: ${JSON.stringify(text)} ${why}; allowed: ${RANGE_FORM} (count 1..${MAX_AXIS_VALUES})` });
  const parts = text.split(':').map((s) => s.trim());
  if (parts.length < 3 || parts.length > 4) return fail('is not a range');
  const [lo, hi, count] = parts.slice(0, 3);
  const scale = parts[3] ?? 'linear';
  if (![lo, hi, count].every((s) => PLAIN_NUMBER.test(s))) return fail('has a part that is not a number');
  if (scale !== 'linear' && scale !== 'log') return fail(`ends in ${JSON.stringify(scale)}, not log or linear`);
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1 || n > MAX_AXIS_VALUES) return fail('has a bad count');
  if (scale === 'log' && !(Number(lo) > 0 && Number(hi) > 0)) return fail('is on a log scale, which needs lo > 0 and hi > 0');
  return axisRange(field, Number(lo), Number(hi), n, scale);
}

export function parseSweepArgs(argv: string[]): ParsedSweepArgs {
  const axis = new Map<AxisFlag, string>();
  const issues: SpecIssue[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : '';
    if (!(AXIS_FLAGS as readonly string[]).includes(flag)) {
      rest.push(arg);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[++i] : undefined;
    if (value === undefined) issues.push({ field: flag, message: `--${flag} needs a value` });
    else if (axis.has(flag as AxisFlag)) issues.push({ field: flag, message: `--${flag} is given twice` });
    else axis.set(flag as AxisFlag, value);
  }
  const base = parseArgs(rest);
  if (!base.ok) issues.push(...base.issues);

  const input: SweepInput = { base: base.ok ? base.input : {} };
  const defaults = defaultSweep();
  for (const which of ['x', 'y'] as const) {
    const fieldText = axis.get(which);
    const valuesText = axis.get(`${which}-values`);
    const rangeText = axis.get(`${which}-range`);
    if (fieldText === undefined && valuesText === undefined && rangeText === undefined) continue;
    const field = fieldText === undefined ? defaults[which].field : fieldFromText(fieldText);
    if (!field) {
      issues.push({ field: which, message: `--${which}: ${JSON.stringify(fieldText)} is not a sweep field; allowed: ${FIELD_CHOICES}` });
      continue;
    }
    if (valuesText !== undefined && rangeText !== undefined) {
      issues.push({ field: which, message: `--${which}-values and --${which}-range both give the ${which} axis values; give one` });
      continue;
    }
    let values: number[] | SpecIssue;
    if (valuesText !== undefined) values = parseValues(`${which}-values`, valuesText);
    else if (rangeText !== undefined) values = parseRange(`${which}-range`, field, rangeText);
    else if (field === defaults[which].field) values = defaults[which].values;
    else {
      issues.push({ field: which, message: `--${which} ${axisFields[field].flag} needs its values: --${which}-values a,b,c or --${which}-range ${RANGE_FORM}` });
      continue;
    }
    if ('message' in values) issues.push(values);
    else input[which] = { field, values };
  }
  if (issues.length > 0 || !base.ok) return { ok: false, issues };
  return { ok: true, input, given: base.given, help: base.help, threads: base.threads };
}
