/** Play, pause, step, reset, speed, and the scrubber over generations shown by the charts. */
import { SPEEDS, type Speed } from '../lab-state';

interface Props {
  paused: boolean;
  /** Every run has finished: the main button runs them again. */
  finished: boolean;
  onPlay: () => void;
  onPause: () => void;
  onStep: () => void;
  onReset: () => void;
  speed: Speed;
  onSpeed: (speed: Speed) => void;
  /** Latest generation computed by any run, and the one shown (null: follow the latest). */
  latest: number;
  scrub: number | null;
  onScrub: (t: number | null) => void;
  /** Embeds: the buttons and the scrubber only. */
  compact?: boolean;
}

const SPEED_LABELS: Record<Speed, string> = { slow: 'slow', normal: 'normal', fast: 'fast', max: 'as fast as possible' };

export function Transport({ paused, finished, onPlay, onPause, onStep, onReset, speed, onSpeed, latest, scrub, onScrub, compact = false }: Props) {
  const shown = scrub ?? latest;
  return (
    <div className="transport" role="group" aria-label="Run controls">
      <div className="buttons">
        <button type="button" className="primary" data-testid="play-pause" aria-keyshortcuts="Space" onClick={finished ? onReset : paused ? onPlay : onPause}>
          {finished ? '↻ Run again' : paused ? '▶ Play' : '❚❚ Pause'}
        </button>
        <button type="button" data-testid="step" aria-keyshortcuts="." onClick={onStep} title="Compute one more generation of every run">
          Step
        </button>
        <button type="button" data-testid="reset" aria-keyshortcuts="r" onClick={onReset} title="Restart every run from t = 1 with the same seed">
          Reset
        </button>
        {!compact && (
          <label className="speed">
            Speed{' '}
            <select value={speed} data-testid="speed" onChange={(e) => onSpeed(e.target.value as Speed)}>
              {(Object.keys(SPEEDS) as Speed[]).map((s) => (
                <option key={s} value={s}>
                  {SPEED_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="scrubber">
        <label htmlFor="scrubber">
          Show generation <output data-testid="scrub-t">{shown}</output>
        </label>
        <input
          id="scrubber"
          data-testid="scrubber"
          type="range"
          min={1}
          max={Math.max(1, latest)}
          value={Math.max(1, shown)}
          disabled={latest < 2}
          aria-valuetext={`generation ${shown} of ${latest}`}
          onChange={(e) => {
            const t = Number(e.target.value);
            onScrub(t >= latest ? null : t);
          }}
        />
        {!compact && (
          <label className="inline-check">
            <input type="checkbox" checked={scrub === null} onChange={(e) => onScrub(e.target.checked ? null : latest)} /> follow latest
          </label>
        )}
      </div>
    </div>
  );
}
