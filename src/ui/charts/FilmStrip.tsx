/**
 * The film strip of one run: the real data, then G^t at generations spread evenly from 1 to the
 * scrubbed generation, so moving the scrubber replays the whole history of the loop.
 */
import type { RunRecord } from '../runs/run-record';
import { snapshotAt } from '../runs/run-record';
import { REAL_COLOUR } from '../palette';
import { FilmPanel } from './FilmPanel';

export const FRAMES = 4;

/** Generations shown for a strip ending at t: 1, …, t, evenly spaced, without repeats. */
export function frameGenerations(t: number): number[] {
  const out = new Set<number>();
  for (let i = 0; i < FRAMES; i++) out.add(Math.max(1, Math.round(1 + ((t - 1) * i) / (FRAMES - 1))));
  return [...out].filter((g) => g <= t);
}

export function FilmStrip({ record, t, pointRadius }: { record: RunRecord; t: number; pointRadius: number }) {
  const { view, real, modes } = record;
  if (!view) return <p className="placeholder">{record.source === 'document' ? 'A loaded run has metrics only: reset to compute it here and see its samples.' : 'Starting…'}</p>;
  const frames = t > 0 ? frameGenerations(t).map((g) => snapshotAt(record.snapshots, g)) : [];
  return (
    <div className="film-strip" data-testid="film-strip" data-t={t}>
      <FilmPanel title="real data P_r" points={real} density={null} view={view} colour={REAL_COLOUR} modes={modes} model={false} pointRadius={pointRadius} />
      {frames.map((snap, i) =>
        snap ? (
          <FilmPanel key={i} title={`t = ${snap.t}`} points={snap.samples} density={snap.density} view={view} colour={record.colour} modes={modes} model pointRadius={pointRadius} />
        ) : null,
      )}
    </div>
  );
}
