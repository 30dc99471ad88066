/**
 * `metrics` (--metrics, metrics= in a link): a run computes what it asks for. `auto` leaves out the
 * metrics measured on samples of G^t above R = 100; a list is checked name by name against the
 * registry and against what the data have; leaving the samples out changes no other metric.
 */
import { describe, expect, it } from 'vitest';
import { Experiment } from '../../src/engine/loops/experiment';
import { chooseMetrics } from '../../src/engine/metrics/selection';
import type { RunDocument } from '../../src/results/run-document';
import { assertSpec, normaliseSpec, parseField } from '../../src/spec/validate';
import { cli } from './run-cli';

describe('the metrics field', () => {
  it('reads a list in one written form: the registry order, without repeats or spaces', () => {
    expect(parseField('metrics', ' recall, fd,fd ')).toEqual({ ok: true, value: 'fd,recall' });
    expect(parseField('metrics', 'all')).toEqual({ ok: true, value: 'all' });
    expect(parseField('metrics', 'auto')).toEqual({ ok: true, value: 'auto' });
  });

  it('names an unknown metric and lists the allowed ones', () => {
    const bad = parseField('metrics', 'fd,toString');
    expect(bad.ok).toBe(false);
    const message = !bad.ok ? bad.issues[0].message : '';
    expect(message).toContain('metrics (--metrics)');
    expect(message).toContain('unknown name "toString"');
    expect(message).toContain('allowed: auto | all | a comma-separated list of fd, meanSq, trace, logdet, precision, recall, modes');
    for (const text of ['fd,', 'fd,all', '', 'FD']) expect(parseField('metrics', text).ok, text).toBe(false);
  });

  it('refuses a metric the data do not have, listing those they have', () => {
    const checked = normaliseSpec({ data: 'gaussian', learner: 'gaussian', metrics: 'fd,modes' });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.issues[0].message).toBe(
      'metrics (--metrics): modes is not measured with data=gaussian; allowed: auto | all | a comma-separated list of fd, meanSq, trace, logdet, precision, recall',
    );
    expect(normaliseSpec({ data: 'ring', metrics: 'modes' }).ok).toBe(true);
    expect(normaliseSpec({ data: 'zipf', learner: 'unigram', metrics: 'fd' }).ok).toBe(false);
  });

  it('auto: the sampled metrics only up to R = 100; where every metric is sampled (digits), all', () => {
    const ring = (replicates: number) => chooseMetrics(assertSpec({ data: 'ring', replicates, metrics: 'auto' }));
    expect(ring(100)).toEqual({ computed: ['fd', 'meanSq', 'trace', 'logdet', 'precision', 'recall', 'modes', 'modeVar'], skipped: [], sampled: true });
    expect(ring(101)).toEqual({ computed: ['fd', 'meanSq', 'trace', 'logdet'], skipped: ['precision', 'recall', 'modes', 'modeVar'], sampled: false });
    expect(chooseMetrics(assertSpec({ data: 'mnist', learner: 'pca-gmm', replicates: 200 })).computed).toEqual(['fd', 'precision', 'recall', 'classes', 'entropy']);
    expect(chooseMetrics(assertSpec({ data: 'ring', replicates: 500, metrics: 'recall,fd' }))).toEqual({ computed: ['fd', 'recall'], skipped: [], sampled: true });
  });
});

describe('a run computes what it asks for', () => {
  it('without sampled metrics the other metrics are unchanged, value for value', async () => {
    const base = { data: 'ring', learner: 'gmm', nIni: 100, nSyn: 100, nEval: 100, generations: 3, replicates: 3 };
    const run = async (metrics: string) => {
      const experiment = new Experiment(assertSpec({ ...base, metrics }));
      const out = [];
      for (let r = await experiment.next(); r; r = await experiment.next()) out.push(r);
      return { metrics: experiment.metrics, out };
    };
    const all = await run('all');
    const cheap = await run('fd,trace');
    expect(cheap.metrics).toEqual(['fd', 'trace']);
    for (let t = 0; t < 3; t++) {
      expect(Object.keys(cheap.out[t].values)).toEqual(['fd', 'trace']);
      expect(cheap.out[t].values.fd).toEqual(all.out[t].values.fd);
      expect(cheap.out[t].values.trace).toEqual(all.out[t].values.trace);
      // No evaluation samples were drawn.
      expect(cheap.out[t].first.evaluation).toHaveLength(0);
    }
  });

  it('CLI: --metrics selects the document metrics; a bad name exits 2 listing the allowed ones', async () => {
    const flags = ['run', '--data', 'ring', '--n-ini', '100', '--n-syn', '100', '--n-eval', '50', '--generations', '2', '--replicates', '2'];
    const { code, out } = await cli(...flags, '--metrics', 'modes,fd');
    expect(code).toBe(0);
    const doc = JSON.parse(out) as RunDocument;
    expect(doc.computed).toEqual({ path: 'samples', metrics: ['fd', 'modes'] });
    expect(Object.keys(doc.generations[1].metrics)).toEqual(['fd', 'modes']);
    const bad = await cli(...flags, '--metrics', 'fd,precison');
    expect(bad).toMatchObject({ code: 2, out: '' });
    expect(bad.err).toContain('--metrics');
    expect(bad.err).toContain('"precison"');
    expect(bad.err).toContain('fd, meanSq, trace, logdet, precision, recall');
  });

  it('CLI: a large Gaussian run by default goes through sufficient statistics and says what it left out', async () => {
    const flags = ['run', '--data', 'gaussian', '--dim', '1', '--learner', 'gaussian', '--n-ini', '30', '--n-syn', '30', '--generations', '2', '--replicates', '101'];
    const { code, out, err } = await cli(...flags);
    expect(code).toBe(0);
    expect(err).toBe('');
    // Each replicate's draws depend on its index alone, on this path too.
    expect((await cli(...flags, '--threads', '2')).out).toBe(out);
    const doc = JSON.parse(out) as RunDocument;
    expect(doc.spec.metrics).toBe('auto');
    expect(doc.computed).toMatchObject({ path: 'sufficient-statistics', metrics: ['fd', 'meanSq', 'trace', 'logdet'], skipped: ['precision', 'recall'] });
    expect(doc.computed!.why).toContain('--metrics all');
    expect(Object.keys(doc.generations[1].metrics)).toEqual(['fd', 'meanSq', 'trace', 'logdet']);
    // Asking for a sampled metric takes the sample path.
    const sampled = JSON.parse((await cli('run', '--data', 'gaussian', '--dim', '1', '--learner', 'gaussian', '--n-ini', '30', '--n-syn', '30', '--n-eval', '20', '--generations', '1', '--replicates', '101', '--metrics', 'fd,recall', '--threads', '1')).out) as RunDocument;
    expect(sampled.computed).toEqual({ path: 'samples', metrics: ['fd', 'recall'] });
  });

  it('CLI: a sweep notes that --metrics does not change what its cells report', async () => {
    const { code, err } = await cli('sweep', '--metrics', 'fd', '--x-values', '10', '--y-values', '1', '--replicates', '20', '--generations', '4');
    expect(code).toBe(0);
    expect(err).toContain('note: --metrics has no effect on a sweep');
  });
});
