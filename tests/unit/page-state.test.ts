/** The page's pure modules, without a browser: the URL format and the run-document loader. */
import { describe, expect, it } from 'vitest';
import { assertSpec } from '../../src/spec/validate';
import { changeBase } from '../../src/ui/data-switch';
import { DEFAULT_RUNS, PAGE_DEFAULTS, defaultLabState, pageDefaults } from '../../src/ui/lab-state';

const MNIST_PAGE_DEFAULTS = pageDefaults('mnist');
const NEURAL_PAGE_DEFAULTS = pageDefaults('ring', 'diffusion');
import { PRESETS } from '../../src/ui/presets';
import { longRunEstimate, runSeconds } from '../../src/ui/run-estimate';
import { replicateStep } from '../../src/ui/TrainingStatus';
import { loadRunDocuments } from '../../src/ui/run-document-loader';
import { readUrl, writeUrl } from '../../src/ui/url-state';

describe('url state', () => {
  it('writes only what differs from the page defaults, and reads it back', () => {
    expect(writeUrl(defaultLabState())).toBe('v=1');
    const state = {
      ...defaultLabState(),
      base: assertSpec({ ...PAGE_DEFAULTS, data: 'points', points: Array.from({ length: 12 }, (_, i) => [i / 4, 1 - i / 8]), lambda: 0.85, seed: 42 }),
      runs: [{ loop: 'fresh' as const, nReal: 20 }, {}],
      speed: 'max' as const,
      hidden: ['seed', 'export'],
      embed: true,
    };
    const query = writeUrl(state);
    expect(query).toContain('cmp=loop:fresh;n-real:20,base');
    expect(query).toContain('pts=0,1;0.25,0.875;');
    const { state: read, notices } = readUrl(`?${query}`);
    expect(notices).toEqual([]);
    expect(read).toEqual(state);
  });

  it('names every bad field, keeps the good ones and falls back per field', () => {
    const { state, notices } = readUrl('?v=0&n-syn=5&components=20&seed=9&pts=1,2;3&hide=nothing&speed=warp&preset=none&cmp=loop:fresh,lambda:0,x:1,base,base');
    expect(state.base.seed).toBe(9);
    expect(state.base.nSyn).toBe(PAGE_DEFAULTS.nSyn);
    expect(state.runs).toEqual([{ loop: 'fresh' }, {}, {}, {}]);
    const text = notices.join('\n');
    for (const fragment of ['version "0"', 'n_s (n-syn=)', 'points', 'hide: "nothing"', 'speed: "warp"', 'preset: "none"', 'compare run 2', 'compare run 3', 'cmp: 5 runs'])
      expect(text).toContain(fragment);
  });

  it('treats a link without cmp as the default comparison', () => {
    expect(readUrl('?seed=3').state.runs).toEqual(DEFAULT_RUNS);
  });
});

describe('run-document loader', () => {
  const entry = (t: number) => ({ t, metrics: { fd: { mean: 1, sd: 0, median: 1, q05: 1, q95: 1 }, logdet: { mean: null, sd: null, median: null, q05: null, q95: null } }, iterations: 3 });

  it('accepts the CLI format, with null for infinite values', () => {
    const loaded = loadRunDocuments(JSON.stringify({ spec: { generations: 2 }, generations: [entry(1), entry(2)] }));
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      expect(loaded.documents[0].spec.generations).toBe(2);
      expect(Number.isNaN(loaded.documents[0].generations[1].metrics.logdet!.mean)).toBe(true);
    }
  });

  it('says where a document is wrong', () => {
    const bad = loadRunDocuments(JSON.stringify([{ spec: { generations: 2 }, generations: [entry(2)] }, { spec: { loop: 'sideways' }, generations: [] }]));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors[0]).toContain('[0].generations[0].t: expected 1');
      expect(bad.errors[1]).toContain('[1].spec: loop: "sideways" is not allowed');
    }
    const notJson = loadRunDocuments('{');
    expect(notJson.ok || notJson.errors[0]).toContain('not JSON');
    const extra = loadRunDocuments(JSON.stringify({ spec: {}, generations: [{ t: 1, metrics: { fid: {} }, iterations: 0 }] }));
    expect(extra.ok || extra.errors[0]).toContain('unknown metric "fid"');
  });
});

