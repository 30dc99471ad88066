/**
 * A warning before a run whose size is extreme: a link can ask for 10,000 replicates of 100,000
 * points, which a browser tab computes for hours. The page still starts it (each generation yields,
 * so Reset, a preset or any change stops it at once); the notice says what it costs.
 */
import { runSamples } from '../engine/loops/run-size';
import { duration } from '../results/duration';
import { learnerEntry } from '../spec/learners';
import { type Spec, isNeural } from '../spec/schema';
import { trainingComposition } from '../spec/validate';

/**
 * Samples a tab draws, fits and measures per second with the closed-form learners on 2-D data
 * (GMM, KDE; the Gaussian learner is faster): the order of magnitude in README, "Performance".
 */
export const PAGE_SAMPLES_PER_SECOND = 150_000;

/** Runs expected to take longer than this get a notice when their link opens. */
export const EXTREME_SECONDS = 600;

/** Runs expected to take longer than this show their estimate on their status line from the start. */
export const LONG_SECONDS = 120;

/**
 * Roughly how long a run takes in this tab: its training for the neural learners, its words for
 * the word learners, its samples for the other closed-form ones; M models feeding each other each train.
 */
export function runSeconds(spec: Spec): number {
  const { replicates: R, generations: T, models: M } = spec;
  const pace = learnerEntry(spec.learner).pace;
  if (!pace) return runSamples(spec) / PAGE_SAMPLES_PER_SECOND;
  if (pace.per === 'step') return (R * M * T * spec.steps) / pace.perSecond;
  let samples = 0;
  for (let t = 1; t <= T; t++) {
    const { real, synthetic } = trainingComposition(spec, t);
    samples += M * (real + synthetic);
  }
  if (pace.per === 'word') samples += T * (spec.nEval + spec.vocabulary);
  return (R * samples * (pace.per === 'digit-epoch' ? spec.epochs : 1)) / pace.perSecond;
}

/** "about 15 minutes in this tab", for a run expected to take longer than LONG_SECONDS; else null. */
export function longRunEstimate(spec: Spec): string | null {
  const seconds = runSeconds(spec);
  return seconds > LONG_SECONDS ? `about ${duration(seconds)} in this tab` : null;
}

/** A notice for a run that would take longer than EXTREME_SECONDS, or null. Neural runs show their own progress and time left. */
export function heavyRunNotice(spec: Spec, name: string): string | null {
  if (isNeural(spec.learner)) return null;
  const seconds = runSeconds(spec);
  if (seconds <= EXTREME_SECONDS) return null;
  const samples = runSamples(spec);
  return (
    `${name} is very large: about ${samples.toExponential(1)} samples to draw, fit and measure (R = ${spec.replicates} replicates × T = ${spec.generations} generations), ` +
    `roughly ${duration(seconds)} in this tab; lower R, T, n_ini, n_s, n_r or n_eval for a quicker run. It runs anyway: Reset, a preset or any change stops it at once`
  );
}
