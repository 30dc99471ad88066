/**
 * Reads a sweep document (what `npm run cli -- sweep` prints and the explorer exports) back into
 * the page, checking every part and naming where a problem is: the sweep through the engine's
 * checkSweep, then the baseline, then each cell in the engine's row-major order. JSON has no NaN:
 * the CLI writes a missing final metric as null, read back as NaN.
 */
import type { Baseline, Bounded } from '../../engine/admissibility/baseline';
import type { Verdict } from '../../engine/admissibility/effective-size';
import type { Estimate } from '../../engine/admissibility/limit';
import { type CellResult, type SweepResult, checkSweep, sweepCells } from '../../engine/admissibility/sweep';

export type LoadedSweep = { ok: true; result: SweepResult } | { ok: false; errors: string[] };

const MAX_ERRORS = 8;
const RELATIONS = ['=', '<', '>'];
const VERDICTS: Verdict[] = ['admissible', 'inadmissible', 'undetermined'];

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Each reader returns null after pushing what is wrong, prefixed with where it is. */
function bounded(x: unknown, at: string, errors: string[]): Bounded | null {
  if (isObject(x) && isNumber(x.value) && RELATIONS.includes(x.relation as string)) return { value: x.value, relation: x.relation as Bounded['relation'] };
  errors.push(`${at}: expected {"value": a number, "relation": "=", "<" or ">"}`);
  return null;
}

function estimate(x: unknown, at: string, errors: string[]): Estimate | null {
  if (isObject(x) && isNumber(x.mean) && isNumber(x.se)) return { mean: x.mean, se: x.se };
  errors.push(`${at}: expected {"mean", "se"} numbers`);
  return null;
}

function numberOrNull(x: unknown, at: string, errors: string[]): number | null {
  if (typeof x === 'number') return x;
  if (x === null) return NaN;
  errors.push(`${at}: expected a number or null`);
  return null;
}

/** One cell's result (without its position); `at` is prefixed to messages ("cells[3]."). */
export function readCellResult(x: unknown, at: string, errors: string[]): CellResult | null {
  if (!isObject(x)) {
    errors.push(`${at || 'cell'}: expected an object`);
    return null;
  }
  const before = errors.length;
  const nE = bounded(x.nE, `${at}nE`, errors);
  const ratio = bounded(x.ratio, `${at}ratio`, errors);
  const interval = Array.isArray(x.interval) && x.interval.length === 2 ? x.interval.map((b, i) => bounded(b, `${at}interval[${i}]`, errors)) : null;
  if (!interval) errors.push(`${at}interval: expected [low, high]`);
  if (!isNumber(x.reference)) errors.push(`${at}reference: expected a number`);
  if (typeof x.admissible !== 'boolean') errors.push(`${at}admissible: expected true or false`);
  if (!VERDICTS.includes(x.verdict as Verdict)) errors.push(`${at}verdict: expected one of ${VERDICTS.join(' | ')}, got ${JSON.stringify(x.verdict)}`);
  const limit = isObject(x.limit) ? x.limit : null;
  const window = limit && isObject(limit.window) ? limit.window : null;
  // A word cell (total variation, words alive) or a point cell (Fréchet distance, precision, recall).
  const words = 'finalTv' in x;
  const methods = words ? ['samples'] : ['moments', 'samples'];
  const metrics = words ? (['tv'] as const) : (['fd', 'meanSq', 'trace'] as const);
  const finalKeys = words ? (['finalTv', 'finalAlive', 'finalTailMass'] as const) : (['finalFd', 'finalPrecision', 'finalRecall'] as const);
  if (!limit || !methods.includes(limit.method as string) || !window || !isNumber(window.from) || !isNumber(window.to))
    errors.push(`${at}limit: expected {"method": ${methods.map((m) => `"${m}"`).join(' or ')}, "window": {"from", "to"}, ${metrics.map((m) => `"${m}"`).join(', ')}}`);
  const estimates = limit ? metrics.map((m) => estimate(limit[m], `${at}limit.${m}`, errors)) : [];
  const finals = finalKeys.map((k) => numberOrNull(x[k], `${at}${k}`, errors));
  if (errors.length > before) return null;
  const shared = {
    reference: x.reference as number,
    nE: nE!,
    ratio: ratio!,
    interval: interval as [Bounded, Bounded],
    admissible: x.admissible as boolean,
    verdict: x.verdict as Verdict,
  };
  const within = { from: window!.from as number, to: window!.to as number };
  if (words) {
    const [finalTv, finalAlive, finalTailMass] = finals as number[];
    return { ...shared, limit: { method: 'samples', window: within, tv: estimates[0]! }, finalTv, finalAlive, finalTailMass };
  }
  const [fd, meanSq, trace] = estimates as Estimate[];
  const [finalFd, finalPrecision, finalRecall] = finals as number[];
  return { ...shared, limit: { method: limit!.method as 'moments' | 'samples', window: within, fd, meanSq, trace }, finalFd, finalPrecision, finalRecall };
}

