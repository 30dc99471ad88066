/**
 * The real-only baseline of MAD's effective sample size (paper eq. 4): the expected distance to
 * P_r of a model fit on n real samples, as a function of n, and its inverse.
 *
 * Exact for the Gaussian learner on N(0, 1) (notes §3.2, t = 1):
 *   E FD(n) = E μ̂² + E σ̂² + 1 − 2 E σ̂ = 1/n + (n − 1)/k + 1 − 2 √(2/k) Γ(n/2)/Γ((n − 1)/2),
 * k = n (MLE) or n − 1 (unbiased); FD is the squared W2, the paper's "WD". Otherwise simulated:
 * R replicates of a generation-1 fit at each n of a log grid, with the spec's seed, so replicate i
 * sees the same real stream at every n (common random numbers keep the curve smooth), then made
 * non-increasing by pool-adjacent-violators where noise bends it.
 *
 * Words are measured by total variation to the real word distribution instead (word-distance.ts,
 * which says why), exact for counts without smoothing and simulated with it.
 */
import { Experiment } from '../loops/experiment';
import { specFields, type Spec } from '../../spec/schema';
import { dataDim, minTrainingSize } from '../../spec/validate';
import { logGamma } from '../theory/special';
import { domainOf } from '../../spec/domains';
import { loadWordData } from '../text/corpus';
import { textDistribution } from '../text/text-loop';
import { estimate } from './limit';
import { MomentReplicate, momentsApply } from './moment-replicate';
import { expectedCountTv } from './word-distance';

export interface Baseline {
  method: 'closed-form' | 'simulated';
  /** Training-set sizes n, increasing integers on a log grid. */
  sizes: number[];
  /** Expected distance to P_r of a fit on n real samples, non-increasing in n: Fréchet for points, total variation for words. */
  distance: number[];
  /** Standard error of each distance: 0 for the closed form. */
  se: number[];
}

/** A size that may lie beyond the baseline's grid: '>' and '<' mean the true value is beyond `value`. */
export interface Bounded {
  value: number;
  relation: '=' | '>' | '<';
}

/** The largest training set the spec schema allows. */
export const BASELINE_MAX_SIZE = specFields.nIni.max;

/** Grid points per decade: dense where the closed form is free, coarser where each point is a simulation. */
const EXACT_PER_DECADE = 16;
const SIMULATED_PER_DECADE = 4;

/** Rounded log grid from lo to hi inclusive, without repeats. */
export function logGrid(lo: number, hi: number, perDecade: number): number[] {
  const steps = Math.max(1, Math.ceil(Math.log10(hi / lo) * perDecade));
  const sizes = new Set<number>();
  for (let i = 0; i <= steps; i++) sizes.add(Math.round(lo * (hi / lo) ** (i / steps)));
  return [...sizes].sort((a, b) => a - b);
}

/** E FD of the Gaussian learner fit on n draws of N(0, 1). */
export function exactBaselineDistance(n: number, estimator: Spec['estimator']): number {
  const k = estimator === 'mle' ? n : n - 1;
  const expectedSd = Math.sqrt(2 / k) * Math.exp(logGamma(n / 2) - logGamma((n - 1) / 2));
  return 1 / n + (n - 1) / k + 1 - 2 * expectedSd;
}

/** Makes `values` non-increasing (least squares, pool-adjacent-violators). */
function nonIncreasing(values: number[]): number[] {
  const blocks: { sum: number; count: number }[] = [];
  for (const v of values) {
    blocks.push({ sum: v, count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1];
      const before = blocks[blocks.length - 2];
      if (before.sum / before.count >= last.sum / last.count) break;
      before.sum += last.sum;
      before.count += last.count;
      blocks.pop();
    }
  }
  return blocks.flatMap((b) => Array<number>(b.count).fill(b.sum / b.count));
}

/** The distance admissibility reads for a spec's data: total variation for words, Fréchet otherwise. */
export function admissibilityDistance(spec: Pick<Spec, 'data'>): 'fd' | 'tv' {
  return domainOf(spec.data) === 'text' ? 'tv' : 'fd';
}

