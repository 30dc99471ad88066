/**
 * One run: its status with the figures at the generation shown, a picture of its loop, and its
 * film strip (real data, then G^t early, midway and at the generation shown). Which modes or digit
 * classes survive is drawn per run further down (RunSurvival).
 */
import { memo } from 'react';
import { DIGIT_PIXELS, frameAt } from '../results/run-view';
import { type DataKind, domainEntry } from '../spec/domains';
import { dataDim } from '../spec/validate';
import { ChartCard } from './charts/ChartCard';
import { FilmStrip, REAL_DIGITS_TITLE, frameGenerations } from './charts/FilmStrip';
import { LoopDiagram } from './LoopDiagram';
import { ModeSurvival, ModeTable } from './charts/ModeSurvival';
import { formatNumber } from './charts/format';
import { wordDataReady, wordOf } from '../results/words';
import { RunStatus } from './RunStatus';
import type { RunSnapshot } from './runs/run-record';

interface Props {
  record: RunSnapshot;
  index: number;
  /** Still the previous settings' run: the wanted one is drawn a frame or more later. */
  pending: boolean;
  t: number;
  pointRadius: number;
  /** Whether the loop diagram moves (not under reduced motion). */
  animate: boolean;
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

/** Words of a text panel in numbers: how many words G^t can still produce, and its sample text. */
function wordSummary(data: DataKind, sample: Float64Array, probabilities?: Float64Array): string {
  const text = wordDataReady(data) ? Array.from(sample, (id) => wordOf(data, id)).join(' ') : '(loading the words)';
  return probabilities ? `${probabilities.filter((q) => q > 0).length} of ${probabilities.length} words possible; sample: ${text}` : `sample: ${text}`;
}

function FilmTable({ record, t }: { record: RunSnapshot; t: number }) {
  const frames = frameGenerations(t).map((g) => frameAt(record.frames, g));
  const words = domainEntry(record.spec.data).panel === 'text';
  const real = record.realDigits ? digitSummary(record.realDigits) : record.real && (words ? wordSummary(record.spec.data, record.real) : moments(record.real));
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
                <td>{s.text ? wordSummary(record.spec.data, s.text.sample, s.text.probabilities) : s.digits ? digitSummary(s.digits) : moments(s.samples)}</td>
              </tr>
            ),
        )}
      </tbody>
    </table>
  );
}

export const RunPanel = memo(function RunPanel({ record, index, pending, t, pointRadius, animate }: Props) {
  const shown = Math.min(t, record.rows.length);
  const { panel } = domainEntry(record.spec.data);
  const digits = panel === 'digits';
  return (
    <article className={`run-panel${pending ? ' pending' : ''}`} style={{ borderColor: record.colour }} aria-label={`Run ${index + 1}: ${record.label}`} aria-busy={pending}>
      <RunStatus record={record} index={index} shown={shown} pending={pending} />
      {record.state !== 'error' && (
        <div className="run-body">
          {record.spec.loop && <LoopDiagram spec={record.spec} colour={record.colour} t={shown} latest={record.rows.length} animate={animate} />}
          <ChartCard
            name={`film-strip-run${index + 1}`}
            title={
              digits ? (
                <>
                  Run {index + 1} ({record.label}): digits sampled from G<sup>t</sup>
                </>
              ) : panel === 'text' ? (
                <>
                  Run {index + 1} ({record.label}): word frequencies of G<sup>t</sup>
                </>
              ) : (
                <>
                  Run {index + 1}
                  {record.spec.models > 1 && `, model 1 of ${record.spec.models}`} ({record.label}): samples of G<sup>t</sup>
                </>
              )
            }
            help={
              digits
                ? 'Each panel shows the first 100 evaluation samples of replicate 1’s model; the first shows real training digits.'
                : panel === 'text'
                  ? 'Probability of each word of replicate 1’s model at its real rank (log–log), over the real distribution in grey (Zipf, or English word frequencies): lost words have no dot. Under it, words sampled from the model; rare words (the rarest half of the vocabulary) are marked.'
                  : dataDim(record.spec) === 1
                  ? 'Replicate 1’s samples as a histogram, with the real density N(0, 1) in grey.'
                  : "Replicate 1’s samples; contours enclose 50, 80 and 95% of the model's mass; dots grow where many samples pile up on one spot."
            }
            table={() => <FilmTable record={record} t={shown} />}
          >
            <FilmStrip record={record} t={shown} pointRadius={pointRadius} />
          </ChartCard>
        </div>
      )}
    </article>
  );
});

/** Which modes of a mixture, or which digit classes, replicate 1 of a run keeps, generation by generation. */
export function RunSurvival({ record, index, t }: { record: RunSnapshot; index: number; t: number }) {
  const { survival } = domainEntry(record.spec.data);
  // A loaded MNIST or word run has no class or band shares: only runs computed here get the chart.
  if (!(record.modes || (survival !== 'modes' && record.source === 'worker')) || record.state === 'error') return null;
  const what = { modes: 'modes', classes: 'digit classes', ranks: 'bands of word ranks' }[survival];
  return (
    <ChartCard
      name={`${survival}-run${index + 1}`}
      title={`Run ${index + 1} (${record.label}): which ${what} survive`}
      table={() => <ModeTable record={record} />}
      testId={`survival-run${index + 1}`}
    >
      <ModeSurvival record={record} tMark={Math.min(t, record.rows.length)} />
    </ChartCard>
  );
}
