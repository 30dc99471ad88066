/**
 * One replicate of a loop with the Gaussian learner on P_r = N(0, I_d), stepped through sufficient
 * statistics instead of samples. The Gaussian fit depends on its training set only through
 * (n, mean, scatter), and each batch of Gaussian draws has an exactly known joint law of those
 * (see wishart.ts); pooled batches combine exactly. So this is the same random process as
 * loops/replicate.ts in distribution, not an approximation, at O(d³) per generation instead of
 * O((n_r + n_s) d²): the default 10 × 10 sweep of 200 replicates × 50 generations takes about a
 * second on one core instead of over a minute. Its draws differ from the sample-based replicate's, so a cell and
 * the same spec run in the lab agree statistically, not number for number.
 */
import { cholesky, scaledIdentity, sqrtPsd, trace } from '../linalg/matrix';
import { frechetDistance } from '../metrics/frechet';
import { Rng, StreamRole } from '../random/prng';
import type { Spec } from '../../spec/schema';
import { chiSquare, wishartIdentity } from './wishart';

/** Sufficient statistics of a batch of points: size, mean and scatter Σ(x − x̄)(x − x̄)ᵀ. */
interface Batch {
  n: number;
  mean: Float64Array;
  scatter: Float64Array;
}

/** A generation's model and its measurements; `mean` and `cov` are the replicate's own, overwritten by its next step in 1-D. */
export interface MomentStep {
  mean: Float64Array;
  cov: Float64Array;
  fd: number;
  meanSq: number;
  trace: number;
}

type MomentSpec = Pick<Spec, 'dim' | 'loop' | 'estimator' | 'lambda' | 'nIni' | 'nReal' | 'nSyn' | 'seed'>;

/** Whether a spec can be simulated through sufficient statistics. */
export function momentsApply(spec: Pick<Spec, 'data' | 'learner' | 'curationK' | 'verifier' | 'correction' | 'models'>): boolean {
  // A curator or a verifier picks among individual samples, a corrector moves each to its own real
  // neighbour: their statistics alone cannot say which.
  // Models that exchange samples (loops/ecosystem.ts) are not a single replicate's chain.
  return spec.data === 'gaussian' && spec.learner === 'gaussian' && spec.curationK === 1 && spec.verifier === 'off' && spec.correction === 0 && spec.models === 1;
}

/** Statistics of n draws of N(mean, scale · F Fᵀ), d ≥ 2 (1-D: drawScalar). */
function drawBatch(rng: Rng, n: number, mean: Float64Array, factor: Float64Array, scale: number): Batch {
  const d = mean.length;
  const out: Batch = { n, mean: Float64Array.from(mean), scatter: new Float64Array(d * d) };
  if (n === 0) return out;
  const z = new Float64Array(d);
  rng.fillNormal(z);
  const s = Math.sqrt(scale / n);
  for (let i = 0; i < d; i++) {
    let acc = 0;
    for (let k = 0; k < d; k++) acc += factor[i * d + k] * z[k];
    out.mean[i] += s * acc;
  }
  const w = wishartIdentity(rng, d, n - 1);
  // scale · F W Fᵀ
  const fw = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let k = 0; k < d; k++) {
      const f = factor[i * d + k];
      if (f === 0) continue;
      for (let j = 0; j < d; j++) fw[i * d + j] += f * w[k * d + j];
    }
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let acc = 0;
      for (let k = 0; k < d; k++) acc += fw[i * d + k] * factor[j * d + k];
      out.scatter[i * d + j] = out.scatter[j * d + i] = scale * acc;
    }
  return out;
}

/**
 * A batch in 1-D, with numbers for its 1×1 matrices: drawn and pooled by the same arithmetic as
 * drawBatch and pool, in the same order, so a 1-D replicate's values do not change; a loop of
 * thousands of 1-D replicates spends its time in allocations otherwise.
 */
interface ScalarBatch {
  n: number;
  mean: number;
  scatter: number;
}

function drawScalar(rng: Rng, n: number, mean: number, f: number, scale: number): ScalarBatch {
  if (n === 0) return { n, mean, scatter: 0 };
  const m = mean + Math.sqrt(scale / n) * f * rng.normal();
  return { n, mean: m, scatter: n > 1 ? scale * f * f * chiSquare(rng, n - 1) : 0 };
}

function poolScalar(a: ScalarBatch, b: ScalarBatch): ScalarBatch {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const w = (a.n * b.n) / n;
  return { n, mean: (a.n * a.mean + b.n * b.mean) / n, scatter: a.scatter + b.scatter + w * (a.mean - b.mean) * (a.mean - b.mean) };
}

