/**
 * Command-line flags → spec input. Flags are the spec fields' (read through the one codec,
 * spec/codec.ts, as links are); `--data` also takes a CSV path. Every problem is reported with
 * the flag and what it allows.
 */
import { readFileSync } from 'node:fs';
import { parsePointsCsv } from '../engine/data/csv';
import { argvPairs, specKeyOf } from '../spec/codec';
import { DATA_KINDS, type SpecKey, describeAllowed, specFields } from '../spec/schema';
import { parseField, show, type SpecIssue } from '../spec/validate';

export type ParsedArgs =
  | { ok: true; input: Record<string, unknown>; given: SpecKey[]; help: boolean; threads: number | null }
  | { ok: false; issues: SpecIssue[] };

/** `--threads`: how many worker threads share the replicates (not part of the spec: it never
 * changes the results). */
export const THREADS = { min: 1, max: 256 } as const;

function readPoints(path: string): { points: unknown } | SpecIssue {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { field: 'data', message: `--data: ${show(path)} is neither a distribution nor a readable file; allowed: ${describeFlag('data')}` };
  }
  const csv = parsePointsCsv(text);
  return csv.ok ? { points: csv.points } : { field: 'data', message: `--data ${path}: ${csv.message}` };
}

function readThreads(text: string | undefined): number | SpecIssue {
  const allowed = `an integer ${THREADS.min}..${THREADS.max}`;
  if (text === undefined) return { field: 'threads', message: `--threads needs a value; allowed: ${allowed}` };
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < THREADS.min || value > THREADS.max) return { field: 'threads', message: `--threads: ${show(text)} is not allowed; allowed: ${allowed}` };
  return value;
}

/** The flag/value pairs of a command line (`-h` is `--help`, which takes no value). */
export function commandPairs(argv: readonly string[]): ReturnType<typeof argvPairs> {
  return argvPairs(
    argv.map((a) => (a === '-h' ? '--help' : a)),
    ['help'],
  );
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  return readArgs(commandPairs(argv));
}

/** The spec flags, --threads and --help of a command line's pairs. */
export function readArgs({ pairs, stray }: ReturnType<typeof argvPairs>): ParsedArgs {
  const input: Record<string, unknown> = {};
  const given: SpecKey[] = [];
  const issues: SpecIssue[] = [];
  let help = false;
  let threads: number | null = null;
  for (const arg of stray) issues.push({ field: arg, message: `unexpected argument ${show(arg)}; flags look like --n-ini 500 (see --help)` });
  for (const [flag, value] of pairs) {
    if (flag === 'help') {
      help = true;
      continue;
    }
    if (flag === 'threads') {
      const read = readThreads(value);
      if (typeof read === 'number') threads = read;
      else issues.push(read);
      continue;
    }
    const key = specKeyOf(flag);
    if (!key) {
      issues.push({ field: flag, message: `unknown flag --${flag}; see --help for the flags` });
      continue;
    }
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
