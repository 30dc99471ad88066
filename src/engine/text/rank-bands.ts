/**
 * Bands of word ranks for the survival chart: half-decades 1–3, 4–10, 11–32, 33–100, … up to V,
 * so a Zipf vocabulary gives each band a visible share of its mass and the rare end its own rows.
 * A band's share is G^t's probability of its words over their real probability (1 = as in the
 * language; 0 = every word of the band lost).
 */

/** [first, last] ranks (1-based) of each band of a vocabulary of V words. */
export function rankBands(vocabulary: number): [number, number][] {
  const bands: [number, number][] = [];
  for (let k = 1, first = 1; first <= vocabulary; k++) {
    const last = Math.min(vocabulary, Math.round(10 ** (k / 2)));
    if (last < first) continue;
    bands.push([first, last]);
    first = last + 1;
  }
  return bands;
}

/** Per band: Σ q over its words / Σ p over its words. */
export function bandShares(q: Float64Array, p: Float64Array): Float64Array {
  const bands = rankBands(p.length);
  return Float64Array.from(bands, ([first, last]) => {
    let model = 0;
    let real = 0;
    for (let i = first - 1; i < last; i++) {
      model += q[i];
      real += p[i];
    }
    return model / real;
  });
}
