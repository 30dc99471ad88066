/**
 * Self-correction of synthetic digits (curation/correction.ts): each digit's pixels move γ of the
 * way to those of its nearest digit, in pixel space, among REFERENCE_SAMPLE training digits drawn
 * once per experiment from the stream the points' reference sample uses. The label column stays
 * as drawn.
 */
import { Corrector } from '../curation/correction';
import { REFERENCE_SAMPLE } from '../curation/reference-sample';
import { DIGIT_PIXELS, DIGIT_ROW } from './digits';

/** The pixels of n digit rows, without their labels (n × DIGIT_PIXELS). */
function pixelsOf(rows: Float64Array, n: number): Float64Array {
  const pixels = new Float64Array(n * DIGIT_PIXELS);
  for (let i = 0; i < n; i++) pixels.set(rows.subarray(i * DIGIT_ROW, i * DIGIT_ROW + DIGIT_PIXELS), i * DIGIT_PIXELS);
  return pixels;
}

export class DigitCorrector {
  private readonly corrector: Corrector;

  /** `reference`: REFERENCE_SAMPLE real digit rows. */
  constructor(reference: Float64Array, strength: number) {
    this.corrector = new Corrector(pixelsOf(reference, REFERENCE_SAMPLE), REFERENCE_SAMPLE, DIGIT_PIXELS, strength);
  }

  /** The n digit rows, their pixels each moved γ of the way to the nearest reference digit's. */
  correct(rows: Float64Array, n: number): Float64Array {
    const moved = this.corrector.correct(pixelsOf(rows, n), n);
    const out = rows.slice();
    for (let i = 0; i < n; i++) out.set(moved.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS), i * DIGIT_ROW);
    return out;
  }
}
