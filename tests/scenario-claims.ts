/**
 * What each teaching scenario (src/ui/presets.ts) claims, as assertions on the per-generation
 * means its claim rests on, read by the browser tests from the page's metrics tables
 * (tests/browser/presets.test.ts; the MNIST scenarios in mnist-scenarios.test.ts). Margins are about
 * a third of the gaps measured with the scenarios' own seed (README, "Scenarios").
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

/** Generations from..T of a run. */
function from(run: RunMeans, t0: number): number[] {
  return Array.from({ length: run.generations - t0 + 1 }, (_, i) => t0 + i);
}

/**
 * An MNIST loop with real data in every training set: after the jump from the all-real first
 * generation to a half-synthetic second one, its Fréchet distance stays level and it keeps a good
 * part of the real variety, while the fully synthetic loop loses nearly all of its recall.
 */
function digitsHeld(synthetic: RunMeans, anchored: RunMeans): void {
  for (const t of from(anchored, 2)) {
    expect(anchored.mean('fd', t), `fd at t = ${t}`).toBeLessThan(1.4 * anchored.mean('fd', 2));
    expect(anchored.mean('recall', t), `recall at t = ${t}`).toBeGreaterThan(0.3);
  }
  expect(last(synthetic, 'recall')).toBeLessThan(0.1);
  expect(last(anchored, 'recall')).toBeGreaterThan(last(synthetic, 'recall') + 0.2);
  expect(last(anchored, 'fd')).toBeLessThan(last(synthetic, 'fd') - 100);
}

/** The curation, verification and correction scenarios: their browser test is tests/browser/curation.test.ts. */
export const CURATION_SCENARIOS = ['curation', 'curation-real', 'verifier', 'correction', 'words-curation'];

