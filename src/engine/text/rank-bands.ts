/**
 * Bands of word ranks for the survival chart: half-decades 1–3, 4–10, 11–32, 33–100, … up to V,
 * so the frequent words get rows of their own and the rare end is not one undivided block. A
 * band's share is the fraction of its words that G^t can still produce (1 = all of them; 0 = every
 * word of the band lost): a count, not a probability, because the few survivors of a band soak up
 * its lost words' probability and would hide the loss.
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

/** Per band: the fraction of its words with q_i > 0. */
export function bandShares(q: Float64Array): Float64Array {
  return Float64Array.from(rankBands(q.length), ([first, last]) => {
    let alive = 0;
    for (let i = first - 1; i < last; i++) if (q[i] > 0) alive += 1;
    return alive / (last - first + 1);
  });
}
