/**
 * A run's state for people and for tests: data-state is idle | running | done | error (paused
 * runs read as idle), or pending while the panel still shows the previous settings' run; with
 * generation k of T, a progress bar and the worker's speed; neural runs add their training
 * (TrainingStatus).
 */
import { DIGIT_CLASSES } from '../engine/digits/digits';
import type { MetricName } from '../results/metrics';
import { isNeural, specFields } from '../spec/schema';
import type { RunSnapshot } from './runs/run-record';
import { longRunEstimate } from './run-estimate';
import { TrainingStatus } from './TrainingStatus';

/** "12 ms", "8.4 s": a neural generation takes seconds, and "0.0 gen/s" said nothing. */
function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The numbers that tell the story at a glance, three per run: replicate means at the generation shown. */
const FIGURES: [MetricName, string, (x: number) => string][] = [
  ['modes', 'modes', (x) => x.toFixed(1)],
  // The engine's share of the ten classes, read as a count like the modes.
  ['classes', 'classes', (x) => `${(x * DIGIT_CLASSES).toFixed(1)} of ${DIGIT_CLASSES}`],
  // A curated digit or word run's objective in plain terms (a digit run's log-probability reward is in the tables).
  ['targetShare', 'on target', (x) => x.toFixed(2)],
  // Two significant digits, but whole numbers as they are (FD 909, not 9.1e+2).
  ['fd', 'FD', (x) => (Math.abs(x) >= 1e5 ? x.toExponential(1) : Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(2))],
  // A curated run's objective, before the diversity it costs.
  ['reward', 'reward', (x) => x.toFixed(2)],
  ['recall', 'recall', (x) => x.toFixed(2)],
  ['precision', 'precision', (x) => x.toFixed(2)],
  // Words: how many the model can still say, and the share of the rare half's mass it keeps.
  ['alive', 'words alive', (x) => x.toFixed(0)],
  ['tailMass', 'rare-word mass', (x) => x.toFixed(2)],
];

/** Surviving modes or classes first; the distance only where there are no modes to count (digits, Gaussians, moons). */
function figuresOf(record: RunSnapshot): typeof FIGURES {
  const has = (m: MetricName) => record.metrics.includes(m);
  return FIGURES.filter(([m]) => has(m) && !(m === 'fd' && has('modes')) && !(m === 'reward' && has('targetShare'))).slice(0, 3);
}

/** "t = 37, mean of 10 replicates: modes 1.7 of 8 · recall 0.00": what the figures are, and when. */
function headline(record: RunSnapshot, t: number): string {
  const row = record.rows[Math.min(t, record.rows.length) - 1];
  if (!row) return '';
  const K = record.modes ? record.modes.centers.length / 2 : 0;
  const R = record.spec.replicates;
  const figures = figuresOf(record)
    .filter(([m]) => row.summary[m])
    .map(([m, word, format]) => `${word} ${format(row.summary[m]!.mean)}${m === 'modes' && K ? ` of ${K}` : ''}`)
    .join(' · ');
  return `t = ${row.t}, ${R === 1 ? 'one replicate' : `mean of ${R} replicates`}: ${figures}`;
}

export function hookState(record: RunSnapshot): 'idle' | 'running' | 'done' | 'error' {
  return record.state === 'paused' ? 'idle' : record.state;
}

const WORDS = { idle: 'ready', running: 'running', paused: 'paused', done: 'done', error: 'error' } as const;

/** `shown`: the generation under the scrubber (the latest unless it moved). */
export function RunStatus({ record, index, shown, pending }: { record: RunSnapshot; index: number; shown: number; pending: boolean }) {
  const t = record.rows.length;
  const T = record.spec.generations ?? 0;
  const state = pending ? 'pending' : hookState(record);
  const estimate = record.source === 'worker' && record.spec.learner ? longRunEstimate(record.spec) : null;
  return (
    <div className={`run-status state-${record.state}`} data-testid="run-status" data-state={state} data-t={t} data-compute-ms={record.computeMs.toFixed(0)}>
      <span className="swatch" style={{ background: record.colour }} aria-hidden="true" />
      <strong>
        Run {index + 1}: {record.label}
      </strong>
      <span className="state-word" role="status">
        {WORDS[record.state]}
      </span>
      {record.state === 'error' ? (
        <p className="run-error" role="alert">
          {record.error}
        </p>
      ) : (
        <>
          <span className="progress-text">
            generation {t} of {T}
            {record.source === 'document' ? ' · loaded from a file' : t > 0 && <span title="Worker time per generation">{` · ${formatDuration(record.computeMs)} each`}</span>}
          </span>
          {record.state !== 'done' && <progress max={T} value={t} aria-label={`Run ${index + 1} progress`} />}
          {record.state !== 'done' && estimate && (
            <span className="run-estimate" data-testid="run-estimate">
              estimated {estimate}: lower R, T or the sizes for a quicker run
            </span>
          )}
          <span className="headline" data-testid="run-headline" title={`${specFields.replicates.label}: ${specFields.replicates.plain}`}>
            {headline(record, shown)}
          </span>
          {record.source === 'worker' && isNeural(record.spec.learner) && <TrainingStatus record={record} index={index} />}
        </>
      )}
    </div>
  );
}
