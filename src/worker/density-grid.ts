/** ln density of G^t on a regular grid, computed in the worker so the page only draws contours. */
import type { Model } from '../engine/learners/model';
import { GRID_SIZE, type View } from '../results/run-view';

export async function densityGrid(model: Model, view: View, size = GRID_SIZE): Promise<Float64Array> {
  const points = new Float64Array(2 * size * size);
  const dx = (view.x1 - view.x0) / size;
  const dy = (view.y1 - view.y0) / size;
  for (let j = 0; j < size; j++)
    for (let i = 0; i < size; i++) {
      const k = j * size + i;
      points[2 * k] = view.x0 + (i + 0.5) * dx;
      points[2 * k + 1] = view.y0 + (j + 0.5) * dy;
    }
  return model.logDensity(points, size * size);
}
