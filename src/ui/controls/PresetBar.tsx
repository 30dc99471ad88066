/** The teaching scenarios as buttons, and the active one's explanation and finding. */
import { PRESETS, type Preset, presetById } from '../presets';

interface Props {
  active: string | null;
  onPick: (preset: Preset) => void;
}

export function PresetBar({ active, onPick }: Props) {
  const preset = presetById(active);
  return (
    <section className="presets" aria-labelledby="presets-title">
      <h2 id="presets-title" className="visually-hidden">Scenarios</h2>
      <div className="preset-buttons">
        <span className="preset-lead" aria-hidden="true">
          Scenarios:
        </span>
        {PRESETS.map((p) => (
          <button key={p.id} type="button" data-testid={`preset-${p.id}`} aria-pressed={p.id === active} onClick={() => onPick(p)}>
            {p.title}
          </button>
        ))}
      </div>
      {preset && (
        <div className="preset-text" data-testid="preset-text">
          <p>{preset.explanation}</p>
          <p className="finding">
            <strong>The paper’s finding:</strong> {preset.finding}
          </p>
        </div>
      )}
    </section>
  );
}
