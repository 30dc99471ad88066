/**
 * The exact fast path of a research run: the Gaussian learner on P_r = N(0, I_d), stepped through
 * the sufficient statistics of each batch (normal mean, Wishart scatter: admissibility/
 * moment-replicate.ts) instead of through samples. It is the same random process in distribution,
 * not an approximation, at O(d³) per generation whatever n_ini, n_r and n_s are; it measures G^t's
 * parameters only, so it runs when no metric of the run is measured on samples of G^t. Its draws
 * differ from the sample path's: the two agree in distribution, not number for number.
 */
import { MomentReplicate, momentsApply } from '../admissibility/moment-replicate';
import { logDet } from '../linalg/matrix';
import type { MetricName } from '../metrics/registry';
import { chooseMetrics } from '../metrics/selection';
import type { Spec } from '../../spec/schema';

/** How a run's replicates were simulated; the run document states it. */
export type SimulationPath = 'samples' | 'sufficient-statistics';

export function simulationPath(spec: Spec): SimulationPath {
  return momentsApply(spec) && !chooseMetrics(spec).sampled ? 'sufficient-statistics' : 'samples';
}

export class MomentExperiment {
  readonly metrics: MetricName[];
  private readonly replicates: MomentReplicate[];
  private t = 0;

  /** `range` as in Experiment: replicate i draws from the streams of index first + i. */
  constructor(
    private readonly spec: Spec,
    range: { first: number; count: number } = { first: 0, count: spec.replicates },
  ) {
    if (simulationPath(spec) !== 'sufficient-statistics') throw new Error('MomentExperiment: needs the Gaussian learner on gaussian data and no metric measured on samples');
    this.metrics = chooseMetrics(spec).computed;
    this.replicates = Array.from({ length: range.count }, (_, i) => new MomentReplicate(spec, range.first + i));
  }

  /** Every replicate's next generation, as per-replicate values of each metric; null after T. */
  next(): { t: number; values: Partial<Record<MetricName, Float64Array>> } | null {
    if (this.t >= this.spec.generations) return null;
    this.t += 1;
    const r = this.replicates.length;
    const d = this.spec.dim;
    const values = Object.fromEntries(this.metrics.map((m) => [m, new Float64Array(r)])) as Partial<Record<MetricName, Float64Array>>;
    const { fd, meanSq, trace, logdet } = values;
    for (let i = 0; i < r; i++) {
      const step = this.replicates[i].step();
      if (fd) fd[i] = step.fd;
      if (meanSq) meanSq[i] = step.meanSq;
      if (trace) trace[i] = step.trace;
      // ln of a 1×1 matrix without logDet's Cholesky array: this loop runs R × T times.
      if (logdet) logdet[i] = d === 1 ? Math.log(step.cov[0]) : logDet(step.cov, d);
    }
    return { t: this.t, values };
  }
}
