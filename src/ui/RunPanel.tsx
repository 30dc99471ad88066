/** One run: its status, what its loop does, its film strip and, for mixtures, its mode survival. */
import { memo } from 'react';
import { ChartCard } from './charts/ChartCard';
import { FilmStrip, frameGenerations } from './charts/FilmStrip';
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

function FilmTable({ record, t }: { record: RunRecord; t: number }) {
  const frames = frameGenerations(t).map((g) => snapshotAt(record.snapshots, g));
  return (
    <table>
      <caption>Panels of the film strip</caption>
      <tbody>
        {record.real && (
          <tr>
            <th scope="row">real data</th>
            <td>{moments(record.real)}</td>
          </tr>
        )}
        {frames.map(
          (s, i) =>
            s && (
              <tr key={i}>
                <th scope="row">t = {s.t}</th>
                <td>{moments(s.samples)}</td>
              </tr>
            ),
        )}
      </tbody>
    </table>
  );
}

export const RunPanel = memo(function RunPanel({ record, index, t, pointRadius }: Props) {
  const shown = Math.min(t, record.rows.length);
  return (
    <article className="run-panel" style={{ borderColor: record.colour }} aria-label={`Run ${index + 1}: ${record.label}`}>
      <RunStatus record={record} index={index} />
      {record.state !== 'error' && record.spec.loop && <p className="story">{loopStory(record.spec)}.</p>}
      {record.state !== 'error' && (
        <ChartCard
          name={`film-strip-run${index + 1}`}
          title={
            <>
              Samples of G<sup>t</sup> and its density contours
            </>
          }
          help="Contours enclose 50, 80 and 95% of the model's mass; dots grow where many samples pile up on one spot."
          table={() => <FilmTable record={record} t={shown} />}
        >
          <FilmStrip record={record} t={shown} pointRadius={pointRadius} />
        </ChartCard>
      )}
      {record.modes && record.state !== 'error' && (
        <ChartCard name={`modes-run${index + 1}`} title="Which modes survive" table={() => <ModeTable record={record} />}>
          <ModeSurvival record={record} tMark={shown} version={record.rows.length} />
        </ChartCard>
      )}
    </article>
  );
});
