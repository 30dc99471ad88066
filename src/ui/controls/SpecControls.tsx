/**
 * The experiment's settings in the paper's vocabulary, generated from the schema, in two parts: the
 * loop a visitor moves most (the loop, the real : synthetic mix, n_ini, λ) and everything else,
 * grouped as the loop is built (real data, learner, the filter of synthetic data, network, run). A field with no effect in this
 * spec is not shown; a field that the compared runs set individually is disabled here with a
 * pointer to the compare section.
 */
import { DATA_KINDS, domainOf } from '../../spec/domains';
import { learnersWhere } from '../../spec/learners';
import { LOOPS, type LoopKind, type Spec, type SpecKey, fieldApplies, specFields } from '../../spec/schema';
import { type RunOverrides, overriddenKeys } from '../lab-state';
import { SpecField } from './SpecField';
import { OPTION_LABELS } from './option-labels';
import { runColour } from '../charts/palette';

/** The loop's own settings, shown first and always open. */
export const LOOP_KEYS: SpecKey[] = ['loop', 'nReal', 'nSyn', 'nIni', 'lambda'];

const GROUPS: { title: string; keys: SpecKey[] }[] = [
  { title: 'Real data', keys: ['data', 'dim'] },
  { title: 'Learner', keys: ['learner', 'components', 'estimator', 'bandwidth'] },
  { title: 'Curation, verification and correction of synthetic data', keys: ['curationK', 'curationBeta', 'targetX', 'targetY', 'targetClass', 'targetWords', 'verifier', 'verifierAccuracy', 'correction'] },
  { title: 'Models feeding each other', keys: ['models', 'exchange', 'mixing', 'web', 'otherLambdas'] },
  { title: 'Neural network', keys: ['epochs', 'hidden', 'layers', 'steps', 'learningRate', 'batchSize', 'latentDim', 'diffusionSteps', 'warmStart'] },
  { title: 'Run', keys: ['generations', 'replicates', 'seed', 'nEval'] },
];

interface Props {
  base: Spec;
  runs: RunOverrides[];
  hidden: string[];
  onChange: (patch: Partial<Spec>) => void;
  /** Shown under the data field: the point-set input. */
  dataExtra: React.ReactNode;
  /** Whether MNIST is offered (the explorer's sweeps run the closed-form learners only). */
  digits?: boolean;
  /** 'loop': the loop, its mix of real and synthetic data and λ; 'rest': every other group; 'all' (default): both. */
  part?: 'loop' | 'rest' | 'all';
  /** Sets a compared run's own loop, where the runs set theirs: each run then gets its menu here. */
  onRun?: (index: number, patch: RunOverrides) => void;
}

export function SpecControls({ base, runs, hidden, onChange, dataExtra, digits = true, part = 'all', onRun }: Props) {
  const overridden = overriddenKeys(runs);
  const isHidden = (key: SpecKey) => hidden.includes(specFields[key].flag);
  // A field applies if it matters for the base spec or for any compared run.
  const applies = (key: SpecKey) => [base, ...runs.map((r) => ({ ...base, ...r }))].some((s) => fieldApplies(key, s));
  const mixApplies = !overridden.has('nReal') && !overridden.has('nSyn') && applies('nReal') && !isHidden('nReal') && !isHidden('nSyn');

  const field = (key: SpecKey) => {
    if (isHidden(key) || (!overridden.has(key) && !applies(key))) return null;
    return (
      <SpecField
        key={key}
        fieldKey={key}
        value={base[key]}
        domain={domainOf(base.data)}
        note={overridden.has(key) ? 'Set per run in Compare below.' : null}
        hideOptions={hiddenOptions(key, base, digits)}
        onCommit={(value) => onChange({ [key]: value } as Partial<Spec>)}
        extra={key === 'data' ? dataExtra : key === 'seed' ? <NewSeed onSeed={(seed) => onChange({ seed })} /> : null}
      />
    );
  };

  return (
    <div className={`spec-controls spec-controls-${part}`}>
      {part !== 'rest' && (
        <fieldset className="loop-controls">
          <legend>The loop</legend>
          {overridden.has('loop') && onRun && !isHidden('loop') ? <RunLoops base={base} runs={runs} onRun={onRun} /> : field('loop')}
          {mixApplies && <Mix base={base} onChange={onChange} />}
          {LOOP_KEYS.filter((k) => k !== 'loop').map(field)}
        </fieldset>
      )}
      {part !== 'loop' &&
        GROUPS.map((g) => {
          // A group with no field that matters here (the network's, for a mixture) is not shown.
          const shown = g.keys.map(field).filter(Boolean);
          return (
            shown.length > 0 && (
              <fieldset key={g.title}>
                <legend>{g.title}</legend>
                {shown}
              </fieldset>
            )
          );
        })}
    </div>
  );
}

