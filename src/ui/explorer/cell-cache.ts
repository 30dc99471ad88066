/**
 * The explorer's memory of computed cells and baselines, for the whole session: a cell's result
 * depends only on its spec and the sweep's baseline (engine `cellKey`), so going back to a sweep,
 * or to any sweep sharing cells with it, costs nothing. Keys are hashes of the engine's keys,
 * which hold whole specs (and point sets). sessionStorage keeps them across a reload of the tab;
 * what it returns is checked like a loaded file, and a full or missing store is simply skipped.
 */
import type { Baseline } from '../../engine/admissibility/baseline';
import type { CellResult } from '../../engine/admissibility/sweep';
import { readBaseline, readCellResult } from './sweep-loader';

/** cyrb53: a fast 53-bit string hash; collisions among a session's few thousand keys are negligible. */
export function hashKey(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const cells = new Map<string, CellResult>();
const baselines = new Map<string, Baseline>();
const PREFIX = 'mad-sweep:';

function stored<T>(key: string, read: (value: unknown) => T | null): T | null {
  try {
    const text = sessionStorage.getItem(PREFIX + key);
    return text === null ? null : read(JSON.parse(text));
  } catch {
    return null;
  }
}

function store(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the in-memory cache still serves this session.
  }
}

export function cachedCell(key: string): CellResult | undefined {
  let hit = cells.get(key);
  if (!hit) {
    hit = stored(`c:${key}`, (v) => readCellResult(v, '', []) ?? null) ?? undefined;
    if (hit) cells.set(key, hit);
  }
  return hit;
}

export function cacheCell(key: string, result: CellResult): void {
  cells.set(key, result);
  store(`c:${key}`, result);
}

/** A baseline, by the key its caller gives (the pool: the whole sweep). */
export function cachedBaseline(key: string): Baseline | undefined {
  let hit = baselines.get(key);
  if (!hit) {
    hit = stored(`b:${key}`, (v) => readBaseline(v, '', [])) ?? undefined;
    if (hit) baselines.set(key, hit);
  }
  return hit;
}

export function cacheBaseline(key: string, baseline: Baseline): void {
  baselines.set(key, baseline);
  store(`b:${key}`, baseline);
}
