/**
 * MAD's effective sample size (paper eq. 4): n_e is the size of a real-only training set whose fit
 * has the same expected distance to P_r as the loop's long-run limit. A loop is admissible when
 * n_e / n_r ≥ 1: its synthetic data leave the model at least as good as the real data alone.
 *
 * The interval maps limit ± 1.96·SE through the inverse baseline, where SE combines the limit's
 * standard error with the baseline's at n_e (zero for the closed form): solving D(n) = L, an error
 * in D at n_e acts like an error in L, to first order.
 */
import { type Baseline, type Bounded, baselineSeAt, sizeForDistance } from './baseline';
import type { Estimate } from './limit';
import type { Spec } from '../../spec/schema';

/** 'undetermined': the 95% interval of n_e / n_r straddles 1. */
export type Verdict = 'admissible' | 'inadmissible' | 'undetermined';

export interface EffectiveSize {
  /** The real-only training-set size the loop is compared with (n_r for the fresh loop). */
  reference: number;
  nE: Bounded;
  /** n_e / reference. */
  ratio: Bounded;
  /** 95% interval of the ratio, low end first. */
  interval: [Bounded, Bounded];
  /** The point estimate: ratio ≥ 1. */
  admissible: boolean;
  verdict: Verdict;
}

const Z95 = 1.959963984540054;

/**
 * The real data a loop's model could have been fit on instead: the fresh loop's n_r per
 * generation (the paper's comparison); the fixed real set n_ini of the augmentation loop, and the
 * only real data the fully synthetic loop ever sees; every real sample the accumulate loop has
 * pooled by generation T.
 */
export function realReference(spec: Pick<Spec, 'loop' | 'nIni' | 'nReal' | 'generations'>): number {
  switch (spec.loop) {
    case 'fresh':
      return spec.nReal;
    case 'fully-synthetic':
    case 'augmentation':
      return spec.nIni;
    case 'accumulate':
      return spec.nIni + (spec.generations - 1) * spec.nReal;
  }
}

function scaled(size: Bounded, reference: number): Bounded {
  return { value: size.value / reference, relation: size.relation };
}

/** Certainly ≥ 1 / certainly < 1, given which side of its value a bounded ratio may lie. */
const surelyAtLeastOne = (r: Bounded) => r.relation !== '<' && r.value >= 1;
const surelyBelowOne = (r: Bounded) => r.relation !== '>' && r.value < 1;

export function effectiveSize(limit: Estimate, baseline: Baseline, reference: number): EffectiveSize {
  const nE = sizeForDistance(baseline, limit.mean);
  const se = Math.hypot(limit.se, baselineSeAt(baseline, nE.value));
  // A larger distance means a smaller real-only equivalent.
  const low = sizeForDistance(baseline, limit.mean + Z95 * se);
  const high = sizeForDistance(baseline, limit.mean - Z95 * se);
  const ratio = scaled(nE, reference);
  const interval: [Bounded, Bounded] = [scaled(low, reference), scaled(high, reference)];
  const verdict: Verdict = surelyAtLeastOne(interval[0]) ? 'admissible' : surelyBelowOne(interval[1]) ? 'inadmissible' : 'undetermined';
  return { reference, nE, ratio, interval, admissible: ratio.value >= 1 && ratio.relation !== '<', verdict };
}
