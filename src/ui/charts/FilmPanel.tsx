/** One frame of the film strip: a point cloud on canvas, density contours, mode marks and the curator's target in SVG. */
import { memo, useLayoutEffect, useRef } from 'react';
import { GRID_SIZE, type ModeCentres, type View } from '../../results/run-view';
import { contourPaths } from './contours';
import { drawPoints } from './draw-points';
import { markFirstGeneration } from './first-draw';

/** Backing size of each panel; CSS scales it to the column width. */
export const PANEL_PX = 320;

interface Props {
  title: string;
  points: Float64Array | null;
  density: Float64Array | null;
  view: View;
  colour: string;
  modes: ModeCentres | null;
  /** The curator's target x* (first two coordinates), where a curator picks; null otherwise. */
  target: readonly [number, number] | null;
  /** A panel of G^t (not of the real data): its first drawing sets the first-generation mark. */
  model: boolean;
  pointRadius: number;
}

export const FilmPanel = memo(function FilmPanel({ title, points, density, view, colour, modes, target, model, pointRadius }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    if (!canvas.current) return;
    drawPoints(canvas.current, points, view, colour, pointRadius);
    if (model && points) markFirstGeneration();
  }, [points, view, colour, model, pointRadius]);
  const paths = density ? contourPaths(density, GRID_SIZE, PANEL_PX) : [];
  const sx = PANEL_PX / (view.x1 - view.x0);
  const sy = PANEL_PX / (view.y1 - view.y0);
  const marks = [];
  if (modes)
    for (let k = 0; k < modes.centers.length / 2; k++) {
      const x = (modes.centers[2 * k] - view.x0) * sx;
      const y = (view.y1 - modes.centers[2 * k + 1]) * sy;
      marks.push(<path key={k} d={`M${x - 6},${y}h12M${x},${y - 6}v12`} stroke="#999999" strokeWidth={1.5} />);
    }
  if (target) {
    const x = (target[0] - view.x0) * sx;
    const y = (view.y1 - target[1]) * sy;
    marks.push(<circle key="target" data-target="" cx={x} cy={y} r={24} fill="none" stroke="#222222" strokeWidth={3} strokeDasharray="6 4" />);
  }
  return (
    <figure className="film-panel" data-export-block data-kind="cloud">
      <div className="plot square">
        <canvas ref={canvas} width={PANEL_PX} height={PANEL_PX} role="img" aria-label={`${title}: ${points ? points.length / 2 : 0} samples`} />
        <svg viewBox={`0 0 ${PANEL_PX} ${PANEL_PX}`} aria-hidden="true">
          <rect x={0.5} y={0.5} width={PANEL_PX - 1} height={PANEL_PX - 1} fill="none" stroke="#bbbbbb" />
          {marks}
          {paths.map((d, i) => (
            <path key={i} d={d} fill="none" stroke={colour} strokeWidth={2.5 - 0.6 * i} strokeOpacity={1 - 0.25 * i} />
          ))}
        </svg>
      </div>
      <figcaption data-export-text>{title}</figcaption>
    </figure>
  );
});
