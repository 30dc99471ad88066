/**
 * The long-run limit of a loop (MAD eq. 3: lim_t E dist(G^t, P_r), independent of the initial
 * model in the fresh loop): the spec is run for its T generations and each replicate's metrics are
 * averaged over the last quarter of them, W = ⌈T/4⌉ generations; the limit is the mean of those
 * R per-replicate averages and its standard error their SD/√R, which is valid because replicates
 * are independent while generations within one replicate are not.
 *
 * What is exact and what is simulated. The Gaussian learner on N(0, I_d) is simulated through its
 * sufficient statistics (moment-replicate.ts; exact in law), every other learner and data set
 * with the sample-based engine. Its E‖μ_t‖² and E tr Σ_t are known exactly for every loop
 * (theory/gaussian-loops.ts, the tests' check on `meanSq` and `trace`), but its FD needs E σ_t,
 * which has no closed form in the fresh loop, so the FD limit is always simulated. Averaging the
 * last quarter assumes the loop has settled by then: the fresh loop contracts at rate
 * n_s/(n_r + n_s) per generation, so with n_s ≫ n_r a short T reports the state at T rather
 * than the t → ∞ limit.
 */
import { standardGaussian } from '../data/gaussian';
import { gaussianModel } from '../learners/gaussian';
import { Experiment, type GenerationResult } from '../loops/experiment';
import { KnnManifold, MAD_K, precisionRecall } from '../metrics/precision-recall';
import { Rng, StreamRole } from '../random/prng';
import type { Spec } from '../../spec/schema';
import { MomentReplicate, type MomentStep, momentsApply } from './moment-replicate';

/** A mean over replicates with its standard error. */
export interface Estimate {
  mean: number;
  se: number;
}

export interface LoopLimit {
  /** 'moments': the Gaussian learner on Gaussian data through sufficient statistics; 'samples': the engine. */
  method: 'moments' | 'samples';
  /** The generations averaged, first and last inclusive. */
  window: { from: number; to: number };
  fd: Estimate;
  meanSq: Estimate;
  trace: Estimate;
  /** Replicate means at generation T of the same runs. */
  final: { fd: number; precision: number; recall: number };
}

const TRACKED = ['fd', 'meanSq', 'trace'] as const;
type Tracked = (typeof TRACKED)[number];

export function limitWindow(generations: number): { from: number; to: number } {
  return { from: generations - Math.ceil(generations / 4) + 1, to: generations };
}

export function estimate(values: ArrayLike<number>): Estimate {
  const r = values.length;
  let sum = 0;
  for (let i = 0; i < r; i++) sum += values[i];
  const mean = sum / r;
  let ss = 0;
  for (let i = 0; i < r; i++) ss += (values[i] - mean) ** 2;
  return { mean, se: Math.sqrt(ss / (r - 1) / r) };
}

function average(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Per-replicate window sums, filled generation by generation. */
class WindowSums {
  private readonly sums: Record<Tracked, Float64Array>;

  constructor(replicates: number) {
    this.sums = { fd: new Float64Array(replicates), meanSq: new Float64Array(replicates), trace: new Float64Array(replicates) };
  }

  add(metric: Tracked, replicate: number, value: number): void {
    this.sums[metric][replicate] += value;
  }

  estimates(width: number): Record<Tracked, Estimate> {
    return Object.fromEntries(TRACKED.map((m) => [m, estimate(this.sums[m].map((s) => s / width))])) as Record<Tracked, Estimate>;
  }
}

function momentLimit(spec: Spec, window: { from: number; to: number }): LoopLimit {
  const r = spec.replicates;
  const d = spec.dim;
  const sums = new WindowSums(r);
  const final = { fd: new Float64Array(r), precision: new Float64Array(r), recall: new Float64Array(r) };
  const real = standardGaussian(d);
  for (let i = 0; i < r; i++) {
    const replicate = new MomentReplicate(spec, i);
    let step!: MomentStep;
    for (let t = 1; t <= spec.generations; t++) {
      step = replicate.step();
      if (t >= window.from) for (const m of TRACKED) sums.add(m, i, step[m]);
    }
    final.fd[i] = step.fd;
    // As loops/replicate.ts does: the evaluation stream draws the real set, then the model's samples.
    const rng = Rng.stream(spec.seed, i, StreamRole.evaluation);
    const manifold = new KnnManifold(real.sample(rng, spec.nEval), spec.nEval, d, MAD_K);
    const samples = gaussianModel(step.mean, step.cov).sample(rng, spec.nEval, spec.lambda);
    const pr = precisionRecall(manifold, samples, spec.nEval, d, MAD_K);
    final.precision[i] = pr.precision;
    final.recall[i] = pr.recall;
  }
  const width = window.to - window.from + 1;
  return {
    method: 'moments',
    window,
    ...sums.estimates(width),
    final: { fd: average(final.fd), precision: average(final.precision), recall: average(final.recall) },
  };
}

async function sampleLimit(spec: Spec, window: { from: number; to: number }): Promise<LoopLimit> {
  // The cell reports precision and recall at T whatever its base spec asks of a run.
  const experiment = new Experiment({ ...spec, metrics: 'all' });
  const sums = new WindowSums(spec.replicates);
  let last: GenerationResult | null = null;
  for (let step = await experiment.next(); step; step = await experiment.next()) {
    last = step;
    if (step.t >= window.from) for (const m of TRACKED) step.values[m].forEach((v, i) => sums.add(m, i, v));
  }
  const { values } = last!;
  return {
    method: 'samples',
    window,
    ...sums.estimates(window.to - window.from + 1),
    final: { fd: average(values.fd), precision: average(values.precision), recall: average(values.recall) },
  };
}

/**
 * Runs the spec's loop and estimates its limit; needs R ≥ 2 for a standard error. `method`
 * 'samples' forces the engine where moments would apply, to match a lab run number for number.
 */
export async function loopLimit(spec: Spec, method: LoopLimit['method'] = momentsApply(spec) ? 'moments' : 'samples'): Promise<LoopLimit> {
  if (method === 'moments' && !momentsApply(spec)) throw new Error(`loopLimit: moments need the gaussian learner on gaussian data, not ${spec.learner} on ${spec.data}`);
  const window = limitWindow(spec.generations);
  return method === 'moments' ? momentLimit(spec, window) : sampleLimit(spec, window);
}
