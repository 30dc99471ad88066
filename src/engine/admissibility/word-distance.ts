/**
 * The distance MAD's effective sample size reads for words (paper §5 uses the Fréchet distance of
 * points): the total variation TV(q, p) = ½ Σ|q_i − p_i| between G^t's word probabilities and
 * the real ones. It is exact from G^t's probabilities (no sample, no feature map), bounded in
 * [0, 1], zero only at q = p, and it sees both failures of a word loop: a lost word adds its whole
 * p_i, a sharpened frequent word its excess. Entropy and heterozygosity are not distances to p
 * (a permuted q scores the same), and perplexity is infinite once a word is lost.
 *
 * Its real-only baseline has a closed form for counts without smoothing, q_i = c_i/n with
 * c_i ~ Binomial(n, p_i): De Moivre's mean absolute deviation of the binomial (Diaconis & Zabell
 * 1991), E|c − np| = 2 m C(n, m) p^m (1 − p)^(n − m + 1), m = ⌊np⌋ + 1, so
 *   E TV(n) = Σ_i m_i C(n, m_i) p_i^m_i (1 − p_i)^(n − m_i + 1) / n.
 */
import { logGamma } from '../theory/special';

/** E|c − np| / n for c ~ Binomial(n, p), through logs so that large n cannot overflow. */
function meanAbsoluteDeviation(n: number, p: number): number {
  if (p <= 0 || p >= 1) return 0;
  const m = Math.floor(n * p) + 1;
  if (m > n) return 0;
  const logChoose = logGamma(n + 1) - logGamma(m + 1) - logGamma(n - m + 1);
  return (2 * m * Math.exp(logChoose + m * Math.log(p) + (n - m + 1) * Math.log1p(-p))) / n;
}

/** E TV(q̂, p) of word counts q̂ = c/n fit on n independent words of p. */
export function expectedCountTv(p: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += meanAbsoluteDeviation(n, p[i]);
  return sum / 2;
}