/**
 * Menu options that cannot be picked: points need drawing first (the data input does that), and
 * the learners offered are those of the data's domain (spec/learners.ts).
 */
function hiddenOptions(key: SpecKey, base: Spec, digits: boolean): string[] {
  if (key === 'data') return ['points', ...(digits ? [] : DATA_KINDS.filter((d) => domainOf(d) === 'digits'))];
  if (key === 'learner') return learnersWhere((e) => e.domain !== domainOf(base.data));
  return [];
}

function NewSeed({ onSeed }: { onSeed: (seed: number) => void }) {
  return (
    <button type="button" className="small" onClick={() => onSeed(Math.floor(Math.random() * 1_000_000))}>
      New seed
    </button>
  );
}

/** One loop menu per compared run, in the run's colour: the comparison the page is about. */
function RunLoops({ base, runs, onRun }: { base: Spec; runs: RunOverrides[]; onRun: (index: number, patch: RunOverrides) => void }) {
  return (
    <div className="field run-loops" data-field="run-loops">
      <span className="field-title">{specFields.loop.label} of each run</span>
      {runs.map((run, i) => (
        <label key={i} className="run-loop">
          <span className="swatch" style={{ background: runColour(i) }} aria-hidden="true" /> Run {i + 1}
          <select value={run.loop ?? base.loop} onChange={(e) => onRun(i, { loop: e.target.value as LoopKind })}>
            {LOOPS.map((l) => (
              <option key={l} value={l}>
                {OPTION_LABELS.loop?.[l] ?? l}
              </option>
            ))}
          </select>
        </label>
      ))}
      <small className="help">{specFields.loop.help}</small>
    </div>
  );
}

/**
 * The real : synthetic mix of each generation's training set, p = n_r / (n_r + n_s) at a fixed
 * total (the paper's "real data are a fraction p of the pool", §5): the control that decides
 * between collapse and a steady state.
 */
function Mix({ base, onChange }: { base: Spec; onChange: (patch: Partial<Spec>) => void }) {
  const n = base.nReal + base.nSyn;
  const p = n > 0 ? base.nReal / n : 0;
  const set = (fraction: number) => {
    const nReal = Math.round(n * fraction);
    onChange({ nReal, nSyn: n - nReal });
  };
  return (
    <div className="field mix" data-field="mix">
      <label htmlFor="mix-p">
        Real : synthetic mix <span className="mix-value">{Math.round(100 * p)}% real</span>
      </label>
      <div className="mix-row">
        <span aria-hidden="true">synthetic</span>
        <input id="mix-p" type="range" min={0} max={1} step={0.05} value={p} disabled={n === 0} aria-valuetext={`${Math.round(100 * p)}% real: n_r = ${base.nReal}, n_s = ${base.nSyn}`} onChange={(e) => set(Number(e.target.value))} />
        <span aria-hidden="true">real</span>
      </div>
      <small className="help">
        Each generation after the first learns from n_r = {base.nReal} new real and n_s = {base.nSyn} synthetic samples (total {n} kept).
      </small>
    </div>
  );
}
