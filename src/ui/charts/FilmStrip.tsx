/**
 * The film strip of one run: the real data, then G^t at generations spread evenly from 1 to the
 * scrubbed generation, so moving the scrubber replays the whole history of the loop. Points are
 * drawn as clouds with density contours, 1-D data as histograms against the real density; MNIST
 * runs show grids of digits instead.
 */
import { type RunView, frameAt, runDomain } from '../../results/run-view';
import { REAL_COLOUR } from './palette';
import { DigitPanel } from './DigitPanel';
import { FilmPanel } from './FilmPanel';
import { HistogramPanel } from './HistogramPanel';
import { TextPanel } from './TextPanel';
import { useWordData } from './use-word-data';

/** Generations after the real panel: early, midway and the one shown. */
export const FRAMES = 3;

/** Generations shown for a strip ending at t: 1, …, t, evenly spaced, without repeats. */
export function frameGenerations(t: number): number[] {
  const out = new Set<number>();
  for (let i = 0; i < FRAMES; i++) out.add(Math.max(1, Math.round(1 + ((t - 1) * i) / (FRAMES - 1))));
  return [...out].filter((g) => g <= t);
}

export const REAL_DIGITS_TITLE = 'real digits (training split)';

function placeholder(record: RunView, digits: boolean) {
  if (record.source === 'document') return 'A loaded run has metrics only: reset to compute it here and see its samples.';
  return digits ? 'Loading MNIST and the LeNet classifier…' : 'Starting…';
}

export function FilmStrip({ record, t, pointRadius }: { record: RunView; t: number; pointRadius: number }) {
  const { view, real, line, modes, realDigits } = record;
  const digits = runDomain(record).panel === 'digits';
  const target = record.spec.curationK > 1 ? ([record.spec.targetX, record.spec.targetY] as const) : null;
  const wordsReady = useWordData(record.spec.data);
  if (digits ? !realDigits : !view) return <p className="placeholder">{placeholder(record, digits)}</p>;
  const frames = t > 0 ? frameGenerations(t).map((g) => frameAt(record.frames, g)) : [];
  if (runDomain(record).panel === 'text') {
    const { data, vocabulary, zipfBeta } = record.spec;
    const favourites = record.spec.curationK > 1 ? record.spec.targetWords : null;
    if (!wordsReady) return <p className="placeholder">Loading the English words…</p>;
    return (
      <div className="film-strip" data-testid="film-strip" data-t={t}>
        <TextPanel title="real words" data={data} vocabulary={vocabulary} beta={zipfBeta} probabilities={null} sample={real} colour={REAL_COLOUR} model={false} target={favourites} />
        {frames.map((snap, i) =>
          snap?.text ? <TextPanel key={i} title={`t = ${snap.t}`} data={data} vocabulary={vocabulary} beta={zipfBeta} probabilities={snap.text.probabilities} sample={snap.text.sample} colour={record.colour} model target={favourites} /> : null,
        )}
      </div>
    );
  }
  return (
    <div className="film-strip" data-testid="film-strip" data-t={t}>
      {digits ? (
        <DigitPanel title={REAL_DIGITS_TITLE} images={realDigits} what="real handwritten digits from the MNIST training split" model={false} />
      ) : line ? (
        <HistogramPanel title="real P_r" points={real} view={view!} real={line} colour={REAL_COLOUR} model={false} />
      ) : (
        <FilmPanel title="real P_r" points={real} density={null} view={view!} colour={REAL_COLOUR} modes={modes} target={target} model={false} pointRadius={pointRadius} />
      )}
      {frames.map((snap, i) =>
        !snap ? null : digits ? (
          <DigitPanel key={i} title={`t = ${snap.t}`} images={snap.digits} what={`digits sampled from the model of generation ${snap.t} (replicate 1)`} model />
        ) : line ? (
          <HistogramPanel key={i} title={`t = ${snap.t}`} points={snap.samples} view={view!} real={line} colour={record.colour} model />
        ) : (
          <FilmPanel key={i} title={`t = ${snap.t}`} points={snap.samples} density={snap.density} view={view!} colour={record.colour} modes={modes} target={target} model pointRadius={pointRadius} />
        ),
      )}
    </div>
  );
}
