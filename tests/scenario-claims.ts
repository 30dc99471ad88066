/**
 * What each 2-D teaching scenario (src/ui/presets.ts) claims, as assertions on the per-generation
 * means its claim rests on. One copy serves both tests: the browser test reads the means from the
 * page's metrics tables, the unit test from the engine run in Node (same specs, same seed, so the
 * same numbers), and a claim that stops being true fails in both. Margins are about a third of
 * the gaps measured with the scenarios' own seed (README, "Scenarios").
 */
import { expect } from 'vitest';
import type { MetricName } from '../src/engine/metrics/registry';

/** One run of a scenario: the mean over replicates of a metric at generation t = 1..generations. */
export interface RunMeans {
  generations: number;
  mean(metric: MetricName, t: number): number;
}

const first = (run: RunMeans, metric: MetricName) => run.mean(metric, 1);
const last = (run: RunMeans, metric: MetricName) => run.mean(metric, run.generations);

export const SCENARIO_CLAIMS: Record<string, (runs: RunMeans[]) => void> = {
  mad: ([run]) => {
    expect(last(run, 'modes')).toBeLessThan(4);
    expect(last(run, 'recall')).toBeLessThan(0.1);
  },
  unbiased: (runs) => {
    // Both estimators collapse: ln det falls far below its start…
    for (const run of runs) expect(last(run, 'logdet')).toBeLessThan(first(run, 'logdet') - 8);
    // …and the unbiased fit's mean tr Σ over these replicates falls too, as the text says (its
    // expectation stays flat only through rare runs that a few dozen replicates seldom hold).
    const [unbiased] = runs;
    expect(last(unbiased, 'trace')).toBeLessThan(0.5 * first(unbiased, 'trace'));
  },
  'fixed-real': ([synthetic, augmentation, fresh]) => {
    // Augmentation degrades against its own first generation…
    expect(last(augmentation, 'precision')).toBeLessThan(first(augmentation, 'precision') - 0.2);
    expect(last(augmentation, 'fd')).toBeGreaterThan(1.3 * first(augmentation, 'fd'));
    // …and against fresh data…
    expect(last(augmentation, 'precision')).toBeLessThan(last(fresh, 'precision') - 0.3);
    expect(last(fresh, 'modes')).toBe(8);
    expect(last(augmentation, 'modes')).toBeLessThan(8);
    // …but more slowly than fully synthetic, already early on and still at the end.
    expect(augmentation.mean('precision', 10)).toBeGreaterThan(synthetic.mean('precision', 10) + 0.05);
    expect(last(augmentation, 'precision')).toBeGreaterThan(last(synthetic, 'precision') + 0.1);
    expect(last(augmentation, 'modes')).toBeGreaterThan(last(synthetic, 'modes') + 3);
  },
  fresh: ([synthetic, little, fresh]) => {
    expect(last(synthetic, 'modes')).toBeLessThan(6);
    expect(last(little, 'modes')).toBeGreaterThan(last(synthetic, 'modes') + 3);
    expect(last(fresh, 'modes')).toBe(8);
    // "A steady distance": no drift away from where the first fit started.
    expect(last(fresh, 'fd')).toBeLessThan(2 * first(fresh, 'fd'));
  },
  lambda: ([unbiased, biased]) => {
    // Side by side over the whole horizon: the biased loop never trades precision away and always
    // covers less of the real spread…
    for (let t = 1; t <= biased.generations; t++) {
      expect(biased.mean('precision', t), `precision at t = ${t}`).toBeGreaterThanOrEqual(unbiased.mean('precision', t));
      expect(biased.mean('recall', t), `recall at t = ${t}`).toBeLessThan(unbiased.mean('recall', t));
    }
    // …and at the end the gap is wide: recall gone with bias, about half left without.
    expect(last(biased, 'precision')).toBeGreaterThanOrEqual(0.99);
    expect(last(biased, 'recall')).toBeLessThan(0.05);
    expect(last(unbiased, 'recall')).toBeGreaterThan(0.3);
  },
  neural: ([synthetic, fresh]) => {
    // Fully synthetic, clusters vanish and precision falls far below the first network's…
    expect(last(synthetic, 'modes')).toBeLessThan(4);
    expect(last(synthetic, 'precision')).toBeLessThan(0.5 * first(synthetic, 'precision'));
    // …with fresh data the clusters stay and precision stays near where it started.
    expect(last(fresh, 'modes')).toBeGreaterThanOrEqual(6);
    expect(last(fresh, 'precision')).toBeGreaterThan(0.6 * first(fresh, 'precision'));
    expect(last(fresh, 'precision')).toBeGreaterThan(last(synthetic, 'precision') + 0.1);
  },
  accumulate: ([replace, accumulate]) => {
    expect(last(accumulate, 'modes')).toBe(8);
    expect(last(replace, 'modes')).toBeLessThan(6);
  },
};
