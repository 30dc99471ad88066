/**
 * An admissibility sweep: MAD's phase diagram (paper §5, Fig. 11–12) as a grid over two axes
 * among n_s, n_r, λ, T and the synthetic fraction, and the fields of curated loops and of models
 * feeding each other (issue 17: K, M, the exchange share), every cell one loop and its n_e / n_r.
 *
 * Cells are independent: `computeCell(spec, baseline)` needs only the cell's spec and the sweep's
 * shared baseline, so a pool of workers (browser or threads) can compute them in any order and
 * stream them, and a cell's result depends on nothing else (cache it by `cellKey`). Every cell
 * uses the base's seed: replicate i draws the same real data in every cell (common random
 * numbers), so neighbouring cells differ by their parameters rather than by independent noise,
 * and the phase diagram and its boundary come out smooth.
 *
 * Points are measured by the Fréchet distance (the paper's), words by total variation to the real
 * word distribution (word-distance.ts): each domain's cell reports its own limit and finals.
 */
import { DATA_KINDS, type DataKind, domainOf } from '../../spec/domains';
import { learnersWhere, needsTensorflow } from '../../spec/learners';
import { type AxisNames, type Spec, type SpecKey, SPEC_KEYS, fieldApplies, specFields, unmetConditions } from '../../spec/schema';
import { type Checked, type SpecIssue, impliedValues, normaliseSpec } from '../../spec/validate';
import { type Baseline, BASELINE_MAX_SIZE, admissibilityDistance, baselineFor } from './baseline';
import { type EffectiveSize, effectiveSize, realReference } from './effective-size';
import { type LoopLimit, loopLimit } from './limit';
import { type WordLimit, wordLimit } from './word-limit';

export const AXIS_FIELDS = ['nSyn', 'nReal', 'lambda', 'generations', 'synFraction', 'curationK', 'models', 'exchange'] as const;
export type AxisField = (typeof AXIS_FIELDS)[number];
type SpecAxisField = Exclude<AxisField, 'synFraction'>;

export interface AxisInfo {
  /** On the command line and in links. */
  flag: string;
  /** In the paper's vocabulary, for messages and cell names: "n_s", "T", "K". */
  label: string;
  /** The symbol alone, where the label is a formula (p for the synthetic share). */
  symbol: string;
  integer: boolean;
  help: string;
  /** Plain words for an axis title (AxisNames of the schema). */
  names: AxisNames;
}

/** A spec field's axis: its flag, help and names from the schema. */
function specAxis(key: SpecAxisField): AxisInfo {
  const field = specFields[key];
  const names: AxisNames = field.axis!;
  const label = names.symbol ?? field.label;
  return { flag: field.flag, label, symbol: label, integer: field.kind === 'int', help: field.help, names };
}

export const axisFields: Record<AxisField, AxisInfo> = {
  nSyn: specAxis('nSyn'),
  nReal: specAxis('nReal'),
  lambda: specAxis('lambda'),
  generations: specAxis('generations'),
  synFraction: {
    flag: 'syn-fraction',
    label: 'n_s / (n_r + n_s)',
    symbol: 'p',
    integer: false,
    help: "synthetic share p of each generation's training set, in [0, 1); n_r + n_s stays at the base's total and n_s = round(p · total)",
    names: { title: 'synthetic share of each generation' },
  },
  curationK: specAxis('curationK'),
  models: specAxis('models'),
  exchange: specAxis('exchange'),
};

export interface SweepAxis {
  field: AxisField;
  values: number[];
}

export interface Sweep {
  /** The spec every cell starts from; each cell overrides its two axis fields. */
  base: Spec;
  /** Columns. */
  x: SweepAxis;
  /** Rows. */
  y: SweepAxis;
}

export const MAX_AXIS_VALUES = 100;

/** `count` values from lo to hi, evenly spaced or on a log scale; integer fields are rounded. */
export function axisRange(field: AxisField, lo: number, hi: number, count: number, scale: 'linear' | 'log'): number[] {
  return Array.from({ length: count }, (_, i) => {
    const f = count === 1 ? 0 : i / (count - 1);
    const v = scale === 'log' ? lo * (hi / lo) ** f : lo + (hi - lo) * f;
    return axisFields[field].integer ? Math.round(v) : Number(v.toPrecision(12));
  });
}

/** Each domain's default base, its n_s columns (10 to 10⁴, log) and its λ rows. */
const DEFAULT_SWEEPS = {
  points: {
    base: { data: 'gaussian', dim: 1, learner: 'gaussian', estimator: 'unbiased', loop: 'fresh', nIni: 100, nReal: 100, nSyn: 900, lambda: 1, generations: 50, replicates: 200, seed: 1, nEval: 100 },
    x: 10,
    y: [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 1],
  },
  text: {
    base: { data: 'zipf', learner: 'unigram', vocabulary: 1000, zipfBeta: 1, smoothing: 0, topK: 0, loop: 'fresh', nIni: 1000, nReal: 1000, nSyn: 1000, lambda: 1, generations: 30, replicates: 10, seed: 1, nEval: 100 },
    x: 7,
    y: [0.8, 0.9, 0.95, 0.98, 1],
  },
};