describe('MNIST in the link and the controls', () => {
  it('gives a bare data=mnist link the MNIST page defaults, and writes them back as data=mnist alone', () => {
    const { state, notices } = readUrl('?data=mnist');
    expect(notices).toEqual([]);
    expect(state.base).toEqual(MNIST_PAGE_DEFAULTS);
    expect(writeUrl(state)).toBe('v=1&data=mnist');
    const tiny = readUrl('?data=mnist&learner=cvae&n-ini=200&epochs=1');
    expect(tiny.notices).toEqual([]);
    expect(readUrl(`?${writeUrl(tiny.state)}`).state).toEqual(tiny.state);
  });

  it('puts the MNIST default generator in place of a point learner on MNIST (and the default learner in place of a digit one on points), naming it', () => {
    const digits = readUrl('?data=mnist&learner=gmm');
    expect(digits.state.base.learner).toBe(MNIST_PAGE_DEFAULTS.learner);
    expect(digits.notices.join('\n')).toContain('learner (learner=)');
    expect(readUrl('?data=moons&learner=vae').state.base.learner).toBe(PAGE_DEFAULTS.learner);
  });

  it('moves the learner and the sizes when the data crosses between points and digits, and lists each change', () => {
    const to = changeBase(PAGE_DEFAULTS, [{ loop: 'fully-synthetic' }, { loop: 'fresh', learner: 'kde' }], { data: 'mnist' });
    expect(to.base).toEqual(MNIST_PAGE_DEFAULTS);
    expect(to.runs).toEqual([{ loop: 'fully-synthetic' }, { loop: 'fresh' }]);
    const items = to.notice!.items.join('\n');
    for (const fragment of ['learner: Gaussian mixture (EM) → Gaussian mixture in PCA space (digits)', 'K: 8 → 40', 'n_ini: 100 → 1000', 'generations T: 100 → 10', 'replicates R: 10 → 1', 'compare run 2: its own learner'])
      expect(items).toContain(fragment);
    const back = changeBase(to.base, to.runs, { data: 'moons' });
    expect(back.base).toEqual({ ...PAGE_DEFAULTS, data: 'moons' });
    for (const fragment of ['learner: Gaussian mixture in PCA space (digits) → Gaussian mixture (EM)', 'K: 40 → 8']) expect(back.notice!.items.join('\n')).toContain(fragment);
    expect(changeBase(PAGE_DEFAULTS, DEFAULT_RUNS, { data: 'moons' }).notice).toBeNull();
  });

  it("gives a learner its own training defaults, in the controls and in links, and says so", () => {
    const gan = changeBase(MNIST_PAGE_DEFAULTS, DEFAULT_RUNS, { learner: 'conv-gan' });
    expect(gan.base).toMatchObject({ learner: 'conv-gan', epochs: 5, batchSize: 32, learningRate: 2e-3 });
    expect(gan.notice!.items).toEqual(['epochs: 30 → 5', 'learning rate: 0.003 → 0.002', 'batch size: 128 → 32']);
    const back = changeBase(gan.base, DEFAULT_RUNS, { learner: 'cvae' });
    expect(back.base).toEqual({ ...MNIST_PAGE_DEFAULTS, learner: 'cvae' });
    // Between learners with the same defaults nothing else changes.
    expect(changeBase(MNIST_PAGE_DEFAULTS, DEFAULT_RUNS, { learner: 'cvae' }).notice).toBeNull();

    const link = readUrl('?data=mnist&learner=conv-gan');
    expect(link.notices).toEqual([]);
    expect(link.state.base).toEqual(gan.base);
    expect(writeUrl(link.state)).toBe('v=1&data=mnist&learner=conv-gan');
    expect(readUrl('?data=mnist&learner=conv-gan&batch-size=64').state.base.batchSize).toBe(64);
  });
});

describe('neural learners on points in the link and the controls', () => {
  it('start at sizes whose first generation trains in seconds, say what changed, and write short links', () => {
    const to = changeBase(PAGE_DEFAULTS, DEFAULT_RUNS, { learner: 'gan' });
    expect(to.base).toEqual({ ...NEURAL_PAGE_DEFAULTS, learner: 'gan' });
    const items = to.notice!.items.join('\n');
    for (const fragment of ['n_ini: 100 → 400', 'n_s: 100 → 200', 'generations T: 100 → 10', 'replicates R: 10 → 1', 'training steps: 2000 → 1000', 'hidden units: 64 → 32'])
      expect(items).toContain(fragment);
    expect(items).not.toContain('learner:');
    expect(to.notice!.title).toMatch(/^Switched to GAN/);
    // Between the two networks only the learner changes; back to a mixture, the page's usual sizes.
    expect(changeBase(to.base, DEFAULT_RUNS, { learner: 'diffusion' }).notice).toBeNull();
    const back = changeBase(to.base, DEFAULT_RUNS, { learner: 'kde' });
    expect(back.base).toEqual({ ...PAGE_DEFAULTS, learner: 'kde' });
    expect(back.notice!.items.join('\n')).toContain('replicates R: 1 → 10');

    const link = readUrl('?learner=gan');
    expect(link.notices).toEqual([]);
    expect(link.state.base).toEqual(to.base);
    expect(writeUrl(link.state)).toBe('v=1&learner=gan');
  });
});

