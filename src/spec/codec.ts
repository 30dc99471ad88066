/**
 * The one codec of specs as text: lab links, explorer links, `run` flags and `sweep` flags all
 * name spec fields by their CLI flag and read and write them here — fields, compared runs,
 * drawn points, sweep axes — so that a link and a command line read alike and a rule about a
 * value's text exists once. Callers add only what is their own: a link repairs what is bad with
 * a notice, the CLI refuses it.
 */
import { parseAxisRange, parseAxisValues, RANGE_FORM, FIELD_CHOICES } from '../engine/admissibility/axis-values';
import { AXIS_FIELDS, type AxisField, type SweepAxis, axisFields, axisRange } from '../engine/admissibility/sweep';
import { type PointSet, SPEC_KEYS, type Spec, type SpecKey, specFields } from './schema';
import { checkPoints, parseField, parsePlainNumber, show, type SpecIssue } from './validate';

const KEY_OF_FLAG = new Map<string, SpecKey>(SPEC_KEYS.map((k) => [specFields[k].flag, k]));

/** The spec field a flag or link parameter names. */
export function specKeyOf(flag: string): SpecKey | undefined {
  return KEY_OF_FLAG.get(flag);
}

/**
 * The spec fields among named values (link parameters, flags): each read by the one field parser,
 * a bad value an issue naming the field; names that are not spec fields are returned for the
 * caller, in order.
 */
export function readSpecFields(pairs: Iterable<readonly [string, string]>): { input: Partial<Record<SpecKey, unknown>>; issues: SpecIssue[]; rest: [string, string][] } {
  const input: Partial<Record<SpecKey, unknown>> = {};
  const issues: SpecIssue[] = [];
  const rest: [string, string][] = [];
  for (const [name, text] of pairs) {
    const key = specKeyOf(name);
    if (!key) {
      rest.push([name, text]);
      continue;
    }
    const parsed = parseField(key, text);
    if (parsed.ok) input[key] = parsed.value;
    else issues.push(...parsed.issues);
  }
  return { input, issues, rest };
}

/** The fields of `spec` that differ from `defaults`, by flag, and the point set when data = points. */
export function writeSpecFields(spec: Spec, defaults: Spec): [string, string][] {
  const pairs: [string, string][] = SPEC_KEYS.filter((k) => spec[k] !== defaults[k]).map((k) => [specFields[k].flag, String(spec[k])]);
  if (spec.data === 'points' && spec.points) pairs.push(['pts', encodePoints(spec.points)]);
  return pairs;
}

function encodePoints(points: PointSet): string {
  return points.map(([x, y]) => `${x},${y}`).join(';');
}

/** `x,y;x,y;…`, each number in plain decimal notation (no 0x10, no empty cell read as 0). */
export function decodePoints(text: string): { ok: true; points: PointSet } | { ok: false; message: string } {
  const pairs = text.split(';');
  const points: number[][] = [];
  for (let i = 0; i < pairs.length; i++) {
    const cells = pairs[i].split(',');
    if (cells.length !== 2) return { ok: false, message: `points (pts=): point ${i + 1} is ${show(pairs[i])}; expected x,y` };
    const values = cells.map(parsePlainNumber);
    const bad = values.findIndex((v) => typeof v === 'string');
    if (bad >= 0) return { ok: false, message: `points (pts=): point ${i + 1}: ${show(cells[bad])} ${values[bad]}` };
    points.push(values as number[]);
  }
  const checked = checkPoints(points);
  return checked.ok ? { ok: true, points: checked.value } : { ok: false, message: checked.issues[0].message };
}

/** A compared run's own fields: "flag:value;flag:value", or "base" for none. */
export function encodeOverrides(overrides: Partial<Record<SpecKey, unknown>>): string {
  const parts = (Object.keys(overrides) as SpecKey[]).map((k) => `${specFields[k].flag}:${overrides[k]}`);
  return parts.length > 0 ? parts.join(';') : 'base';
}

/** The pairs of a compared run's text, and the parts that are not "flag:value". */
export function overridePairs(text: string): { pairs: [string, string][]; malformed: string[] } {
  const pairs: [string, string][] = [];
  const malformed: string[] = [];
  if (text === 'base') return { pairs, malformed };
  for (const part of text.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) malformed.push(part);
    else pairs.push([part.slice(0, colon), part.slice(colon + 1)]);
  }
  return { pairs, malformed };
}

