/**
 * One frame of the film strip for 1-D data: the samples as a density histogram over the run's
 * window (the same x axis in every panel of the strip), with the real density as a grey curve,
 * the yardstick each generation is read against. SVG only, so exports carry it as drawn.
 */
import { scaleLinear } from 'd3';
import { memo, useLayoutEffect, useMemo } from 'react';
import type { RealLine, View } from '../../results/run-view';
import { PANEL_PX } from './FilmPanel';
import { markFirstGeneration } from './first-draw';
import { coordinate, densityHistogram, normalDensity } from './histogram';

/** Room under the bars for the x axis's tick labels, in panel pixels (a panel is shown at about a quarter of its backing size). */
const AXIS_PX = 46;
/** Points along the reference curve. */
const CURVE_POINTS = 120;
/** Headroom above the tallest bar or the curve's peak. */
const HEADROOM = 1.1;

interface Props {
  title: string;
  /** n×2 panel samples from the worker; only the first coordinate is data (view.ts). */
  points: Float64Array | null;
  view: View;
  /** The real distribution, N(mean, variance). */
  real: RealLine;
  colour: string;
  /** A panel of G^t (not of the real data): its first drawing sets the first-generation mark. */
  model: boolean;
}

export const HistogramPanel = memo(function HistogramPanel({ title, points, view, real, colour, model }: Props) {
  const histogram = useMemo(() => densityHistogram(points ? coordinate(points) : new Float64Array(0), view.x0, view.x1), [points, view]);
  useLayoutEffect(() => {
    if (model && points) markFirstGeneration();
  }, [model, points]);

  const x = scaleLinear().domain([view.x0, view.x1]).range([0, PANEL_PX]);
  const curve = Array.from({ length: CURVE_POINTS + 1 }, (_, i) => view.x0 + ((view.x1 - view.x0) * i) / CURVE_POINTS);
  const curveDensity = curve.map((v) => normalDensity(v, real.mean, real.variance));
  // Each panel scales to its own tallest bar: a model collapsed to a spike then shows as a spike
  // over a flattened grey curve, instead of a bar cut off at the top.
  const top = HEADROOM * Math.max(...curveDensity, ...histogram.bars.map((b) => b.density));
  const y = scaleLinear().domain([0, top]).range([PANEL_PX - AXIS_PX, 4]);
  // Whole numbers only, and none so near an edge that its label would be cut.
  const ticks = x.ticks(5).filter((t) => Number.isInteger(t) && x(t) > AXIS_PX / 2 && x(t) < PANEL_PX - AXIS_PX / 2);
  const tickText = x.tickFormat(5, 'd');
  const outside = histogram.below + histogram.above;
  const label = `${title}: histogram of ${histogram.total} samples${outside > 0 ? `, ${outside} outside the window` : ''}; grey: the real density`;

  return (
    <figure className="film-panel" data-export-block data-kind="histogram">
      <div className="plot square">
        <svg viewBox={`0 0 ${PANEL_PX} ${PANEL_PX}`} role="img" aria-label={label}>
          <rect x={0.5} y={0.5} width={PANEL_PX - 1} height={PANEL_PX - 1} fill="none" stroke="#bbbbbb" />
          {/* The real panel's bars are grey like the curve: lighter, so the curve stays visible on them. */}
          <g fill={colour} fillOpacity={model ? 0.75 : 0.4}>
            {histogram.bars.map((b, i) =>
              b.density > 0 ? <rect key={i} data-bar x={x(b.x0)} width={Math.max(0, x(b.x1) - x(b.x0) - 1)} y={y(b.density)} height={y(0) - y(b.density)} /> : null,
            )}
          </g>
          <path d={`M${curve.map((v, i) => `${x(v).toFixed(1)},${y(curveDensity[i]).toFixed(1)}`).join('L')}`} fill="none" stroke="#777777" strokeWidth={3} data-reference />
          {/* A model that drifted off the shared window says so, instead of leaving an empty panel. */}
          {histogram.below > 0 && (
            <text x={8} y={36} fontSize={30} fill={colour} data-outside="below">
              <title>{histogram.below} samples left of the window</title>◀ {histogram.below}
            </text>
          )}
          {histogram.above > 0 && (
            <text x={PANEL_PX - 8} y={36} fontSize={30} fill={colour} textAnchor="end" data-outside="above">
              <title>{histogram.above} samples right of the window</title>
              {histogram.above} ▶
            </text>
          )}
          <line x1={0} x2={PANEL_PX} y1={y(0)} y2={y(0)} stroke="#888888" />
          {ticks.map((t) => (
            <g key={t} transform={`translate(${x(t)},${y(0)})`}>
              <line y2={7} stroke="#888888" />
              <text y={40} textAnchor="middle" fontSize={34} fill="#555555" data-tick>
                {tickText(t)}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <figcaption data-export-text>{title}</figcaption>
    </figure>
  );
});
