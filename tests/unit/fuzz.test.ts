/**
 * Seeded fuzzing of every door input comes through (issue 12): lab and explorer links, CSV
 * texts, run and sweep documents, CLI argument lists. A few hundred generated cases per kind,
 * each asserting what the page and the CLI promise: no exception and a bounded time, every bad
 * field named in a message of reasonable length, every valid field kept (or its change named),
 * and a repaired link that reads back without a notice. The seed is fixed, so a failure
 * reproduces; change FUZZ_SEED locally to explore further.
 */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { parseSweepArgs } from '../../src/cli/sweep-args';
import { type Sweep, checkSweep, runSweep } from '../../src/engine/admissibility/sweep';
import { parsePointsCsv } from '../../src/engine/data/csv';
import { METRICS, type MetricName } from '../../src/results/metrics';
import { Rng } from '../../src/engine/random/prng';
import { SPEC_KEYS, type SpecKey, specFields } from '../../src/spec/schema';
import { assertSpec, normaliseSpec, parseField } from '../../src/spec/validate';
import { readExplorerUrl, writeExplorerUrl } from '../../src/ui/explorer/explorer-url';
import { loadSweepResult } from '../../src/ui/explorer/sweep-loader';
import { loadRunDocuments } from '../../src/ui/run-document-loader';
import { readUrl, writeUrl } from '../../src/ui/url-state';

const FUZZ_SEED = 12;
const CASES = 250;
/** Per case: generous for a slow shared machine (and a first call that compiles), far below anything that could be a hang. */
const CASE_MS = 1500;
const MESSAGE_CHARS = 600;

const HOSTILE = [
  '', ' ', 'abc', '0x10', '0b1', '1e999', '-1e999', '1e-400', 'NaN', 'Infinity', '-0', '1.5', '-5', '0', '1', '2', '7', '100', '0.5',
  '99999999999', '1e5', '1e100', '+3', '.5', '5.', ' 7 ', '1_000', '١٢', '1,2', '1;2', '1:2', 'toString', 'constructor', '__proto__',
  'hasOwnProperty', '%', '%zz', '<script>alert(1)</script>', '"', "'", '\\', 'fresh', 'gmm', 'kde', 'ring', 'points', 'mnist', 'gan',
  'x'.repeat(3000), '🙂',
];
const OTHER_NAMES = ['v', 'view', 'pts', 'cmp', 'speed', 'preset', 'embed', 'theme', 'hide', 'backend', 'toString', '__proto__', 'constructor', 'n_ini', 'x', 'y', 'colour', 'workers', 'x-values', 'y-range', 'seed_hide', 'zzz'];
const FLAGS = SPEC_KEYS.map((k) => specFields[k].flag);

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[rng.int(list.length)];
}

/** A value for a field: mostly its own legal ones and the hostile list, sometimes a random number. */
function valueFor(rng: Rng, key: SpecKey | null): string {
  const field = key ? specFields[key] : null;
  const roll = rng.uniform();
  if (field && roll < 0.35) {
    if (field.kind === 'enum') return pick(rng, field.options);
    if (field.kind === 'list') return pick(rng, [...field.keywords, ...field.options]);
    if (field.kind === 'int') return String(field.min + rng.int(Math.min(field.max - field.min + 1, 1000)));
    return String(Number((field.min + rng.uniform() * (field.max - field.min)).toPrecision(3)) || field.max);
  }
  if (roll < 0.45) return String(Number(((rng.uniform() - 0.3) * 10 ** rng.int(12)).toPrecision(1 + rng.int(4))));
  return pick(rng, HOSTILE);
}

function timed<T>(what: string, f: () => T): T {
  const started = performance.now();
  const out = f();
  expect(performance.now() - started, `time of ${what.slice(0, 200)}`).toBeLessThan(CASE_MS);
  return out;
}

async function timedAsync<T>(what: string, f: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const out = await f();
  expect(performance.now() - started, `time of ${what.slice(0, 200)}`).toBeLessThan(CASE_MS);
  return out;
}

function short(messages: string[], what: string): void {
  for (const m of messages) expect(m.length, `${what.slice(0, 200)}: ${m.slice(0, 200)}`).toBeLessThan(MESSAGE_CHARS);
}

/** Heavy-run estimates are notices about valid settings, not about bad ones. */
const aboutBadInput = (notices: string[]) => notices.filter((n) => !n.includes(' is very large: '));

