/**
 * `sweep` flags → sweep input: the axis flags (--x, --x-values, --x-range and the same for y) are
 * read by the codec's axis reader, as the explorer's link is; everything else is a spec flag for
 * the base (or --threads, --help) and goes through the `run` reader, so both commands accept the
 * same spec flags with the same messages.
 */
import { defaultSweep } from '../engine/admissibility/sweep';
import { AXIS_PARAMS, readAxis } from '../spec/codec';
import type { SpecKey } from '../spec/schema';
import type { SpecIssue } from '../spec/validate';
import { commandPairs, readArgs } from './args';
import type { SweepAxis } from '../engine/admissibility/sweep';

export interface SweepInput {
  base: Record<string, unknown>;
  x?: SweepAxis;
  y?: SweepAxis;
}

export type ParsedSweepArgs =
  | { ok: true; input: SweepInput; given: SpecKey[]; help: boolean; threads: number | null }
  | { ok: false; issues: SpecIssue[] };

export function parseSweepArgs(argv: string[]): ParsedSweepArgs {
  const { pairs, stray } = commandPairs(argv);
  const axis = new Map<string, string>();
  const issues: SpecIssue[] = [];
  const rest: typeof pairs = [];
  for (const [flag, value] of pairs) {
    if (!AXIS_PARAMS.includes(flag)) rest.push([flag, value]);
    else if (value === undefined) issues.push({ field: flag, message: `--${flag} needs a value` });
    else if (axis.has(flag)) issues.push({ field: flag, message: `--${flag} is given twice` });
    else axis.set(flag, value);
  }
  const base = readArgs({ pairs: rest, stray });
  if (!base.ok) issues.push(...base.issues);

  const input: SweepInput = { base: base.ok ? base.input : {} };
  const defaults = defaultSweep(input.base.data);
  for (const which of ['x', 'y'] as const) {
    const read = readAxis(which, (name) => axis.get(name), defaults[which], (name) => `--${name}`);
    if (typeof read === 'string') issues.push({ field: which, message: read });
    else if (read) input[which] = read;
  }
  if (issues.length > 0 || !base.ok) return { ok: false, issues };
  return { ok: true, input, given: base.given, help: base.help, threads: base.threads };
}
