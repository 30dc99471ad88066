/** Shown in the lab above a run opened from an explorer cell: which cell, what the second run is, how the numbers relate. */
import { admissibilityDistance } from '../../engine/admissibility/baseline';
import { momentsApply } from '../../engine/admissibility/moment-replicate';
import type { CellResult, Sweep, SweepCell } from '../../engine/admissibility/sweep';
import { cellName, formatBounded, VERDICT_WORDS } from './sweep-labels';

interface CellOrigin {
  cell: SweepCell;
  result: CellResult | null;
  sweep: Sweep;
}

/** Fresh loops open beside their real-only reference: the same loop with n_s = 0, whose distance (FD, or TV for words) is what n_e is read against. */
export function withReference(cell: SweepCell): boolean {
  return cell.spec.loop === 'fresh' && cell.spec.nSyn > 0;
}

export function OpenedCell({ origin, onBack }: { origin: CellOrigin; onBack: () => void }) {
  const { cell, result, sweep } = origin;
  return (
    <div className="preset-text opened-cell" data-testid="opened-cell">
      <p>
        <strong>From the admissibility explorer:</strong> the cell {cellName(cell, sweep.x.field, sweep.y.field)}
        {result && (
          <>
            , where n_e / n_r = {formatBounded(result.ratio)} ({VERDICT_WORDS[result.verdict]})
          </>
        )}
        .
        {withReference(cell) &&
          ` Run 2 is the same loop without synthetic data (n_s = 0): the real-only model n_e is measured against. Compare their ${admissibilityDistance(cell.spec) === 'tv' ? 'total variation to the real words (TV)' : 'Fréchet distance'} over the last generations.`}
      </p>
      <p className="help">
        {momentsApply(cell.spec)
          ? 'The explorer computes the Gaussian learner through its sufficient statistics; the lab reruns the loop sample by sample, with other random draws, so its numbers agree with the cell’s in distribution, not digit for digit.'
          : 'The lab runs the same engine with the same seed: its generations are the ones the cell averaged.'}
      </p>
      <button type="button" className="small" data-testid="back-to-explorer" onClick={onBack}>
        Back to the explorer
      </button>
    </div>
  );
}
