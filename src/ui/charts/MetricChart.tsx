/**
 * One metric over generations for every run on shared axes: the 5–95% band of the replicates,
 * their mean (the quantity the closed forms predict, and the one the headline figures and tables
 * report), the closed-form expectation where the engine has one (dashed), and for MNIST the
 * level of real digits against the held-out ones ("real vs real", dashed grey), which a perfect
 * generator would reach.
 */
import { area, line, scaleLinear } from 'd3';
import { memo } from 'react';
import { METRICS, type MetricName } from '../../results/metrics';
import type { GenerationRow, RunView } from '../../results/run-view';
import { BASELINE_COLOUR, THEORY_COLOUR } from './palette';

export const CHART_W = 360;
export const CHART_H = 210;

/** The metric's fixed axis (results/metrics.ts), or null where it is fitted to the values drawn. */
function fixedDomain(metric: MetricName, records: readonly RunView[]): readonly [number, number] | null {
  const axis = METRICS[metric].axis;
  if (axis === 'data') return null;
  if (axis === 'modes') {
    const k = Math.max(...records.map((r) => (r.modes ? r.modes.centers.length / 2 : 0)));
    return k > 0 ? [0, k] : null;
  }
  return axis;
}

function dataDomain(metric: MetricName, records: readonly RunView[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v: number) => {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  };
  for (const r of records) {
    for (const row of r.rows) {
      const s = row.summary[metric];
      if (s) [s.q05, s.q95, s.mean].forEach(take);
    }
    r.theory?.[metric]?.forEach(take);
  }
  baselines(metric, records).forEach(take);
  if (!(lo <= hi)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  // Values that cannot be negative are drawn from 0; the others (ln det) from their lowest.
  return [Math.min(lo, METRICS[metric].range[0] < 0 ? lo : 0), hi];
}

/** The distinct real-vs-real levels of the runs (runs of one comparison share theirs). */
export function baselines(metric: MetricName, records: readonly RunView[]): number[] {
  const values = records.map((r) => r.baseline?.[metric]).filter((v): v is number => v !== undefined && Number.isFinite(v));
  return [...new Set(values)];
}

interface Props {
  metric: MetricName;
  records: readonly RunView[];
  /** Generations on the x axis: the largest T among the runs. */
  tMax: number;
  /** Generation under the scrubber, marked by a rule. */
  tMark: number;
  fontSize: number;
}

export const MetricChart = memo(function MetricChart({ metric, records, tMax, tMark, fontSize }: Props) {
  const m = { top: 8, right: 12, bottom: 20 + fontSize, left: 30 + 2.5 * fontSize };
  const x = scaleLinear().domain([1, Math.max(2, tMax)]).range([m.left, CHART_W - m.right]);
  const y = scaleLinear()
    .domain(fixedDomain(metric, records) ?? dataDomain(metric, records))
    .range([CHART_H - m.bottom, m.top])
    .nice();
  const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);
  const band = area<GenerationRow>()
    .defined((r) => finite(r.summary[metric]?.q05) && finite(r.summary[metric]?.q95))
    .x((r) => x(r.t))
    .y0((r) => y(r.summary[metric]!.q05))
    .y1((r) => y(r.summary[metric]!.q95));
  const mean = line<GenerationRow>()
    .defined((r) => finite(r.summary[metric]?.mean))
    .x((r) => x(r.t))
    .y((r) => y(r.summary[metric]!.mean));
  const theoryLine = line<number>()
    .defined((v) => Number.isFinite(v))
    .x((_, i) => x(i + 1))
    .y((v) => y(v));
  const [y0, y1] = y.range();
  const clip = `clip-${metric}`;
  return (
    <svg viewBox={`0 0 ${CHART_W} ${CHART_H}`} className="metric-svg" role="img" aria-label={`${METRICS[metric].label} over generations`} fontFamily="system-ui, sans-serif" fontSize={fontSize}>
      <defs>
        <clipPath id={clip}>
          <rect x={m.left} y={y1} width={CHART_W - m.left - m.right} height={y0 - y1} />
        </clipPath>
      </defs>
      {y.ticks(4).map((v) => (
        <g key={v}>
          <line x1={m.left} x2={CHART_W - m.right} y1={y(v)} y2={y(v)} stroke="#e3e3e3" />
          <text x={m.left - 4} y={y(v)} dy="0.32em" textAnchor="end" fill="#333333">
            {Math.abs(v) >= 1e4 ? v.toExponential(0) : v}
          </text>
        </g>
      ))}
      {/* Generations are whole: a short run gets no ticks at 1.5, 2.5. */}
      {x
        .ticks(5)
        .filter(Number.isInteger)
        .map((v) => (
          <text key={v} x={x(v)} y={CHART_H - m.bottom + fontSize + 3} textAnchor="middle" fill="#333333">
            {v}
          </text>
        ))}
      <text x={(m.left + CHART_W - m.right) / 2} y={CHART_H - 3} textAnchor="middle" fill="#333333">
        generation t
      </text>
      <line x1={m.left} x2={CHART_W - m.right} y1={y0} y2={y0} stroke="#666666" />
      <g clipPath={`url(#${clip})`}>
        {records.map((r, i) => (
          <path key={`band${i}`} d={band(r.rows) ?? ''} fill={r.colour} fillOpacity={0.18} />
        ))}
        {records.map((r, i) => {
          const curve = r.theory?.[metric];
          return curve ? <path key={`theory${i}`} d={theoryLine(Array.from(curve)) ?? ''} fill="none" stroke={records.length > 1 ? r.colour : THEORY_COLOUR} strokeWidth={1.5} strokeDasharray="5 4" /> : null;
        })}
        {baselines(metric, records).map((v) => (
          <line key={`baseline${v}`} x1={m.left} x2={CHART_W - m.right} y1={y(v)} y2={y(v)} stroke={BASELINE_COLOUR} strokeWidth={1.5} strokeDasharray="6 4" />
        ))}
        {records.map((r, i) => (
          <path key={`mean${i}`} d={mean(r.rows) ?? ''} fill="none" stroke={r.colour} strokeWidth={fontSize > 12 ? 3.5 : 2.2} />
        ))}
      </g>
      {/* The latest mean as a dot (outside the clip, which would halve it at t = T): a run of one generation has no line to draw. */}
      {records.map((r, i) => {
        const last = r.rows[r.rows.length - 1];
        const v = last?.summary[metric]?.mean;
        return finite(v) ? <circle key={`latest${i}`} cx={x(last.t)} cy={y(v)} r={fontSize > 12 ? 4.5 : 3} fill={r.colour} /> : null;
      })}
      {baselines(metric, records)
        .slice(0, 1)
        .map((v) => (
          // Above the line, or below it where the line runs along the top of the plot.
          <text key="baseline-label" x={CHART_W - m.right - 2} y={y(v) - 4 < y1 + fontSize ? y(v) + fontSize + 2 : y(v) - 4} textAnchor="end" fill={BASELINE_COLOUR}>
            real vs real
          </text>
        ))}
      {tMark > 0 && <line x1={x(tMark)} x2={x(tMark)} y1={y1} y2={y0} stroke="#555555" strokeDasharray="2 3" />}
    </svg>
  );
});
