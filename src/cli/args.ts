/**
 * Command-line flags → spec input. Flags come from the spec schema; `--data` also takes a CSV
 * path. Every problem is reported with the flag and what it allows.
 */
import { readFileSync } from 'node:fs';
import { parsePointsCsv } from '../engine/data/csv';
import { DATA_KINDS, SPEC_KEYS, type SpecKey, describeAllowed, specFields } from '../spec/schema';
import { parseField, type SpecIssue } from '../spec/validate';

export type ParsedArgs =
  | { ok: true; input: Record<string, unknown>; given: SpecKey[]; help: boolean; threads: number | null }
  | { ok: false; issues: SpecIssue[] };

/** `--threads`: how many worker threads share the replicates (not part of the spec: it never
 * changes the results). */
export const THREADS = { min: 1, max: 256 } as const;

const byFlag = new Map<string, SpecKey>(SPEC_KEYS.map((k) => [specFields[k].flag, k]));

function readPoints(path: string): { points: unknown } | SpecIssue {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    const named = DATA_KINDS.filter((k) => k !== 'points').join(' | ');
    return { field: 'data', message: `--data: ${JSON.stringify(path)} is neither a distribution nor a readable file; allowed: ${named} | a path to a CSV of x,y points` };
  }
  const csv = parsePointsCsv(text);
  return csv.ok ? { points: csv.points } : { field: 'data', message: `--data ${path}: ${csv.message}` };
}

export function parseArgs(argv: string[]): ParsedArgs {
  const input: Record<string, unknown> = {};
  const given: SpecKey[] = [];
  const issues: SpecIssue[] = [];
  let help = false;
  let threads: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      issues.push({ field: arg, message: `unexpected argument ${JSON.stringify(arg)}; flags look like --n-ini 500 (see --help)` });
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.slice(2, eq < 0 ? undefined : eq);
    const valueAt = (): string | undefined => {
      if (eq >= 0) return arg.slice(eq + 1);
      return i + 1 < argv.length && !/^--[a-z]/.test(argv[i + 1]) ? argv[++i] : undefined;
    };
    if (flag === 'threads') {
      const text = valueAt();
      const value = Number(text);
      const allowed = `an integer ${THREADS.min}..${THREADS.max}`;
      if (text === undefined) issues.push({ field: 'threads', message: `--threads needs a value; allowed: ${allowed}` });
      else if (!/^\d+$/.test(text.trim()) || value < THREADS.min || value > THREADS.max)
        issues.push({ field: 'threads', message: `--threads: ${JSON.stringify(text)} is not allowed; allowed: ${allowed}` });
      else threads = value;
      continue;
    }
    const key = byFlag.get(flag);
    if (!key) {
      issues.push({ field: flag, message: `unknown flag --${flag}; see --help for the flags` });
      if (eq < 0 && i + 1 < argv.length && !argv[i + 1].startsWith('--')) i++;
      continue;
    }
    const value = valueAt();
    if (value === undefined) {
      issues.push({ field: key, message: `--${flag} needs a value; allowed: ${describeFlag(key)}` });
      continue;
    }
    if (given.includes(key)) {
      issues.push({ field: key, message: `--${flag} is given twice` });
      continue;
    }
    given.push(key);
    if (key === 'data' && !(DATA_KINDS as readonly string[]).includes(value)) {
      const loaded = readPoints(value);
      if ('message' in loaded) issues.push(loaded);
      else Object.assign(input, { data: 'points', points: loaded.points });
      continue;
    }
    if (key === 'data' && value === 'points') {
      issues.push({ field: 'data', message: '--data points: give the path of a CSV file of x,y points instead' });
      continue;
    }
    const parsed = parseField(key, value);
    if (parsed.ok) input[key] = parsed.value;
    else issues.push(...parsed.issues);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, input, given, help, threads };
}

/** What a flag allows, in words; `--data` also takes a CSV path. */
export function describeFlag(key: SpecKey): string {
  if (key === 'data') return `${DATA_KINDS.filter((k) => k !== 'points').join(' | ')} | a path to a CSV of x,y points`;
  return describeAllowed(specFields[key]);
}
