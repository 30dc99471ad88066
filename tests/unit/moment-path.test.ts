/**
 * The two paths of a Gaussian research run draw the same random process: the sample path (draw
 * n points, fit) and the sufficient-statistics path (draw the fit's mean and scatter directly).
 * Their replicate distributions of FD, ‖μ‖², tr Σ and ln det Σ must agree in mean and in variance
 * at every generation checked, within 4 standard errors of the difference (fixed seeds).
 */
import { describe, expect, it } from 'vitest';
import { Experiment } from '../../src/engine/loops/experiment';
import { MomentExperiment, simulationPath } from '../../src/engine/loops/moment-experiment';
import type { MetricName } from '../../src/engine/metrics/registry';
import { assertSpec } from '../../src/spec/validate';

type Values = Partial<Record<MetricName, Float64Array>>;
const METRICS = ['fd', 'meanSq', 'trace', 'logdet'] as const;

/** Mean and variance of the values, with their standard errors (the variance's from the fourth central moment). */
function moments(values: Float64Array) {
  const r = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / r;
  let m2 = 0;
  let m4 = 0;
  for (const v of values) {
    m2 += (v - mean) ** 2;
    m4 += (v - mean) ** 4;
  }
  m2 /= r;
  m4 /= r;
  return { mean, meanSe: Math.sqrt(m2 / r), variance: m2, varianceSe: Math.sqrt(Math.max(m4 - m2 * m2, 0) / r) };
}

async function bothPaths(input: Record<string, unknown>): Promise<{ samples: Values[]; moments: Values[] }> {
  const spec = assertSpec({ data: 'gaussian', learner: 'gaussian', metrics: METRICS.join(','), ...input });
  expect(simulationPath(spec)).toBe('sufficient-statistics');
  const samples: Values[] = [];
  const experiment = new Experiment(spec);
  for (let r = await experiment.next(); r; r = await experiment.next()) samples.push(r.values);
  const fast: Values[] = [];
  const moment = new MomentExperiment(spec);
  for (let r = moment.next(); r; r = moment.next()) fast.push(r.values);
  return { samples, moments: fast };
}

function expectSameDistribution(runs: { samples: Values[]; moments: Values[] }, generations: number[]) {
  for (const t of generations)
    for (const m of METRICS) {
      const a = moments(runs.samples[t - 1][m]!);
      const b = moments(runs.moments[t - 1][m]!);
      const what = `${m} at t = ${t}`;
      expect(Math.abs(a.mean - b.mean), `${what}: mean ${a.mean} (samples) vs ${b.mean}`).toBeLessThan(4 * Math.hypot(a.meanSe, b.meanSe));
      expect(Math.abs(a.variance - b.variance), `${what}: variance ${a.variance} (samples) vs ${b.variance}`).toBeLessThan(4 * Math.hypot(a.varianceSe, b.varianceSe));
    }
}

describe('sample path and sufficient statistics agree in distribution', () => {
  it('1-D fully synthetic, MLE, λ = 0.9', async () => {
    const runs = await bothPaths({ dim: 1, estimator: 'mle', lambda: 0.9, nIni: 40, nSyn: 40, generations: 12, replicates: 1200, seed: 3 });
    expectSameDistribution(runs, [1, 4, 12]);
  });

  it('2-D fresh data, unbiased, λ = 0.8', async () => {
    const runs = await bothPaths({ dim: 2, loop: 'fresh', lambda: 0.8, nIni: 30, nReal: 20, nSyn: 30, generations: 8, replicates: 1000, seed: 4 });
    expectSameDistribution(runs, [1, 3, 8]);
  });

  it('1-D augmentation and accumulate', async () => {
    expectSameDistribution(await bothPaths({ dim: 1, loop: 'augmentation', nIni: 30, nSyn: 60, generations: 8, replicates: 1000, seed: 5 }), [2, 8]);
    expectSameDistribution(await bothPaths({ dim: 1, loop: 'accumulate', nIni: 30, nReal: 10, nSyn: 30, generations: 8, replicates: 1000, seed: 6 }), [2, 8]);
  });

  it('a sampled metric, or another learner or data, takes the sample path', () => {
    expect(simulationPath(assertSpec({ data: 'gaussian', learner: 'gaussian', metrics: 'fd,precision' }))).toBe('samples');
    expect(simulationPath(assertSpec({ data: 'gaussian', learner: 'gaussian', replicates: 20 }))).toBe('samples');
    expect(simulationPath(assertSpec({ data: 'gaussian', learner: 'gaussian', replicates: 200 }))).toBe('sufficient-statistics');
    expect(simulationPath(assertSpec({ data: 'gaussian', learner: 'kde', metrics: 'fd' }))).toBe('samples');
    expect(simulationPath(assertSpec({ data: 'ring', learner: 'gaussian', metrics: 'fd' }))).toBe('samples');
  });
});
