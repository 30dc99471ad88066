/**
 * Colours from the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.
 * Runs get the four that keep contrast on white; real data are drawn in ink grey.
 */
export const RUN_COLOURS = ['#D55E00', '#0072B2', '#009E73', '#CC79A7'] as const;
export const REAL_COLOUR = '#444444';
export const THEORY_COLOUR = '#000000';
/** The "real vs real" level of MNIST metrics: a reference, not a run, so grey (AA contrast on white). */
export const BASELINE_COLOUR = '#707070';

export function runColour(index: number): string {
  return RUN_COLOURS[index % RUN_COLOURS.length];
}

/** "#D55E00" → [213, 94, 0], for writing pixels. */
export function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
