/** What the film strip shows of a run's data: its first two coordinates, in a square window. */
import type { Distribution } from '../engine/data/distribution';
import { Rng, mixKey } from '../engine/random/prng';
import { textDistribution } from '../engine/text/text-loop';
import { Categorical } from '../engine/text/zipf';
import type { Spec } from '../spec/schema';
import type { View } from '../results/run-view';

/** Fixed key so the real panel is the same picture for every run of a spec (digit runs too). */
export const REAL_PANEL_KEY = 0x7ea1;

/**
 * n×2 points to draw: the first two coordinates (d > 2 shows those). 1-D data get y = 0, not an
 * invented spread: the film strip draws them as a histogram of x, and the strip's table reads
 * their mean and variance from these pairs.
 */
export function firstTwoCoordinates(x: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = x[i * d];
    out[2 * i + 1] = d >= 2 ? x[i * d + 1] : 0;
  }
  return out;
}

export function realPanelSamples(spec: Spec, real: Distribution): Float64Array {
  if (spec.points) return Float64Array.from(spec.points.flat());
  const rng = Rng.fromKey(mixKey(spec.seed, REAL_PANEL_KEY));
  return firstTwoCoordinates(real.sample(rng, spec.nEval), spec.nEval, real.dim);
}

/** Real words for the text panel: n word ids of the Zipf vocabulary, the same for every run of a spec. */
export function realPanelWords(spec: Spec, n: number): Float64Array {
  return new Categorical(textDistribution(spec)).sample(Rng.fromKey(mixKey(spec.seed, REAL_PANEL_KEY)), n);
}

/** Square window around the real points, padded so that a model that spreads a little stays in view. */
export function viewOf(points: Float64Array, dim: number): View {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    x0 = Math.min(x0, points[i]);
    x1 = Math.max(x1, points[i]);
    y0 = Math.min(y0, points[i + 1]);
    y1 = Math.max(y1, points[i + 1]);
  }
  // 1-D data: the window is the x range; y is 0 throughout.
  if (dim === 1) [y0, y1] = [0, 0];
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const half = Math.max((x1 - x0) / 2, (y1 - y0) / 2, 1e-6) * 1.25;
  return { x0: cx - half, x1: cx + half, y0: cy - half, y1: cy + half };
}
