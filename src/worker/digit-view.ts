/** What the film strip shows of an MNIST run: grids of digits as grey levels, and the real-vs-real baseline. */
import { type DigitNetworks, drawDigits, realBaseline } from '../engine/digits/digit-loop';
import { DIGIT_PIXELS, DIGIT_ROW } from '../engine/digits/digits';
import { Rng, mixKey } from '../engine/random/prng';
import type { Spec } from '../spec/schema';
import { DIGIT_GRID, type RealDigitsMessage } from './protocol';
import { REAL_PANEL_KEY } from './view';

/** The first min(DIGIT_GRID, n) of n digit rows as grey levels 0..255 (labels dropped). */
export function digitGrid(rows: Float64Array, n: number): Uint8Array {
  const count = Math.min(DIGIT_GRID, n);
  const out = new Uint8Array(count * DIGIT_PIXELS);
  for (let i = 0; i < count; i++)
    for (let p = 0; p < DIGIT_PIXELS; p++) out[i * DIGIT_PIXELS + p] = Math.round(255 * Math.min(1, Math.max(0, rows[i * DIGIT_ROW + p])));
  return out;
}

export async function realDigitsMessage(runId: number, spec: Spec, networks: DigitNetworks): Promise<RealDigitsMessage> {
  const rng = Rng.fromKey(mixKey(spec.seed, REAL_PANEL_KEY));
  const images = digitGrid(drawDigits(networks.mnist.train, rng, DIGIT_GRID), DIGIT_GRID);
  return { type: 'real-digits', runId, images, baseline: await realBaseline(spec, networks) };
}
