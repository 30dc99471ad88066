/**
 * Reads run documents (the JSON the CLI prints and the page exports) back into the page. One
 * document or a list of up to four (a compare view). Every problem is reported with where it is,
 * and checked as a link is: names looked up as own keys only (a metric "toString" is unknown),
 * every value within its metric's range (METRICS), a version this page reads, and at least one
 * metric with a value to draw. JSON has no infinities: the CLI writes a collapsed ln det (−∞) as
 * null, read back as NaN.
 */
import { METRICS, METRIC_VALUE_LIMIT, type MetricName } from '../results/metrics';
import type { Summary } from '../engine/metrics/summary';
import type { GenerationEntry, RunDocument } from '../results/run-document';
import { normaliseSpec, show } from '../spec/validate';
import { MAX_RUNS } from './lab-state';
import { pageMessage } from './messages';

/** The run document's format: documents without `version` (all the CLI has written so far) are version 1. */
export const RUN_DOCUMENT_VERSION = 1;

export type Loaded = { ok: true; documents: RunDocument[] } | { ok: false, errors: string[] };

const SUMMARY_KEYS = ['mean', 'sd', 'median', 'q05', 'q95'] as const;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const numberOrNull = (x: unknown) => (typeof x === 'number' ? x : x === null ? NaN : undefined);
const isMetric = (name: string): name is MetricName => Object.hasOwn(METRICS, name);

/** Why a summary's value cannot be this metric's (out of its range), or null; NaN (null in JSON) is allowed. */
function outOfRange(name: MetricName, key: string, value: number): string | null {
  if (Number.isNaN(value)) return null;
  const [lo, hi] = key === 'sd' ? [0, METRIC_VALUE_LIMIT] : METRICS[name].range;
  return value >= lo && value <= hi ? null : `${value} is out of range; allowed: ${lo}..${hi} (or null)`;
}

function readGeneration(g: unknown, index: number, where: string, errors: string[]): GenerationEntry | null {
  const at = `${where}generations[${index}]`;
  if (!isObject(g)) {
    errors.push(`${at}: expected an object with t, metrics and iterations`);
    return null;
  }
  if (g.t !== index + 1) {
    errors.push(`${at}.t: expected ${index + 1} (generations in order from t = 1), got ${JSON.stringify(g.t)}`);
    return null;
  }
  if (!isObject(g.metrics)) {
    errors.push(`${at}.metrics: expected an object of metric summaries`);
    return null;
  }
  const metrics: Partial<Record<MetricName, Summary>> = {};
  for (const [name, summary] of Object.entries(g.metrics)) {
    if (!isMetric(name)) {
      errors.push(`${at}.metrics: unknown metric ${show(name)}; known: ${Object.keys(METRICS).join(', ')}`);
      return null;
    }
    if (!isObject(summary) || SUMMARY_KEYS.some((k) => numberOrNull(summary[k]) === undefined)) {
      errors.push(`${at}.metrics.${name}: expected numbers ${SUMMARY_KEYS.join(', ')}`);
      return null;
    }
    for (const k of SUMMARY_KEYS) {
      const why = outOfRange(name, k, numberOrNull(summary[k])!);
      if (why) {
        errors.push(`${at}.metrics.${name}.${k}: ${why}`);
        return null;
      }
    }
    metrics[name] = Object.fromEntries(SUMMARY_KEYS.map((k) => [k, numberOrNull(summary[k])])) as unknown as Summary;
  }
  if (Object.keys(metrics).length === 0) {
    errors.push(`${at}.metrics: no metric; expected at least one of ${Object.keys(METRICS).join(', ')}`);
    return null;
  }
  const iterations = g.iterations === undefined ? 0 : g.iterations;
  if (typeof iterations !== 'number' || !(iterations >= 0 && iterations <= METRIC_VALUE_LIMIT)) {
    errors.push(`${at}.iterations: ${show(g.iterations)} is not allowed; allowed: a number ≥ 0`);
    return null;
  }
  const entry: GenerationEntry = { t: index + 1, metrics, iterations };
  if (g.theory !== undefined) {
    const theory: Partial<Record<MetricName, number>> = {};
    for (const [name, v] of isObject(g.theory) ? Object.entries(g.theory) : [['', undefined] as const]) {
      const value = numberOrNull(v);
      const why = !isMetric(name) ? `unknown metric ${show(name)}` : value === undefined ? `${show(v)} is not a number` : outOfRange(name, 'mean', value);
      if (why) {
        errors.push(`${at}.theory${isMetric(name) ? `.${name}` : ''}: ${why}; expected an object of numbers by metric name`);
        return null;
      }
      theory[name as MetricName] = value;
    }
    entry.theory = theory;
  }
  return entry;
}

