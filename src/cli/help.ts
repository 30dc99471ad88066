/** `--help`: every flag with its meaning, default and allowed values, generated from the schema. */
import { LEARNERS, LEARNER_FIELDS, LEARNER_TABLE, learnersOf, learnersWhere } from '../spec/learners';
import { type Field, SPEC_KEYS, type SpecKey, specFields } from '../spec/schema';
import { THREADS, describeFlag } from './args';
import { PROGRESS_HELP } from './progress-line';

export function helpText(): string {
  const lines = [
    'MAD Lab CLI: self-consuming generative loops (Alemohammad et al., ICLR 2024)',
    '',
    'Usage: npm run --silent cli -- run [flags]',
    '',
    'Prints one JSON document on stdout: { "spec": {…}, "computed": { "path", "metrics", "skipped"?, "why"? }, "generations": [ { "t", "metrics": { name: { mean, sd, median, q05, q95 } }, "theory"?, "iterations" } ], "baseline"? }.',
    'Metrics (--metrics picks them): fd, meanSq, trace, logdet, precision, recall; modes and modeVar for the ring and the grid.',
    'The Gaussian learner on --data gaussian runs through sufficient statistics ("path": "sufficient-statistics", exact in distribution)',
    'when no metric measured on samples (precision, recall) is computed; otherwise sample by sample ("path": "samples").',
    `MNIST (--data mnist, learners ${learnersOf('digits').join(' | ')}): fd, precision, recall in LeNet feature space against held-out`,
    `test digits, classes (share of the 10 digits covered) and entropy (bits); "baseline" holds what real digits score.`,
    'Words (--data zipf | english, learner unigram | bigram): alive, tailMass, wordEntropy, tv, heterozygosity, perplexity (held-out real text on the words G^t still',
    'knows) and lostText (the share of real text it cannot produce); theory: heterozygosity, alive and tailMass (fully synthetic, α = 0, λ = 1).',
    'Non-finite values (ln det of a covariance collapsed to a point) are written as null.',
    PROGRESS_HELP,
    '',
    'Flags:',
  ];
  for (const key of SPEC_KEYS) {
    const f: Field = specFields[key];
    const conditions: string[] = Object.entries(f.appliesWhen ?? {}).map(([k, v]) => `--${k} ${v.join('|')}`);
    if (LEARNER_FIELDS.has(key)) conditions.push(`--learner ${learnersWhere((e) => e.fields.includes(key)).join('|')}`);
    for (const [k, v] of Object.entries(f.appliesAbove ?? {})) conditions.push(`--${specFields[k as SpecKey].flag} > ${v}`);
    const when = conditions.length > 0 ? ` (only with ${conditions.join(', ')})` : '';
    lines.push(`  --${f.flag.padEnd(16)} ${f.label}: ${f.help}${when}`);
    const own = LEARNERS.filter((l) => LEARNER_TABLE[l].defaults?.[key] !== undefined)
      .map((l) => `; ${l}: ${LEARNER_TABLE[l].defaults![key]}`)
      .join('');
    lines.push(`  ${''.padEnd(18)} default ${f.default}${own}; allowed: ${describeFlag(key)}`);
  }
  lines.push(`  --threads          worker threads sharing the replicates; at most one per core; results are identical for any number`);
  lines.push(`  ${''.padEnd(18)} default: all cores when R ≥ 100 on the sample path, else 1; allowed: an integer ${THREADS.min}..${THREADS.max}`);
  lines.push('  --help             this text');
  lines.push('', `The ${learnersWhere((e) => e.runtime === 'tfjs').join(', ')} learners train with TensorFlow.js on its wasm backend; results are reproducible for one seed on one machine.`);
  return lines.join('\n');
}
