/**
 * Cholesky factorisation of a covariance that may be singular to rounding (points on a line, a
 * component shrunk onto one point): δI is added, δ starting at `jitter0` and growing ×10, until
 * the factorisation succeeds; the enlarged covariance is the one kept (written back into `cov`).
 *
 * Bounded: a covariance that is not finite (coordinates whose squares overflow) can never be
 * factorised, however large δ, and a loop without a bound spun forever on it. After
 * MAX_REGULARISATION tries the fit fails with a NumericalError that names the cause.
 */
import { COORDINATE_RANGE } from '../../spec/schema';
import { cholesky } from './matrix';

/** Tries of δ = jitter0 · 10^k: from 1e-12·(1 + variance) that reaches 1e17·(1 + variance), far past any scale of the data. */
export const MAX_REGULARISATION = 30;

/** A fit that cannot succeed on these numbers; its message says why and what to do. */
export class NumericalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NumericalError';
  }
}

export function regularisedCholesky(cov: Float64Array, d: number, jitter0: number, what: string): Float64Array {
  if (!cov.every(Number.isFinite))
    throw new NumericalError(`${what}: the covariance is not finite: coordinates too large; allowed: ${COORDINATE_RANGE}; rescale the data`);
  let l = cholesky(cov, d);
  let jitter = jitter0;
  for (let attempt = 0; l === null && attempt < MAX_REGULARISATION; attempt++, jitter *= 10) {
    for (let i = 0; i < d; i++) cov[i * d + i] += jitter;
    l = cholesky(cov, d);
  }
  if (l === null)
    throw new NumericalError(
      `${what}: the covariance stayed singular after ${MAX_REGULARISATION} regularisations (up to ${jitter.toExponential(0)} added to its diagonal): the data are degenerate or not finite`,
    );
  return l;
}
