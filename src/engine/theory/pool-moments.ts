/**
 * Exact per-coordinate moments of M Gaussian learners on P_r = N(0, 1) that feed each other
 * (loops/ecosystem.ts), for every loop of training-set.ts; M = 1 is the single loop of notes §3.
 * Derived for MAD Lab.
 *
 * Model i at generation t is fit on a pool of N samples with sum S_i and sum of squares Q_i:
 * μ_i = S_i/N and σ_i² = (Q_i − S_i²/N)/k (k = N, or N − 1 unbiased). Every new part of a pool is
 * a block whose conditional mean is linear in earlier sums and whose conditional variance is
 * linear in the models' σ², so the second moments close into a linear recursion:
 *   P = E[S Sᵀ] (M × M), q = E[Q], C = E[R Sᵀ] with R_i model i's first real sample (augmentation),
 * and for the shared web, whose pool W (L rows, sum of squares Q_W) starts with every R_i and
 * receives every model's draw: E[W²], E[Q_W], E[W S_i] and E[W R_i].
 * A block of c samples of model j (bias λ_j) has E[sum] = cS_j/N, Var = cλ_jσ_j² and
 * E[Σy²] = c(λ_jσ_j² + μ_j²); n_s rows scraped without replacement from the web have
 * E[sum] = n_s W/L and Var = n_s s²_W (L − n_s)/(L − 1), s²_W = Q_W/L − (W/L)². Models' blocks
 * are independent given the previous generation (every drawn sample goes to one training set,
 * and scrapes of one pool are independent given it).
 */
import type { Spec } from '../../spec/schema';

export type PoolMomentsSpec = Pick<Spec, 'loop' | 'estimator' | 'nIni' | 'nReal' | 'nSyn' | 'generations'> & {
  /** λ of each model's draws. */
  lambdas: readonly number[];
  /** counts[i][j]: the samples of model i's synthetic part drawn from model j (each row sums to n_s); unused with the web. */
  counts: readonly (readonly number[])[];
  /** The synthetic part is scraped from the shared web instead. */
  web: boolean;
};

/** Per generation t = 1..T: model 1's E[μ²] and E[σ²], and E[(μ₁ − μ₂)²] (0 for one model). */
export interface PoolMoments {
  meanSq: Float64Array;
  variance: Float64Array;
  between: Float64Array;
}

/** What each loop's pool holds at t ≥ 2 besides the synthetic part Y (training-set.ts): the previous pool S, fresh real samples F, the first real samples R. */
const POOL_PARTS: Record<Spec['loop'], { S: boolean; F: boolean; R: boolean }> = {
  'fully-synthetic': { S: false, F: false, R: false },
  fresh: { S: false, F: true, R: false },
  augmentation: { S: false, F: false, R: true },
  accumulate: { S: true, F: true, R: false },
};

