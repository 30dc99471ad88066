/**
 * Validation of experiment specs: every bad value is reported with the field, the value and what is
 * allowed. Nothing is clamped and no NaN gets through; missing fields take their defaults.
 */
import {
  type Field,
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
  DIGIT_LEARNERS,
  isDigitLearner,
  isNeural,
  specFields,
} from './schema';
import { DIGIT_ROW } from '../digits/digits';

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

function rangeOk(field: Field & { kind: 'int' | 'number' }, x: number): boolean {
  const aboveMin = field.kind === 'number' && field.minExclusive ? x > field.min : x >= field.min;
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
  if (typeof value !== 'number') return bad('is not a number');
  if (Number.isNaN(value)) return bad('is not a number');
  if (!Number.isFinite(value)) return bad('is not finite');
  if (field.kind === 'int' && !Number.isInteger(value)) return bad('is not an integer');
  if (!rangeOk(field, value)) return bad('is out of range');
  return { ok: true, value: value as Spec[SpecKey] };
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
  return value;
}

/** Parses the text form of a field (CLI flag value, URL parameter). */
export function parseField(key: SpecKey, text: string): Checked<Spec[SpecKey]> {
  const field = specFields[key];
  if (field.kind === 'enum') return checkField(key, text);
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
 * ones; a digit generator trains on any minibatch, but fewer than ten digits cannot hold every
 * class, and a mixture of digits needs a digit per component.
 */
export function minTrainingSize(spec: Pick<Spec, 'learner' | 'components'>, dim: number): number {
  if (isDigitLearner(spec.learner)) return spec.learner === 'pca-gmm' ? Math.max(10, spec.components) : 10;
  return spec.learner === 'gmm' ? Math.max(dim + 1, spec.components) : dim + 1;
}

/** Numbers per sample implied by the spec: the mixtures, moons and point sets are 2-D; a digit row is 28×28 pixels and a label. */
export function dataDim(spec: Pick<Spec, 'data' | 'dim'>): number {
  if (spec.data === 'mnist') return DIGIT_ROW;
  return spec.data === 'gaussian' ? spec.dim : 2;
}

/** Accumulate keeps every sample of every replicate; beyond this many numbers it would not fit. */
export const ACCUMULATE_BUDGET = 1e8;

/** Digits per MNIST split: real samples come from the training split, the metrics' reference from the test split. */
export const MNIST_TRAIN = 60_000;
export const MNIST_TEST = 10_000;

/** A training set or reference holds distinct digits, so no draw can exceed its split. */
function mnistSizes(spec: Spec): SpecIssue[] {
  const limits: ['nIni' | 'nReal' | 'nEval', number, string][] = [
    ['nIni', MNIST_TRAIN, 'training digits'],
    ['nReal', MNIST_TRAIN, 'training digits'],
    ['nEval', MNIST_TEST, 'held-out test digits'],
  ];
  return limits
    .filter(([key, limit]) => spec[key] > limit)
    .map(([key, limit, what]) => ({
      field: key,
      message: `${fieldName(key)}: ${spec[key]} is more than MNIST has; allowed with data=mnist: 1..${limit} (${limit} ${what})`,
    }));
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
  if (spec.data !== 'gaussian' && spec.dim !== 2)
    issues.push({ field: 'dim', message: `${fieldName('dim')}: ${spec.dim} is not allowed with data=${spec.data}; allowed: 2 (only N(0, I_d) has a free dimension)` });
  if (spec.data === 'points' && spec.points === null)
    issues.push({ field: 'points', message: 'points: data=points needs a point set (CLI: --data path/to/points.csv)' });
  if (spec.data !== 'points' && spec.points !== null)
    issues.push({ field: 'points', message: `points: a point set was given but data=${spec.data}; use data=points` });

  if (spec.data === 'mnist' && !isDigitLearner(spec.learner))
    issues.push({
      field: 'learner',
      message: `${fieldName('learner')}: ${spec.learner} does not generate images; with data=mnist use one of ${DIGIT_LEARNERS.join(' | ')}`,
    });
  if (spec.data !== 'mnist' && isDigitLearner(spec.learner))
    issues.push({
      field: 'learner',
      message: `${fieldName('learner')}: ${spec.learner} generates MNIST digits; use data=mnist, or for data=${spec.data} a learner of points (gaussian, gmm, kde, gan, diffusion)`,
    });
  // Sizes are judged for a learner that fits the data; for a mismatched pair that one message is enough.
  if ((spec.data === 'mnist') !== isDigitLearner(spec.learner)) return issues;
  if (spec.data === 'mnist') issues.push(...mnistSizes(spec));
  if (isNeural(spec.learner) && !isDigitLearner(spec.learner) && spec.data !== 'mnist' && d !== 2)
    issues.push({
      field: 'learner',
      message: `${fieldName('learner')}: ${spec.learner} is a learner for 2-D data, but data=gaussian has d = ${d}; use dim 2 or a closed-form learner (gaussian, gmm, kde)`,
    });

  const need = minTrainingSize(spec, d);
  const who =
    spec.learner === 'gmm'
      ? `the gmm learner with K = ${spec.components} in d = ${d}`
      : spec.data === 'mnist'
        ? `the ${spec.learner} learner`
        : `the ${spec.learner} learner in d = ${d}`;
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
      const perSample = spec.data === 'mnist' ? `${d} (28×28 pixels and a label)` : 'd';
      if (numbers > ACCUMULATE_BUDGET)
        issues.push({
          field: 'generations',
          message: `${fieldName('generations')}: accumulate keeps every sample: (n_ini + (T − 1)(n_s + n_r)) · ${perSample} · R = ${numbers.toExponential(2)} numbers exceeds the budget of ${ACCUMULATE_BUDGET.toExponential(0)}; lower T, R, n_s or n_r`,
        });
    }
  }
  return issues;
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