// Characters that are safe in a query value and keep links readable (RFC 3986 sub-delims).
const encode = (s: string) => encodeURIComponent(s).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%3B/g, ';');

/** A query string of name = value pairs, in order. */
export function queryString(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${k}=${encode(v)}`).join('&');
}

/** The names of an axis's three parameters: which field, its values as a list, or as a range. */
const axisParams = (which: 'x' | 'y') => [which, `${which}-values`, `${which}-range`] as const;
export const AXIS_PARAMS: readonly string[] = [...axisParams('x'), ...axisParams('y')];

/** The axis field a flag names (or the field's own name, which the CLI also takes). */
function axisFieldOf(text: string): AxisField | undefined {
  return AXIS_FIELDS.find((f) => axisFields[f].flag === text || f === text);
}

/**
 * A sweep axis from its parameters (`get` reads one by name; `named` writes a name as the caller
 * shows it: "--x-values" or "x-values"): undefined when none is given, else the axis or why not.
 * An axis without values keeps the default axis's when its field is the default's.
 */
export function readAxis(which: 'x' | 'y', get: (name: string) => string | undefined, fallback: SweepAxis, named: (name: string) => string): SweepAxis | string | undefined {
  const [fieldName, valuesName, rangeName] = axisParams(which);
  const fieldText = get(fieldName);
  const valuesText = get(valuesName);
  const rangeText = get(rangeName);
  if (fieldText === undefined && valuesText === undefined && rangeText === undefined) return undefined;
  const field = fieldText === undefined ? fallback.field : axisFieldOf(fieldText);
  if (!field) return `${named(fieldName)}: ${show(fieldText)} is not a sweep field; allowed: ${FIELD_CHOICES}`;
  if (valuesText !== undefined && rangeText !== undefined) return `${named(valuesName)} and ${named(rangeName)} both give the ${which} axis values; give one`;
  let values: number[] | string;
  if (valuesText !== undefined) values = parseAxisValues(valuesText);
  else if (rangeText !== undefined) values = parseAxisRange(field, rangeText);
  else if (field === fallback.field) values = fallback.values;
  else return `${named(fieldName)} ${axisFields[field].flag} needs its values: ${named(valuesName)} a,b,c or ${named(rangeName)} ${RANGE_FORM}`;
  if (typeof values === 'string') return `${named(valuesText !== undefined ? valuesName : rangeName)}: ${values}`;
  return { field, values };
}

/** Either form of an axis's values as text: a colon makes it a range. */
export function parseAxisText(field: AxisField, text: string): number[] | string {
  return text.includes(':') ? parseAxisRange(field, text) : parseAxisValues(text);
}

/** An axis's values as text: a list that a range reproduces exactly is written as the range, so links stay short. */
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

/** An axis's parameters, or none when it is the default's. */
export function writeAxis(which: 'x' | 'y', axis: SweepAxis, fallback: SweepAxis): [string, string][] {
  if (axis.field === fallback.field && axis.values.join() === fallback.values.join()) return [];
  const { form, text } = axisText(axis);
  return [
    [which, axisFields[axis.field].flag],
    [`${which}-${form}`, text],
  ];
}

/**
 * Command-line arguments as flag/value pairs: `--flag value` or `--flag=value`; a flag followed by
 * another flag (or nothing), or one of `switches` (which take no value), has none. Arguments
 * that are not flags are returned apart.
 */
export function argvPairs(argv: readonly string[], switches: readonly string[] = []): { pairs: [string, string | undefined][]; stray: string[] } {
  const pairs: [string, string | undefined][] = [];
  const stray: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      stray.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.slice(2, eq < 0 ? undefined : eq);
    if (eq >= 0) pairs.push([flag, arg.slice(eq + 1)]);
    else if (switches.includes(flag)) pairs.push([flag, undefined]);
    // A value may start with "-" (a negative number) but not with "--" and a letter (the next flag).
    else pairs.push([flag, i + 1 < argv.length && !/^--[a-z]/.test(argv[i + 1]) ? argv[++i] : undefined]);
  }
  return { pairs, stray };
}
