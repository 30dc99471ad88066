/**
 * Which modes of a mixture, which digit classes of MNIST, or which bands of word ranks survive
 * generation by generation: one row per mode of P_r (per digit 0..9, by LeNet's labels; per rank
 * band, engine/text/rank-bands.ts), one column per generation, filled where replicate 1's model
 * (the engine's replicate 0) still covers it (at least COVERED_SHARE of its fair share of samples:
 * within 3σ of the mode, or labelled as the digit; of a band, the share of its words still
 * possible), darker the closer the share is to fair.
 */
import { memo, useLayoutEffect, useRef } from 'react';
import { COVERED_SHARE } from '../../results/metrics';
import { DIGIT_CLASSES, type RunView, runDomain } from '../../results/run-view';
import { rankBands } from '../../results/words';
import { rgb } from './palette';

const W = 640;
const ROW = 10;
/**
 * Row height on screen: compact for the modes, so both runs of a comparison fit on one screen;
 * tall enough for a readable label beside each of the ten digit rows.
 */
const CSS_ROW_PX = { modes: 7, digits: 16 };

/** The rows of the chart: K unlabelled modes, the ten digit classes, or the bands of word ranks (labelled). */
function rowsOf(record: RunView): { count: number; digits: boolean; labels: string[] | null } {
  const { survival } = runDomain(record);
  if (survival === 'classes') return { count: DIGIT_CLASSES, digits: true, labels: Array.from({ length: DIGIT_CLASSES }, (_, k) => String(k)) };
  if (survival === 'ranks') {
    const labels = rankBands(record.spec.vocabulary).map(([a, b]) => (a === b ? String(a) : `${a}–${b}`));
    return { count: labels.length, digits: false, labels };
  }
  return { count: record.modes ? record.modes.centers.length / 2 : 0, digits: false, labels: null };
}

/** What the chart's rows are, in its caption, label and table. */
function wordsOf(record: RunView) {
  const { survival } = runDomain(record);
  if (survival === 'classes') return { caption: 'Digit classes produced by Gᵗ (LeNet labels, replicate 1)', row: 'digit', verb: 'produced', share: 'Share of the fair number of samples per digit class (LeNet labels, replicate 1); produced at' };
  if (survival === 'ranks') return { caption: 'Bands of word ranks kept by Gᵗ (replicate 1)', row: 'ranks', verb: 'kept', share: 'Share of each band’s words that Gᵗ can still produce (replicate 1); kept at' };
  return { caption: 'Modes of P_r covered by Gᵗ (replicate 1)', row: 'mode', verb: 'covered', share: 'Share of the fair number of samples per mode (replicate 1); covered at' };
}

interface Props {
  record: RunView;
  tMark: number;
}

export const ModeSurvival = memo(function ModeSurvival({ record, tMark }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // Columns already painted for this run (its views change every frame): each frame paints only the new generations.
  const painted = useRef<{ runId: number | null; columns: number }>({ runId: null, columns: 0 });
  const shares = record.modeShares;
  const { count: K, labels } = rowsOf(record);
  const T = record.spec.generations;
  const H = K * ROW;
  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    if (painted.current.runId !== record.runId) {
      ctx.clearRect(0, 0, W, H);
      painted.current = { runId: record.runId, columns: 0 };
    }
    const [r, g, b] = rgb(record.colour);
    const col = W / T;
    for (let i = painted.current.columns; i < shares.length; i++) {
      const share = shares[i];
      for (let k = 0; k < share.length; k++) {
        if (share[k] < COVERED_SHARE) continue;
        ctx.fillStyle = `rgba(${r},${g},${b},${0.3 + 0.7 * Math.min(1, share[k])})`;
        ctx.fillRect(i * col, k * ROW + 1, Math.max(1, col + 0.5), ROW - 2);
      }
    }
    painted.current.columns = shares.length;
  });
  if (K === 0) return null;
  // The generation under the scrubber, like every other figure on the page.
  const at = Math.min(tMark > 0 ? tMark : shares.length, shares.length);
  const alive = at > 0 ? Array.from(shares[at - 1]).filter((s) => s >= COVERED_SHARE).length : K;
  const rowPx = labels ? CSS_ROW_PX.digits : CSS_ROW_PX.modes;
  const words = wordsOf(record);
  return (
    <figure className="mode-survival" data-export-block data-testid="mode-survival">
      <figcaption data-export-text>
        {words.caption}: {alive} of {K} at t = {at}
      </figcaption>
      <div className="survival-rows">
        {labels && (
          <ol className="row-labels" aria-hidden="true" style={{ gridAutoRows: `${rowPx}px` }} data-testid="class-labels">
            {labels.map((label, k) => (
              <li key={k} data-export-text>
                {label}
              </li>
            ))}
          </ol>
        )}
        <div className="plot" style={{ height: `${K * rowPx}px` }}>
          <canvas
            ref={canvas}
            width={W}
            height={H}
            role="img"
            aria-label={`${words.caption}: ${alive} of ${K} ${words.verb} at generation ${shares.length}`}
          />
          <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden="true">
            <rect x={0} y={0} width={W} height={H} fill="none" stroke="#bbbbbb" />
            {tMark > 0 && <line x1={(tMark - 0.5) * (W / T)} x2={(tMark - 0.5) * (W / T)} y1={0} y2={H} stroke="#333333" strokeDasharray="2 2" />}
          </svg>
        </div>
      </div>
    </figure>
  );
});

/** The chart as a table: each mode's (digit's) share now and the last generation that covered it. */
export function ModeTable({ record }: { record: RunView }) {
  const shares = record.modeShares;
  const { count: K, labels } = rowsOf(record);
  const words = wordsOf(record);
  return (
    <table data-testid="survival-table">
      <caption>
        {words.share} ≥ {COVERED_SHARE}
      </caption>
      <thead>
        <tr>
          <th scope="col">{words.row}</th>
          <th scope="col">share at t = {shares.length}</th>
          <th scope="col">last generation {words.verb}</th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: K }, (_, k) => {
          let last = 0;
          shares.forEach((s, i) => {
            if (s[k] >= COVERED_SHARE) last = i + 1;
          });
          return (
            <tr key={k}>
              <th scope="row">{labels ? labels[k] : k + 1}</th>
              <td>{shares.length > 0 ? shares[shares.length - 1][k].toFixed(2) : '–'}</td>
              <td>{last || 'never'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
