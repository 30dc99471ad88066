/** Per-generation summary of a metric over replicates (the theorems speak of expectations and
 * almost-sure limits: one run hides that, so every metric is reported as a distribution). */
import { quantileSorted } from 'd3-array';

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
  // d3's quantileSorted reads any indexable array; its typings only name plain arrays.
  const asArray = sorted as unknown as number[];
  return {
    mean,
    sd,
    median: quantileSorted(asArray, 0.5) as number,
    q05: quantileSorted(asArray, 0.05) as number,
    q95: quantileSorted(asArray, 0.95) as number,
  };
}
