/**
 * Point clouds written straight into pixels: each point adds to a per-pixel count, and the count
 * sets the opacity, so 10,000 points per panel cost one pass and overlapping points read as
 * density rather than as an opaque blob.
 */
import type { View } from '../../results/run-view';
import { rgb } from './palette';

/** Per canvas: its pixels, the count per pixel, and which pixels the last drawing touched. */
interface Pixels {
  image: ImageData;
  counts: Uint16Array;
  touched: Int32Array;
  nTouched: number;
}

const images = new WeakMap<CanvasRenderingContext2D, Pixels>();

export function drawPoints(canvas: HTMLCanvasElement, points: Float64Array | null, view: View, colour: string, radius: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  let cached = images.get(ctx);
  if (!cached || cached.image.width !== width || cached.image.height !== height) {
    cached = { image: ctx.createImageData(width, height), counts: new Uint16Array(width * height), touched: new Int32Array(0), nTouched: 0 };
    images.set(ctx, cached);
  }
  const { image, counts } = cached;
  const data = image.data;
  // Only the pixels of the last drawing are cleared and only this drawing's are written: a few
  // thousand of the panel's hundred thousand, drawn again every time a run moves on.
  for (let i = 0; i < cached.nTouched; i++) {
    const p = cached.touched[i];
    counts[p] = 0;
    data[4 * p + 3] = 0;
  }
  cached.nTouched = 0;
  if (points) {
    const most = (points.length / 2) * (2 * radius) ** 2;
    if (cached.touched.length < most) cached.touched = new Int32Array(Math.min(width * height, most));
    const sx = width / (view.x1 - view.x0);
    const sy = height / (view.y1 - view.y0);
    for (let i = 0; i < points.length; i += 2) {
      const cx = Math.floor((points[i] - view.x0) * sx);
      const cy = Math.floor((view.y1 - points[i + 1]) * sy);
      if (!(cx >= -radius && cx < width + radius && cy >= -radius && cy < height + radius)) continue;
      for (let y = Math.max(0, cy - radius); y <= Math.min(height - 1, cy + radius - 1); y++)
        for (let x = Math.max(0, cx - radius); x <= Math.min(width - 1, cx + radius - 1); x++) {
          const p = y * width + x;
          if (counts[p]++ === 0) cached.touched[cached.nTouched++] = p;
        }
    }
  }
  const [r, g, b] = rgb(colour);
  const touched = cached.touched.subarray(0, cached.nTouched);
  for (const p of touched) {
    const q = 4 * p;
    data[q] = r;
    data[q + 1] = g;
    data[q + 2] = b;
    // One point is clearly visible; a pile of them saturates.
    data[q + 3] = 255 * (1 - 0.3 * Math.exp(-0.5 * (counts[p] - 1)));
  }
  ctx.putImageData(image, 0, 0);
  if (points) markPiles(ctx, counts, touched, width, colour, Math.max(6, 0.01 * (points.length / 2)));
}

/**
 * A model collapsed onto a few points puts a large share of its samples on the same pixel, which
 * would otherwise look like almost nothing: a pixel holding at least `pile` points (1% of them;
 * a healthy spread never comes close) gets a dot whose area grows with the count.
 */
function markPiles(ctx: CanvasRenderingContext2D, counts: Uint16Array, touched: Int32Array, width: number, colour: string, pile: number): void {
  ctx.fillStyle = colour;
  ctx.beginPath();
  for (const p of touched) {
    const c = counts[p];
    if (c < pile) continue;
    const r = Math.min(9, 1 + 2 * Math.sqrt(c / pile));
    const x = p % width;
    const y = (p - x) / width;
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
  ctx.fill();
}
