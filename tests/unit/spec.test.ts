import { describe, expect, it } from 'vitest';
import { type Field, SPEC_KEYS, defaultSpec, fieldApplies, specFields } from '../../src/spec/schema';
import { normaliseSpec, parseField } from '../../src/spec/validate';

function issuesOf(input: Record<string, unknown>): string[] {
  const r = normaliseSpec(input);
  return r.ok ? [] : r.issues.map((i) => `${i.field}: ${i.message}`);
}

describe('spec schema', () => {
  it('fills every missing field with its default, and the defaults are valid', () => {
    const r = normaliseSpec({});
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toEqual(defaultSpec());
  });

  it('keeps valid values as given', () => {
    const r = normaliseSpec({ data: 'gaussian', dim: 7, learner: 'gaussian', lambda: 0.3, loop: 'fresh', nReal: 10, nSyn: 0 });
    expect(r.ok && r.value.dim === 7 && r.value.lambda === 0.3 && r.value.nSyn === 0).toBe(true);
  });

  for (const key of SPEC_KEYS) {
    const field: Field = specFields[key];
    it(`rejects malformed, NaN, missing and out-of-range values of ${key}`, () => {
      // A number list's empty text is its default (nothing listed); its numbers are checked one by one.
      const bad: unknown[] = [field.kind === 'numbers' ? ',' : '', 'abc', null, {}, [], true];
      if (field.kind === 'numbers') bad.push(String(field.max + 1), `${field.max},${field.min - 1}`, Array(field.maxCount + 1).fill(field.max).join(','));
      if (field.kind === 'numbers' && field.minExclusive) bad.push(String(field.min));
      else if (field.kind !== 'enum' && field.kind !== 'list') bad.push(Number.NaN, Infinity, -Infinity, field.max + 1, field.min - 1);
      if (field.kind === 'int') bad.push(field.min + 0.5);
      if (field.kind === 'number' && field.minExclusive) bad.push(field.min);
      for (const value of bad) {
        const issues = issuesOf({ [key]: value });
        expect(issues.length, `${key} = ${String(value)}`).toBeGreaterThan(0);
        // The message names the field (label and flag) and what is allowed.
        expect(issues[0]).toContain(field.label);
        expect(issues[0]).toContain(`--${field.flag}`);
        expect(issues[0]).toContain('allowed');
      }
    });

    it(`parses the text form of ${key} strictly`, () => {
      const texts = ['NaN', '0x10', '1,5', '--1', 'Infinity', ...(field.kind === 'numbers' ? [] : ['', ' '])];
      for (const text of texts) expect(parseField(key, text).ok, JSON.stringify(text)).toBe(false);
      const ok = field.kind === 'enum' ? field.default : String(field.default);
      expect(parseField(key, ok)).toEqual({ ok: true, value: field.default });
    });
  }

  it('accepts λ = 1 and rejects λ = 0 (λ ∈ (0, 1])', () => {
    expect(normaliseSpec({ lambda: 1 }).ok).toBe(true);
    expect(issuesOf({ lambda: 0 })[0]).toContain('(0, 1]');
  });

  it('reports unknown fields and every bad field at once', () => {
    const issues = issuesOf({ nIni: -1, lambda: 2, colour: 'red' });
    expect(issues.map((m) => m.split(':')[0]).sort()).toEqual(['colour', 'lambda', 'nIni']);
  });

  it('rejects a dimension other than 2 for the 2-D distributions', () => {
    expect(issuesOf({ data: 'ring', dim: 3 })[0]).toMatch(/^dim: .*3 is not allowed with data=ring/);
    expect(normaliseSpec({ data: 'gaussian', dim: 3 }).ok).toBe(true);
  });

  it('rejects training sets too small for the learner', () => {
    expect(issuesOf({ data: 'gaussian', dim: 5, learner: 'gaussian', nIni: 5 })[0]).toContain('at least 6');
    expect(issuesOf({ data: 'gaussian', dim: 1, learner: 'gaussian', loop: 'fully-synthetic', nSyn: 1 })[0]).toContain('n_s = 1');
    expect(issuesOf({ learner: 'gmm', components: 20, nIni: 10 })[0]).toContain('K = 20');
    expect(issuesOf({ loop: 'fresh', nReal: 1, nSyn: 1 })[0]).toContain('n_r + n_s = 2');
    // A single generation never trains on synthetic data, so n_s does not matter.
    expect(normaliseSpec({ loop: 'fully-synthetic', nSyn: 0, generations: 1 }).ok).toBe(true);
  });

  it('accepts the neural learners on 2-D data only', () => {
    expect(normaliseSpec({ learner: 'gan', data: 'moons' }).ok).toBe(true);
    expect(normaliseSpec({ learner: 'diffusion', data: 'gaussian', dim: 2 }).ok).toBe(true);
    expect(issuesOf({ learner: 'diffusion', data: 'gaussian', dim: 1 })[0]).toMatch(/^learner: .*diffusion is a learner for 2-D data/);
  });

  it('rejects an accumulate run that would not fit in memory', () => {
    expect(issuesOf({ loop: 'accumulate', nSyn: 100_000, generations: 10_000, replicates: 100 })[0]).toContain('budget');
  });

  it('requires a point set exactly when data = points', () => {
    expect(issuesOf({ data: 'points' })[0]).toContain('needs a point set');
    const points = Array.from({ length: 20 }, (_, i) => [i, i * i]);
    expect(normaliseSpec({ data: 'points', points }).ok).toBe(true);
    expect(issuesOf({ data: 'ring', points })[0]).toContain('use data=points');
    expect(issuesOf({ data: 'points', points: points.slice(0, 3) })[0]).toContain('3 points given');
    expect(issuesOf({ data: 'points', points: [...points, [1, Number.NaN]] })[0]).toContain('point 21');
  });

  it('knows which fields apply to which learner, data and loop', () => {
    const spec = defaultSpec();
    expect(fieldApplies('components', { ...spec, learner: 'gmm' })).toBe(true);
    expect(fieldApplies('components', { ...spec, learner: 'kde' })).toBe(false);
    expect(fieldApplies('nReal', { ...spec, loop: 'fully-synthetic' })).toBe(false);
    expect(fieldApplies('nReal', { ...spec, loop: 'accumulate' })).toBe(true);
    expect(fieldApplies('seed', spec)).toBe(true);
    expect(fieldApplies('steps', { ...spec, learner: 'gan' })).toBe(true);
    expect(fieldApplies('steps', { ...spec, learner: 'diffusion' })).toBe(true);
    expect(fieldApplies('steps', { ...spec, learner: 'gmm' })).toBe(false);
    expect(fieldApplies('latentDim', { ...spec, learner: 'diffusion' })).toBe(false);
    expect(fieldApplies('diffusionSteps', { ...spec, learner: 'diffusion' })).toBe(true);
  });
});

