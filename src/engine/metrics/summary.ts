/** Per-generation summary of a metric over replicates (the theorems speak of expectations and
 * almost-sure limits: one run hides that, so every metric is reported as a distribution). */

export interface Summary {
  mean: number;
  /** Sample standard deviation (divisor R − 1); 0 for a single replicate. */
  sd: number;
  median: number;
  q05: number;
  q95: number;
}

export function summarise(values: Float64Array): Summary {
  const r = values.length;
  const sorted = values.slice().sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / r;
  let ss = 0;
  // A value of ±Infinity (ln det of a covariance collapsed to a point) makes the mean infinite;
  // the spread is then undefined, reported as Infinity rather than NaN.
  if (Number.isFinite(mean)) for (const v of sorted) ss += (v - mean) * (v - mean);
  const sd = r > 1 ? (Number.isFinite(mean) ? Math.sqrt(ss / (r - 1)) : Infinity) : 0;
  return { mean, sd, median: quantileSorted(sorted, 0.5), q05: quantileSorted(sorted, 0.05), q95: quantileSorted(sorted, 0.95) };
}

/**
 * The p-quantile of sorted values, interpolated linearly between the order statistics at
 * (n − 1)·p (Hyndman and Fan's type 7, R's and NumPy's default), with d3-array's arithmetic, so
 * run documents keep their digits. Here rather than from d3: the engine imports no library.
 */
function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n < 2) return sorted[0];
  const i = (n - 1) * p;
  const i0 = Math.floor(i);
  return sorted[i0] + (sorted[i0 + 1] - sorted[i0]) * (i - i0);
}
