/**
 * Everything that follows the running sweep: status, heatmap, the active cell's numbers, the
 * findings row by row, and the files. The only part of the explorer redrawn as cells stream in
 * (once per animation frame), so the settings beside it are left alone.
 */
import { useEffect, useState } from 'react';
import { momentsApply } from '../../engine/admissibility/moment-replicate';
import { ChartCard } from '../charts/ChartCard';
import { CellDetails } from './CellDetails';
import { criterionNotes } from './criterion-notes';
import type { ColourBy, OpenedRun } from './explorer-state';
import { Heatmap } from './Heatmap';
import { colouring } from './heatmap-colours';
import { OpenedCell, withReference } from './OpenedCell';
import { progressResult } from './sweep-export';
import { rowFindings } from './sweep-findings';
import { SweepFiles } from './SweepFiles';
import { axisSymbol } from './sweep-labels';
import { type SweepPool, cacheSweepResult } from './sweep-pool';
import { SweepStatus } from './SweepStatus';
import { SweepTable } from './SweepTable';
import { useProgress } from './use-sweep';
import type { SweepResult } from '../../engine/admissibility/sweep';

interface Props {
  pool: SweepPool;
  colour: ColourBy;
  onOpen: (run: OpenedRun) => void;
  /** A sweep loaded from a file, already in the cache. */
  onLoaded: (result: SweepResult) => void;
}

export function SweepResults({ pool, colour, onOpen, onLoaded }: Props) {
  const progress = useProgress(pool);
  const [active, setActive] = useState<number | null>(null);
  const sweep = progress?.sweep;
  useEffect(() => setActive(null), [sweep]);
  if (!progress || !sweep) return null;

  const scheme = colouring(
    colour,
    progress.results.filter((r) => r !== undefined),
  );
  const open = (index: number) => {
    const cell = progress.cells[index];
    const origin = { cell, result: progress.results[index] ?? null, sweep };
    onOpen({
      base: cell.spec,
      runs: withReference(cell) ? [{}, { nSyn: 0 }] : [{}],
      note: (back) => <OpenedCell origin={origin} onBack={back} />,
    });
  };
  const findings = rowFindings(progress);
  const byMoments = progress.cells.filter((c) => momentsApply(c.spec)).length;
  const help =
    byMoments === progress.cells.length
      ? 'These Gaussian cells are computed through sufficient statistics; the lab reruns a cell sample by sample, so its numbers agree in distribution, not digit for digit.'
      : byMoments === 0
        ? 'The lab reruns it with the same engine and seed.'
        : 'The Gaussian cells without a curator, verifier, corrector or other models are computed through sufficient statistics, the others sample by sample; the lab reruns a cell sample by sample, so the first agree with it in distribution, not digit for digit.';
  // Said once over the sweep as well as per cell: the colours mean less than they seem in these cells.
  const notes = [...new Set(progress.cells.flatMap((c) => criterionNotes(c.spec)))];

  return (
    <>
      <SweepStatus progress={progress} onCancel={() => pool.cancel()} onResume={() => pool.start(sweep)} />
      {notes.length > 0 && (
        <div className="preset-text" data-testid="sweep-criterion">
          <strong>What n_e / n_r measures in some of these cells: </strong>
          {notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
        </div>
      )}
      <div className="explorer-main">
        <ChartCard
          title={`Admissibility over ${axisSymbol(sweep.x.field)} and ${axisSymbol(sweep.y.field)}`}
          name="admissibility-sweep"
          help={`Click a cell, or press Enter on it, to open its run in the lab. ${help}`}
          table={() => <SweepTable progress={progress} scheme={scheme} />}
          testId="sweep-card"
        >
          <Heatmap progress={progress} scheme={scheme} hatched={colour === 'ratio'} active={active} onActive={setActive} onOpen={open} />
        </ChartCard>
        <CellDetails progress={progress} index={active} onOpen={open} />
      </div>
      {findings && (
        <section aria-labelledby="findings-title">
          <h2 id="findings-title">Row by row</h2>
          <ul className="findings" data-testid="sweep-findings">
            {findings.map((f) => (
              <li key={f.row}>
                <strong>{f.row}:</strong> {f.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      <SweepFiles
        result={() => progressResult(progress)}
        ready={progress.done === progress.cells.length}
        onLoad={(result) => {
          cacheSweepResult(result);
          // Started here too: a file of the sweep on screen does not change the explorer's state.
          pool.start(result.sweep);
          onLoaded(result);
        }}
      />
    </>
  );
}