/**
 * The paper's phase diagram for the 1-D Gaussian (Fig. 11): fresh loop, n_r = 100, n_s from 10 to
 * 10⁴ on a log grid against λ, 50 generations, 200 replicates. n_eval = 100 keeps the final
 * precision and recall cheap (they are evaluated once, at T; n_e does not use them).
 *
 * For words (`data` of the text domain) the same diagram on the Zipf vocabulary of V = 1000: n_r =
 * 1000 fresh words per generation (about one per word type, so the rare half is seen only in
 * part), λ the sampling temperature, 30 generations and 10 replicates, so that its 35 cells take
 * seconds (a generation costs the words drawn; n_s = 10⁴ dominates).
 */
export function defaultSweep(data?: unknown): Sweep {
  const words = typeof data === 'string' && (DATA_KINDS as readonly string[]).includes(data) && domainOf(data as DataKind) === 'text';
  const { base, x, y } = words ? DEFAULT_SWEEPS.text : DEFAULT_SWEEPS.points;
  const checked = normaliseSpec(words ? { ...base, data } : base);
  if (!checked.ok) throw new Error('the default sweep is invalid');
  return { base: checked.value, x: { field: 'nSyn', values: axisRange('nSyn', 10, 10_000, x, 'log') }, y: { field: 'lambda', values: y } };
}

/** The spec input of a cell: the base with the axis values applied. */
function cellInput(base: Spec, assignments: [AxisField, number][]): Record<string, unknown> {
  const input: Record<string, unknown> = { ...base };
  for (const [field, value] of assignments) {
    if (field === 'synFraction') {
      const total = base.nReal + base.nSyn;
      input.nSyn = Math.round(value * total);
      input.nReal = total - (input.nSyn as number);
    } else input[field] = value;
  }
  return input;
}

function axisName(which: 'x' | 'y', field: AxisField): string {
  return `${which} axis (${axisFields[field].label}, --${which} ${axisFields[field].flag})`;
}

function checkAxis(which: 'x' | 'y', axis: unknown): Checked<SweepAxis> {
  const fail = (message: string): Checked<never> => ({ ok: false, issues: [{ field: which, message }] });
  const { field, values } = (axis ?? {}) as { field?: unknown; values?: unknown };
  if (typeof field !== 'string' || !(AXIS_FIELDS as readonly string[]).includes(field))
    return fail(`${which} axis: ${JSON.stringify(field)} is not a sweep field; allowed: ${AXIS_FIELDS.map((f) => axisFields[f].flag).join(' | ')}`);
  const f = field as AxisField;
  const name = axisName(which, f);
  if (!Array.isArray(values) || values.length === 0 || values.length > MAX_AXIS_VALUES)
    return fail(`${name}: expected 1..${MAX_AXIS_VALUES} values, got ${Array.isArray(values) ? values.length : JSON.stringify(values)}`);
  const issues: SpecIssue[] = [];
  const seen = new Set<number>();
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) issues.push({ field: which, message: `${name}: ${JSON.stringify(v)} is not a finite number` });
    else if (seen.has(v)) issues.push({ field: which, message: `${name}: ${v} appears twice (values must be distinct; a range of an integer field may round two values together)` });
    else if (f === 'synFraction' && !(v >= 0 && v < 1)) issues.push({ field: which, message: `${name}: ${v} is out of range; allowed: a number in [0, 1)` });
    seen.add(v);
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { field: f, values: values as number[] } };
}

/**
 * Why an axis changes nothing, or null: its field has no effect in any cell (the other axis may
 * make it matter: the exchange share along M). The synthetic share spans n_r, so it needs n_r.
 */
function idleAxis(which: 'x' | 'y', axis: SweepAxis, other: SweepAxis, base: Spec): SpecIssue | null {
  const key: SpecKey = axis.field === 'synFraction' ? 'nReal' : axis.field;
  const cells = [base, ...other.values.map((v) => ({ ...base, ...cellInput(base, [[other.field, v]]) }) as Spec)];
  if (cells.some((spec) => fieldApplies(key, spec))) return null;
  const unmet = unmetConditions(key, base);
  const what = key === axis.field ? axisFields[axis.field].label : `${specFields[key].label}, which it spans,`;
  return {
    field: which,
    message: `${axisName(which, axis.field)}: ${what} has no effect with ${unmet.map((u) => u.have).join(' ')}; sweep it with ${unmet.map((u) => u.need).join(' and ')}`,
  };
}