describe('MNIST specs', () => {
  it('a missing training field takes the learner’s own default; a given one is kept', () => {
    const gan = normaliseSpec({ data: 'mnist', learner: 'conv-gan' });
    expect(gan.ok && [gan.value.epochs, gan.value.batchSize, gan.value.learningRate]).toEqual([5, 32, 2e-3]);
    const vae = normaliseSpec({ data: 'mnist', learner: 'vae' });
    expect(vae.ok && [vae.value.epochs, vae.value.batchSize, vae.value.learningRate]).toEqual([30, 128, 3e-3]);
    const given = normaliseSpec({ data: 'mnist', learner: 'conv-gan', batchSize: 64 });
    expect(given.ok && given.value.batchSize).toBe(64);
    expect(fieldApplies('epochs', { ...defaultSpec(), learner: 'cvae' })).toBe(true);
    expect(fieldApplies('epochs', { ...defaultSpec(), learner: 'gan' })).toBe(false);
    expect(fieldApplies('hidden', { ...defaultSpec(), learner: 'vae' })).toBe(false);
  });

  it('pairs digits with digit generators, and keeps draws within the splits', () => {
    const messages = (input: Record<string, unknown>) => {
      const checked = normaliseSpec(input);
      return checked.ok ? [] : checked.issues.map((i) => i.message);
    };
    expect(messages({ data: 'mnist', learner: 'kde' })).toEqual([
      'learner (--learner): kde generates points; use data=gaussian | ring | grid | moons | points, or with data=mnist one of pca-gmm | vae | cvae | conv-gan',
    ]);
    expect(messages({ data: 'moons', learner: 'cvae' })[0]).toContain('cvae generates MNIST digits; use data=mnist');
    expect(messages({ data: 'mnist', learner: 'vae', nIni: 60_001, nReal: 60_000, nEval: 10_001 })).toEqual([
      'n_ini (--n-ini): 60001 is more than MNIST has; allowed with data=mnist: 1..60000 (60000 training digits)',
      'n_eval (--n-eval): 10001 is more than MNIST has; allowed with data=mnist: 1..10000 (10000 held-out test digits)',
    ]);
    expect(messages({ data: 'mnist', learner: 'vae', loop: 'fully-synthetic', nSyn: 5 })[0]).toContain('the vae learner needs at least 10');
    // A mixture of digits needs a digit per component.
    expect(messages({ data: 'mnist', learner: 'pca-gmm', components: 40, loop: 'fully-synthetic', nSyn: 30 })[0]).toContain('the pca-gmm learner with K = 40 needs at least 40');
    expect(messages({ data: 'mnist', learner: 'vae', loop: 'accumulate', nIni: 2000, nSyn: 2000, nReal: 2000, generations: 30, replicates: 2 })[0]).toContain(
      '· 785 (28×28 pixels and a label) · R',
    );
  });
});
