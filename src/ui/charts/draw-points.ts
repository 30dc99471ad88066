/**
 * Point clouds written straight into pixels: each point adds to a per-pixel count, and the count
 * sets the opacity, so 10,000 points per panel cost one pass and overlapping points read as
 * density rather than as an opaque blob.
 */
import type { View } from '../../results/run-view';
import { rgb } from './palette';

const images = new WeakMap<CanvasRenderingContext2D, { image: ImageData; counts: Uint16Array }>();

export function drawPoints(canvas: HTMLCanvasElement, points: Float64Array | null, view: View, colour: string, radius: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  let cached = images.get(ctx);
  if (!cached || cached.image.width !== width || cached.image.height !== height) {
    cached = { image: ctx.createImageData(width, height), counts: new Uint16Array(width * height) };
    images.set(ctx, cached);
  }
  const { image, counts } = cached;
  counts.fill(0);
  if (points) {
    const sx = width / (view.x1 - view.x0);
    const sy = height / (view.y1 - view.y0);
    for (let i = 0; i < points.length; i += 2) {
      const cx = Math.floor((points[i] - view.x0) * sx);
      const cy = Math.floor((view.y1 - points[i + 1]) * sy);
      if (!(cx >= -radius && cx < width + radius && cy >= -radius && cy < height + radius)) continue;
      for (let y = Math.max(0, cy - radius); y <= Math.min(height - 1, cy + radius - 1); y++)
        for (let x = Math.max(0, cx - radius); x <= Math.min(width - 1, cx + radius - 1); x++) counts[y * width + x]++;
    }
  }
  const [r, g, b] = rgb(colour);
  const data = image.data;
  for (let p = 0, q = 0; p < counts.length; p++, q += 4) {
    const c = counts[p];
    data[q] = r;
    data[q + 1] = g;
    data[q + 2] = b;
    // One point is clearly visible; a pile of them saturates.
    data[q + 3] = c === 0 ? 0 : 255 * (1 - 0.3 * Math.exp(-0.5 * (c - 1)));
  }
  ctx.putImageData(image, 0, 0);
  if (points) markPiles(ctx, counts, width, colour, Math.max(6, 0.01 * (points.length / 2)));
}

/**
 * A model collapsed onto a few points puts a large share of its samples on the same pixel, which
 * would otherwise look like almost nothing: a pixel holding at least `pile` points (1% of them;
 * a healthy spread never comes close) gets a dot whose area grows with the count.
 */
function markPiles(ctx: CanvasRenderingContext2D, counts: Uint16Array, width: number, colour: string, pile: number): void {
  ctx.fillStyle = colour;
  ctx.beginPath();
  for (let p = 0; p < counts.length; p++) {
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
