/** The teaching scenarios as buttons, and the active one's explanation and finding. */
import { PRESETS, type Preset, presetById } from '../presets';

/** 2-D scenarios first, then those on MNIST digits, each group on a line of its own. */
const GROUPS: [string, Preset[]][] = [
  ['Scenarios:', PRESETS.filter((p) => p.base.data !== 'mnist')],
  ['Digits (MNIST):', PRESETS.filter((p) => p.base.data === 'mnist')],
];

interface Props {
  active: string | null;
  onPick: (preset: Preset) => void;
}

export function PresetBar({ active, onPick }: Props) {
  const preset = presetById(active);
  return (
    <section className="presets" aria-labelledby="presets-title">
      <h2 id="presets-title" className="visually-hidden">Scenarios</h2>
      {GROUPS.map(([lead, presets]) => (
        <div key={lead} className="preset-buttons">
          <span className="preset-lead" aria-hidden="true">
            {lead}
          </span>
          {presets.map((p) => (
            <button key={p.id} type="button" data-testid={`preset-${p.id}`} aria-pressed={p.id === active} onClick={() => onPick(p)}>
              {p.title}
            </button>
          ))}
        </div>
      ))}
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