describe('fuzz: links', () => {
  it('lab links: bad fields named, valid ones kept, the repaired link reads back cleanly', () => {
    const rng = Rng.fromKey(FUZZ_SEED);
    for (let c = 0; c < CASES; c++) {
      const pairs: [string, string][] = [];
      const seed = rng.int(1_000_000);
      for (let i = 0, n = 1 + rng.int(5); i < n; i++) {
        const name = rng.uniform() < 0.75 ? pick(rng, FLAGS) : pick(rng, OTHER_NAMES);
        const key = SPEC_KEYS.find((k) => specFields[k].flag === name) ?? null;
        if (key === 'seed') continue;
        pairs.push([name, valueFor(rng, key)]);
      }
      // The sentinel: no rule involves the seed, so it must come through whatever else is wrong.
      pairs.splice(rng.int(pairs.length + 1), 0, ['seed', String(seed)]);
      const query = `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
      const { state, notices } = timed(query, () => readUrl(query));
      short(notices, query);
      expect(state.base.seed, query).toBe(seed);
      expect(() => structuredClone(state), query).not.toThrow();
      const text = notices.join('\n');
      const seen = new Set<string>();
      for (const [name, value] of pairs) {
        if (seen.has(name)) continue;
        seen.add(name);
        const key = SPEC_KEYS.find((k) => specFields[k].flag === name);
        if (!key) continue;
        const parsed = parseField(key, value);
        // A bad value is named; a good one is used unless a notice names its field (a rule between fields).
        if (!parsed.ok) expect(text, `${query}: ${name}`).toContain(`(${name}=)`);
        else if (state.base[key] !== parsed.value && key !== 'data') expect(text, `${query}: ${name} kept`).toMatch(new RegExp(`\\(${name}=\\)|${name}=|"${name}"`));
      }
      const again = readUrl(`?${writeUrl(state)}`);
      expect(aboutBadInput(again.notices), `${query} → ${writeUrl(state)}`).toEqual([]);
      expect(again.state.base, query).toEqual(state.base);
    }
  });

  it('explorer links: bad parts named once, the seed kept, the repaired link reads back cleanly', () => {
    const rng = Rng.fromKey(FUZZ_SEED + 1);
    const AXIS = ['x', 'y', 'x-values', 'y-values', 'x-range', 'y-range', 'colour', 'workers'];
    const AXIS_VALUES = ['n-syn', 'n-real', 'lambda', 'generations', 'syn-fraction', '10,100', '0.5,1', '10:1000:5:log', '0:0.9:4', '1:2:0', '5:1:3:log', '-1:2:3:log', ...HOSTILE.slice(0, 30)];
    for (let c = 0; c < 60; c++) {
      const seed = rng.int(1_000_000);
      const pairs: [string, string][] = [['view', 'explorer'], ['seed', String(seed)]];
      for (let i = 0, n = 1 + rng.int(4); i < n; i++) {
        if (rng.uniform() < 0.5) pairs.push([pick(rng, AXIS), pick(rng, AXIS_VALUES)]);
        else {
          const name = rng.uniform() < 0.8 ? pick(rng, FLAGS.filter((f) => f !== 'seed')) : pick(rng, OTHER_NAMES);
          pairs.push([name, valueFor(rng, SPEC_KEYS.find((k) => specFields[k].flag === name) ?? null)]);
        }
      }
      const query = `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
      const { state, notices } = timed(query, () => readExplorerUrl(query));
      short(notices, query);
      expect(new Set(notices).size, query).toBe(notices.length);
      expect(notices.length, query).toBeLessThanOrEqual(2 * pairs.length + 12);
      // The seed has no rule of its own, but a base that fails as a whole goes back to the default with it.
      if (state.sweep.base.seed !== seed) expect(notices.join('\n'), query).toMatch(/using the default/);
      const link = writeExplorerUrl(state);
      const again = readExplorerUrl(`?${link}`);
      expect(again.notices, `${query} → ${link}`).toEqual([]);
      expect(again.state.sweep, query).toEqual(state.sweep);
    }
  });
});

