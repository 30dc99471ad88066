import { describe, expect, it } from 'vitest';
import { multiply, symmetricEigen } from '../../src/engine/linalg/matrix';
import { frechetDistance } from '../../src/engine/metrics/frechet';
import { Rng } from '../../src/engine/random/prng';

const f64 = (xs: number[]) => Float64Array.from(xs);

function transpose(a: Float64Array, d: number): Float64Array {
  const t = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) t[j * d + i] = a[i * d + j];
  return t;
}

function randomSpd(rng: Rng, d: number): Float64Array {
  const b = rng.fillNormal(new Float64Array(d * d));
  const a = multiply(b, transpose(b, d), d);
  for (let i = 0; i < d; i++) a[i * d + i] += 0.1;
  return a;
}

/** A random orthogonal matrix: the eigenvectors of a random symmetric one. */
function randomRotation(rng: Rng, d: number): Float64Array {
  return symmetricEigen(randomSpd(rng, d), d).vectors;
}

/** Q diag(values) Qᵀ. */
function withEigen(q: Float64Array, values: number[], d: number): Float64Array {
  const diag = new Float64Array(d * d);
  values.forEach((v, i) => (diag[i * d + i] = v));
  return multiply(multiply(q, diag, d), transpose(q, d), d);
}

/** Block-diagonal [[a, 0], [0, extra]]: adds a dimension with the same variance in both Gaussians. */
function embed(a: Float64Array, d: number, extra: number): Float64Array {
  const e = d + 1;
  const out = new Float64Array(e * e);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[i * e + j] = a[i * d + j];
  out[d * e + d] = extra;
  return out;
}

/** tr √(A B) for 2×2 A B by the Denman–Beavers iteration, independent of any eigen-solver. */
function traceSqrtDenmanBeavers(a: Float64Array, b: Float64Array): number {
  const inv = (m: Float64Array) => {
    const det = m[0] * m[3] - m[1] * m[2];
    return f64([m[3] / det, -m[1] / det, -m[2] / det, m[0] / det]);
  };
  let y = multiply(a, b, 2);
  let z = f64([1, 0, 0, 1]);
  for (let i = 0; i < 50; i++) {
    const yi = inv(y);
    const zi = inv(z);
    y = y.map((v, j) => (v + zi[j]) / 2);
    z = z.map((v, j) => (v + yi[j]) / 2);
  }
  return y[0] + y[3];
}

