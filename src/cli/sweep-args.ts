/**
 * `sweep` flags → sweep input: the axis flags (--x, --x-values, --x-range and the same for y) are
 * taken out here; everything else is a spec flag for the base (or --threads, --help) and goes
 * through the `run` parser, so both commands accept the same spec flags with the same messages.
 */
import { FIELD_CHOICES, RANGE_FORM, parseAxisRange, parseAxisValues } from '../engine/admissibility/axis-values';
import { AXIS_FIELDS, type AxisField, axisFields, defaultSweep } from '../engine/admissibility/sweep';
import type { SpecKey } from '../spec/schema';
import type { SpecIssue } from '../spec/validate';
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

function fieldFromText(text: string): AxisField | undefined {
  return AXIS_FIELDS.find((f) => axisFields[f].flag === text || f === text);
}

/** The axis values of a flag, or an issue naming the flag. */
function issueOr(flag: string, parsed: number[] | string): number[] | SpecIssue {
  return typeof parsed === 'string' ? { field: flag, message: `--${flag}: ${parsed}` } : parsed;
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
    if (valuesText !== undefined) values = issueOr(`${which}-values`, parseAxisValues(valuesText));
    else if (rangeText !== undefined) values = issueOr(`${which}-range`, parseAxisRange(field, rangeText));
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