/** How a replicate draws and pools its batches: arrays in d dimensions, numbers in 1-D. */
interface BatchOps<B> {
  real(n: number): B;
  synthetic(): B;
  pool(a: B, b: B): B;
}

/** Statistics of the union of two batches (Chan et al.'s pairwise update). */
function pool(a: Batch, b: Batch): Batch {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const d = a.mean.length;
  const n = a.n + b.n;
  const w = (a.n * b.n) / n;
  const mean = new Float64Array(d);
  const scatter = new Float64Array(d * d);
  for (let i = 0; i < d; i++) mean[i] = (a.n * a.mean[i] + b.n * b.mean[i]) / n;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++)
      scatter[i * d + j] = a.scatter[i * d + j] + b.scatter[i * d + j] + w * (a.mean[i] - b.mean[i]) * (a.mean[j] - b.mean[j]);
  return { n, mean, scatter };
}

export class MomentReplicate {
  private readonly rngReal: Rng;
  private readonly rngModel: Rng;
  private readonly zero: Float64Array;
  private readonly identity: Float64Array;
  /** The augmentation loop's fixed real set, or the accumulate loop's pool so far (a Batch, or a ScalarBatch in 1-D). */
  private kept: unknown = null;
  private model: { mean: Float64Array; cov: Float64Array } | null = null;
  private t = 0;
  private readonly arrays: BatchOps<Batch> = {
    real: (n) => drawBatch(this.rngReal, n, this.zero, this.identity, 1),
    synthetic: () => {
      const { mean, cov } = this.model!;
      const d = this.spec.dim;
      return drawBatch(this.rngModel, this.spec.nSyn, mean, cholesky(cov, d) ?? sqrtPsd(cov, d), this.spec.lambda);
    },
    pool,
  };
  private readonly scalars: BatchOps<ScalarBatch> = {
    real: (n) => drawScalar(this.rngReal, n, 0, 1, 1),
    synthetic: () => drawScalar(this.rngModel, this.spec.nSyn, this.model!.mean[0], Math.sqrt(Math.max(this.model!.cov[0], 0)), this.spec.lambda),
    pool: poolScalar,
  };

  /** Same stream keys as loops/replicate.ts, so replicates stay independent of run order. */
  constructor(
    private readonly spec: MomentSpec,
    index: number,
  ) {
    this.rngReal = Rng.stream(spec.seed, index, StreamRole.real);
    this.rngModel = Rng.stream(spec.seed, index, StreamRole.model);
    this.zero = new Float64Array(spec.dim);
    this.identity = scaledIdentity(spec.dim);
  }

  /** The training set of the next generation, as in loops/training-set.ts. */
  private training<B>(ops: BatchOps<B>): B {
    const { loop, nIni, nReal } = this.spec;
    if (this.t === 1) {
      const first = ops.real(nIni);
      if (loop === 'augmentation' || loop === 'accumulate') this.kept = first;
      return first;
    }
    const kept = this.kept as B;
    switch (loop) {
      case 'fully-synthetic':
        return ops.synthetic();
      case 'augmentation':
        return ops.pool(kept, ops.synthetic());
      case 'fresh':
        return ops.pool(ops.real(nReal), ops.synthetic());
      case 'accumulate': {
        let grown = ops.pool(kept, ops.synthetic());
        if (nReal > 0) grown = ops.pool(grown, ops.real(nReal));
        this.kept = grown;
        return grown;
      }
    }
  }

  step(): MomentStep {
    this.t += 1;
    const d = this.spec.dim;
    let mean: Float64Array;
    let cov: Float64Array;
    if (d === 1) {
      // One pair of 1×1 arrays per replicate, rewritten each generation: thousands of replicates
      // allocating two typed arrays per generation spent most of their time in the collector.
      const data = this.training(this.scalars);
      ({ mean, cov } = this.model ?? { mean: new Float64Array(1), cov: new Float64Array(1) });
      mean[0] = data.mean;
      cov[0] = data.scatter / (this.spec.estimator === 'mle' ? data.n : data.n - 1);
    } else {
      const data = this.training(this.arrays);
      const divisor = this.spec.estimator === 'mle' ? data.n : data.n - 1;
      mean = data.mean;
      cov = new Float64Array(d * d);
      for (let i = 0; i < cov.length; i++) cov[i] = data.scatter[i] / divisor;
    }
    this.model = { mean, cov };
    return this.measure(mean, cov);
  }

  private measure(mean: Float64Array, cov: Float64Array): MomentStep {
    const d = this.spec.dim;
    let meanSq = 0;
    for (let i = 0; i < d; i++) meanSq += mean[i] ** 2;
    return { mean, cov, fd: frechetDistance(mean, cov, this.zero, this.identity, d), meanSq, trace: trace(cov, d) };
  }
}