export function poolMoments(spec: PoolMomentsSpec): PoolMoments {
  const { loop, estimator, nIni, nReal, nSyn, generations: T, lambdas, counts, web } = spec;
  const m = lambdas.length;
  const has = POOL_PARTS[loop];
  const k = (n: number) => (estimator === 'mle' ? n : n - 1);
  // M × M matrices, row-major: P = E[S Sᵀ], C = E[R Sᵀ], and per generation E[Y Yᵀ], E[S Yᵀ], E[R Yᵀ].
  const square = () => new Float64Array(m * m);
  let P = square();
  let C = square();
  const [YY, SY, RY] = [square(), square(), square()];
  const [v, ySq, q] = [new Float64Array(m), new Float64Array(m), new Float64Array(m)];
  // Generation 1: every pool is its own n_ini real samples, and the web (L rows) holds all of them.
  let n = nIni;
  for (let i = 0; i < m; i++) [P[i * m + i], C[i * m + i], q[i]] = [nIni, nIni, nIni];
  let [L, w2, qW] = [m * nIni, m * nIni, m * nIni];
  const wS = new Float64Array(m).fill(nIni); // E[W S_i]
  const wR = new Float64Array(m).fill(nIni); // E[W R_i]
  const out: PoolMoments = { meanSq: new Float64Array(T), variance: new Float64Array(T), between: new Float64Array(T) };
  for (let t = 1; t <= T; t++) {
    if (t > 1) {
      for (let j = 0; j < m; j++) v[j] = (lambdas[j] * (q[j] - P[j * m + j] / n)) / k(n); // E[λ_j σ_j²]
      let wY = 0; // E[W Y_i] after publishing
      if (!web) {
        for (let i = 0; i < m; i++) {
          ySq[i] = 0;
          for (let j = 0; j < m; j++) ySq[i] += counts[i][j] * (v[j] + P[j * m + j] / (n * n));
          for (let l = 0; l < m; l++) {
            let [yy, sy, ry] = [0, 0, 0];
            for (let j = 0; j < m; j++) {
              for (let h = 0; h < m; h++) yy += (counts[i][j] * counts[l][h] * P[j * m + h]) / (n * n);
              sy += (counts[l][j] * P[i * m + j]) / n;
              ry += (counts[l][j] * C[i * m + j]) / n;
            }
            if (i === l) for (let j = 0; j < m; j++) yy += counts[i][j] * v[j];
            [YY[i * m + l], SY[i * m + l], RY[i * m + l]] = [yy, sy, ry];
          }
        }
      } else {
        // Every model publishes its n_s draws, then scrapes n_s rows of the grown web.
        for (let j = 0; j < m; j++) {
          w2 += (2 * nSyn * wS[j]) / n + nSyn * v[j];
          qW += nSyn * (v[j] + P[j * m + j] / (n * n));
          for (let h = 0; h < m; h++) w2 += (nSyn * nSyn * P[j * m + h]) / (n * n);
        }
        L += m * nSyn;
        for (let i = 0; i < m; i++)
          for (let j = 0; j < m; j++) {
            wS[i] += (nSyn * P[i * m + j]) / n;
            wR[i] += (nSyn * C[i * m + j]) / n;
          }
        const scrapeVar = ((nSyn * (L - nSyn)) / (L - 1)) * (qW / L - w2 / (L * L));
        for (let i = 0; i < m; i++) {
          ySq[i] = (nSyn * qW) / L;
          for (let l = 0; l < m; l++) {
            YY[i * m + l] = ((nSyn * nSyn) / (L * L)) * w2 + (i === l ? scrapeVar : 0);
            SY[i * m + l] = (nSyn / L) * wS[i];
            RY[i * m + l] = (nSyn / L) * wR[i];
          }
        }
        wY = (nSyn / L) * w2;
      }
      // The new pools: Y plus the loop's other parts; fresh real samples are independent of the rest.
      const [nextP, nextC] = [square(), square()];
      for (let i = 0; i < m; i++)
        for (let l = 0; l < m; l++) {
          const [il, li] = [i * m + l, l * m + i];
          nextP[il] = YY[il] + (has.S ? P[il] + SY[il] + SY[li] : 0) + (has.R ? RY[il] + RY[li] + (i === l ? nIni : 0) : 0) + (has.F && i === l ? nReal : 0);
          nextC[il] = RY[il] + (has.S ? C[il] : 0) + (has.R && i === l ? nIni : 0);
        }
      for (let i = 0; i < m; i++) {
        wS[i] = wY + (has.S ? wS[i] : 0) + (has.R ? wR[i] : 0);
        q[i] = ySq[i] + (has.S ? q[i] : 0) + (has.F ? nReal : 0) + (has.R ? nIni : 0);
      }
      n = nSyn + (has.S ? n : 0) + (has.F ? nReal : 0) + (has.R ? nIni : 0);
      [P, C] = [nextP, nextC];
    }
    out.meanSq[t - 1] = P[0] / (n * n);
    out.variance[t - 1] = (q[0] - P[0] / n) / k(n);
    out.between[t - 1] = m > 1 ? (P[0] + P[m + 1] - 2 * P[1]) / (n * n) : 0;
  }
  return out;
}
