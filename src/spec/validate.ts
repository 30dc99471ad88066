/**
 * Validation of experiment specs: every bad value is reported with the field, the value and what is
 * allowed. Nothing is clamped and no NaN gets through; missing fields take their defaults.
 */
import {
  type Field,
  type ListField,
  type NumberListField,
  type PointSet,
  type Spec,
  type SpecKey,
  COORDINATE_LIMIT,
  COORDINATE_RANGE,
  POINTS_MAX,
  POINTS_MIN,
  SPEC_KEYS,
  defaultSpec,
  describeAllowed,
  fieldApplies,
  numbersOf,
  specFields,
} from './schema';
import { DOMAINS, ENGLISH_WORDS, dataEntry, dataOf, domainEntry, domainOf } from './domains';
import { learnerEntry, learnersOf, learnersWhere } from './learners';
import { availableMetrics } from '../engine/metrics/selection';

export interface SpecIssue {
  /** The spec key ('nIni'), or 'points', or the unknown key itself. */
  field: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: SpecIssue[] };

/** "n_ini (--n-ini)": how messages name a field, so CLI and page users both recognise it. */
export function fieldName(key: SpecKey): string {
  const f = specFields[key];
  return `${f.label} (--${f.flag})`;
}

/** Longest quoted value a message repeats; a longer one is cut, with its length said. */
const SHOWN_CHARS = 60;

/** A value as a message quotes it: strings in quotes, long ones shortened so a message stays a line. */
export function show(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const quoted = typeof value === 'string' ? JSON.stringify(text) : text;
  if (quoted.length <= SHOWN_CHARS) return quoted;
  const head = typeof value === 'string' ? `${JSON.stringify(text.slice(0, SHOWN_CHARS - 20)).slice(0, -1)}…"` : `${quoted.slice(0, SHOWN_CHARS - 20)}…`;
  return `${head} (${text.length} characters)`;
}

function rangeOk(field: Field & { kind: 'int' | 'number' | 'numbers' }, x: number): boolean {
  const aboveMin = field.kind !== 'int' && field.minExclusive ? x > field.min : x >= field.min;
  return aboveMin && x <= field.max;
}

/** Checks one already-typed value (from JSON, a preset, or a parsed string). */
export function checkField(key: SpecKey, value: unknown): Checked<Spec[SpecKey]> {
  const field = specFields[key] as Field;
  const bad = (why: string): Checked<never> => ({
    ok: false,
    issues: [{ field: key, message: `${fieldName(key)}: ${show(value)} ${why}; allowed: ${describeAllowed(field)}` }],
  });
  if (field.kind === 'enum') {
    if (typeof value !== 'string' || !(field.options as readonly string[]).includes(value)) return bad('is not allowed');
    return { ok: true, value: value as Spec[SpecKey] };
  }
  if (field.kind === 'list') {
    if (typeof value !== 'string') return bad('is not a list of names');
    const list = readList(field, value);
    if (typeof list !== 'string') return bad(list.why);
    return { ok: true, value: list as Spec[SpecKey] };
  }
  if (field.kind === 'numbers') {
    if (typeof value !== 'string') return bad('is not a list of numbers');
    const list = readNumbers(field, value);
    if (typeof list !== 'string') return bad(list.why);
    return { ok: true, value: list as Spec[SpecKey] };
  }
  if (typeof value !== 'number') return bad('is not a number');
  if (Number.isNaN(value)) return bad('is not a number');
  if (!Number.isFinite(value)) return bad('is not finite');
  if (field.kind === 'int' && !Number.isInteger(value)) return bad('is not an integer');
  if (!rangeOk(field, value)) return bad('is out of range');
  return { ok: true, value: value as Spec[SpecKey] };
}

/**
 * A list field's text in its one written form: a keyword as given, else the names in the
 * options' order without repeats (so that equal requests compare equal and links stay stable).
 */
function readList(field: ListField, text: string): string | { why: string } {
  const trimmed = text.trim();
  if (field.keywords.includes(trimmed)) return trimmed;
  const names = trimmed.split(',').map((name) => name.trim());
  if (names.includes('')) return { why: 'has an empty name' };
  const unknown = names.find((name) => !field.options.includes(name));
  if (unknown !== undefined) return { why: `has an unknown name ${show(unknown)}` };
  return field.options.filter((o) => names.includes(o)).join(',');
}

/** A number-list field's text in its one written form: the numbers as JavaScript writes them, comma-separated. */
function readNumbers(field: NumberListField, text: string): string | { why: string } {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const parts = trimmed.split(',');
  if (parts.length > field.maxCount) return { why: `has ${parts.length} numbers` };
  const numbers: number[] = [];
  for (const part of parts) {
    const x = parsePlainNumber(part);
    if (typeof x === 'string') return { why: `has a part ${show(part.trim())} that ${x}` };
    if (!rangeOk(field, x)) return { why: `has ${x}, out of range` };
    numbers.push(x);
  }
  return numbers.join(',');
}

