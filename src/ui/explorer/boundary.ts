/**
 * The admissible boundary, n_e / n_r = 1, as a line over the heatmap: marching squares on the log
 * ratios at the cell centres, interpolated linearly between neighbouring centres, so the line
 * crosses between two cells where the ratio passes 1. The grid is first extended to the plot's
 * edges with each edge cell's own value, so a line meeting the edge runs straight to it, and a
 * single row or column still gets its crossings (d3-contour pads with "outside" values instead,
 * which bends the line towards the middle of the edge cells).
 */

export interface Grid {
  nx: number;
  ny: number;
  /** Row-major by cell index = iy · nx + ix, iy = 0 the bottom row. */
  ratios: number[];
}

export interface Plot {
  left: number;
  top: number;
  cellWidth: number;
  cellHeight: number;
}

/** Positions along one axis, in cells: the edge, every centre, the far edge. */
function extended(n: number): number[] {
  return [0, ...Array.from({ length: n }, (_, i) => i + 0.5), n];
}

/** SVG path data of the boundary in plot coordinates; '' when no two neighbours straddle 1. */
export function boundaryPath({ nx, ny, ratios }: Grid, plot: Plot): string {
  const xs = extended(nx);
  const ys = extended(ny);
  // Screen rows run downwards: row r of the extended grid is cell row iy = ny − r (clamped to the grid).
  const value = (c: number, r: number) => {
    const ix = Math.min(nx - 1, Math.max(0, c - 1));
    const iy = Math.min(ny - 1, Math.max(0, ny - r));
    return Math.log(ratios[iy * nx + ix]);
  };
  const point = (c: number, r: number) => ({ x: xs[c], y: ys[r], v: value(c, r) });
  const at = (x: number, y: number) => `${(plot.left + x * plot.cellWidth).toFixed(1)},${(plot.top + y * plot.cellHeight).toFixed(1)}`;
  const crossing = (a: ReturnType<typeof point>, b: ReturnType<typeof point>) => {
    const t = a.v / (a.v - b.v);
    return at(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y));
  };
  let d = '';
  for (let r = 0; r + 1 < ys.length; r++)
    for (let c = 0; c + 1 < xs.length; c++) {
      // Corners clockwise from the top left; edge k joins corner k and corner k + 1.
      const corners = [point(c, r), point(c + 1, r), point(c + 1, r + 1), point(c, r + 1)];
      const above = corners.map((p) => p.v >= 0);
      const edges = [0, 1, 2, 3].filter((k) => above[k] !== above[(k + 1) % 4]);
      const cut = (k: number) => crossing(corners[k], corners[(k + 1) % 4]);
      let pairs: [number, number][];
      if (edges.length === 2) pairs = [[edges[0], edges[1]]];
      else if (edges.length === 4) {
        // A saddle: the mean of the corners decides which diagonal pair of corners is joined.
        const centreAbove = corners.reduce((s, p) => s + p.v, 0) / 4 >= 0;
        pairs = centreAbove === above[0] ? [[0, 1], [2, 3]] : [[3, 0], [1, 2]];
      } else continue;
      for (const [a, b] of pairs) d += `M${cut(a)}L${cut(b)}`;
    }
  return d;
}
