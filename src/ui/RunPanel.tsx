/**
 * One run: its status, what its loop does, its film strip and, for mixtures and MNIST, which
 * modes or digit classes survive.
 */
import { memo } from 'react';
import { DIGIT_PIXELS } from '../engine/digits/digits';
import { ChartCard } from './charts/ChartCard';
import { FilmStrip, REAL_DIGITS_TITLE, frameGenerations } from './charts/FilmStrip';
import { ModeSurvival, ModeTable } from './charts/ModeSurvival';
import { formatNumber } from './format';
import { loopStory } from './run-label';
import { RunStatus } from './RunStatus';
import { type RunRecord, snapshotAt } from './runs/run-record';

interface Props {
  record: RunRecord;
  index: number;
  t: number;
  pointRadius: number;
  version: number;
}

function moments(points: Float64Array): string {
  const n = points.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += points[2 * i] / n;
    my += points[2 * i + 1] / n;
  }
  let v = 0;
  for (let i = 0; i < n; i++) v += ((points[2 * i] - mx) ** 2 + (points[2 * i + 1] - my) ** 2) / n;
  return `${n} samples, mean (${formatNumber(mx)}, ${formatNumber(my)}), total variance ${formatNumber(v)}`;
}

/**
 * A grid of digits in numbers: mean ink, and how much the pixels vary from digit to digit, which
 * falls as the digits blur or grow alike.
 */
function digitSummary(images: Uint8Array): string {
  const n = images.length / DIGIT_PIXELS;
  let ink = 0;
  let spread = 0;
  for (let p = 0; p < DIGIT_PIXELS; p++) {
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const v = images[i * DIGIT_PIXELS + p] / 255;
      sum += v;
      sq += v * v;
    }
    const mean = sum / n;
    ink += mean / DIGIT_PIXELS;
    spread += Math.sqrt(Math.max(0, sq / n - mean * mean)) / DIGIT_PIXELS;
  }
  return `${n} digits, mean ink ${(100 * ink).toFixed(1)}%, pixel spread across digits ${spread.toFixed(3)}`;
}

function FilmTable({ record, t }: { record: RunRecord; t: number }) {
  const frames = frameGenerations(t).map((g) => snapshotAt(record.snapshots, g));
  const real = record.realDigits ? digitSummary(record.realDigits) : record.real && moments(record.real);
  return (
    <table>
      <caption>Panels of the film strip</caption>
      <tbody>
        {real && (
          <tr>
            <th scope="row">{record.realDigits ? REAL_DIGITS_TITLE : 'real data'}</th>
            <td>{real}</td>
          </tr>
        )}
        {frames.map(
          (s, i) =>
            s && (
              <tr key={i}>
                <th scope="row">t = {s.t}</th>
                <td>{s.digits ? digitSummary(s.digits) : moments(s.samples)}</td>
              </tr>
            ),
        )}
      </tbody>
    </table>
  );
}

export const RunPanel = memo(function RunPanel({ record, index, t, pointRadius }: Props) {
  const shown = Math.min(t, record.rows.length);
  const digits = record.spec.data === 'mnist';
  return (
    <article className="run-panel" style={{ borderColor: record.colour }} aria-label={`Run ${index + 1}: ${record.label}`}>
      <RunStatus record={record} index={index} />
      {record.state !== 'error' && record.spec.loop && <p className="story">{loopStory(record.spec)}.</p>}
      {record.state !== 'error' && (
        <ChartCard
          name={`film-strip-run${index + 1}`}
          title={
            digits ? (
              <>
                Digits sampled from G<sup>t</sup>
              </>
            ) : (
              <>
                Samples of G<sup>t</sup> and its density contours
              </>
            )
          }
          help={
            digits
              ? 'Each panel shows the first 100 evaluation samples of replicate 0’s model; the first shows real training digits.'
              : "Contours enclose 50, 80 and 95% of the model's mass; dots grow where many samples pile up on one spot."
          }
          table={() => <FilmTable record={record} t={shown} />}
        >
          <FilmStrip record={record} t={shown} pointRadius={pointRadius} />
        </ChartCard>
      )}
      {/* A loaded MNIST run has no class shares: only runs computed here get the chart. */}
      {(record.modes || (digits && record.source === 'worker')) && record.state !== 'error' && (
        <ChartCard name={`${digits ? 'classes' : 'modes'}-run${index + 1}`} title={digits ? 'Which digit classes survive' : 'Which modes survive'} table={() => <ModeTable record={record} />}>
          <ModeSurvival record={record} tMark={shown} version={record.rows.length} />
        </ChartCard>
      )}
    </article>
  );
});