/** Distinct messages, at most `max` of them, so one bad column does not print a hundred lines. */
function capped(issues: SpecIssue[], max = 10): SpecIssue[] {
  const unique = [...new Map(issues.map((i) => [i.message, i])).values()];
  if (unique.length <= max) return unique;
  return [...unique.slice(0, max), { field: 'sweep', message: `… and ${unique.length - max} more problems` }];
}

/** Why a cell spec cannot give n_e / n_r, beyond the spec's own validation. */
function sweepIssue(spec: Spec): string | null {
  if (spec.replicates < 2) return `replicates R (--replicates): ${spec.replicates} is too few; the interval of n_e needs at least 2`;
  if (realReference(spec) < 1) return `n_r (--n-real): 0 fresh real samples leave n_e / n_r undefined; allowed: at least 1`;
  return null;
}

/**
 * Validates a sweep: the base (missing fields take the default sweep's values), both axes, and
 * every cell's spec through normaliseSpec, naming the axis and value of any bad cell.
 */
export function checkSweep(input: { base?: Record<string, unknown>; x?: unknown; y?: unknown }): Checked<Sweep> {
  const fallback = defaultSweep(input.base?.data);
  const merged: Record<string, unknown> = { ...fallback.base, ...input.base };
  // The default's d = 1 belongs to its Gaussian data; other data fix their own.
  if (input.base?.dim === undefined) Object.assign(merged, impliedValues(merged as Pick<Spec, 'data'>));
  const base = normaliseSpec(merged);
  if (!base.ok) return base;
  // The baseline and n_e need a distance computed per replicate and generation in milliseconds.
  const sweepable = learnersWhere((e) => e.runtime === 'engine' && (e.domain === 'points' || e.domain === 'text'));
  if (!sweepable.includes(base.value.learner) || domainOf(base.value.data) === 'digits') {
    const why = needsTensorflow(base.value) ? ': it would load TensorFlow.js and train a network or measure digits with LeNet per replicate, generation and cell' : '';
    const learners = (domain: 'points' | 'text') => sweepable.filter((l) => learnersWhere((e) => e.domain === domain).includes(l)).join(' | ');
    return {
      ok: false,
      issues: [{ field: 'learner', message: `learner (--learner): sweeps run the closed-form learners of points (${learners('points')}) and of words (${learners('text')}); ${base.value.learner} on ${base.value.data} is not one${why}` }],
    };
  }
  // R is never an axis: too few replicates is the base's problem, not every cell's.
  if (base.value.replicates < 2) return { ok: false, issues: [{ field: 'replicates', message: sweepIssue(base.value)! }] };
  const x = checkAxis('x', input.x ?? fallback.x);
  const y = checkAxis('y', input.y ?? fallback.y);
  const issues = [...(x.ok ? [] : x.issues), ...(y.ok ? [] : y.issues)];
  if (!x.ok || !y.ok) return { ok: false, issues };
  const fields = [x.value.field, y.value.field];
  if (fields[0] === fields[1]) return { ok: false, issues: [{ field: 'y', message: `the x and y axes both sweep ${axisFields[fields[0]].label}; pick two different fields` }] };
  const idle = [idleAxis('x', x.value, y.value, base.value), idleAxis('y', y.value, x.value, base.value)].filter((i) => i !== null);
  if (idle.length > 0) return { ok: false, issues: idle };
  if (fields.includes('synFraction') && (fields.includes('nSyn') || fields.includes('nReal')))
    return { ok: false, issues: [{ field: 'y', message: 'the synthetic fraction fixes n_s and n_r together; sweep it against λ or T, not against n_s or n_r' }] };

  // Each value alone first, so a bad value is named once rather than in every cell of its row.
  for (const [which, axis] of [['x', x.value], ['y', y.value]] as const)
    for (const v of axis.values) {
      const checked = normaliseSpec(cellInput(base.value, [[axis.field, v]]));
      const why = checked.ok ? sweepIssue(checked.value) : checked.issues.map((i) => i.message).join('; ');
      if (why) issues.push({ field: which, message: `${axisName(which, axis.field)} = ${v}: ${why}` });
    }
  if (issues.length > 0) return { ok: false, issues: capped(issues) };
  for (const xv of x.value.values)
    for (const yv of y.value.values) {
      const checked = normaliseSpec(cellInput(base.value, [[x.value.field, xv], [y.value.field, yv]]));
      const why = checked.ok ? sweepIssue(checked.value) : checked.issues.map((i) => i.message).join('; ');
      if (why) issues.push({ field: 'sweep', message: `cell ${axisFields[fields[0]].label} = ${xv}, ${axisFields[fields[1]].label} = ${yv}: ${why}` });
    }
  if (issues.length > 0) return { ok: false, issues: capped(issues) };
  return { ok: true, value: { base: base.value, x: x.value, y: y.value } };
}

