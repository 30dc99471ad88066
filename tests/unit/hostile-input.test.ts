/**
 * Hostile and heavy input (issue 12): huge coordinates, inherited names, bad and repeated link
 * parameters, extreme numbers, forged run documents. Each case must end in bounded time with a
 * message naming the field, and leave every valid field as it was.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { threadsToUse } from '../../src/cli/cli';
import { parseSweepArgs } from '../../src/cli/sweep-args';
import { parsePointsCsv } from '../../src/engine/data/csv';
import { gmmLearner } from '../../src/engine/learners/gmm';
import { kdeLearner } from '../../src/engine/learners/kde';
import { MAX_REGULARISATION, NumericalError, regularisedCholesky } from '../../src/engine/linalg/regularise';
import { Experiment } from '../../src/engine/loops/experiment';
import { Rng } from '../../src/engine/random/prng';
import { COORDINATE_LIMIT } from '../../src/spec/schema';
import { assertSpec, normaliseSpec } from '../../src/spec/validate';
import { readExplorerUrl } from '../../src/ui/explorer/explorer-url';
import { loadSweepResult } from '../../src/ui/explorer/sweep-loader';
import { readView } from '../../src/ui/page-view';
import { PAGE_DEFAULTS } from '../../src/ui/lab-state';
import { pageMessage } from '../../src/ui/messages';
import { loadRunDocuments } from '../../src/ui/run-document-loader';
import { readRuntime } from '../../src/ui/runtime-options';
import { heavyRunNotice } from '../../src/ui/run-estimate';
import { URL_BUDGET, readUrl, shareQuery, writeUrl } from '../../src/ui/url-state';
import { defaultLabState } from '../../src/ui/lab-state';
import { cli } from './run-cli';

/** The issue's repro: 50 points at 1e200..5e201. */
const HUGE_CSV = Array.from({ length: 50 }, (_, i) => `${i + 1}e200,${(i + 1) % 7}e200`).join('\n');

function csvFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'madlab-hostile-')), 'points.csv');
  writeFileSync(path, text);
  return path;
}

/** n points of a slanted ring scaled to `scale`, row-major. */
function scaledRing(n: number, scale: number): [number, number][] {
  return Array.from({ length: n }, (_, i) => [scale * Math.cos(i), scale * (0.5 * Math.sin(i) + 0.1 * Math.cos(3 * i))] as [number, number]);
}

