/**
 * Highest-density contours of G^t from the worker's ln-density grid: the lines enclose 50%, 80%
 * and 95% of the model's mass within the view, so they mean the same thing for a spread-out
 * model and for one collapsed onto a point. Computed once per grid and cached.
 */
import { contours, geoPath, geoTransform } from 'd3';

export const MASS_LEVELS = [0.5, 0.8, 0.95] as const;

const cache = new WeakMap<Float64Array, string[]>();

function levels(density: number[]): number[] {
  // A typed array sorts numerically without a comparator, several times faster; read from the top.
  const sorted = Float64Array.from(density).sort();
  const total = sorted.reduce((s, v) => s + v, 0);
  const out: number[] = [];
  let cumulative = 0;
  let level = 0;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const v = sorted[i];
    cumulative += v;
    while (level < MASS_LEVELS.length && cumulative >= MASS_LEVELS[level] * total) {
      out.push(v);
      level++;
    }
    if (level === MASS_LEVELS.length) break;
  }
  return out;
}

/** SVG path data per mass level (innermost first) in a size × size box, y up. */
export function contourPaths(logDensity: Float64Array, gridSize: number, size: number): string[] {
  const hit = cache.get(logDensity);
  if (hit) return hit;
  let max = -Infinity;
  for (const v of logDensity) if (v > max) max = v;
  let paths: string[] = [];
  if (Number.isFinite(max)) {
    const density = Array.from(logDensity, (v) => (Number.isFinite(v) ? Math.exp(v - max) : 0));
    const thresholds = levels(density);
    const k = size / gridSize;
    const path = geoPath(
      geoTransform({
        point(x, y) {
          this.stream.point(x * k, size - y * k);
        },
      }),
    );
    paths = contours()
      .size([gridSize, gridSize])
      .thresholds(thresholds)(density)
      .map((c) => path(c) ?? '');
  }
  cache.set(logDensity, paths);
  return paths;
}