export interface SweepCell {
  /** Row-major position: index = iy · (number of x values) + ix. */
  index: number;
  ix: number;
  iy: number;
  x: number;
  y: number;
  spec: Spec;
}

/** Every cell's spec, row by row (y), column by column (x) within a row. The sweep must be valid. */
export function sweepCells(sweep: Sweep): SweepCell[] {
  const { base, x, y } = sweep;
  return y.values.flatMap((yv, iy) =>
    x.values.map((xv, ix) => {
      const checked = normaliseSpec(cellInput(base, [[x.field, xv], [y.field, yv]]));
      if (!checked.ok) throw new Error(`invalid sweep cell: ${checked.issues[0].message}`);
      return { index: iy * x.values.length + ix, ix, iy, x: xv, y: yv, spec: checked.value };
    }),
  );
}

/** The largest real-only training set any cell's n_e could plausibly match, for a simulated baseline. */
function baselineReach(cells: SweepCell[]): number {
  let largest = 0;
  for (const { spec } of cells) {
    const { loop, nIni, nReal, nSyn, generations } = spec;
    const pool = { 'fully-synthetic': nSyn, augmentation: nIni + nSyn, fresh: nReal + nSyn, accumulate: nIni + (generations - 1) * (nSyn + nReal) }[loop];
    largest = Math.max(largest, nIni, pool, realReference(spec));
  }
  return Math.min(4 * largest, BASELINE_MAX_SIZE);
}

/** The baseline every cell of the sweep shares (its data and learner are the base's). */
export function sweepBaseline(sweep: Sweep): Promise<Baseline> {
  return baselineFor(sweep.base, baselineReach(sweepCells(sweep)));
}

export interface PointCellResult extends EffectiveSize {
  /** The loop's long-run limit: fd, meanSq and trace over the last quarter of the generations. */
  limit: Omit<LoopLimit, 'final'>;
  /** Replicate means at generation T. */
  finalFd: number;
  finalPrecision: number;
  finalRecall: number;
}

export interface WordCellResult extends EffectiveSize {
  /** The loop's long-run limit: tv over the last quarter of the generations. */
  limit: Omit<WordLimit, 'final'>;
  /** Replicate means at generation T: total variation, words G^T can produce, rare-half mass kept. */
  finalTv: number;
  finalAlive: number;
  finalTailMass: number;
}

export type CellResult = PointCellResult | WordCellResult;

export function isWordCell(result: CellResult): result is WordCellResult {
  return 'finalTv' in result;
}

/** One cell, computed on its own: what a browser worker or a CLI thread runs. */
export async function computeCell(spec: Spec, baseline: Baseline): Promise<CellResult> {
  if (admissibilityDistance(spec) === 'tv') {
    const { final, ...limit } = await wordLimit(spec);
    return { ...effectiveSize(limit.tv, baseline, realReference(spec)), limit, finalTv: final.tv, finalAlive: final.alive, finalTailMass: final.tailMass };
  }
  const { final, ...limit } = await loopLimit(spec);
  return {
    ...effectiveSize(limit.fd, baseline, realReference(spec)),
    limit,
    finalFd: final.fd,
    finalPrecision: final.precision,
    finalRecall: final.recall,
  };
}

/** A stable cache key: a cell's result depends only on its spec and the baseline's grid. */
export function cellKey(spec: Spec, baseline: Baseline): string {
  return JSON.stringify([SPEC_KEYS.map((k) => spec[k]), spec.points, baseline.method, baseline.sizes[0], baseline.sizes[baseline.sizes.length - 1]]);
}

export type SweepCellResult = Pick<SweepCell, 'ix' | 'iy' | 'x' | 'y'> & CellResult;

/** The whole sweep: the CLI's JSON document and the page's export (`C`: one domain's cells, where a caller knows it). */
export interface SweepResult<C extends CellResult = CellResult> {
  sweep: Sweep;
  baseline: Baseline;
  /** Row-major, as sweepCells. */
  cells: (Pick<SweepCell, 'ix' | 'iy' | 'x' | 'y'> & C)[];
}

export function sweepResult(sweep: Sweep, baseline: Baseline, results: CellResult[]): SweepResult {
  const cells = sweepCells(sweep).map(({ ix, iy, x, y }, i) => ({ ix, iy, x, y, ...results[i] }));
  return { sweep, baseline, cells };
}

/** Computes a whole sweep in this thread. */
export async function runSweep(sweep: Sweep): Promise<SweepResult> {
  const baseline = await sweepBaseline(sweep);
  const results: CellResult[] = [];
  for (const cell of sweepCells(sweep)) results.push(await computeCell(cell.spec, baseline));
  return sweepResult(sweep, baseline, results);
}
