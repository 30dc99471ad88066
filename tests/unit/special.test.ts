import { describe, expect, it } from 'vitest';
import { digamma, logGamma } from '../../src/engine/theory/special';

describe('special functions', () => {
  it('ln Γ matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 11);
    expect(logGamma(100.5)).toBeCloseTo(361.4355404677776, 9);
  });

  it('ψ matches known values and the recurrence ψ(x + 1) = ψ(x) + 1/x', () => {
    const eulerGamma = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-eulerGamma, 13);
    expect(digamma(0.5)).toBeCloseTo(-eulerGamma - 2 * Math.log(2), 13);
    for (const x of [0.3, 2.7, 11.2, 49.5]) expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, 12);
  });
});
