/** The numbers of the hovered or focused cell, in words a student can follow, and the way into its run. */
import type { LoopKind } from '../../spec/schema';
import { isWordCell } from '../../engine/admissibility/sweep';
import { formatNumber } from '../charts/format';
import { criterionNotes } from './criterion-notes';
import { cellName, formatBounded, VERDICT_WORDS } from './sweep-labels';
import type { SweepProgress } from './sweep-pool';

/** What n_e is compared with, per loop (the engine's realReference). */
const REFERENCE: Record<LoopKind, string> = {
  fresh: 'n_r, the fresh real samples per generation',
  'fully-synthetic': 'n_ini, the real samples of generation 1',
  augmentation: 'n_ini, the fixed real set',
  accumulate: 'every real sample pooled by generation T',
};

interface Props {
  progress: SweepProgress;
  index: number | null;
  onOpen: (index: number) => void;
}

export function CellDetails({ progress, index, onOpen }: Props) {
  const { sweep, cells, results } = progress;
  if (index === null)
    return (
      <aside className="cell-details" aria-live="polite" data-testid="cell-details">
        <p className="help">Point at a cell, or tab to the diagram and use the arrow keys, to see its numbers. Click it, or press Enter, to open that run in the lab.</p>
      </aside>
    );
  const cell = cells[index];
  const r = results[index];
  const f = (x: number) => formatNumber(Number(x.toPrecision(3)));
  const share = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
  const notes = criterionNotes(cell.spec);
  return (
    <aside className="cell-details" aria-live="polite" data-testid="cell-details">
      <h3>{cellName(cell, sweep.x.field, sweep.y.field)}</h3>
      {r ? (
        <dl>
          <dt>n_e, the real-only equivalent</dt>
          <dd>
            {formatBounded(r.nE)} real samples, against {r.reference} ({REFERENCE[cell.spec.loop]})
          </dd>
          <dt>n_e / n_r</dt>
          <dd>
            <strong>{formatBounded(r.ratio)}</strong> (95% interval {formatBounded(r.interval[0])} to {formatBounded(r.interval[1])})
          </dd>
          <dt>verdict</dt>
          <dd className={`verdict-${r.verdict}`}>{VERDICT_WORDS[r.verdict]}</dd>
          {notes.length > 0 && (
            <>
              <dt>what the verdict measures here</dt>
              {notes.map((note) => (
                <dd key={note} data-testid="cell-criterion">
                  {note}
                </dd>
              ))}
            </>
          )}
          {isWordCell(r) ? (
            <>
              <dt>long-run total variation to the real words (TV)</dt>
              <dd>
                {f(r.limit.tv.mean)} ± {Number(r.limit.tv.se.toPrecision(2))} (standard error), the mean over generations {r.limit.window.from}–{r.limit.window.to}
              </dd>
              <dt>at the last generation, T = {cell.spec.generations}</dt>
              <dd>
                TV {f(r.finalTv)}, words it can still produce {f(r.finalAlive)} of {cell.spec.vocabulary}, rare-word mass kept {share(r.finalTailMass)}
              </dd>
            </>
          ) : (
            <>
              <dt>long-run Fréchet distance</dt>
              <dd>
                {f(r.limit.fd.mean)} ± {Number(r.limit.fd.se.toPrecision(2))} (standard error), the mean over generations {r.limit.window.from}–{r.limit.window.to}
              </dd>
              <dt>at the last generation, T = {cell.spec.generations}</dt>
              <dd>
                FD {f(r.finalFd)}, precision {share(r.finalPrecision)}, recall {share(r.finalRecall)}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p className="help">Not computed yet.</p>
      )}
      <button type="button" className="primary" data-testid="open-cell" onClick={() => onOpen(index)}>
        Open this run in the lab
      </button>
    </aside>
  );
}
