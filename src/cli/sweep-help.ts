/** `sweep --help`: the axis flags, then every spec flag with the default sweep's base values. */
import { AXIS_FIELDS, MAX_AXIS_VALUES, axisFields, defaultSweep } from '../engine/admissibility/sweep';
import { SPEC_KEYS, specFields } from '../spec/schema';
import { THREADS, describeFlag } from './args';
import { PROGRESS_HELP } from './progress-line';
import { FIELD_CHOICES, RANGE_FORM } from '../engine/admissibility/axis-values';

/** The default sweep of words, in flags: what `--data zipf` alone starts from. */
function wordDefaults(): string {
  const { base, x, y } = defaultSweep('zipf');
  const keys = ['learner', 'vocabulary', 'nIni', 'nReal', 'generations', 'replicates'] as const;
  const axes = `--x ${axisFields[x.field].flag} --x-values ${x.values.join(',')} --y ${axisFields[y.field].flag} --y-values ${y.values.join(',')}`;
  return `${keys.map((k) => `--${specFields[k].flag} ${base[k]}`).join(' ')}\n  ${axes}`;
}

export function sweepHelpText(): string {
  const { base, x, y } = defaultSweep();
  const lines = [
    'MAD Lab CLI: admissibility sweep, the phase diagram of MAD §5 (Fig. 11–12)',
    '',
    'Usage: npm run --silent cli -- sweep [flags]',
    '',
    'Runs one loop per cell of a grid over two axes and prints one JSON document on stdout:',
    '  { "sweep": { "base", "x", "y" }, "baseline": { "method", "sizes", "distance", "se" }, "cells": [ … row-major, y then x … ] }',
    'Each cell: n_e (the real-only training-set size with the same expected Fréchet distance as the',
    "loop's limit, the mean over the last quarter of the generations), n_e / n_r with a 95% interval,",
    'verdict admissible | inadmissible | undetermined (the interval straddles 1), the limit of fd, meanSq',
    'and trace with standard errors, and the final (t = T) fd, precision and recall.',
    PROGRESS_HELP,
    '',
    'Words (--data zipf | english, --learner unigram | bigram): the distance is the total variation tv to the',
    'real word frequencies, exact from G^t\'s probabilities; the real-only baseline is its closed form for',
    'counts (De Moivre\'s binomial mean absolute deviation; simulated with --smoothing > 0). A word cell has',
    'the limit of tv and the final tv, alive (words G^T can produce) and tailMass (rare-word mass kept).',
    "The words' own defaults:",
    `  ${wordDefaults()}`,
    '',
    'Curated, shared and corrected cells (--curation-k > 1, --models > 1, --correction > 0) run sample by sample',
    'against the same real-only baseline. n_e / n_r still measures closeness to P_r: a curator\'s pull towards x*',
    'counts against it (inadmissible: the pull outweighs a real-only fit\'s error, not a collapse; see finalRecall),',
    'and the other models\' real data and the corrector\'s real points are not counted as real data.',
    '',
    'Axes:',
    `  --x FIELD      field of the columns; default ${axisFields[x.field].flag}; allowed: ${FIELD_CHOICES}`,
    `  --x-values L   comma-separated values; default ${x.values.join(',')}`,
    `  --x-range R    ${RANGE_FORM}: count values from lo to hi (integer fields rounded); count 1..${MAX_AXIS_VALUES}`,
    `  --y FIELD      field of the rows; default ${axisFields[y.field].flag}`,
    `  --y-values L   default ${y.values.join(',')}`,
    '  --y-range R    as --x-range',
    '',
    'Fields:',
    ...AXIS_FIELDS.map((f) => `  ${axisFields[f].flag.padEnd(13)}  ${axisFields[f].label}: ${axisFields[f].help}`),
    '',
    'Base spec flags (defaults are the default sweep\'s):',
  ];
  for (const key of SPEC_KEYS) {
    const f = specFields[key];
    const note = key === 'dim' ? ' (2 with the 2-D data)' : '';
    lines.push(`  --${f.flag.padEnd(12)} ${f.label}: default ${base[key]}${note}; allowed: ${describeFlag(key)}`);
  }
  lines.push('  --threads      worker threads sharing the cells; at most one per core; the output is identical for any number');
  lines.push(`  ${''.padEnd(14)} default: all cores; allowed: an integer ${THREADS.min}..${THREADS.max}`);
  lines.push('  --help         this text');
  return lines.join('\n');
}
