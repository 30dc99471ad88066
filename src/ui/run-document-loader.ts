/**
 * Reads run documents (the JSON the CLI prints and the page exports) back into the page. One
 * document or a list of up to four (a compare view). Every problem is reported with where it is.
 * JSON has no infinities: the CLI writes a collapsed ln det (−∞) as null, read back as NaN.
 */
import { METRICS, type MetricName } from '../engine/metrics/registry';
import type { Summary } from '../engine/metrics/summary';
import type { GenerationEntry, RunDocument } from '../engine/report/run-document';
import { normaliseSpec } from '../engine/spec/validate';
import { MAX_RUNS } from './lab-state';

export type Loaded = { ok: true; documents: RunDocument[] } | { ok: false, errors: string[] };

const SUMMARY_KEYS = ['mean', 'sd', 'median', 'q05', 'q95'] as const;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const numberOrNull = (x: unknown) => (typeof x === 'number' ? x : x === null ? NaN : undefined);

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
    if (!(name in METRICS)) {
      errors.push(`${at}.metrics: unknown metric "${name}"; known: ${Object.keys(METRICS).join(', ')}`);
      return null;
    }
    if (!isObject(summary) || SUMMARY_KEYS.some((k) => numberOrNull(summary[k]) === undefined)) {
      errors.push(`${at}.metrics.${name}: expected numbers ${SUMMARY_KEYS.join(', ')}`);
      return null;
    }
    metrics[name as MetricName] = Object.fromEntries(SUMMARY_KEYS.map((k) => [k, numberOrNull(summary[k])])) as unknown as Summary;
  }
  const entry: GenerationEntry = { t: index + 1, metrics, iterations: typeof g.iterations === 'number' ? g.iterations : 0 };
  if (g.theory !== undefined) {
    if (!isObject(g.theory) || Object.values(g.theory).some((v) => numberOrNull(v) === undefined)) {
      errors.push(`${at}.theory: expected an object of numbers`);
      return null;
    }
    entry.theory = Object.fromEntries(Object.entries(g.theory).map(([k, v]) => [k, numberOrNull(v)]));
  }
  return entry;
}

function readDocument(value: unknown, where: string, errors: string[]): RunDocument | null {
  if (!isObject(value) || !isObject(value.spec) || !Array.isArray(value.generations)) {
    errors.push(`${where || 'the file'}: expected a run document {"spec": {…}, "generations": […]} as printed by the CLI or exported by this page`);
    return null;
  }
  const checked = normaliseSpec(value.spec);
  if (!checked.ok) {
    for (const issue of checked.issues) errors.push(`${where}spec: ${issue.message}`);
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
  return { spec, generations };
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
