/**
 * Which modes of a mixture, or which digit classes of MNIST, survive generation by generation:
 * one row per mode of P_r (per digit 0..9, by LeNet's labels), one column per generation, filled
 * where replicate 1's model (the engine's replicate 0) still covers it (at least COVERED_SHARE of
 * its fair share of samples: within 3σ of the mode, or labelled as the digit), darker the closer
 * the share is to fair.
 */
import { memo, useLayoutEffect, useRef } from 'react';
import { COVERED_SHARE } from '../../results/metrics';
import { DIGIT_CLASSES, type RunView, runDomain } from '../../results/run-view';
import { rgb } from './palette';

const W = 640;
const ROW = 10;
/**
 * Row height on screen: compact for the modes, so both runs of a comparison fit on one screen;
 * tall enough for a readable label beside each of the ten digit rows.
 */
const CSS_ROW_PX = { modes: 7, digits: 16 };

/** The rows of the chart: K unlabelled modes, or the ten digit classes. */
function rowsOf(record: RunView): { count: number; digits: boolean } {
  if (runDomain(record).survival === 'classes') return { count: DIGIT_CLASSES, digits: true };
  return { count: record.modes ? record.modes.centers.length / 2 : 0, digits: false };
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
  const { count: K, digits } = rowsOf(record);
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
  const rowPx = digits ? CSS_ROW_PX.digits : CSS_ROW_PX.modes;
  return (
    <figure className="mode-survival" data-export-block data-testid="mode-survival">
      <figcaption data-export-text>
        {digits ? 'Digit classes produced by Gᵗ (LeNet labels, replicate 1)' : 'Modes of P_r covered by Gᵗ (replicate 1)'}: {alive} of {K} at t = {at}
      </figcaption>
      <div className="survival-rows">
        {digits && (
          <ol className="row-labels" aria-hidden="true" style={{ gridAutoRows: `${rowPx}px` }} data-testid="class-labels">
            {Array.from({ length: K }, (_, k) => (
              <li key={k} data-export-text>
                {k}
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
            aria-label={digits ? `digit classes: ${alive} of ${K} produced at generation ${shares.length}` : `mode survival: ${alive} of ${K} modes covered at generation ${shares.length}`}
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
  const { count: K, digits } = rowsOf(record);
  return (
    <table data-testid="survival-table">
      <caption>
        {digits
          ? `Share of the fair number of samples per digit class (LeNet labels, replicate 1); produced at ≥ ${COVERED_SHARE}`
          : `Share of the fair number of samples per mode (replicate 1); covered at ≥ ${COVERED_SHARE}`}
      </caption>
      <thead>
        <tr>
          <th scope="col">{digits ? 'digit' : 'mode'}</th>
          <th scope="col">share at t = {shares.length}</th>
          <th scope="col">last generation {digits ? 'produced' : 'covered'}</th>
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
              <th scope="row">{digits ? k : k + 1}</th>
              <td>{shares.length > 0 ? shares[shares.length - 1][k].toFixed(2) : '–'}</td>
              <td>{last || 'never'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
