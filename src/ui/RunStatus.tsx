/**
 * A run's state for people and for tests: data-state is idle | running | done | error (paused
 * runs read as idle), with generation k of T, a progress bar and the worker's speed; neural runs
 * add their training (TrainingStatus).
 */
import { DIGIT_CLASSES } from '../engine/digits/digits';
import type { MetricName } from '../engine/metrics/registry';
import { isNeural } from '../engine/spec/schema';
import type { RunRecord } from './runs/run-record';
import { TrainingStatus } from './TrainingStatus';

/** The numbers that tell the story at a glance, replicate means at the latest generation. */
const HEADLINE: [MetricName, string, (x: number) => string][] = [
  ['modes', 'modes', (x) => x.toFixed(1)],
  // The engine's share of the ten classes, read as a count like the modes.
  ['classes', 'classes', (x) => `${(x * DIGIT_CLASSES).toFixed(1)} of ${DIGIT_CLASSES}`],
  ['recall', 'recall', (x) => x.toFixed(2)],
  ['precision', 'precision', (x) => x.toFixed(2)],
  ['fd', 'FD', (x) => (Math.abs(x) < 1e4 ? x.toPrecision(2) : x.toExponential(1))],
];

function headline(record: RunRecord): string {
  const last = record.rows[record.rows.length - 1];
  if (!last) return '';
  const K = record.modes ? record.modes.centers.length / 2 : 0;
  return HEADLINE.filter(([m]) => last.summary[m])
    .map(([m, word, format]) => `${word} ${format(last.summary[m]!.mean)}${m === 'modes' && K ? ` of ${K}` : ''}`)
    .join(' · ');
}

export function hookState(record: RunRecord): 'idle' | 'running' | 'done' | 'error' {
  return record.state === 'paused' ? 'idle' : record.state;
}

const WORDS = { idle: 'ready', running: 'running', paused: 'paused', done: 'done', error: 'error' } as const;

export function RunStatus({ record, index }: { record: RunRecord; index: number }) {
  const t = record.rows.length;
  const T = record.spec.generations ?? 0;
  const state = hookState(record);
  return (
    <div className={`run-status state-${record.state}`} data-testid="run-status" data-state={state} data-t={t}>
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
          </span>
          <progress max={T} value={t} aria-label={`Run ${index + 1} progress`} />
          <span className="headline" data-testid="run-headline">
            {headline(record)}
          </span>
          {record.source === 'document' ? (
            <span className="speed-text">loaded from a file</span>
          ) : (
            t > 0 && (
              <span className="speed-text" title="Worker time per generation; generations per second including the chosen delay">
                {record.computeMs.toFixed(1)} ms/generation in the worker · {record.rate.toFixed(1)} gen/s
              </span>
            )
          )}
          {record.source === 'worker' && isNeural(record.spec.learner) && <TrainingStatus record={record} index={index} />}
        </>
      )}
    </div>
  );
}