describe('scenario links', () => {
  it('?preset=ID loads the scenario itself, shows its text only while its settings hold, and writes back as short', () => {
    for (const preset of PRESETS) {
      const { state, notices } = readUrl(`?preset=${preset.id}`);
      expect(notices).toEqual([]);
      expect(state.base).toEqual(preset.base);
      expect(state.runs).toEqual(preset.runs);
      expect(state.preset).toBe(preset.id);
      expect(writeUrl(state)).toBe(`v=1&preset=${preset.id}`);
    }
    const changed = readUrl('?preset=fresh&seed=9');
    expect(changed.state.base.seed).toBe(9);
    expect(changed.state.runs).toEqual(PRESETS.find((p) => p.id === 'fresh')!.runs);
    expect(changed.state.preset).toBeNull();
    expect(readUrl('?preset=toString').notices[0]).toContain('"toString" is not a scenario');
  });
});

describe('run estimates', () => {
  it('stay silent for the page defaults and every scenario, and name a run of hours', () => {
    for (const spec of [PAGE_DEFAULTS, MNIST_PAGE_DEFAULTS, { ...NEURAL_PAGE_DEFAULTS, learner: 'gan' as const }, ...PRESETS.flatMap((p) => p.runs.map((r) => ({ ...p.base, ...r })))])
      expect(longRunEstimate(spec), `${spec.data} ${spec.learner} ${spec.loop}`).toBeNull();
    // R × T × steps / steps per second: 10 × 100 × 1000 / 260 ≈ 1.1 hours.
    expect(longRunEstimate({ ...NEURAL_PAGE_DEFAULTS, learner: 'gan', replicates: 10, generations: 100, steps: 1000 })).toBe('about 1.1 hours in this tab');
    // M models feeding each other train M networks, one after another, and the progress line says which.
    const gan = { ...NEURAL_PAGE_DEFAULTS, learner: 'gan' as const };
    expect(runSeconds({ ...gan, models: 2 })).toBeCloseTo(2 * runSeconds(gan), 9);
    expect(replicateStep(2500, 4000, 2, 2)).toBe('training step 500 of 1000 · model 1 of 2 · replicate 2 of 2');
    expect(replicateStep(340, 10000, 10)).toBe('training step 340 of 1000 · replicate 1 of 10');
    // MNIST networks: every training digit once per epoch; fresh data doubles the training set from t = 2.
    expect(runSeconds({ ...MNIST_PAGE_DEFAULTS, learner: 'vae', loop: 'fresh' })).toBeCloseTo(((1000 + 9 * 2000) * 30) / 5000, 6);
    // pca-gmm has no epochs: its generations go by the digits they fit.
    expect(runSeconds({ ...MNIST_PAGE_DEFAULTS, learner: 'pca-gmm', loop: 'fresh' })).toBeCloseTo((1000 + 9 * 2000) / 1000, 6);
  });

  it('cost word runs by the words of every generation at the unigram learner’s pace', () => {
    // Per generation: |D^t| words, n_eval sample words and one pass over the V types; R × that / 5·10⁶ words per second.
    const words = pageDefaults('zipf');
    const { nIni, nSyn, nEval, vocabulary: V, generations: T, replicates: R } = words;
    expect(runSeconds(words)).toBeCloseTo((R * (nIni + (T - 1) * nSyn + T * (nEval + V))) / 5e6, 9);
    expect(longRunEstimate({ ...words, vocabulary: 100_000, nIni: 100_000, nSyn: 100_000, replicates: 100, generations: 1000 })).toBe('about 1.1 hours in this tab');
  });
});

describe('rules between fields, applied where a field changes', () => {
  it('gaussian with d = 5, then the ring: d goes back to 2, said in a notice, and the run is valid', () => {
    const gaussian = changeBase(PAGE_DEFAULTS, DEFAULT_RUNS, { data: 'gaussian' });
    const five = changeBase(gaussian.base, gaussian.runs, { dim: 5 });
    expect(five.base.dim).toBe(5);
    const ring = changeBase(five.base, five.runs, { data: 'ring' });
    expect(ring.base.dim).toBe(2);
    expect(ring.notice?.items).toEqual(['d: 5 → 2']);
    for (const run of ring.runs) expect(() => assertSpec({ ...ring.base, ...run })).not.toThrow();
    // Into MNIST the same rule holds, listed with the sizes that follow the digits.
    const mnist = changeBase(five.base, five.runs, { data: 'mnist' });
    expect(mnist.base.dim).toBe(2);
    expect(mnist.notice?.items[0]).toBe('d: 5 → 2');
  });

  it('a link or a flag that asks for both is told why, not changed', () => {
    expect(() => assertSpec({ data: 'ring', dim: 5 })).toThrow('d (--dim): 5 is not allowed with data=ring; allowed: 2 (only N(0, I_d) has a free dimension)');
    const { state, notices } = readUrl('?v=1&data=ring&dim=5');
    expect(state.base.dim).toBe(2);
    expect(notices.join('\n')).toMatch(/5 is not allowed with data=ring/);
  });
});
