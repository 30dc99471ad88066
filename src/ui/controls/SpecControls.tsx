/**
 * The experiment's settings in the paper's vocabulary, grouped as the loop is built: the real
 * distribution, the learner (and its network, for the neural learners), the loop and its sample
 * sizes, the run. Generated from the schema; a field with no effect in this spec is disabled with
 * the reason, and a field that the compared runs set individually is disabled here with a pointer
 * to the compare section.
 */
import { useState } from 'react';
import { DIGIT_LEARNERS, type Field, LEARNERS, type Spec, type SpecKey, fieldApplies, isDigitLearner, isNeural, specFields } from '../../engine/spec/schema';
import { type RunOverrides, overriddenKeys } from '../lab-state';
import { type SliderRange, SpecField } from './SpecField';

const SLIDERS: Partial<Record<SpecKey, SliderRange>> = {
  nIni: { min: 10, max: 1000, step: 10 },
  nReal: { min: 0, max: 1000, step: 10 },
  nSyn: { min: 0, max: 1000, step: 10 },
  lambda: { min: 0.05, max: 1, step: 0.05 },
  components: { min: 1, max: 30, step: 1 },
  bandwidth: { min: 0.1, max: 3, step: 0.1 },
  hidden: { min: 4, max: 128, step: 4 },
  steps: { min: 50, max: 5000, step: 50 },
};

const GROUPS: { title: string; keys: SpecKey[]; neuralOnly?: boolean }[] = [
  { title: 'Real data', keys: ['data', 'dim'] },
  { title: 'Learner', keys: ['learner', 'components', 'estimator', 'bandwidth'] },
  // Settings that matter only for the neural learners: shown only when a run uses one.
  { title: 'Neural network', keys: ['epochs', 'hidden', 'layers', 'steps', 'learningRate', 'batchSize', 'latentDim', 'diffusionSteps', 'warmStart'], neuralOnly: true },
  { title: 'Loop', keys: ['loop', 'nIni', 'nReal', 'nSyn', 'lambda'] },
  { title: 'Run', keys: ['generations', 'replicates', 'seed', 'nEval'] },
];

interface Props {
  base: Spec;
  runs: RunOverrides[];
  hidden: string[];
  onChange: (patch: Partial<Spec>) => void;
  /** Shown under the data field: what a switch of data kind changed, and the point-set input. */
  dataExtra: React.ReactNode;
  /** Whether MNIST is offered (the explorer's sweeps run the closed-form learners only). */
  digits?: boolean;
}

function whenText(key: SpecKey): string {
  const when = (specFields[key] as Field).appliesWhen ?? {};
  return Object.entries(when)
    .map(([k, v]) => `${k} = ${(v as readonly string[]).join(' or ')}`)
    .join(', ');
}

export function SpecControls({ base, runs, hidden, onChange, dataExtra, digits = true }: Props) {
  const [mixByFraction, setMixByFraction] = useState(false);
  const overridden = overriddenKeys(runs);
  const isHidden = (key: SpecKey) => hidden.includes(specFields[key].flag);
  const noteFor = (key: SpecKey): string | null => {
    if (overridden.has(key)) return 'Set per run in Compare below.';
    // A field applies if it matters for the base spec or for any compared run.
    const applies = [base, ...runs.map((r) => ({ ...base, ...r }))].some((s) => fieldApplies(key, s));
    return applies ? null : `No effect unless ${whenText(key)}.`;
  };
  const mixApplies = !overridden.has('nReal') && !overridden.has('nSyn') && noteFor('nReal') === null;
  const neural = [base, ...runs.map((r) => ({ ...base, ...r }))].some((s) => isNeural(s.learner));

  const field = (key: SpecKey) => {
    if (isHidden(key)) return null;
    if (mixByFraction && mixApplies && (key === 'nReal' || key === 'nSyn')) return key === 'nReal' ? <MixByFraction key="mix" base={base} onChange={onChange} /> : null;
    return (
      <SpecField
        key={key}
        fieldKey={key}
        value={base[key]}
        note={noteFor(key)}
        slider={SLIDERS[key]}
        hideOptions={hiddenOptions(key, base, digits)}
        onCommit={(value) => onChange({ [key]: value } as Partial<Spec>)}
        extra={key === 'data' ? dataExtra : key === 'seed' ? <NewSeed onSeed={(seed) => onChange({ seed })} /> : null}
      />
    );
  };

  return (
    <div className="spec-controls">
      {GROUPS.filter((g) => neural || !g.neuralOnly).map((g) => (
        <fieldset key={g.title}>
          <legend>{g.title}</legend>
          {g.keys.map(field)}
          {g.title === 'Loop' && mixApplies && !isHidden('nReal') && !isHidden('nSyn') && (
            <label className="inline-check">
              <input type="checkbox" checked={mixByFraction} onChange={(e) => setMixByFraction(e.target.checked)} /> set as total n and real fraction p
            </label>
          )}
        </fieldset>
      ))}
    </div>
  );
}

/**
 * Menu options that cannot be picked: points need drawing first (the data input does that), and
 * the learners offered are those of the data kind (digit generators for MNIST, the others for points).
 */
function hiddenOptions(key: SpecKey, base: Spec, digits: boolean): string[] {
  if (key === 'data') return digits ? ['points'] : ['points', 'mnist'];
  if (key === 'learner') return base.data === 'mnist' ? LEARNERS.filter((l) => !isDigitLearner(l)) : [...DIGIT_LEARNERS];
  return [];
}

function NewSeed({ onSeed }: { onSeed: (seed: number) => void }) {
  return (
    <button type="button" className="small" onClick={() => onSeed(Math.floor(Math.random() * 1_000_000))}>
      New seed
    </button>
  );
}

/** n = n_r + n_s and p = n_r / n, the paper's "real data are a fraction p of the pool" (§5). */
function MixByFraction({ base, onChange }: { base: Spec; onChange: (patch: Partial<Spec>) => void }) {
  const n = base.nReal + base.nSyn;
  const p = n > 0 ? base.nReal / n : 0;
  const set = (total: number, fraction: number) => {
    const nReal = Math.round(total * fraction);
    onChange({ nReal, nSyn: total - nReal });
  };
  return (
    <div className="field" data-field="mix">
      <label htmlFor="mix-n">total n = n_r + n_s: {n}</label>
      <input id="mix-n" type="range" min={10} max={2000} step={10} value={n} onChange={(e) => set(Number(e.target.value), p)} />
      <label htmlFor="mix-p">real fraction p = n_r / n: {p.toFixed(2)}</label>
      <input id="mix-p" type="range" min={0} max={1} step={0.05} value={p} onChange={(e) => set(n, Number(e.target.value))} />
      <small className="help">
        n_r = {base.nReal} fresh real and n_s = {base.nSyn} synthetic samples per generation.
      </small>
    </div>
  );
}
