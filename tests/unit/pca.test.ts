/**
 * Randomized PCA (src/engine/linalg/pca.ts) against the exact eigen-decomposition of the sample
 * covariance, on data with a clear spectral gap, dense and mostly zeros (the products skip zeros
 * and centre implicitly, so both must give the same subspace).
 */
import { describe, expect, it } from 'vitest';
import { meanAndScatter, symmetricEigen } from '../../src/engine/linalg/matrix';
import { principalSubspace, project } from '../../src/engine/linalg/pca';
import { Rng } from '../../src/engine/random/prng';

const N = 400;
const P = 30;
const D = 5;

/** n points: 5 strong directions (sd 5, 4, 3, 2.5, 2) in a random orthonormal frame, weak noise (sd 0.1), offset 3. */
function data(rng: Rng, sparse: boolean): Float64Array {
  const frame = new Float64Array(D * P);
  rng.fillNormal(frame);
  for (let r = 0; r < D; r++) {
    for (let s = 0; s < r; s++) {
      let dot = 0;
      for (let c = 0; c < P; c++) dot += frame[r * P + c] * frame[s * P + c];
      for (let c = 0; c < P; c++) frame[r * P + c] -= dot * frame[s * P + c];
    }
    let norm = 0;
    for (let c = 0; c < P; c++) norm += frame[r * P + c] ** 2;
    for (let c = 0; c < P; c++) frame[r * P + c] /= Math.sqrt(norm);
  }
  const sd = [5, 4, 3, 2.5, 2];
  const x = new Float64Array(N * P);
  for (let i = 0; i < N; i++) {
    for (let c = 0; c < P; c++) x[i * P + c] = 3 + 0.1 * rng.normal();
    for (let r = 0; r < D; r++) {
      const z = sd[r] * rng.normal();
      for (let c = 0; c < P; c++) x[i * P + c] += z * frame[r * P + c];
    }
    // Like a digit's background: two thirds of the entries of a row exactly zero.
    if (sparse) for (let c = 0; c < P; c++) if ((c + i) % 3 !== 0) x[i * P + c] = 0;
  }
  return x;
}

/** Exact: the leading eigenvalues (÷n) and eigenvectors (rows) of the sample covariance. */
function exact(x: Float64Array): { values: number[]; vectors: Float64Array } {
  const { scatter } = meanAndScatter(x, N, P);
  const { values, vectors } = symmetricEigen(scatter, P);
  const order = Array.from({ length: P }, (_, k) => k).sort((a, b) => values[b] - values[a]);
  const rows = new Float64Array(D * P);
  for (let r = 0; r < D; r++) for (let c = 0; c < P; c++) rows[r * P + c] = vectors[c * P + order[r]];
  return { values: order.slice(0, D).map((k) => values[k] / N), vectors: rows };
}

describe('principalSubspace', () => {
  for (const sparse of [false, true])
    it(`finds the leading variances and directions of the sample covariance (${sparse ? 'mostly zeros' : 'dense'})`, () => {
      const x = data(Rng.stream(11, sparse ? 2 : 1), sparse);
      const copy = Float64Array.from(x);
      const found = principalSubspace(x, N, P, D, Rng.stream(11, 3));
      expect(x).toEqual(copy);
      const truth = exact(x);
      // The range finder's error shrinks like (σ_{l+1}/σ_d)^(2q+1) (Halko et al. §10): far below
      // 1e-4 with this gap, l = 15 directions and q = 2 power iterations.
      for (let r = 0; r < D; r++) {
        expect(Math.abs(found.variances[r] / truth.values[r] - 1)).toBeLessThan(1e-4);
        // Same direction up to sign: |⟨found, exact⟩| = 1.
        let dot = 0;
        let norm = 0;
        for (let c = 0; c < P; c++) {
          dot += found.basis[r * P + c] * truth.vectors[r * P + c];
          norm += found.basis[r * P + c] ** 2;
        }
        expect(1 - Math.abs(dot)).toBeLessThan(1e-4);
        expect(norm).toBeCloseTo(1, 10);
      }
      // Coordinates are centred and their variances are the component variances.
      const z = project(found, x, N);
      for (let r = 0; r < D; r++) {
        let s = 0;
        let s2 = 0;
        for (let i = 0; i < N; i++) {
          s += z[i * D + r];
          s2 += z[i * D + r] ** 2;
        }
        expect(Math.abs(s / N)).toBeLessThan(1e-9);
        expect(Math.abs(s2 / N / found.variances[r] - 1)).toBeLessThan(1e-4);
      }
    });

  it('rejects more components than the data can hold', () => {
    expect(() => principalSubspace(new Float64Array(4 * P), 4, P, 5, Rng.stream(1))).toThrow(RangeError);
  });
});