/** Plain decimal notation: Number('') is 0 and Number('0x10') is 16, which no one means. */
export const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The one reader of numbers written as text (flag values, link parameters, CSV cells, drawn
 * points, axis values): plain decimal notation only, and nothing that float64 cannot hold —
 * Number('1e999') is Infinity and Number('1e-400') is 0, which no one wrote.
 * Returns the number, or why the text is not one ("is not a number").
 */
export function parsePlainNumber(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed === '') return 'is empty';
  if (!PLAIN_NUMBER.test(trimmed)) return 'is not a number';
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return 'is too large for a number (float64 holds up to ±1.8e308)';
  // A mantissa with a non-zero digit that reads as 0 has underflowed.
  if (value === 0 && /[1-9]/.test(trimmed.split(/e/i)[0])) return 'is too small to tell from 0 (float64 holds down to ±5e-324)';
  // "-0" means 0: a −0 would be written back as "0" (or dropped as the default) and read as another value.
  return value === 0 ? 0 : value;
}

/** Parses the text form of a field (CLI flag value, URL parameter). */
export function parseField(key: SpecKey, text: string): Checked<Spec[SpecKey]> {
  const field = specFields[key] as Field;
  if (field.kind === 'enum' || field.kind === 'list' || field.kind === 'numbers') return checkField(key, text);
  const value = parsePlainNumber(text);
  if (typeof value === 'string')
    return {
      ok: false,
      issues: [{ field: key, message: `${fieldName(key)}: ${show(text)} ${value}; allowed: ${describeAllowed(field)}` }],
    };
  return checkField(key, value);
}

export function checkPoints(points: unknown): Checked<PointSet> {
  const fail = (message: string): Checked<never> => ({ ok: false, issues: [{ field: 'points', message }] });
  if (!Array.isArray(points)) return fail(`points: expected a list of [x, y] pairs, got ${show(points)}`);
  if (points.length < POINTS_MIN || points.length > POINTS_MAX)
    return fail(`points: ${points.length} points given; allowed: ${POINTS_MIN}..${POINTS_MAX} points`);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (!Array.isArray(p) || p.length !== 2 || !p.every((c) => typeof c === 'number' && Number.isFinite(c)))
      return fail(`points: point ${i + 1} is ${show(p)}; expected [x, y] with two finite numbers`);
    if (!p.every((c) => Math.abs(c as number) <= COORDINATE_LIMIT))
      return fail(`points: point ${i + 1} is ${show(p)}: coordinates too large; allowed: ${COORDINATE_RANGE}; rescale the data`);
  }
  return { ok: true, value: points as PointSet };
}

/**
 * The smallest training set a learner can fit: without a singular covariance for the closed-form
 * ones, and a sample per component for a mixture; a domain can ask for more (a digit generator
 * trains on any minibatch, but fewer than ten digits cannot hold every class).
 */
export function minTrainingSize(spec: Pick<Spec, 'data' | 'learner' | 'components'>, dim: number): number {
  const floor = domainEntry(spec.data).minTraining ?? dim + 1;
  return learnerEntry(spec.learner).fields.includes('components') ? Math.max(floor, spec.components) : floor;
}

/** Numbers per sample implied by the spec: the domain's width (a digit row), d for N(0, I_d), else 2. */
export function dataDim(spec: Pick<Spec, 'data' | 'dim'>): number {
  return domainEntry(spec.data).width ?? (dataEntry(spec.data).freeDim ? spec.dim : 2);
}

/**
 * Values that other fields decide: d is free only for N(0, I_d) and stays at its default for the
 * other data. The lab, the explorer and the data switch apply these when a field changes; links
 * and the CLI, which say what they want, get the message of crossCheck instead.
 */
export function impliedValues(spec: Pick<Spec, 'data'>): Partial<Spec> {
  return dataEntry(spec.data).freeDim ? {} : { dim: specFields.dim.default };
}

/** Accumulate keeps every sample of every replicate; beyond this many numbers it would not fit. */
export const ACCUMULATE_BUDGET = 1e8;

/** A training set or reference of a dataset holds distinct samples, so no draw can exceed its split. */
function datasetSizes(spec: Spec): SpecIssue[] {
  const limits = domainEntry(spec.data).limits ?? {};
  return (Object.keys(limits) as (keyof typeof limits)[])
    .filter((key) => spec[key] > limits[key]![0])
    .map((key) => {
      const [limit, what] = limits[key]!;
      return { field: key, message: `${fieldName(key)}: ${spec[key]} is more than ${domainEntry(spec.data).dataset} has; allowed with data=${spec.data}: 1..${limit} (${limit} ${what})` };
    });
}

