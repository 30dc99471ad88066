/**
 * Two to four loop configurations side by side, with the same seed and shared axes: each run
 * overrides a few fields of the settings above (its loop, λ, n_r, …).
 */
import { domainOf } from '../../spec/domains';
import { LOOPS, type LoopKind, type Spec, type SpecKey, specFields } from '../../spec/schema';
import { MAX_RUNS, type RunOverrides } from '../lab-state';
import { runColour } from '../charts/palette';
import { OPTION_LABELS } from './option-labels';
import { SpecField } from './SpecField';

interface Props {
  base: Spec;
  runs: RunOverrides[];
  labels: string[];
  /** Flags of controls a teacher hid; hidden here too. */
  hidden: string[];
  onChange: (runs: RunOverrides[]) => void;
}

/** Fields a run can set for itself from this editor; presets may set others, shown as chips. */
const EDITABLE: SpecKey[] = ['loop', 'lambda', 'nReal'];

export function CompareEditor({ base, runs, labels, hidden, onChange }: Props) {
  const set = (i: number, patch: RunOverrides) => onChange(runs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const drop = (i: number, key: SpecKey) =>
    onChange(runs.map((r, j) => (j === i ? (Object.fromEntries(Object.entries(r).filter(([k]) => k !== key)) as RunOverrides) : r)));
  const nextLoop = (): LoopKind => LOOPS.find((l) => !runs.some((r) => (r.loop ?? base.loop) === l)) ?? base.loop;
  return (
    <div className="compare" data-testid="compare">
      <p className="help">Each run uses the settings above, except what it sets here. Same seed, shared axes.</p>
      <ol>
        {runs.map((run, i) => (
          <li key={i} className="compare-run" style={{ borderColor: runColour(i) }}>
            <div className="compare-head">
              <span className="swatch" style={{ background: runColour(i) }} aria-hidden="true" />
              <strong>Run {i + 1}</strong> <span className="run-label">{labels[i]}</span>
              {runs.length > 1 && (
                <button type="button" className="small" aria-label={`Remove run ${i + 1}`} onClick={() => onChange(runs.filter((_, j) => j !== i))}>
                  Remove
                </button>
              )}
            </div>
            {EDITABLE.filter((key) => !hidden.includes(specFields[key].flag)).map((key) => (
              <div key={key} className="override">
                <SpecField fieldKey={key} value={run[key] ?? base[key]} domain={domainOf(base.data)} onCommit={(value) => set(i, { [key]: value })} />
                {key in run && (
                  <button type="button" className="small" aria-label={`Run ${i + 1}: use the common ${specFields[key].label}`} onClick={() => drop(i, key)}>
                    use common
                  </button>
                )}
              </div>
            ))}
            {(Object.keys(run) as SpecKey[])
              .filter((k) => !EDITABLE.includes(k))
              .map((k) => (
                <span key={k} className="chip">
                  {specFields[k].label} = {OPTION_LABELS[k]?.[String(run[k])] ?? String(run[k])}
                  <button type="button" className="small" aria-label={`Run ${i + 1}: use the common ${specFields[k].label}`} onClick={() => drop(i, k)}>
                    ×
                  </button>
                </span>
              ))}
          </li>
        ))}
      </ol>
      <div className="buttons">
        <button type="button" disabled={runs.length >= MAX_RUNS} onClick={() => onChange([...runs, { loop: nextLoop() }])}>
          Add a run
        </button>
        <button type="button" onClick={() => onChange(LOOPS.map((loop) => ({ loop })))} title="Fully synthetic, augmentation, fresh and accumulate side by side">
          All four loops
        </button>
        {runs.length > 1 && (
          <button type="button" onClick={() => onChange([runs[0]])}>
            Single run
          </button>
        )}
      </div>
    </div>
  );
}
