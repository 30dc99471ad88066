/** Save a finished sweep (CSV, or JSON exactly as the CLI prints it), or load one computed elsewhere. */
import { useState } from 'react';
import type { SweepResult } from '../../engine/admissibility/sweep';
import { download } from '../charts/chart-export';
import { loadSweepResult } from './sweep-loader';
import { sweepCsv, sweepJson } from './sweep-export';

interface Props {
  /** The document, built when a button asks for it; null until every cell is in. */
  result: () => SweepResult | null;
  ready: boolean;
  onLoad: (result: SweepResult) => void;
}

export function SweepFiles({ result, ready, onLoad }: Props) {
  const [errors, setErrors] = useState<string[]>([]);
  const save = (name: string, text: (r: SweepResult) => string, type: string) => {
    const r = result();
    if (r) download(name, text(r), type);
  };
  return (
    <section className="export" aria-labelledby="sweep-files-title">
      <h2 id="sweep-files-title">Save and load</h2>
      <div className="buttons">
        <button type="button" data-testid="sweep-export-csv" disabled={!ready} onClick={() => save('mad-lab-sweep.csv', sweepCsv, 'text/csv')}>
          Cells CSV
        </button>
        <button type="button" data-testid="sweep-export-json" disabled={!ready} onClick={() => save('mad-lab-sweep.json', sweepJson, 'application/json')}>
          Whole sweep (JSON)
        </button>
        <label className="file-button">
          Load a sweep (JSON)…
          <input
            type="file"
            accept=".json,application/json"
            data-testid="sweep-load"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              const loaded = loadSweepResult(await file.text());
              if (loaded.ok) {
                setErrors([]);
                onLoad(loaded.result);
              } else setErrors(loaded.errors);
            }}
          />
        </label>
      </div>
      <p className="help">
        The JSON is what the command line prints (<code>npm run cli -- sweep …</code>), so a large sweep computed on a bigger machine can be explored here. The heatmap saves as PNG or SVG
        from its card.
      </p>
      {errors.length > 0 && (
        <div className="notice" role="alert" data-testid="sweep-load-errors">
          <strong>That file could not be loaded:</strong>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