describe('fuzz: files', () => {
  it('CSV texts: a line named or a points message, never an exception', () => {
    const rng = Rng.fromKey(FUZZ_SEED + 2);
    const CELLS = [...HOSTILE, '1', '2.5', '-3', '1e3', '1e50', '1e51', '-1e60'];
    for (let c = 0; c < CASES; c++) {
      const lines: string[] = rng.uniform() < 0.3 ? ['x,y'] : [];
      const n = rng.int(40);
      for (let i = 0; i < n; i++) {
        const roll = rng.uniform();
        if (roll < 0.6) lines.push(`${(rng.uniform() * 10).toFixed(3)},${(rng.uniform() * 10).toFixed(3)}`);
        else if (roll < 0.9) lines.push(`${pick(rng, CELLS)}${pick(rng, [',', ';', '\t', ' '])}${pick(rng, CELLS)}`);
        else lines.push(pick(rng, ['', '# comment', 'a,b,c', ',,', pick(rng, CELLS)]));
      }
      // Every third case: clean points and one number that float64 or the engine cannot take.
      const extreme = c % 3 === 0 ? pick(rng, ['1e51,0', '0,-1e60', '1e-400,1', '2,1e999', '-1e309,3']) : null;
      if (extreme) lines.splice(0, lines.length, ...Array.from({ length: 12 }, (_, i) => `${i},${i % 4}`), extreme);
      const text = lines.join(pick(rng, ['\n', '\r\n']));
      const result = timed(text, () => parsePointsCsv(text));
      if (extreme) expect(result.ok ? 'accepted' : result.message, extreme).toMatch(/^(line 13: |points: point 13 )/);
      if (result.ok) {
        expect(result.points.length).toBeGreaterThanOrEqual(10);
        for (const p of result.points) for (const v of p) expect(Math.abs(v)).toBeLessThanOrEqual(1e50);
      } else {
        short([result.message], text);
        expect(result.message, text.slice(0, 200)).toMatch(/^(line \d+: |points: )/);
      }
    }
  });

  it('run documents: a location named, or every value within its metric range', () => {
    const rng = Rng.fromKey(FUZZ_SEED + 3);
    const summary = () => ({ mean: 0.5, sd: 0.1, median: 0.5, q05: 0.4, q95: 0.6 });
    const VALUES: unknown[] = [null, 0, -1, 1e308, -1e308, 1e-320, 2, 'x', '', true, [], {}, [1, 2], { mean: 1 }, 'toString', 999, 1.5];
    const NAMES = ['toString', '__proto__', 'constructor', 'fid', 'fd', 'recall', 'mean', 'version', 't'];
    for (let c = 0; c < CASES; c++) {
      const doc: Record<string, unknown> = {
        spec: { generations: 3, replicates: 2 },
        generations: [1, 2, 3].map((t) => ({ t, metrics: { fd: summary(), precision: summary() }, iterations: 1 })),
      };
      // One to three mutations at random places.
      for (let m = 0, k = 1 + rng.int(3); m < k; m++) {
        const g = (doc.generations as Record<string, unknown>[])[rng.int(3)];
        if (typeof g.metrics !== 'object' || g.metrics === null) g.metrics = {};
        const metrics = g.metrics as Record<string, Record<string, unknown>>;
        switch (rng.int(7)) {
          case 0: {
            const target = metrics[pick(rng, ['fd', 'precision'])];
            if (typeof target === 'object' && target !== null) target[pick(rng, ['mean', 'sd', 'median', 'q05', 'q95'])] = pick(rng, VALUES);
            break;
          }
          case 1:
            metrics[pick(rng, NAMES)] = pick(rng, [summary(), ...VALUES]) as Record<string, unknown>;
            break;
          case 2:
            g[pick(rng, ['t', 'iterations', 'theory', 'metrics'])] = pick(rng, VALUES);
            break;
          case 3:
            doc.version = pick(rng, VALUES);
            break;
          case 4:
            (doc.spec as Record<string, unknown>)[pick(rng, [...SPEC_KEYS, ...NAMES])] = pick(rng, VALUES);
            break;
          case 5:
            g.theory = { [pick(rng, NAMES)]: pick(rng, VALUES) };
            break;
          default:
            g.metrics = {};
        }
      }
      const text = JSON.stringify(doc);
      const loaded = timed(text, () => loadRunDocuments(text));
      if (!loaded.ok) {
        expect(loaded.errors.length, text).toBeGreaterThan(0);
        short(loaded.errors, text);
        for (const e of loaded.errors) expect(e, text).toMatch(/^(version|spec|generations)/);
        continue;
      }
      for (const g of loaded.documents[0].generations) {
        expect(Object.keys(g.metrics).length).toBeGreaterThan(0);
        for (const [name, s] of Object.entries(g.metrics) as unknown as [MetricName, Record<string, number>][]) {
          expect(Object.hasOwn(METRICS, name)).toBe(true);
          const [lo, hi] = METRICS[name].range;
          for (const k of ['mean', 'median', 'q05', 'q95']) if (!Number.isNaN(s[k])) expect(s[k] >= lo && s[k] <= hi, `${text}: ${name}.${k}`).toBe(true);
        }
      }
    }
  });

  it('sweep documents: a location named, never an exception', async () => {
    const rng = Rng.fromKey(FUZZ_SEED + 4);
    const checked = checkSweep({ base: { replicates: 3, generations: 4 }, x: { field: 'nSyn', values: [10, 100] }, y: { field: 'lambda', values: [0.9, 1] } });
    if (!checked.ok) throw new Error(checked.issues[0].message);
    const valid = JSON.parse(JSON.stringify(await runSweep(checked.value as Sweep))) as Record<string, unknown>;
    expect(loadSweepResult(JSON.stringify(valid)).ok).toBe(true);
    const VALUES: unknown[] = [null, -1, 0, 1e308, 'x', [], {}, [10, 10], [1e999], 'toString', { field: 'toString', values: [1] }, { field: 'nSyn', values: [] }];
    for (let c = 0; c < CASES / 2; c++) {
      const doc = structuredClone(valid) as { sweep: Record<string, Record<string, unknown>>; baseline: Record<string, unknown>; cells: Record<string, unknown>[] };
      switch (rng.int(4)) {
        case 0:
          doc.sweep.base[pick(rng, [...SPEC_KEYS, 'toString', '__proto__'])] = pick(rng, VALUES);
          break;
        case 1:
          (doc.sweep as Record<string, unknown>)[pick(rng, ['x', 'y'])] = pick(rng, VALUES);
          break;
        case 2:
          doc.baseline[pick(rng, ['method', 'sizes', 'distance', 'se'])] = pick(rng, VALUES);
          break;
        default:
          doc.cells[rng.int(doc.cells.length)][pick(rng, ['nE', 'ratio', 'verdict', 'finalFd', 'x', 'limit'])] = pick(rng, VALUES);
      }
      const text = JSON.stringify(doc);
      const loaded = await timedAsync(text, async () => loadSweepResult(text));
      if (!loaded.ok) {
        short(loaded.errors, text);
        for (const e of loaded.errors) expect(e, text).toMatch(/^(sweep|baseline|cells)/);
      }
    }
  });
});