/** The real and synthetic samples in D^t: n_ini real at t = 1, then what the loop makes (accumulate keeps everything). */
export function trainingComposition(spec: Pick<Spec, 'loop' | 'nIni' | 'nReal' | 'nSyn'>, t: number): { real: number; synthetic: number } {
  if (t <= 1) return { real: spec.nIni, synthetic: 0 };
  switch (spec.loop) {
    case 'fully-synthetic':
      return { real: 0, synthetic: spec.nSyn };
    case 'augmentation':
      return { real: spec.nIni, synthetic: spec.nSyn };
    case 'fresh':
      return { real: spec.nReal, synthetic: spec.nSyn };
    case 'accumulate':
      return { real: spec.nIni + (t - 1) * spec.nReal, synthetic: (t - 1) * spec.nSyn };
  }
}

const FORMULA: Record<Spec['loop'], (t: number) => string> = {
  'fully-synthetic': () => 'n_s',
  augmentation: () => 'n_ini + n_s',
  fresh: () => 'n_r + n_s',
  accumulate: (t) => (t === 2 ? 'n_ini + n_s + n_r' : `n_ini + ${t - 1}(n_s + n_r)`),
};

/** |D^t| for t ≥ 2 and how the loop makes it (accumulate grows by n_s + n_r every generation). */
export function laterTrainingSize(spec: Pick<Spec, 'loop' | 'nIni' | 'nReal' | 'nSyn'>, t: number): [number, string] {
  const { real, synthetic } = trainingComposition(spec, Math.max(2, t));
  return [real + synthetic, FORMULA[spec.loop](t)];
}

/** Rules that involve several fields. */
function crossCheck(spec: Spec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const d = dataDim(spec);
  for (const [key, value] of Object.entries(impliedValues(spec)) as [SpecKey, unknown][])
    if (spec[key] !== value)
      issues.push({ field: key, message: `${fieldName(key)}: ${show(spec[key])} is not allowed with data=${spec.data}; allowed: ${show(value)} (only N(0, I_d) has a free dimension)` });
  if (spec.data === 'points' && spec.points === null)
    issues.push({ field: 'points', message: 'points: data=points needs a point set (CLI: --data path/to/points.csv)' });
  if (spec.data !== 'points' && spec.points !== null)
    issues.push({ field: 'points', message: `points: a point set was given but data=${spec.data}; use data=points` });
  if (spec.data === 'english' && spec.vocabulary > ENGLISH_WORDS)
    issues.push({ field: 'vocabulary', message: `${fieldName('vocabulary')}: ${spec.vocabulary} is more words than the English corpus ships; allowed with data=english: an integer 2..${ENGLISH_WORDS}` });
  if (fieldApplies('targetWords', spec) && spec.targetWords > spec.vocabulary)
    issues.push({ field: 'targetWords', message: `${fieldName('targetWords')}: ${spec.targetWords} is more words than the vocabulary's V = ${spec.vocabulary}; allowed: an integer ${specFields.targetWords.min}..${spec.vocabulary}` });

  if (!specFields.metrics.keywords.includes(spec.metrics) && (spec.data !== 'points' || spec.points !== null)) {
    const { all } = availableMetrics(spec);
    const missing = spec.metrics.split(',').filter((m) => !(all as string[]).includes(m));
    if (missing.length > 0)
      issues.push({ field: 'metrics', message: `${fieldName('metrics')}: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not measured with data=${spec.data}; allowed: ${specFields.metrics.keywords.join(' | ')} | a comma-separated list of ${all.join(', ')}` });
  }

  const learner = learnerEntry(spec.learner);
  const domain = domainOf(spec.data);
  // Sizes are judged for a learner that fits the data; for a mismatched pair that one message is enough.
  if (learner.domain !== domain) {
    issues.push({
      field: 'learner',
      message: `${fieldName('learner')}: ${spec.learner} generates ${DOMAINS[learner.domain].label}; use data=${dataOf(learner.domain).join(' | ')}, or with data=${spec.data} one of ${learnersOf(domain).join(' | ')}`,
    });
    return issues;
  }
  issues.push(...datasetSizes(spec));
  if (fieldApplies('mixing', spec) && spec.mixing !== '') issues.push(...mixingIssues(spec));
  if (learner.dim !== undefined && d !== learner.dim)
    issues.push({
      field: 'learner',
      message: `${fieldName('learner')}: ${spec.learner} is a learner for ${learner.dim}-D data, but data=${spec.data} has d = ${d}; use dim ${learner.dim} or one of ${learnersWhere((e) => e.domain === domain && e.dim === undefined).join(' | ')}`,
    });

  const need = minTrainingSize(spec, d);
  const inD = domainEntry(spec.data).width === undefined ? ` in d = ${d}` : '';
  const who = learner.fields.includes('components') ? `the ${spec.learner} learner with K = ${spec.components}${inD}` : `the ${spec.learner} learner${inD}`;
  if (spec.nIni < need)
    issues.push({ field: 'nIni', message: `${fieldName('nIni')}: ${spec.nIni} is too small: ${who} needs at least ${need} samples` });
  if (spec.generations >= 2) {
    const [size, formula] = laterTrainingSize(spec, 2);
    if (size < need)
      issues.push({
        field: 'nSyn',
        message: `${fieldName('nSyn')}: the ${spec.loop} loop trains on ${formula} = ${size} samples for t ≥ 2, but ${who} needs at least ${need}`,
      });
    if (spec.loop === 'accumulate') {
      const numbers = (spec.nIni + (spec.generations - 1) * (spec.nSyn + spec.nReal)) * d * spec.replicates;
      const perSample = domainEntry(spec.data).widthText ?? 'd';
      if (numbers > ACCUMULATE_BUDGET)
        issues.push({
          field: 'generations',
          message: `${fieldName('generations')}: accumulate keeps every sample: (n_ini + (T − 1)(n_s + n_r)) · ${perSample} · R = ${numbers.toExponential(2)} numbers exceeds the budget of ${ACCUMULATE_BUDGET.toExponential(0)}; lower T, R, n_s or n_r`,
        });
    }
  }
  return issues;
}

