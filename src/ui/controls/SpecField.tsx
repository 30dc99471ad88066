/**
 * One control generated from the spec schema: a select for enums, a number box (committed on
 * Enter or blur, validated by the engine's parser) with an optional slider that commits as it
 * moves. Labels, help and allowed values all come from the schema.
 */
import { type ReactNode, useEffect, useId, useState } from 'react';
import type { DomainKind } from '../../spec/domains';
import { type Field, type SpecKey, describeAllowed, specFields } from '../../spec/schema';
import { parseField } from '../../spec/validate';
import { OPTION_LABELS } from './option-labels';
import { Term } from '../Term';

interface Props {
  fieldKey: SpecKey;
  value: string | number;
  onCommit: (value: string | number) => void;
  /** Why the field has no effect or is set elsewhere; the control is disabled with this note. */
  note?: string | null;
  /** Enum options that cannot be picked from the menu (points need drawing first). */
  hideOptions?: string[];
  extra?: ReactNode;
  /** The domain of the spec's data, for the fields whose plain words differ by domain (λ). */
  domain?: DomainKind;
}

export function SpecField({ fieldKey, value, onCommit, note, hideOptions = [], extra, domain }: Props) {
  const field = specFields[fieldKey] as Field;
  const plain = (domain && field.plainIn?.[domain]) ?? field.plain;
  const slider = field.kind === 'enum' || field.kind === 'list' || field.kind === 'numbers' ? undefined : field.slider;
  const id = useId();
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(String(value));
    setError(null);
  }, [value]);
  const disabled = Boolean(note);
  const describedBy = `${id}-help${error ? ` ${id}-error` : ''}`;

  const commit = (raw: string) => {
    const parsed = parseField(fieldKey, raw);
    if (!parsed.ok) {
      setError(parsed.issues[0].message);
      return;
    }
    setError(null);
    if (parsed.value !== value) onCommit(parsed.value);
  };

  let input: ReactNode;
  if (field.kind === 'enum') {
    input = (
      <select id={id} value={String(value)} disabled={disabled} aria-describedby={describedBy} onChange={(e) => onCommit(e.target.value)}>
        {field.options
          .filter((o) => o === value || !hideOptions.includes(o))
          .map((o) => (
            <option key={o} value={o}>
              {OPTION_LABELS[fieldKey]?.[o] ?? o}
            </option>
          ))}
      </select>
    );
  } else {
    input = (
      <div className="number-row">
        {slider && (
          <input
            type="range"
            aria-label={`${field.label} slider`}
            aria-describedby={describedBy}
            min={slider.min}
            max={slider.max}
            step={slider.step}
            value={Math.min(slider.max, Math.max(slider.min, Number(value)))}
            disabled={disabled}
            onChange={(e) => commit(e.target.value)}
          />
        )}
        <input
          id={id}
          type="text"
          inputMode={field.kind === 'int' ? 'numeric' : 'decimal'}
          className="number-box"
          title={`Allowed: ${describeAllowed(field)}`}
          value={text}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => commit(text)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit(text);
            if (e.key === 'Escape') {
              setText(String(value));
              setError(null);
            }
          }}
        />
      </div>
    );
  }
  return (
    <div className={`field${disabled ? ' disabled' : ''}`} data-field={field.flag}>
      <label htmlFor={id}>{field.label}</label>
      {plain && (
        <Term tip={`${field.label}: ${plain}.`} name={`What is ${field.label}?`}>
          ?
        </Term>
      )}
      {input}
      {extra}
      <small id={`${id}-help`} className="help">
        {note ?? field.help}
        {!note && field.kind !== 'enum' && <span className="visually-hidden">. Allowed: {describeAllowed(field)}.</span>}
      </small>
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