export function readBaseline(x: unknown, at: string, errors: string[]): Baseline | null {
  const where = `${at}baseline`;
  if (!isObject(x) || (x.method !== 'closed-form' && x.method !== 'simulated')) {
    errors.push(`${where}: expected {"method": "closed-form" or "simulated", "sizes", "distance", "se"}`);
    return null;
  }
  const arrays = (['sizes', 'distance', 'se'] as const).map((k) => (Array.isArray(x[k]) && (x[k] as unknown[]).every(isNumber) ? (x[k] as number[]) : null));
  const [sizes, distance, se] = arrays;
  if (!sizes || !distance || !se || sizes.length === 0 || distance.length !== sizes.length || se.length !== sizes.length) {
    errors.push(`${where}: sizes, distance and se must be arrays of numbers of one length`);
    return null;
  }
  if (sizes.some((n, i) => n < 1 || (i > 0 && n <= sizes[i - 1]))) {
    errors.push(`${where}.sizes: expected increasing sizes ≥ 1`);
    return null;
  }
  return { method: x.method, sizes, distance, se };
}

export function loadSweepResult(text: string): LoadedSweep {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not JSON: ${(error as Error).message}`] };
  }
  if (!isObject(value) || !isObject(value.sweep) || !Array.isArray(value.cells)) {
    return { ok: false, errors: ['expected a sweep document {"sweep": {…}, "baseline": {…}, "cells": […]} as printed by `npm run cli -- sweep` or exported here'] };
  }
  const { base, x, y } = value.sweep;
  const checked = checkSweep({ base: isObject(base) ? base : undefined, x, y });
  if (!checked.ok) return { ok: false, errors: checked.issues.map((i) => `sweep: ${i.message}`).slice(0, MAX_ERRORS) };
  const errors: string[] = [];
  const baseline = readBaseline(value.baseline, '', errors);
  const expected = sweepCells(checked.value);
  if (value.cells.length !== expected.length) errors.push(`cells: ${value.cells.length} entries; the sweep has ${expected.length} cells (${checked.value.x.values.length} × ${checked.value.y.values.length})`);
  const cells: SweepResult['cells'] = [];
  for (let i = 0; i < expected.length && i < value.cells.length && errors.length < MAX_ERRORS; i++) {
    const raw = value.cells[i] as Record<string, unknown>;
    const { ix, iy, x: cx, y: cy } = expected[i];
    if (!isObject(raw) || raw.ix !== ix || raw.iy !== iy || raw.x !== cx || raw.y !== cy) {
      errors.push(`cells[${i}]: expected the cell ix = ${ix}, iy = ${iy} (x = ${cx}, y = ${cy}): cells are listed row by row`);
      continue;
    }
    const result = readCellResult(raw, `cells[${i}].`, errors);
    if (result) cells.push({ ix, iy, x: cx, y: cy, ...result });
  }
  if (errors.length > 0 || !baseline) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  return { ok: true, result: { sweep: checked.value, baseline, cells } };
}