describe('frechetDistance', () => {
  it('is (μ1 − μ2)² + (σ1 − σ2)² in 1-D', () => {
    expect(frechetDistance(f64([1.5]), f64([4]), f64([-0.5]), f64([0.25]), 1)).toBeCloseTo(4 + 2.25, 12);
    expect(frechetDistance(f64([0]), f64([0]), f64([3]), f64([9]), 1)).toBeCloseTo(9 + 9, 12);
  });

  it('sums per-coordinate 1-D distances for diagonal covariances', () => {
    for (const d of [2, 4]) {
      const s1 = [1, 4, 0.25, 9].slice(0, d);
      const s2 = [2, 1, 1, 0.01].slice(0, d);
      const m1 = f64([0, 1, 2, 3].slice(0, d));
      const m2 = f64([1, 1, -1, 0].slice(0, d));
      let expected = 0;
      for (let j = 0; j < d; j++) expected += (m1[j] - m2[j]) ** 2 + (Math.sqrt(s1[j]) - Math.sqrt(s2[j])) ** 2;
      const eye = new Float64Array(d * d);
      for (let j = 0; j < d; j++) eye[j * d + j] = 1;
      const got = frechetDistance(m1, withEigen(eye, s1, d), m2, withEigen(eye, s2, d), d);
      expect(got).toBeCloseTo(expected, 10);
    }
  });

  it('is Σ (√a_i − √b_i)² for commuting covariances (shared eigenvectors)', () => {
    const rng = Rng.fromKey(11);
    for (const d of [2, 3, 6]) {
      const q = randomRotation(rng, d);
      const a = Array.from({ length: d }, () => 0.05 + 3 * rng.uniform());
      const b = Array.from({ length: d }, () => 0.05 + 3 * rng.uniform());
      const expected = a.reduce((s, ai, i) => s + (Math.sqrt(ai) - Math.sqrt(b[i])) ** 2, 0);
      const zero = new Float64Array(d);
      expect(frechetDistance(zero, withEigen(q, a, d), zero, withEigen(q, b, d), d)).toBeCloseTo(expected, 10);
    }
  });

  it('matches an independent matrix square root for rotated (non-commuting) 2-D covariances', () => {
    const t = 0.7;
    const r = f64([Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)]);
    const c1 = withEigen(r, [4, 1], 2);
    const c2 = f64([2, 0, 0, 0.5]);
    const m1 = f64([1, -1]);
    const m2 = f64([0, 0.5]);
    const expected = 1 + 2.25 + 5 + 2.5 - 2 * traceSqrtDenmanBeavers(c1, c2);
    expect(frechetDistance(m1, c1, m2, c2, 2)).toBeCloseTo(expected, 12);
    // The same Gaussians with a shared third coordinate go through the general-d path.
    const general = frechetDistance(f64([1, -1, 7]), embed(c1, 2, 3), f64([0, 0.5, 7]), embed(c2, 2, 3), 3);
    expect(general).toBeCloseTo(expected, 12);
  });

  it('agrees between the 2-D closed form and the general path on random SPD matrices', () => {
    const rng = Rng.fromKey(12);
    for (let trial = 0; trial < 50; trial++) {
      const c1 = randomSpd(rng, 2);
      const c2 = randomSpd(rng, 2);
      const m1 = rng.fillNormal(new Float64Array(2));
      const m2 = rng.fillNormal(new Float64Array(2));
      const fast = frechetDistance(m1, c1, m2, c2, 2);
      const general = frechetDistance(f64([...m1, 0]), embed(c1, 2, 0), f64([...m2, 0]), embed(c2, 2, 0), 3);
      expect(Math.abs(fast - general)).toBeLessThan(1e-12 * (1 + fast));
    }
  });

  it('is symmetric and zero for identical Gaussians', () => {
    const rng = Rng.fromKey(13);
    for (const d of [1, 2, 3, 6]) {
      const c1 = randomSpd(rng, d);
      const c2 = randomSpd(rng, d);
      const m1 = rng.fillNormal(new Float64Array(d));
      const m2 = rng.fillNormal(new Float64Array(d));
      const ab = frechetDistance(m1, c1, m2, c2, d);
      expect(ab).toBeGreaterThan(0);
      expect(Math.abs(frechetDistance(m2, c2, m1, c1, d) - ab)).toBeLessThan(1e-12 * ab);
      const same = frechetDistance(m1, c1, m1, c1, d);
      expect(same).toBeGreaterThanOrEqual(0);
      expect(same).toBeLessThan(1e-12 * (1 + c1.reduce((s, v) => s + Math.abs(v), 0)));
    }
  });

  it('handles collapsed (singular) covariances without NaN', () => {
    for (const d of [1, 2, 3]) {
      const zero = new Float64Array(d * d);
      const eye = new Float64Array(d * d);
      for (let j = 0; j < d; j++) eye[j * d + j] = 2;
      const m1 = new Float64Array(d).fill(1);
      const m2 = new Float64Array(d);
      expect(frechetDistance(m1, zero, m2, eye, d)).toBeCloseTo(d + 2 * d, 12);
      expect(frechetDistance(m1, zero, m1, zero, d)).toBe(0);
    }
  });

  it('rejects non-finite input and mismatched sizes', () => {
    expect(() => frechetDistance(f64([NaN]), f64([1]), f64([0]), f64([1]), 1)).toThrow(/non-finite/);
    expect(() => frechetDistance(f64([0, 0]), f64([1]), f64([0]), f64([1]), 1)).toThrow(/expected/);
  });
});
