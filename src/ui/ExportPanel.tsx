/** Save the metrics (CSV, JSON) and the runs (run documents), or load runs computed elsewhere. */
import { useState } from 'react';
import type { RunDocument } from '../results/run-document';
import { download } from './charts/chart-export';
import { metricsCsv, metricsJson, runDocuments } from './export';
import { loadRunDocuments } from './run-document-loader';
import type { RunSnapshot } from './runs/run-record';

interface Props {
  records: readonly RunSnapshot[];
  onLoad: (documents: RunDocument[]) => void;
}

export function ExportPanel({ records, onLoad }: Props) {
  const [errors, setErrors] = useState<string[]>([]);
  const runs = () => {
    const docs = runDocuments(records);
    return JSON.stringify(docs.length === 1 ? docs[0] : docs, null, 1);
  };
  return (
    <section className="export" aria-labelledby="export-title">
      <h2 id="export-title">Save and load</h2>
      <div className="buttons">
        <button type="button" data-testid="export-csv" onClick={() => download('mad-lab-metrics.csv', metricsCsv(records), 'text/csv')}>
          Metrics CSV
        </button>
        <button type="button" data-testid="export-metrics-json" onClick={() => download('mad-lab-metrics.json', metricsJson(records), 'application/json')}>
          Metrics JSON
        </button>
        <button type="button" data-testid="export-run" onClick={() => download('mad-lab-run.json', runs(), 'application/json')}>
          Whole run (JSON)
        </button>
        <label className="file-button">
          Load a run (JSON)…
          <input
            type="file"
            accept=".json,application/json"
            data-testid="load-run"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              const loaded = loadRunDocuments(await file.text());
              if (loaded.ok) {
                setErrors([]);
                onLoad(loaded.documents);
              } else setErrors(loaded.errors);
            }}
          />
        </label>
      </div>
      <p className="help">
        A run file holds the spec, seed and per-generation metrics; the CLI prints the same format (<code>npm run cli -- run …</code>), so runs computed on a bigger machine can be viewed here.
      </p>
      {errors.length > 0 && (
        <div className="notice" role="alert" data-testid="load-errors">
          <strong>That file could not be loaded:</strong>
          <ul>
            {errors.slice(0, 8).map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
