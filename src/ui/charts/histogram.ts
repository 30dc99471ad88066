/**
 * 1-D samples as a density histogram: equal-width bins over a fixed window, heights in units of
 * probability density (count / (n · width)), so bars and a density curve share one y axis and
 * panels with different sample counts compare. Samples outside the window are counted, not drawn.
 */
import { bin } from 'd3';

/** Bins across the window: enough to show a shape with the ~1,000 evaluation samples, few enough not to look noisy. */
export const HISTOGRAM_BINS = 32;

export interface Bar {
  x0: number;
  x1: number;
  density: number;
}

export interface Histogram {
  bars: Bar[];
  /** Samples left of the window and right of it. */
  below: number;
  above: number;
  total: number;
}

/** Every `stride`-th value from `offset`: the x coordinates of the worker's n×2 panel samples. */
export function coordinate(points: Float64Array, stride = 2, offset = 0): Float64Array {
  const out = new Float64Array(Math.floor(points.length / stride));
  for (let i = 0; i < out.length; i++) out[i] = points[i * stride + offset];
  return out;
}

export function densityHistogram(values: Float64Array, x0: number, x1: number, bins = HISTOGRAM_BINS): Histogram {
  const width = (x1 - x0) / bins;
  // Explicit thresholds: d3's "nice" ones would give each panel of a strip different bins.
  const thresholds = Array.from({ length: bins - 1 }, (_, k) => x0 + (k + 1) * width);
  const groups = bin().domain([x0, x1]).thresholds(thresholds)(values);
  const total = values.length;
  let below = 0;
  let above = 0;
  for (const v of values) {
    if (v < x0) below++;
    else if (v > x1) above++;
  }
  const bars = groups.map((g) => ({ x0: g.x0 ?? x0, x1: g.x1 ?? x1, density: total > 0 ? g.length / (total * width) : 0 }));
  return { bars, below, above, total };
}

/** Density of N(mean, variance) at x: the real distribution's curve for 1-D Gaussian data. */
export function normalDensity(x: number, mean: number, variance: number): number {
  return Math.exp(-((x - mean) ** 2) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
}