/** Per-replicate distance of a generation-1 fit on n real samples. */
async function simulatedDistances(spec: Spec, n: number): Promise<ArrayLike<number>> {
  const metric = admissibilityDistance(spec);
  const fitSpec: Spec = { ...spec, nIni: n, generations: 1, nEval: specFields.nEval.min, metrics: metric };
  if (momentsApply(spec)) return Float64Array.from({ length: spec.replicates }, (_, i) => new MomentReplicate(fitSpec, i).step().fd);
  return (await new Experiment(fitSpec).next())!.values[metric];
}

/**
 * The baseline for a spec's data and learner (its loop, n_r, n_s, λ and T do not matter, nor what
 * filters, corrects or shares synthetic samples: a fit on real data alone has none, and model 1 of
 * an ecosystem fits its real data as a single loop does). A simulated baseline covers sizes up to
 * `reach`, which the caller picks beyond any n_e it expects; the closed form always covers the
 * schema's whole range.
 */
export async function baselineFor(given: Spec, reach: number): Promise<Baseline> {
  const spec: Spec = { ...given, curationK: 1, verifier: 'off', correction: 0, models: 1 };
  const smallest = minTrainingSize(spec, dataDim(spec));
  if (momentsApply(spec) && spec.dim === 1) {
    const sizes = logGrid(smallest, BASELINE_MAX_SIZE, EXACT_PER_DECADE);
    return { method: 'closed-form', sizes, distance: sizes.map((n) => exactBaselineDistance(n, spec.estimator)), se: sizes.map(() => 0) };
  }
  await loadWordData(spec.data);
  if (admissibilityDistance(spec) === 'tv' && spec.smoothing === 0) {
    const p = textDistribution(spec);
    const sizes = logGrid(smallest, BASELINE_MAX_SIZE, EXACT_PER_DECADE);
    return { method: 'closed-form', sizes, distance: sizes.map((n) => expectedCountTv(p, n)), se: sizes.map(() => 0) };
  }
  const sizes = logGrid(smallest, Math.max(smallest + 1, Math.min(reach, BASELINE_MAX_SIZE)), SIMULATED_PER_DECADE);
  const estimates = [];
  for (const n of sizes) estimates.push(estimate(await simulatedDistances(spec, n)));
  return { method: 'simulated', sizes, distance: nonIncreasing(estimates.map((e) => e.mean)), se: estimates.map((e) => e.se) };
}

/** Where `x` falls between grid points i − 1 and i, on log scales (distance ∝ 1/n is a line there). */
function logFraction(x: number, a: number, b: number): number {
  return Math.log(x / a) / Math.log(b / a);
}

/**
 * The size n whose real-only fit has the given expected distance: log–log interpolation between
 * grid points, exact at them. Beyond the grid the answer is a bound (n > largest size, or
 * n < smallest), never a clamp; a distance ≤ 0 is beyond every finite size.
 */
export function sizeForDistance(baseline: Baseline, distance: number): Bounded {
  const { sizes, distance: dist } = baseline;
  const last = sizes.length - 1;
  if (distance > dist[0]) return { value: sizes[0], relation: '<' };
  if (!(distance >= dist[last])) return { value: sizes[last], relation: '>' };
  let i = 0;
  while (dist[i] > distance) i++;
  if (dist[i] === distance || i === 0) return { value: sizes[i], relation: '=' };
  const f = logFraction(distance, dist[i - 1], dist[i]);
  return { value: sizes[i - 1] * (sizes[i] / sizes[i - 1]) ** f, relation: '=' };
}

/** The baseline's standard error at size n (log-interpolated; the edge value beyond the grid). */
export function baselineSeAt(baseline: Baseline, n: number): number {
  const { sizes, se } = baseline;
  if (n <= sizes[0]) return se[0];
  const i = sizes.findIndex((s) => s >= n);
  if (i < 0) return se[se.length - 1];
  return se[i - 1] + (se[i] - se[i - 1]) * logFraction(n, sizes[i - 1], sizes[i]);
}
