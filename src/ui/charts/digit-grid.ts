/**
 * A picture of digits: up to 10 × 10 MNIST digits (28×28 grey levels, 255 = full ink) written
 * straight into one ImageData. Ink is dark on white, as handwriting on paper, so the grid reads
 * the same in every theme and in exported PNGs; light grey gutters separate the digits, so a
 * blank or faded sample still shows as a cell of its own.
 */
import { DIGIT_PIXELS, DIGIT_SIDE } from '../../results/run-view';

/** Digits per row and per column of the grid (the worker sends at most DIGIT_GRID = 100). */
export const GRID_COLUMNS = 10;
const GUTTER = 2;
/** Backing size of a digit grid: ten digits and eleven gutters. */
export const DIGIT_GRID_PX = GRID_COLUMNS * DIGIT_SIDE + (GRID_COLUMNS + 1) * GUTTER;

const PAPER = 255;
const GUTTER_GREY = 215;
/** Full ink: near black rather than black, like the page's text. */
const INK = 26;

export function drawDigitGrid(canvas: HTMLCanvasElement, images: Uint8Array | null): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  const image = ctx.createImageData(width, height);
  const data = image.data;
  for (let q = 0; q < data.length; q += 4) {
    data[q] = data[q + 1] = data[q + 2] = GUTTER_GREY;
    data[q + 3] = 255;
  }
  const count = images ? Math.min(GRID_COLUMNS * GRID_COLUMNS, Math.floor(images.length / DIGIT_PIXELS)) : 0;
  for (let cell = 0; cell < GRID_COLUMNS * GRID_COLUMNS; cell++) {
    const x0 = GUTTER + (cell % GRID_COLUMNS) * (DIGIT_SIDE + GUTTER);
    const y0 = GUTTER + Math.floor(cell / GRID_COLUMNS) * (DIGIT_SIDE + GUTTER);
    for (let y = 0; y < DIGIT_SIDE; y++)
      for (let x = 0; x < DIGIT_SIDE; x++) {
        const level = cell < count ? images![cell * DIGIT_PIXELS + y * DIGIT_SIDE + x] : 0;
        const grey = Math.round(PAPER - ((PAPER - INK) * level) / 255);
        const q = 4 * ((y0 + y) * width + x0 + x);
        data[q] = data[q + 1] = data[q + 2] = grey;
      }
  }
  ctx.putImageData(image, 0, 0);
}
