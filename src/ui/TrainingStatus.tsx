/**
 * A neural run's training, under its status line: the TensorFlow.js backend in use and its speed,
 * why it was chosen (forced, the only one, or the fastest timed, with the figures) and why others
 * were not used, step k of N of the generation in flight with the time left, and a notice for
 * every backend switch. Tests read data-backend, data-reason and data-steps-per-second.
 */
import { timeLeft } from '../results/duration';
import { BACKEND_LABELS, type BackendMeasurement, type BackendReason } from '../worker/protocol';
import type { RunSnapshot } from './runs/run-record';

/** "WASM 812 · CPU 240 training steps/s". */
function figures(measurement: BackendMeasurement): string {
  return `${measurement.figures.map((f) => `${BACKEND_LABELS[f.backend]} ${f.stepsPerSecond.toFixed(0)}`).join(' · ')} training steps/s`;
}

/** Why the run trains on its backend, in a sentence or two. */
function choiceText(reason: BackendReason, label: string, measurement: BackendMeasurement | null): string {
  const timed = measurement && `${figures(measurement)} (${measurement.key})`;
  switch (reason) {
    case 'forced':
      return 'Chosen by backend= in the link.';
    case 'only':
      return `${label} is the only candidate usable here, so nothing was timed.`;
    case 'no-network':
      return 'This learner trains no network to time (only the metrics run on TensorFlow.js): the first usable backend.';
    case 'measured':
      return `Timed on this learner and size: ${timed}; chosen: fastest. Timing took ${Math.round(measurement!.overheadMs)} ms.`;
    case 'reused':
      return `Timed earlier in this page on this learner and size: ${timed}; chosen: fastest.`;
    case 'fallback':
      return measurement ? `Timed on this learner and size: ${timed}.` : '';
  }
}

/**
 * The worker counts training steps summed over the replicates, and over the models of each where
 * models feed each other, which all train one after another: "step 340 of 1000 · model 2 of 2 ·
 * replicate 3 of 10" says what the count is.
 */
export function replicateStep(step: number, steps: number, replicates: number, models = 1): string {
  const fits = replicates * models;
  const perFit = steps / fits;
  const fit = Math.min(fits, Math.floor(step / perFit) + 1);
  const r = Math.ceil(fit / models);
  const where = [`training step ${Math.round(step - (fit - 1) * perFit)} of ${Math.round(perFit)}`];
  if (models > 1) where.push(`model ${fit - (r - 1) * models} of ${models}`);
  if (replicates > 1) where.push(`replicate ${r} of ${replicates}`);
  return where.join(' · ');
}

export function TrainingStatus({ record, index }: { record: RunSnapshot; index: number }) {
  const { backend, training } = record;
  const rate = training?.stepsPerSecond ?? 0;
  // Progress belongs to the generation after the last one received, until that one arrives.
  const inFlight = training !== null && training.t === record.rows.length + 1 && (record.state === 'running' || record.state === 'paused');
  return (
    <div className="training" data-testid="training" data-backend={backend?.backend ?? ''} data-steps-per-second={rate.toFixed(1)}>
      <span className="backend-text">
        {backend ? `TensorFlow.js on ${BACKEND_LABELS[backend.backend]} (${backend.detail})` : 'loading TensorFlow.js…'}
        {rate > 0 && ` · ${rate.toFixed(0)} training steps/s`}
      </span>
      {inFlight && (
        <>
          <span className="progress-text" data-testid="training-progress">
            generation {training.t}: {replicateStep(training.step, training.steps, record.spec.replicates, record.spec.models)}
            {rate > 0 && training.step < training.steps && ` · ${timeLeft((training.steps - training.step) / rate)}`}
          </span>
          <progress max={training.steps} value={training.step} aria-label={`Run ${index + 1} training progress of generation ${training.t}`} />
        </>
      )}
      {backend && (
        <small className="backend-why" data-testid="backend-choice" data-reason={backend.reason}>
          {choiceText(backend.reason, BACKEND_LABELS[backend.backend], backend.measurement)}
          {backend.reason !== 'forced' && backend.skipped.length > 0 && ` Not used: ${backend.skipped.join('; ')}.`}
        </small>
      )}
      {record.backendNotices.map((notice, i) => (
        <p key={i} className="backend-notice" role="status" data-testid="backend-notice">
          {notice}
        </p>
      ))}
    </div>
  );
}