/** MNIST's "real vs real" scores: numbers (or null) by metric name, each within its metric's range. */
function readBaseline(value: unknown, where: string, errors: string[]): RunDocument['baseline'] | null {
  const at = `${where}baseline`;
  if (!isObject(value)) {
    errors.push(`${at}: expected an object of numbers by metric name, got ${show(value)}`);
    return null;
  }
  const baseline: Partial<Record<MetricName, number>> = {};
  for (const [name, v] of Object.entries(value)) {
    const number = numberOrNull(v);
    const why = !isMetric(name) ? `unknown metric ${show(name)}; known: ${Object.keys(METRICS).join(', ')}` : number === undefined ? `${show(v)} is not a number` : outOfRange(name, 'mean', number);
    if (why) {
      errors.push(`${at}${isMetric(name) ? `.${name}` : ''}: ${why}`);
      return null;
    }
    baseline[name as MetricName] = number;
  }
  return baseline;
}

function readDocument(value: unknown, where: string, errors: string[]): RunDocument | null {
  if (!isObject(value) || !isObject(value.spec) || !Array.isArray(value.generations)) {
    errors.push(`${where || 'the file'}: expected a run document {"spec": {…}, "generations": […]} as printed by the CLI or exported by this page`);
    return null;
  }
  if (value.version !== undefined && value.version !== RUN_DOCUMENT_VERSION) {
    errors.push(`${where}version: ${show(value.version)}; this page reads run documents of version ${RUN_DOCUMENT_VERSION}`);
    return null;
  }
  const checked = normaliseSpec(value.spec);
  if (!checked.ok) {
    for (const issue of checked.issues) errors.push(`${where}spec: ${pageMessage(issue.message)}`);
    return null;
  }
  const spec = checked.value;
  if (value.generations.length === 0 || value.generations.length > spec.generations) {
    errors.push(`${where}generations: ${value.generations.length} entries; expected 1..${spec.generations} (the spec's T)`);
    return null;
  }
  const generations: GenerationEntry[] = [];
  for (let i = 0; i < value.generations.length; i++) {
    const entry = readGeneration(value.generations[i], i, where, errors);
    if (!entry) return null;
    generations.push(entry);
  }
  // Nulls throughout (every value non-finite) leave nothing to draw.
  const drawable = generations.some((g) => Object.values(g.metrics).some((s) => Number.isFinite(s!.mean)));
  if (!drawable) {
    errors.push(`${where}generations: no metric has a value in any generation (all null); nothing to show`);
    return null;
  }
  if (value.baseline === undefined) return { spec, generations };
  const baseline = readBaseline(value.baseline, where, errors);
  return baseline ? { spec, generations, baseline } : null;
}

export function loadRunDocuments(text: string): Loaded {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not JSON: ${(error as Error).message}`] };
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.length > MAX_RUNS) return { ok: false, errors: [`expected 1..${MAX_RUNS} run documents, found ${list.length}`] };
  const errors: string[] = [];
  const documents = list.map((doc, i) => readDocument(doc, Array.isArray(value) ? `[${i}].` : '', errors));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, documents: documents as RunDocument[] };
}
