/**
 * A warning before a run whose size is extreme: a link can ask for 10,000 replicates of 100,000
 * points, which a browser tab computes for hours. The page still starts it (each generation yields,
 * so Reset, a preset or any change stops it at once); the notice says what it costs.
 */
import { runSamples } from '../engine/loops/run-size';
import { type Spec, isNeural } from '../engine/spec/schema';

/**
 * Samples a tab draws, fits and measures per second with the closed-form learners on 2-D data
 * (GMM, KDE; the Gaussian learner is faster): the order of magnitude in README, "Performance".
 */
export const PAGE_SAMPLES_PER_SECOND = 150_000;

/** Runs expected to take longer than this are named before they start. */
export const EXTREME_SECONDS = 600;

function duration(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} minutes`;
  if (seconds < 2 * 86400) return `${(seconds / 3600).toFixed(1)} hours`;
  return `${Math.round(seconds / 86400)} days`;
}

/** A notice for a run that would take longer than EXTREME_SECONDS, or null. Neural runs show their own progress and time left. */
export function heavyRunNotice(spec: Spec, name: string): string | null {
  if (isNeural(spec.learner)) return null;
  const samples = runSamples(spec);
  const seconds = samples / PAGE_SAMPLES_PER_SECOND;
  if (seconds <= EXTREME_SECONDS) return null;
  return (
    `${name} is very large: about ${samples.toExponential(1)} samples to draw, fit and measure (R = ${spec.replicates} replicates × T = ${spec.generations} generations), ` +
    `roughly ${duration(seconds)} in this tab; lower R, T, n_ini, n_s, n_r or n_eval for a quicker run. It runs anyway: Reset, a preset or any change stops it at once`
  );
}
