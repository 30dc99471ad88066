/**
 * The page's "Whole run (JSON)": a run computed in the page exports as the CLI's run document,
 * whose spec makes the CLI print the same numbers, and with MNIST's real-vs-real baseline, which
 * loads back into the page.
 */
import { describe, expect, it } from 'vitest';
import { runDocument } from '../../src/cli/parallel-run';
import { Experiment } from '../../src/engine/loops/experiment';
import { runDocuments } from '../../src/ui/export';
import { loadRunDocuments } from '../../src/ui/run-document-loader';
import { emptyRecord, snapshotOf } from '../../src/ui/runs/run-record';
import { assertSpec } from '../../src/spec/validate';

describe('a run exported from the page', () => {
  it('says it computed every metric on samples, so the CLI given its spec prints the same numbers', async () => {
    // R > 100: here the page's own `metrics: auto` would leave precision and recall out of a CLI run.
    const spec = assertSpec({ data: 'gaussian', dim: 1, learner: 'gaussian', nIni: 20, nSyn: 20, generations: 2, replicates: 101, nEval: 20 });
    // As the worker computes a page run.
    const experiment = new Experiment({ ...spec, metrics: 'all' });
    const record = emptyRecord(1, spec, 'run 1', '#D55E00', 'worker');
    for (let step = await experiment.next(); step; step = await experiment.next()) record.rows.push({ t: step.t, summary: step.summary, iterations: step.iterations });
    const [document] = runDocuments([snapshotOf(record)]);
    expect(document.spec.metrics).toBe('all');
    expect(document.computed).toEqual({ path: 'samples', metrics: ['fd', 'meanSq', 'trace', 'logdet', 'precision', 'recall'] });
    const cli = await runDocument(document.spec, 1);
    expect(cli.generations.map((g) => g.metrics)).toEqual(document.generations.map((g) => g.metrics));
    expect((await runDocument(spec, 1)).computed!.path).toBe('sufficient-statistics');
  });

  it('carries MNIST\'s real-vs-real baseline, read back on loading; a loaded run keeps the spec it came with', () => {
    const spec = assertSpec({ data: 'mnist', learner: 'pca-gmm', generations: 1 });
    const record = emptyRecord(1, spec, 'run 1', '#D55E00', 'worker');
    record.rows.push({ t: 1, summary: { fd: { mean: 120, sd: 0, median: 120, q05: 120, q95: 120 } }, iterations: 3 });
    record.baseline = { fd: 2.5, recall: 0.94 };
    const exported = runDocuments([snapshotOf(record)]);
    const loaded = loadRunDocuments(JSON.stringify(exported));
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    expect(loaded.documents[0].baseline).toEqual({ fd: 2.5, recall: 0.94 });
    const again = emptyRecord(2, loaded.documents[0].spec, 'run 1', '#D55E00', 'document');
    again.rows = record.rows;
    const [reexported] = runDocuments([snapshotOf(again)]);
    expect(reexported.spec).toEqual(loaded.documents[0].spec);
    expect(reexported.computed).toBeUndefined();
  });
});
