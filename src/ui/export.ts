/**
 * The page's numbers to save: the metrics as CSV or JSON, and the runs as run documents that the
 * page (and anything reading the CLI's JSON) loads back. Charts save themselves (charts/chart-export.ts).
 */
import { METRICS, type MetricName } from '../results/metrics';
import { type RunDocument, computation, theoryAt } from '../results/run-document';
import type { RunSnapshot } from './runs/run-record';

const STATS = ['mean', 'sd', 'median', 'q05', 'q95'] as const;

/** Long format: one line per run, generation and metric. */
export function metricsCsv(records: readonly RunSnapshot[]): string {
  const lines = ['run,label,t,metric,' + STATS.join(',')];
  records.forEach((r, i) => {
    for (const row of r.rows)
      for (const m of r.metrics) {
        const s = row.summary[m];
        if (s) lines.push([i + 1, JSON.stringify(r.label), row.t, m, ...STATS.map((k) => s[k])].join(','));
      }
  });
  return lines.join('\n') + '\n';
}

/** Column-oriented metrics per run: { label, t, realVsReal?, metrics: { name: { mean: [...], median: [...], ... } } }. */
export function metricsJson(records: readonly RunSnapshot[]): string {
  return JSON.stringify(
    records.map((r) => ({
      label: r.label,
      t: r.rows.map((row) => row.t),
      // MNIST: each metric of real digits against the held-out reference, the curves' reference level.
      ...(r.baseline ? { realVsReal: r.baseline } : {}),
      metrics: Object.fromEntries(
        r.metrics.map((m: MetricName) => [
          m,
          { label: METRICS[m].label, ...Object.fromEntries(STATS.map((k) => [k, r.rows.map((row) => row.summary[m]?.[k] ?? null)])) },
        ]),
      ),
    })),
    null,
    1,
  );
}

/**
 * The runs in the CLI's format; one document, or a list for a compare view. The page computes
 * every metric on samples whatever a link's `metrics=` says, so the spec of a run computed here
 * says `metrics: all`: the CLI given that spec prints the same numbers. A run loaded from a
 * document keeps its spec.
 */
export function runDocuments(records: readonly RunSnapshot[]): RunDocument[] {
  return records.map((r) => {
    const generations = r.rows.map((row) => {
      const entry: RunDocument['generations'][number] = { t: row.t, metrics: row.summary, iterations: row.iterations };
      if (r.theory) entry.theory = theoryAt(r.theory, row.t);
      return entry;
    });
    const document: RunDocument = { spec: r.spec, generations };
    if (r.source === 'worker') {
      document.spec = { ...r.spec, metrics: 'all' };
      document.computed = computation(document.spec);
    }
    if (r.baseline) document.baseline = r.baseline;
    return document;
  });
}
