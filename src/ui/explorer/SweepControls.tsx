/**
 * What to sweep: a preset, the two axes (a field and its values, in the CLI's list or range
 * syntax), what the cells are coloured by, and the base experiment through the lab's own spec
 * controls, minus the swept fields. Every change goes through the engine's checkSweep; one it
 * rejects is not applied and its messages are shown.
 */
import { useEffect, useId, useState } from 'react';
import { AXIS_FIELDS, type AxisField, type Sweep, type SweepAxis, axisFields, checkSweep, defaultSweep } from '../../engine/admissibility/sweep';
import { type DataKind, domainOf } from '../../spec/domains';
import type { Spec } from '../../spec/schema';
import { impliedValues } from '../../spec/validate';
import { SpecControls } from '../controls/SpecControls';
import type { RunOverrides } from '../lab-state';
import { AXIS_STARTS, COLOUR_LABELS, type ColourBy, colourChoices } from './explorer-state';
import { SWEEP_PRESETS } from './explorer-presets';
import { RANGE_FORM } from '../../engine/admissibility/axis-values';
import { axisText, parseAxisText } from '../../spec/codec';
import { axisTitle } from './sweep-labels';

interface Props {
  sweep: Sweep;
  colour: ColourBy;
  onSweep: (sweep: Sweep) => void;
  onColour: (colour: ColourBy) => void;
}

export function SweepControls({ sweep, colour, onSweep, onColour }: Props) {
  const [issues, setIssues] = useState<string[]>([]);
  const apply = (input: { base?: Partial<Spec>; x?: SweepAxis; y?: SweepAxis }) => {
    // Data of another domain (words after points) start from that domain's default sweep: its learner, sizes and axes.
    const data = input.base?.data;
    const from = data !== undefined && domainOf(data) !== domainOf(sweep.base.data) ? defaultSweep(data) : sweep;
    const base = { ...from.base, ...input.base };
    // What a change of data decides itself (the default sweep is 1-D; the ring is 2-D), as in the lab.
    if (input.base?.data) Object.assign(base, impliedValues(base));
    const checked = checkSweep({ base, x: input.x ?? from.x, y: input.y ?? from.y });
    if (checked.ok) {
      setIssues([]);
      onSweep(checked.value);
    } else setIssues(checked.issues.map((i) => i.message));
  };
  const samePreset = (p: (typeof SWEEP_PRESETS)[number]) => JSON.stringify(p.sweep) === JSON.stringify(sweep);
  // The cells at the axes' largest values, as a compared run: the controls that matter only there
  // (β and x* along a K axis, the exchange share along M) are shown, since some cells use them.
  const peak: RunOverrides = Object.fromEntries(
    [sweep.x, sweep.y].filter((a) => a.field !== 'synFraction').map((a) => [a.field, Math.max(...a.values)]),
  );
  const current = SWEEP_PRESETS.find(samePreset);

  return (
    <div className="sweep-controls">
      <fieldset>
        <legend>Start from</legend>
        <div className="preset-buttons">
          {SWEEP_PRESETS.map((p) => (
            <button key={p.id} type="button" aria-pressed={p === current} data-testid={`sweep-preset-${p.id}`} onClick={() => apply(p.sweep)}>
              {p.title}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Axes</legend>
        <AxisEditor which="x" axis={sweep.x} data={sweep.base.data} onApply={(x) => apply({ x })} />
        <AxisEditor which="y" axis={sweep.y} data={sweep.base.data} onApply={(y) => apply({ y })} />
        <button type="button" className="small" onClick={() => apply({ x: sweep.y, y: sweep.x })}>
          Swap rows and columns
        </button>
      </fieldset>
      <fieldset>
        <legend>Colour</legend>
        <div className="field">
          <label htmlFor="sweep-colour">cells show</label>
          <select id="sweep-colour" data-testid="sweep-colour" value={colour} onChange={(e) => onColour(e.target.value as ColourBy)}>
            {colourChoices(sweep).map((c) => (
              <option key={c} value={c}>
                {COLOUR_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      {issues.length > 0 && (
        <div className="notice" role="alert" data-testid="sweep-issues">
          <strong>That change was not applied:</strong>
          <ul>
            {issues.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="help">Every cell runs the experiment below with its two axis values filled in.</p>
      <SpecControls
        base={sweep.base}
        runs={[peak]}
        hidden={[sweep.x.field, sweep.y.field].map((f) => axisFields[f].flag)}
        onChange={(patch) => apply({ base: patch })}
        dataExtra={null}
        digits={false}
      />
    </div>
  );
}

function AxisEditor({ which, axis, data, onApply }: { which: 'x' | 'y'; axis: SweepAxis; data: DataKind; onApply: (axis: SweepAxis) => void }) {
  const id = useId();
  const current = axisText(axis).text;
  const [text, setText] = useState(current);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(current);
    setError(null);
  }, [current]);
  const commit = (field: AxisField, raw: string) => {
    const values = parseAxisText(field, raw);
    if (typeof values === 'string') setError(values);
    else {
      setError(null);
      onApply({ field, values });
    }
  };
  return (
    <div className="field axis-editor" data-field={`${which}-axis`}>
      <label htmlFor={`${id}-field`}>{which === 'x' ? 'columns (x)' : 'rows (y)'}</label>
      <select id={`${id}-field`} value={axis.field} data-testid={`sweep-${which}-field`} onChange={(e) => commit(e.target.value as AxisField, AXIS_STARTS[e.target.value as AxisField])}>
        {AXIS_FIELDS.map((f) => (
          <option key={f} value={f}>
            {axisTitle(f, data)}
          </option>
        ))}
      </select>
      <input
        type="text"
        className="number-box"
        aria-label={`${which === 'x' ? 'column' : 'row'} values`}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        data-testid={`sweep-${which}-values`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text !== current && commit(axis.field, text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(axis.field, text);
          if (e.key === 'Escape') {
            setText(current);
            setError(null);
          }
        }}
      />
      <small id={`${id}-help`} className="help">
        {axis.values.length} values: a list such as 10,100,1000 or a range {RANGE_FORM}
      </small>
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