describe('fuzz: CLI arguments', () => {
  it('every bad flag or value named, valid values taken as given', () => {
    const rng = Rng.fromKey(FUZZ_SEED + 5);
    const EXTRA = ['--threads', '--help', '--toString', '--constructor', '--', '-n', 'stray', '--x', '--x-values', '--y-range'];
    for (let c = 0; c < CASES; c++) {
      const argv: string[] = [];
      for (let i = 0, n = 1 + rng.int(5); i < n; i++) {
        const roll = rng.uniform();
        const flag = roll < 0.8 ? `--${pick(rng, FLAGS.filter((f) => f !== 'data'))}` : pick(rng, EXTRA);
        const key = SPEC_KEYS.find((k) => `--${specFields[k].flag}` === flag) ?? null;
        const value = valueFor(rng, key);
        if (rng.uniform() < 0.2) argv.push(`${flag}=${value}`);
        else argv.push(flag, value);
      }
      const sweep = argv.some((a) => /^--[xy](-|$|=)/.test(a));
      const parsed = timed(argv.join(' '), () => (sweep ? parseSweepArgs(argv) : parseArgs(argv)));
      if (!parsed.ok) {
        expect(parsed.issues.length).toBeGreaterThan(0);
        short(parsed.issues.map((i) => i.message), argv.join(' '));
        // Each message names a flag (--flag) or a field by its label, or the stray argument.
        for (const { message } of parsed.issues) expect(message, argv.join(' ')).toMatch(/--[a-z]|unexpected argument|^[^:]+ \(--/);
        continue;
      }
      const input = 'base' in parsed.input ? (parsed.input.base as Record<string, unknown>) : (parsed.input as Record<string, unknown>);
      for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].split(/=(.*)/s);
        const key = SPEC_KEYS.find((k) => `--${specFields[k].flag}` === flag);
        if (!key) continue;
        const text = inline ?? argv[i + 1];
        const value = parseField(key, text);
        if (value.ok) expect(input[key], argv.join(' ')).toBe(value.value);
      }
      // What parses is either a valid spec or a list of named problems; never an exception.
      const spec = timed(argv.join(' '), () => ('base' in parsed.input ? checkSweep(parsed.input as Parameters<typeof checkSweep>[0]) : normaliseSpec(input)));
      if (!spec.ok) short(spec.issues.map((i) => i.message), argv.join(' '));
    }
  });

  it('the generator covers what it should', () => {
    // A guard on the fuzzing itself: hostile values include the issue's cases.
    for (const v of ['0x10', '1e-400', '1e999', 'toString', '__proto__', '']) expect(HOSTILE).toContain(v);
    expect(assertSpec({}).seed).toBe(specFields.seed.default);
  });
});