/** The scenarios of models feeding each other: their browser test is tests/browser/ecosystem.test.ts. */
export const ECOSYSTEM_SCENARIOS = ['ecosystem', 'web', 'words-web'];

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
    expect(last(synthetic, 'recall')).toBeLessThan(0.3);
    expect(last(fresh, 'recall')).toBeGreaterThan(0.85);
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
  curation: ([run]) => {
    // The reward climbs from about −8 to nearly 0…
    expect(first(run, 'reward')).toBeLessThan(-6);
    expect(last(run, 'reward')).toBeGreaterThan(-0.5);
    for (const t of [5, 10, 20]) expect(run.mean('reward', t), `reward at t = ${t}`).toBeGreaterThan(run.mean('reward', t / 5 + 1));
    // …while the diversity goes: one cluster left, recall near 0.
    expect(last(run, 'modes')).toBeLessThan(2);
    expect(last(run, 'recall')).toBeLessThan(0.1);
  },
  'curation-real': ([synthetic, fresh]) => {
    expect(last(synthetic, 'modes')).toBeLessThan(2);
    // With real data the reward improves and then holds, and every cluster stays.
    expect(last(fresh, 'reward')).toBeGreaterThan(first(fresh, 'reward') + 1);
    for (const t of from(fresh, 10)) {
      expect(fresh.mean('modes', t), `modes at t = ${t}`).toBeGreaterThanOrEqual(7.5);
      expect(Math.abs(fresh.mean('reward', t) - fresh.mean('reward', 10)), `reward at t = ${t}`).toBeLessThan(1);
    }
    expect(last(fresh, 'modes')).toBe(8);
    expect(last(fresh, 'recall')).toBeGreaterThan(0.85);
  },
  verifier: ([none, support, biased]) => {
    // Without a verifier the blur piles up; a verifier of the support holds precision…
    expect(last(none, 'precision')).toBeLessThan(0.25);
    expect(last(support, 'precision')).toBeGreaterThan(0.55);
    for (const t of from(support, 2)) expect(support.mean('precision', t), `precision at t = ${t}`).toBeGreaterThan(none.mean('precision', t));
    // …and a biased one bends the loop to its half: the left clusters are gone from t = 2 on.
    for (const t of from(biased, 2)) expect(biased.mean('modes', t), `modes at t = ${t}`).toBeLessThanOrEqual(5);
    expect(last(biased, 'precision')).toBeGreaterThan(0.55);
  },
  correction: ([plain, corrected]) => {
    // Uncorrected, the blur piles up: precision falls far and the clusters melt together…
    expect(last(plain, 'precision')).toBeLessThan(0.25);
    expect(last(plain, 'modes')).toBeLessThan(5);
    // …corrected, precision stays above the plain loop's, levels off from t = 5, and the clusters stay.
    for (const t of from(corrected, 2)) expect(corrected.mean('precision', t), `precision at t = ${t}`).toBeGreaterThan(plain.mean('precision', t));
    for (const t of from(corrected, 5)) {
      expect(corrected.mean('precision', t), `precision at t = ${t}`).toBeGreaterThan(0.45);
      expect(Math.abs(corrected.mean('precision', t) - corrected.mean('precision', 5)), `precision at t = ${t}`).toBeLessThan(0.1);
    }
    expect(last(corrected, 'modes')).toBeGreaterThanOrEqual(7);
    // The shares of the clusters still drift: the Fréchet distance grows in both loops.
    expect(last(corrected, 'fd')).toBeGreaterThan(5 * first(corrected, 'fd'));
  },
  'rare-words': ([run]) => {
    // The rarest half of the vocabulary: most of what the first fit kept is gone by t = 10, nearly all by the end…
    expect(first(run, 'tailMass')).toBeGreaterThan(0.5);
    expect(run.mean('tailMass', 10)).toBeLessThan(0.5 * first(run, 'tailMass'));
    expect(last(run, 'tailMass')).toBeLessThan(0.05);
    expect(last(run, 'alive')).toBeLessThan(0.15 * first(run, 'alive'));
    // …while the common words barely change: the heterozygosity moves by less than 0.02.
    expect(last(run, 'heterozygosity')).toBeGreaterThan(first(run, 'heterozygosity') - 0.02);
  },
  'words-temperature': ([warm, cool]) => {
    // Cooler sampling loses more of the tail at every generation after the first fit…
    for (const t of from(cool, 2)) expect(cool.mean('tailMass', t), `rare-word mass at t = ${t}`).toBeLessThan(warm.mean('tailMass', t));
    // …nearly all of it by t = 10 (λ = 1 still keeps over a tenth), with far fewer words…
    expect(cool.mean('tailMass', 10)).toBeLessThan(0.01);
    expect(warm.mean('tailMass', 10)).toBeGreaterThan(0.1);
    expect(cool.mean('alive', 10)).toBeLessThan(0.25 * warm.mean('alive', 10));
    // …and by the end it repeats one or two words, while λ = 1 still speaks a varied language.
    expect(last(cool, 'wordEntropy')).toBeLessThan(0.5);
    expect(last(warm, 'wordEntropy')).toBeGreaterThan(5);
  },
  'words-accumulate': ([replace, accumulate]) => {
    // Counts only grow in the pool: every word of the first fit stays, and with it the rare-word mass.
    for (const t of from(accumulate, 1)) {
      expect(accumulate.mean('alive', t), `vocabulary at t = ${t}`).toBe(first(accumulate, 'alive'));
      expect(accumulate.mean('tailMass', t), `rare-word mass at t = ${t}`).toBe(first(accumulate, 'tailMass'));
    }
    expect(last(replace, 'alive')).toBeLessThan(0.15 * first(replace, 'alive'));
    expect(last(replace, 'tailMass')).toBeLessThan(0.05);
  },
  'words-web': ([alone, exchange, web]) => {
    // Alone the vocabulary collapses; swapping text slows it; a web that keeps everything holds it.
    expect(last(alone, 'alive')).toBeLessThan(30);
    expect(last(exchange, 'alive')).toBeGreaterThan(last(alone, 'alive') + 10);
    expect(last(exchange, 'alive')).toBeLessThan(100);
    expect(last(web, 'alive')).toBeGreaterThan(200);
    expect(last(web, 'tailMass')).toBeGreaterThan(0.08);
    // Swapping text makes the models alike: their distance falls well below the web's.
    expect(last(exchange, 'spread')).toBeLessThan(0.6 * first(exchange, 'spread'));
    expect(last(exchange, 'spread')).toBeLessThan(last(web, 'spread') - 0.1);
  },
  'words-fresh': ([synthetic, fresh]) => {
    // From t = 10 on the fresh loop holds about two thirds of its first vocabulary and a good part of the tail…
    for (const t of from(fresh, 10)) {
      expect(fresh.mean('alive', t), `vocabulary at t = ${t}`).toBeGreaterThan(0.6 * first(fresh, 'alive'));
      expect(fresh.mean('tailMass', t), `rare-word mass at t = ${t}`).toBeGreaterThan(0.25);
    }
    // …and stays level, while the fully synthetic loop keeps shrinking.
    expect(last(fresh, 'alive')).toBeGreaterThan(0.9 * fresh.mean('alive', 10));
    expect(last(synthetic, 'alive')).toBeLessThan(0.15 * first(synthetic, 'alive'));
    expect(last(fresh, 'alive')).toBeGreaterThan(5 * last(synthetic, 'alive'));
  },
  'words-curation': ([kept, curated]) => {
    // The curator's reward climbs from about 0.59 to nearly 1, generation after generation…
    expect(first(curated, 'targetShare')).toBeLessThan(0.65);
    for (const t of [2, 4, 8]) expect(curated.mean('targetShare', t), `share of target words at t = ${t}`).toBeGreaterThan(curated.mean('targetShare', t / 2) + 0.03);
    expect(last(curated, 'targetShare')).toBeGreaterThan(0.99);
    // …while the language shrinks onto the 50 favourites: the same first fit, then far fewer words and no rare ones.
    expect(first(curated, 'alive')).toBe(first(kept, 'alive'));
    expect(last(curated, 'alive')).toBeLessThan(70);
    expect(last(curated, 'alive')).toBeLessThan(last(kept, 'alive') / 3);
    expect(last(curated, 'tailMass')).toBeLessThan(0.01);
    expect(last(kept, 'tailMass')).toBeGreaterThan(0.05);
  },
  ecosystem: ([alone, sharing]) => {
    // Alone the models drift apart; sharing three quarters of their samples keeps them alike…
    expect(last(alone, 'spread')).toBeGreaterThan(2);
    for (const t of from(sharing, 1)) expect(sharing.mean('spread', t), `spread at t = ${t}`).toBeLessThan(0.3);
    for (const t of from(sharing, 10)) expect(sharing.mean('spread', t), `spread at t = ${t}`).toBeLessThan(alone.mean('spread', t) / 3);
    // …and slows each one's collapse: recall and clusters last longer.
    expect(last(alone, 'recall')).toBeLessThan(0.1);
    expect(last(sharing, 'recall')).toBeGreaterThan(last(alone, 'recall') + 0.15);
    expect(last(sharing, 'modes')).toBeGreaterThan(last(alone, 'modes') + 1);
  },
  web: ([alone, web]) => {
    // Scraping a web that keeps everything holds every cluster and the recall, while models alone collapse…
    expect(last(alone, 'recall')).toBeLessThan(0.1);
    for (const t of from(web, 1)) expect(web.mean('recall', t), `recall at t = ${t}`).toBeGreaterThan(0.75);
    expect(last(web, 'modes')).toBeGreaterThanOrEqual(7.5);
    // …and the models sharing one web stay alike.
    for (const t of from(web, 1)) expect(web.mean('spread', t), `spread at t = ${t}`).toBeLessThan(0.3);
    expect(last(alone, 'spread')).toBeGreaterThan(2);
  },
  'mnist-verifier': ([plain, verified]) => {
    // Without the verifier all ten digits stay, the class entropy above 3 bits…
    for (const t of from(plain, 1)) expect(plain.mean('classes', t), `classes at t = ${t}`).toBe(1);
    expect(last(plain, 'entropy')).toBeGreaterThan(3);
    // …with it, from t = 3 on, only 0–4 (classes 10 → 5), the entropy near log₂ 5 ≈ 2.32 bits.
    expect(first(verified, 'classes')).toBe(1);
    for (const t of from(verified, 3)) {
      expect(verified.mean('classes', t), `classes at t = ${t}`).toBeLessThanOrEqual(0.5);
      expect(verified.mean('classes', t), `classes at t = ${t}`).toBeGreaterThanOrEqual(0.4);
    }
    expect(first(verified, 'entropy')).toBeGreaterThan(3);
    expect(last(verified, 'entropy')).toBeLessThan(2.4);
    // Both lose the variety of handwriting: recall from about 0.57 towards 0.
    expect(first(plain, 'recall')).toBeGreaterThan(0.45);
    expect(last(plain, 'recall')).toBeLessThan(0.1);
    expect(last(verified, 'recall')).toBeLessThan(0.1);
  },
  'mnist-curation': ([run]) => {
    // The curator's digit takes over: from about 8% of the samples to over 90%, the reward towards 0…
    expect(first(run, 'targetShare')).toBeLessThan(0.15);
    expect(run.mean('targetShare', 3)).toBeGreaterThan(0.6);
    expect(last(run, 'targetShare')).toBeGreaterThan(0.85);
    expect(first(run, 'reward')).toBeLessThan(-8);
    expect(last(run, 'reward')).toBeGreaterThan(-0.5);
    // …and the diversity goes: classes 10 → 3, recall from about 0.57 to nearly 0.
    expect(first(run, 'classes')).toBe(1);
    expect(last(run, 'classes')).toBeLessThanOrEqual(0.5);
    expect(first(run, 'recall')).toBeGreaterThan(0.45);
    expect(last(run, 'recall')).toBeLessThan(0.05);
  },
  'mnist-mad': ([run]) => {
    // Variety drains: recall from about 0.6 to below 0.1, the distance nearly triples…
    expect(first(run, 'recall')).toBeGreaterThan(0.45);
    expect(last(run, 'recall')).toBeLessThan(0.1);
    expect(last(run, 'fd')).toBeGreaterThan(2.4 * first(run, 'fd'));
    // …while the digits stay sharp and every class stays.
    expect(last(run, 'precision')).toBeGreaterThan(0.8);
    for (const t of from(run, 1)) expect(run.mean('classes', t), `classes at t = ${t}`).toBe(1);
  },
  'mnist-fresh': ([synthetic, fresh]) => digitsHeld(synthetic, fresh),
  'mnist-augmentation': ([synthetic, augmentation]) => digitsHeld(synthetic, augmentation),
  'mnist-lambda': ([unbiased, biased]) => {
    // Precision held: never below the unbiased loop's beyond noise, about 0.9 or above, near 1 at the end…
    for (const t of from(biased, 1)) {
      expect(biased.mean('precision', t), `precision at t = ${t}`).toBeGreaterThan(unbiased.mean('precision', t) - 0.05);
      expect(biased.mean('precision', t), `precision at t = ${t}`).toBeGreaterThan(0.85);
    }
    expect(last(biased, 'precision')).toBeGreaterThan(0.95);
    // …recall lower from the start and gone by t = 4, when the unbiased loop still has some.
    for (const t of [1, 2, 3, 4]) expect(biased.mean('recall', t), `recall at t = ${t}`).toBeLessThan(unbiased.mean('recall', t));
    expect(first(biased, 'recall')).toBeLessThan(first(unbiased, 'recall') - 0.1);
    for (const t of from(biased, 4)) expect(biased.mean('recall', t), `recall at t = ${t}`).toBeLessThan(0.02);
    expect(unbiased.mean('recall', 4)).toBeGreaterThan(biased.mean('recall', 4) + 0.03);
  },
};
