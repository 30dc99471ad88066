/**
 * Closed forms for the unigram learner on any real word distribution p, Zipf or English (notes
 * §4b): fit by counts without smoothing and resampled without bias, the fully synthetic loop is
 * the Wright–Fisher chain.
 *
 * Heterozygosity: H = 1 − Σ q_i² shrinks by (1 − 1/n) in expectation at every fit on n draws:
 * E[H_t | q_{t−1}] = (1 − 1/n) H(q_{t−1}). Generation 1 is fit on n_ini real words, the later ones
 * on n_s synthetic words, so E[H_t] = H(p) (1 − 1/n_ini)(1 − 1/n_s)^(t−1).
 *
 * Survival of a word: a word's count in the next training set is Binomial(n, c/n_prev), which for
 * a rare word is Poisson with mean c·n/n_prev: the neutral Galton–Watson process, each copy leaving
 * Poisson(1) copies (Poisson(n_s/n_ini) from generation 1 to 2). One copy's line is extinct within
 * τ such generations with probability d_τ = exp(d_{τ−1} − 1), d_0 = 0 (for large τ, d_τ ≈ 1 − 2/τ:
 * a word seen c times survives τ generations with probability ≈ 1 − exp(−2c/τ), the Feller limit),
 * and a word of real probability p_i, seen Binomial(n_ini, p_i) times at t = 1, is lost by
 * generation t with probability (1 − p_i + p_i g_t)^n_ini, where g_t is one first-generation
 * copy's chance of leaving none at t. Summed over the words this gives the expected vocabulary
 * alive and rare-word mass kept. The branching limit is exact as c/n → 0 and ignores only that the
 * frequent words fill a fixed total, which matters once t approaches n (their loss is then near 0
 * either way on the horizons shown).
 */
import { domainOf } from '../../spec/domains';
import type { Spec } from '../../spec/schema';
import { heterozygosity, rareHalfStart } from '../text/text-metrics';
import { textDistribution } from '../text/text-loop';
import type { Theory } from './gaussian-loops';

type TextTheorySpec = Pick<Spec, 'data' | 'learner' | 'loop' | 'smoothing' | 'lambda' | 'topK' | 'vocabulary' | 'zipfBeta' | 'nIni' | 'nSyn' | 'generations' | 'curationK' | 'verifier' | 'models'>;

/**
 * E[H_t] for t = 1..T; null unless the chain is the plain Wright–Fisher one: unigram counts
 * (α = 0), λ = 1 and no top-k cut (a cut or a temperature changes the draw, not only its noise),
 * no curator or verifier (they choose which words survive), fully synthetic loop.
 */
export function textTheory(spec: TextTheorySpec): Theory | null {
  // One model: words exchanged with other models migrate between the chains (loops/ecosystem.ts).
  const plain = spec.smoothing === 0 && spec.lambda === 1 && (spec.topK === 0 || spec.topK >= spec.vocabulary) && spec.curationK === 1 && spec.verifier === 'off' && spec.models === 1;
  if (domainOf(spec.data) !== 'text' || spec.learner !== 'unigram' || spec.loop !== 'fully-synthetic' || !plain) return null;
  const p = textDistribution(spec);
  const h = new Float64Array(spec.generations);
  h[0] = heterozygosity(p) * (1 - 1 / spec.nIni);
  for (let t = 2; t <= spec.generations; t++) h[t - 1] = h[t - 2] * (1 - 1 / spec.nSyn);
  return { heterozygosity: h, ...expectedSurvivors(p, spec.nIni, spec.nSyn, spec.generations) };
}

/**
 * g_t for t = 1..T: the probability that one copy of a word in generation 1's training set (n_ini
 * words) has no copy in generation t's (n_s words each), in the branching limit (see above).
 */
function copyLost(nIni: number, nSyn: number, generations: number): Float64Array {
  const g = new Float64Array(generations);
  const m = nSyn / nIni;
  let d = 0; // d_{t−2}: one copy's line extinct within t − 2 generations of Poisson(1) copies
  for (let t = 2; t <= generations; t++) {
    g[t - 1] = Math.exp(m * (d - 1));
    d = Math.exp(d - 1);
  }
  return g;
}

/** P(a word seen c times in a training set survives τ more fully synthetic generations of the same size), in the branching limit. */
export function wordSurvival(c: number, tau: number): number {
  let d = 0;
  for (let k = 0; k < tau; k++) d = Math.exp(d - 1);
  return 1 - d ** c;
}

/** E[alive_t] and E[tailMass_t] for t = 1..T: each word's survival (1 − (1 − p_i + p_i g_t)^n_ini), summed. */
function expectedSurvivors(p: Float64Array, nIni: number, nSyn: number, generations: number): Theory {
  const g = copyLost(nIni, nSyn, generations);
  const rare = rareHalfStart(p.length);
  let rareTotal = 0;
  for (let i = rare; i < p.length; i++) rareTotal += p[i];
  const alive = new Float64Array(generations);
  const tailMass = new Float64Array(generations);
  for (let t = 0; t < generations; t++) {
    let words = 0;
    let mass = 0;
    for (let i = 0; i < p.length; i++) {
      // 1 − P(lost), with the power taken in logs so that tiny p_i keep their precision.
      const survives = -Math.expm1(nIni * Math.log1p(-p[i] * (1 - g[t])));
      words += survives;
      if (i >= rare) mass += p[i] * survives;
    }
    alive[t] = words;
    tailMass[t] = mass / rareTotal;
  }
  return { alive, tailMass };
}