describe('numerical guard rails', () => {
  it('rejects real data beyond the coordinate range at the door, naming the range', () => {
    const csv = parsePointsCsv(HUGE_CSV);
    expect(csv.ok).toBe(false);
    if (!csv.ok) expect(csv.message).toMatch(/point 1 .*coordinates too large; allowed: \|x\|, \|y\| ≤ 1e50; rescale the data/);
    const spec = normaliseSpec({ data: 'points', points: scaledRing(20, 1e51) });
    expect(spec.ok || spec.issues[0].message).toContain('≤ 1e50');
    const link = readUrl(`?data=points&pts=${encodeURIComponent(scaledRing(20, 1e200).map(([x, y]) => `${x},${y}`).join(';'))}&seed=4`);
    expect(link.state.base.data).toBe(PAGE_DEFAULTS.data);
    expect(link.state.base.seed).toBe(4);
    expect(link.notices.join('\n')).toContain('coordinates too large');
    const doc = loadRunDocuments(JSON.stringify({ spec: { data: 'points', points: scaledRing(20, -1e200) }, generations: [{ t: 1, metrics: { fd: { mean: 1, sd: 0, median: 1, q05: 1, q95: 1 } } }] }));
    expect(doc.ok || doc.errors[0]).toContain('coordinates too large');
  });

  it('runs data at the edge of the range through every closed-form learner with finite, non-zero distances', async () => {
    const points = scaledRing(40, COORDINATE_LIMIT / 2);
    for (const learner of ['gaussian', 'gmm', 'kde'] as const) {
      const spec = assertSpec({ data: 'points', points, learner, components: 2, nIni: 40, nSyn: 40, nEval: 20, generations: 2, replicates: 2 });
      const experiment = new Experiment(spec);
      for (let t = 1; t <= 2; t++) {
        const result = (await experiment.next())!;
        // The Fréchet distance multiplies two covariances' determinants: it overflowed to 0 here.
        for (const v of result.values.fd) expect(v, `${learner} fd at t = ${t}`).toBeGreaterThan(0);
        for (const m of ['fd', 'trace', 'meanSq', 'precision', 'recall'] as const) expect(result.values[m].every(Number.isFinite), `${learner} ${m}`).toBe(true);
      }
    }
  });

  it('ends a fit that cannot succeed with a message instead of spinning (gmm, kde)', () => {
    const n = 50;
    const x = new Float64Array(HUGE_CSV.split('\n').flatMap((line) => line.split(',').map(Number)));
    const started = performance.now();
    expect(() => gmmLearner({ components: 3 }).fit(x, n, Rng.fromKey(1))).toThrow(/gmm learner.*covariance is not finite: coordinates too large; allowed: \|x\|, \|y\| ≤ 1e50/);
    expect(() => kdeLearner({ bandwidth: 1 }).fit(x, n, Rng.fromKey(1))).toThrow(/kde learner.*covariance is not finite/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('bounds the regularisation of a covariance that never becomes positive definite', () => {
    // Indefinite by far more than any δ added: det = 1 − 1e60.
    const cov = Float64Array.from([1, 1e30, 1e30, 1]);
    expect(() => regularisedCholesky(cov, 2, 1e-12, 'test')).toThrow(NumericalError);
    expect(() => regularisedCholesky(Float64Array.from([1, 1e30, 1e30, 1]), 2, 1e-12, 'test')).toThrow(`stayed singular after ${MAX_REGULARISATION} regularisations`);
    // A singular but finite covariance is still enlarged until it factorises, as before.
    const flat = Float64Array.from([1, 1, 1, 1]);
    expect(regularisedCholesky(flat, 2, 1e-12, 'test').every(Number.isFinite)).toBe(true);
    expect(flat[0]).toBeGreaterThan(1);
  });

  it('makes the CLI exit 2 with one message and no stack trace on the repro, for every learner and for sweep', async () => {
    const path = csvFile(HUGE_CSV);
    const small = ['--data', path, '--generations', '1', '--replicates', '2', '--n-ini', '20', '--n-eval', '10'];
    for (const argv of [
      ['run', ...small, '--learner', 'gaussian'],
      ['run', ...small, '--learner', 'gmm'],
      ['run', ...small, '--learner', 'kde'],
      ['run', ...small, '--learner', 'gan'],
      ['sweep', '--data', path, '--learner', 'gmm'],
    ]) {
      const { code, out, err } = await cli(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(/^error: --data .*coordinates too large; allowed: \|x\|, \|y\| ≤ 1e50; rescale the data\n$/);
    }
  });
});

describe('names looked up as own properties only', () => {
  const INHERITED = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];

  it.each(INHERITED)('link values and names: %s', (name) => {
    const q = encodeURIComponent(name);
    const cases: [string, string][] = [
      [`speed=${q}`, `speed: "${name}"`],
      [`preset=${q}`, `preset: "${name}"`],
      [`theme=${q}`, `theme: "${name}"`],
      [`embed=${q}`, `embed: "${name}"`],
      [`hide=${q}`, `hide: "${name}"`],
      [`${q}_hide=1`, `hide: "${name}"`],
      [`${q}=1`, `unknown parameter "${name}"`],
      [`loop=${q}`, `loop (loop=): "${name}"`],
      [`cmp=${q}:1`, 'compare run 1'],
      [`cmp=loop:${q}`, 'compare run 1: loop (loop=)'],
    ];
    for (const [query, fragment] of cases) {
      const { state, notices } = readUrl(`?${query}&seed=5`);
      expect(notices.join('\n'), query).toContain(fragment);
      expect(state.base.seed).toBe(5);
      // Everything the page posts to its worker must survive structured cloning.
      expect(() => structuredClone(state)).not.toThrow();
      expect(typeof state.speed).toBe('string');
    }
    expect(readRuntime(`?backend=${q}`, '').notices[0]).toContain(`backend: "${name}"`);
    expect(readView(`?view=${q}`).notice).toContain(`view: "${name}"`);
    for (const [query, fragment] of [
      [`x=${q}`, `x: "${name}" is not a sweep field`],
      [`colour=${q}`, `colour: "${name}"`],
      [`${q}=1`, `unknown parameter "${name}"`],
    ]) {
      const { state, notices } = readExplorerUrl(`?view=explorer&${query}&seed=5`);
      expect(notices.join('\n'), query).toContain(fragment);
      expect(state.sweep.base.seed).toBe(5);
    }
  });

  it.each(INHERITED)('imported documents: %s', (name) => {
    const summary = '{"mean": 1, "sd": 0, "median": 1, "q05": 1, "q95": 1}';
    // Written as JSON text: an object literal's __proto__ would set the prototype instead of a key.
    const metric = loadRunDocuments(`{"spec": {}, "generations": [{"t": 1, "metrics": {"fd": ${summary}, "${name}": ${summary}}}]}`);
    expect(metric.ok || metric.errors.join('\n')).toContain(`unknown metric "${name}"`);
    const theory = loadRunDocuments(`{"spec": {}, "generations": [{"t": 1, "metrics": {"fd": ${summary}}, "theory": {"${name}": 1}}]}`);
    expect(theory.ok || theory.errors.join('\n')).toContain(`unknown metric "${name}"`);
    const baseline = loadRunDocuments(`{"spec": {}, "generations": [{"t": 1, "metrics": {"fd": ${summary}}}], "baseline": {"${name}": 1}}`);
    expect(baseline.ok || baseline.errors.join('\n')).toContain(`baseline: unknown metric "${name}"`);
    const spec = loadRunDocuments(`{"spec": {"${name}": 1}, "generations": [{"t": 1, "metrics": {"fd": ${summary}}}]}`);
    expect(spec.ok || spec.errors.join('\n')).toContain(`unknown field "${name}"`);
    const sweep = loadSweepResult(`{"sweep": {"base": {"${name}": 1}}, "baseline": {}, "cells": []}`);
    expect(sweep.ok || sweep.errors.join('\n')).toContain(`unknown field "${name}"`);
  });

  it.each(INHERITED)('CLI flags and values: %s', (name) => {
    const flag = parseArgs([`--${name}`, '1']);
    expect(flag.ok || flag.issues[0].message).toContain(`unknown flag --${name}`);
    const value = parseArgs(['--loop', name]);
    expect(value.ok || value.issues[0].message).toContain(`loop (--loop): "${name}" is not allowed`);
    const data = parseArgs(['--data', name]);
    expect(data.ok || data.issues[0].message).toContain(`--data: "${name}" is neither a distribution nor a readable file`);
    const axis = parseSweepArgs(['--x', name]);
    expect(axis.ok || axis.issues[0].message).toContain(`--x: "${name}" is not a sweep field`);
  });
});

describe('explorer link repair is local', () => {
  it('replaces a clashing axis with its default once, keeping replicates and seed', () => {
    const { state, notices } = readExplorerUrl('?view=explorer&x=lambda&x-values=0.5,1&y=lambda&y-values=0.2,1&replicates=50&seed=9');
    expect(notices).toEqual(['the x and y axes both sweep λ; pick two different fields; using the default instead']);
    expect(state.sweep.base.replicates).toBe(50);
    expect(state.sweep.base.seed).toBe(9);
  });

  it('names a bad base field once and keeps the others', () => {
    const { state, notices } = readExplorerUrl('?view=explorer&replicates=1&seed=9&n-real=50');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('replicates R (replicates=): 1 is too few');
    expect(state.sweep.base).toMatchObject({ replicates: 200, seed: 9, nReal: 50 });
  });
});

describe('no silent changes in links', () => {
  const twelve = Array.from({ length: 12 }, (_, i) => `${i},${i % 3}`);

  it('reads pts strictly: no hexadecimal, no empty cell read as 0', () => {
    for (const [bad, fragment] of [
      ['0x10,3', '"0x10" is not a number'],
      [',3', '"" is empty'],
      ['1e999,3', '"1e999" is too large'],
    ]) {
      const { state, notices } = readUrl(`?data=points&pts=${[...twelve, bad].join(';')}&seed=3`);
      expect(notices, bad).toHaveLength(1);
      expect(notices[0]).toContain(`points (pts=): point 13: ${fragment}`);
      expect(state.base.data).toBe(PAGE_DEFAULTS.data);
      expect(state.base.seed).toBe(3);
    }
  });

  it('says when pts is ignored, and when data=points has no pts', () => {
    const ignored = readUrl(`?pts=${twelve.join(';')}`);
    expect(ignored.notices).toEqual([expect.stringContaining('pts: ignored, because the link\'s data is ring; add data=points')]);
    const missing = readUrl('?data=points&seed=2');
    expect(missing.notices).toEqual([expect.stringContaining('data=points: this link carries no points')]);
    expect(missing.state.base).toMatchObject({ data: PAGE_DEFAULTS.data, seed: 2 });
  });

  it('names bad theme and embed values', () => {
    const { state, notices } = readUrl('?theme=dark&embed=2');
    expect(notices.join('\n')).toContain('theme: "dark" is not allowed; allowed: theme=projector');
    expect(notices.join('\n')).toContain('embed: "2" is not allowed; allowed: embed=1');
    expect(state).toMatchObject({ projector: false, embed: false });
  });

  it('reads the first of repeated parameters, says so, and never says "default" of a value it uses', () => {
    const { state, notices } = readUrl('?n-syn=bad&n-syn=200&seed=4&seed=5&seed=6');
    expect(notices).toContain('"seed" is given 3 times; the first value, "4", is read and the later ones are ignored');
    expect(notices).toContain('"n-syn" is given 2 times; the first value, "bad", is read and the later one is ignored');
    expect(state.base.seed).toBe(4);
    expect(notices.join('\n')).toContain('n_s (n-syn=): "bad" is not a number');
    expect(state.base.nSyn).toBe(PAGE_DEFAULTS.nSyn);
    const explorer = readExplorerUrl('?view=explorer&seed=4&seed=5');
    expect(explorer.notices).toEqual(['"seed" is given 2 times; the first value, "4", is read and the later one is ignored']);
    expect(explorer.state.sweep.base.seed).toBe(4);
  });
});

describe('messages', () => {
  it('shortens a long bad value, in links, files and CLI messages alike', async () => {
    const long = 'x'.repeat(100_000);
    const sources = [
      ...readUrl(`?speed=${long}&n-ini=${long}&${long}=1&cmp=${long}`).notices,
      ...readExplorerUrl(`?view=explorer&x=${long}&colour=${long}`).notices,
      ...(((r) => (r.ok ? [] : r.errors))(loadRunDocuments(`{"spec": {"loop": "${long}"}, "generations": []}`))),
      ...(await cli('run', '--n-ini', long)).err.split('\n'),
    ];
    expect(sources.length).toBeGreaterThan(6);
    for (const message of sources) expect(message.length, message.slice(0, 80)).toBeLessThan(400);
    expect(sources.join('\n')).toContain('(100000 characters)');
  });

  it('rejects numbers that float64 cannot hold, saying why, instead of reading 0 or Infinity', async () => {
    const { state, notices } = readUrl('?seed=1e-400&n-ini=1e999');
    expect(state.base.seed).toBe(PAGE_DEFAULTS.seed);
    expect(notices.join('\n')).toContain('seed (seed=): "1e-400" is too small to tell from 0');
    expect(notices.join('\n')).toContain('n_ini (n-ini=): "1e999" is too large for a number');
    const tiny = await cli('run', '--seed', '1e-400');
    expect(tiny.code).toBe(2);
    expect(tiny.err).toContain('"1e-400" is too small to tell from 0');
    expect((await cli('run', '--seed', '1e999')).err).toContain('"1e999" is too large for a number');
    expect(parsePointsCsv(`${Array.from({ length: 12 }, (_, i) => `${i},1`).join('\n')}\n1e-400,1`)).toEqual({ ok: false, message: expect.stringContaining('line 13: "1e-400" is too small') });
  });

  it('names controls as the page does in page messages, and as link parameters in link notices', () => {
    expect(pageMessage('n_ini (--n-ini): 1 is out of range; allowed: an integer 2..100000')).toBe('n_ini: 1 is out of range; allowed: an integer 2..100000');
    for (const notice of readUrl('?n-ini=1&lambda=2&cmp=n-syn:x').notices) expect(notice).not.toContain('--');
    const doc = loadRunDocuments('{"spec": {"nIni": 1}, "generations": []}');
    expect(doc.ok || doc.errors[0]).toBe('spec: n_ini: 1 is out of range; allowed: an integer 2..100000');
  });
});

describe('run-document imports are validated like links', () => {
  const summary = (mean: number | null) => ({ mean, sd: 0, median: mean, q05: mean, q95: mean });
  const load = (doc: unknown) => {
    const loaded = loadRunDocuments(JSON.stringify(doc));
    return loaded.ok ? 'ok' : loaded.errors.join('\n');
  };

  it('rejects values outside the metric ranges, ±1e308 included', () => {
    expect(load({ spec: {}, generations: [{ t: 1, metrics: { fd: summary(1e308) } }] })).toContain('generations[0].metrics.fd.mean: 1e+308 is out of range');
    expect(load({ spec: {}, generations: [{ t: 1, metrics: { logdet: summary(-1e308) } }] })).toContain('metrics.logdet.mean: -1e+308 is out of range');
    expect(load({ spec: {}, generations: [{ t: 1, metrics: { precision: summary(1.5) } }] })).toContain('metrics.precision.mean: 1.5 is out of range; allowed: 0..1');
    expect(load({ spec: {}, generations: [{ t: 1, metrics: { fd: { ...summary(1), sd: -1 } } }] })).toContain('metrics.fd.sd: -1 is out of range');
    expect(load({ spec: {}, generations: [{ t: 1, metrics: { fd: summary(1) }, theory: { fd: 1e308 } }] })).toContain('theory.fd: 1e+308 is out of range');
    expect(load({ spec: {}, generations: [{ t: 1, metrics: { fd: summary(1) }, iterations: -3 }] })).toContain('iterations: -3 is not allowed');
  });

  it('needs at least one metric with a value', () => {
    expect(load({ spec: {}, generations: [{ t: 1, metrics: {} }] })).toContain('generations[0].metrics: no metric');
    expect(load({ spec: {}, generations: [{ t: 1, metrics: { fd: summary(null) } }] })).toContain('no metric has a value in any generation');
    expect(load({ spec: {}, generations: [{ t: 1, metrics: { fd: summary(null), trace: summary(2) } }] })).toBe('ok');
  });

  it('reads MNIST\'s real-vs-real baseline, each value a number in its metric\'s range', () => {
    const generations = [{ t: 1, metrics: { fd: summary(300) } }];
    const loaded = loadRunDocuments(JSON.stringify({ spec: { data: 'mnist', learner: 'pca-gmm' }, generations, baseline: { fd: 2.5, recall: 0.94, precision: null } }));
    expect(loaded.ok && loaded.documents[0].baseline).toEqual({ fd: 2.5, recall: 0.94, precision: NaN });
    expect(load({ spec: {}, generations, baseline: [1] })).toBe('baseline: expected an object of numbers by metric name, got [1]');
    expect(load({ spec: {}, generations, baseline: { recall: '0.9' } })).toBe('baseline.recall: "0.9" is not a number');
    expect(load({ spec: {}, generations, baseline: { recall: 2 } })).toBe('baseline.recall: 2 is out of range; allowed: 0..1 (or null)');
    expect(load([{ spec: {}, generations }, { spec: {}, generations, baseline: { fd: -1 } }])).toContain('[1].baseline.fd: -1 is out of range');
  });

  it('reads version 1 (or none) and names any other', () => {
    const generations = [{ t: 1, metrics: { fd: summary(1) } }];
    expect(load({ version: 999, spec: {}, generations })).toBe('version: 999; this page reads run documents of version 1');
    expect(load({ version: '1', spec: {}, generations })).toContain('version: "1"');
    expect(load({ version: 1, spec: {}, generations })).toBe('ok');
    expect(load({ spec: {}, generations })).toBe('ok');
  });
});

describe('--threads', () => {
  it('is capped at the core count, with a note on stderr', async () => {
    let err = '';
    const io = { out: () => {}, err: (t: string) => (err += t) };
    expect(threadsToUse(256, 1, io, 2)).toBe(2);
    expect(err).toBe('note: --threads 256 is more than the 2 cores here; using 2\n');
    err = '';
    expect(threadsToUse(2, 1, io, 2)).toBe(2);
    expect(threadsToUse(null, 16, io, 2)).toBe(2);
    expect(err).toBe('');
    const run = await cli('run', '--data', 'gaussian', '--dim', '1', '--learner', 'gaussian', '--n-ini', '20', '--n-syn', '20', '--generations', '1', '--replicates', '1', '--n-eval', '20', '--threads', '256');
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/^note: --threads 256 is more than the \d+ cores here; using \d+\n$/);
  });
});

describe('drawn points in links', () => {
  const withPoints = (n: number) => ({
    ...defaultLabState(),
    base: assertSpec({ ...PAGE_DEFAULTS, data: 'points', points: Array.from({ length: n }, (_, i) => [Math.round(100 * Math.cos(i)) / 100, Math.round(100 * Math.sin(i)) / 100]) }),
  });
  const around = 'https://example.org/mad-lab/?'.length;

  it('keeps the whole address within the budget, leaving out a point set that does not fit', () => {
    const small = shareQuery(withPoints(50), around);
    expect(small.pointsLeftOut).toBe(false);
    expect(small.query).toBe(writeUrl(withPoints(50)));
    const large = shareQuery(withPoints(3000), around);
    expect(large.pointsLeftOut).toBe(true);
    expect(around + large.query.length).toBeLessThanOrEqual(URL_BUDGET);
    expect(URL_BUDGET).toBeLessThan(8 * 1024);
    // The link reopens on the default distribution, saying why, with the other settings kept.
    const reopened = readUrl(`?${large.query}`);
    expect(reopened.notices).toEqual([expect.stringContaining('data=points: this link carries no points')]);
    expect(reopened.state.base.data).toBe(PAGE_DEFAULTS.data);
  });

  it('puts every point set that fits into the link', () => {
    for (const n of [10, 100, 300]) {
      const { query, pointsLeftOut } = shareQuery(withPoints(n), around);
      if (pointsLeftOut) expect(around + writeUrl(withPoints(n)).length).toBeGreaterThan(URL_BUDGET);
      else expect(readUrl(`?${query}`).state.base.points).toHaveLength(n);
    }
  });
});

describe('heavy runs', () => {
  const heavy = '?replicates=10000&n-ini=100000&n-syn=100000&n-eval=100000&generations=3';

  it('are named with an estimate before they start; ordinary links are not', () => {
    const { notices } = readUrl(heavy);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/^run 1 is very large: about 9\.0e\+9 samples .* roughly [\d.]+ hours in this tab/);
    expect(readUrl('').notices).toEqual([]);
    expect(readUrl('?replicates=200&generations=200').notices).toEqual([]);
    expect(heavyRunNotice(assertSpec({ learner: 'gan', replicates: 10000 }), 'run 1')).toBeNull();
  });

  it('yield between replicates and stop part-way when cancelled, with unchanged results otherwise', async () => {
    const spec = assertSpec({ data: 'ring', learner: 'gmm', nIni: 100, nSyn: 100, nEval: 50, replicates: 3, generations: 2 });
    const plain = new Experiment(spec);
    const yielding = new Experiment(spec);
    let turns = 0;
    for (let t = 1; t <= 2; t++) {
      const a = (await plain.next())!;
      const b = (await yielding.next({ interleave: async () => void turns++ }))!;
      expect(b.values).toEqual(a.values);
    }
    // After each replicate's fit, and between replicates.
    expect(turns).toBe(2 * (2 * 3 - 1));

    const cancelled = new Experiment(spec);
    const abort = new AbortController();
    let fits = 0;
    const next = cancelled.next({
      signal: abort.signal,
      interleave: async () => {
        fits++;
        abort.abort();
      },
    });
    await expect(next).rejects.toThrow(/aborted/i);
    expect(fits).toBe(1);
  });
});