/** A mixing matrix is M × M shares whose rows each sum to 1. */
function mixingIssues(spec: Spec): SpecIssue[] {
  const m = spec.models;
  const shares = numbersOf(spec.mixing);
  const allowed = `allowed: M × M = ${m * m} shares row by row, row i the shares of model i's synthetic samples from models 1..${m}, each row summing to 1`;
  if (shares.length !== m * m) return [{ field: 'mixing', message: `${fieldName('mixing')}: ${shares.length} shares for M = ${m}; ${allowed}` }];
  for (let i = 0; i < m; i++) {
    const sum = shares.slice(i * m, (i + 1) * m).reduce((a, b) => a + b, 0);
    // Shares written to a few decimals (1/3 as 0.333333333) still count as summing to 1.
    if (Math.abs(sum - 1) > 1e-6) return [{ field: 'mixing', message: `${fieldName('mixing')}: row ${i + 1} sums to ${+sum.toPrecision(6)}; ${allowed}` }];
  }
  return [];
}

/**
 * Normalises a partial spec: unknown keys and bad values are errors, missing keys take defaults.
 * Every issue is reported at once so a user can fix them in one go.
 */
export function normaliseSpec(input: Record<string, unknown>): Checked<Spec> {
  // Missing fields take the defaults of the spec's learner (the digit generators have their own sizes).
  const learner = checkField('learner', (Object.hasOwn(input, 'learner') ? input.learner : undefined) ?? specFields.learner.default);
  const spec = defaultSpec(learner.ok ? (learner.value as Spec['learner']) : undefined);
  const issues: SpecIssue[] = [];
  for (const key of Object.keys(input)) {
    if (key !== 'points' && !(SPEC_KEYS as string[]).includes(key))
      issues.push({ field: key, message: `unknown field ${show(key)}; known fields: ${[...SPEC_KEYS, 'points'].join(', ')}` });
  }
  for (const key of SPEC_KEYS) {
    if (!Object.hasOwn(input, key) || input[key] === undefined) continue;
    const checked = checkField(key, input[key]);
    if (checked.ok) (spec as Record<string, unknown>)[key] = checked.value;
    else issues.push(...checked.issues);
  }
  if (input.points !== undefined && input.points !== null) {
    const checked = checkPoints(input.points);
    if (checked.ok) spec.points = checked.value;
    else issues.push(...checked.issues);
  }
  if (issues.length > 0) return { ok: false, issues };
  const cross = crossCheck(spec);
  return cross.length > 0 ? { ok: false, issues: cross } : { ok: true, value: spec };
}

/** For callers that hold a spec they expect to be valid (tests, presets): throws with every issue. */
export function assertSpec(input: Record<string, unknown>): Spec {
  const checked = normaliseSpec(input);
  if (!checked.ok) throw new SpecError(checked.issues);
  return checked.value;
}

export class SpecError extends Error {
  constructor(readonly issues: SpecIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
    this.name = 'SpecError';
  }
}
