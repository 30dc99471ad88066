/**
 * The explorer's axes of curated loops and of models feeding each other (issue 17): curation K,
 * models M and the exchange share as sweep fields, with their names from the schema; an axis that
 * changes nothing is refused with what it needs; a curated sweep shares the uncurated closed-form
 * baseline; its verdicts read as the criterion says (a curator's pull counts against it); the
 * CLI's flags and the explorer's link carry the new axes; λ is named per domain.
 */
import { describe, expect, it } from 'vitest';
import { baselineFor } from '../../src/engine/admissibility/baseline';
import { type PointCellResult, type SweepResult, checkSweep, runSweep } from '../../src/engine/admissibility/sweep';
import { assertSpec } from '../../src/spec/validate';
import { criterionNotes } from '../../src/ui/explorer/criterion-notes';
import { SWEEP_PRESETS } from '../../src/ui/explorer/explorer-presets';
import { readExplorerUrl, writeExplorerUrl } from '../../src/ui/explorer/explorer-url';
import { axisTitle } from '../../src/ui/explorer/sweep-labels';
import { cli } from './run-cli';

const messages = (input: Parameters<typeof checkSweep>[0]) => {
  const checked = checkSweep(input);
  return checked.ok ? [] : checked.issues.map((i) => i.message);
};

describe('sweep axes of curation and of models feeding each other', () => {
  it('are named from the schema, λ in the words of each domain', () => {
    expect(axisTitle('curationK', 'gaussian')).toBe('K: candidates per curated sample (1 = no curation)');
    expect(axisTitle('models', 'ring')).toBe('M: models feeding each other');
    expect(axisTitle('exchange', 'ring')).toBe('exchange: share of synthetic samples taken from the other models');
    expect(axisTitle('lambda', 'gaussian')).toBe('λ: sampling bias (1 = unbiased, smaller = more biased)');
    expect(axisTitle('lambda', 'zipf')).toBe('λ: sampling temperature (1 = as fitted, smaller = cooler)');
    expect(axisTitle('synFraction', 'zipf')).toBe('p = n_s / (n_r + n_s): synthetic share of each generation');
  });

  it('refuse an axis that changes nothing, saying what it needs, unless the other axis makes it matter', () => {
    expect(messages({ x: { field: 'exchange', values: [0, 0.5] } })).toEqual([
      'x axis (exchange, --x exchange): exchange has no effect with --models 1; sweep it with --models > 1',
    ]);
    expect(messages({ base: { data: 'zipf', learner: 'bigram' }, x: { field: 'models', values: [1, 2] } })[0]).toBe(
      'x axis (M, --x models): M has no effect with --learner bigram; sweep it with --learner gaussian|gmm|kde|unigram|pca-gmm|vae|cvae|conv-gan',
    );
    expect(messages({ base: { loop: 'fully-synthetic' }, x: { field: 'synFraction', values: [0.5] }, y: { field: 'lambda', values: [1] } })[0]).toMatch(
      /n_r, which it spans, has no effect with --loop fully-synthetic/,
    );
    // M > 1 in some rows is enough for the exchange share to matter.
    expect(messages({ x: { field: 'exchange', values: [0, 0.5] }, y: { field: 'models', values: [1, 2] } })).toEqual([]);
    // Values out of the schema's range are named with it.
    expect(messages({ x: { field: 'models', values: [1, 5] } })[0]).toMatch(/x axis \(M, --x models\) = 5: models M \(--models\): 5 is out of range; allowed: an integer 1\.\.4/);
  });

  it('a curated sweep shares the uncurated closed-form baseline: a fit on real data alone filters nothing', async () => {
    const curated = await baselineFor(assertSpec({ data: 'gaussian', dim: 1, learner: 'gaussian', curationK: 3, models: 2, correction: 0.5, replicates: 2 }), 1000);
    const plain = await baselineFor(assertSpec({ data: 'gaussian', dim: 1, learner: 'gaussian', replicates: 2 }), 1000);
    expect(curated).toEqual(plain);
    expect(curated.method).toBe('closed-form');
  });

  it('a curator’s pull counts against admissibility, and the cell says so', async () => {
    // Half real, half curated towards x* = 2: K = 1 helps, K = 5 moves the limit's mean far off 0.
    const checked = checkSweep({
      base: { nReal: 100, nSyn: 100, replicates: 10, generations: 12, nEval: 20 },
      x: { field: 'curationK', values: [1, 5] },
      y: { field: 'synFraction', values: [0.5] },
    });
    if (!checked.ok) throw new Error(checked.issues[0].message);
    const [plain, curated] = ((await runSweep(checked.value)) as SweepResult<PointCellResult>).cells;
    expect(plain.verdict).toBe('admissible');
    expect(curated.verdict).toBe('inadmissible');
    expect(curated.limit.meanSq.mean).toBeGreaterThan(20 * plain.limit.meanSq.mean);
    expect(criterionNotes(assertSpec({ curationK: 5 }))[0]).toMatch(/^A curator \(K > 1\) pulls the model towards its target x\* = \(2, 0\) on purpose/);
    expect(criterionNotes(assertSpec({ models: 2 }))[0]).toMatch(/model 1's, against its own real data/);
    expect(criterionNotes(assertSpec({}))).toEqual([]);
  });

  it('the curation preset of the explorer travels in its link', () => {
    const preset = SWEEP_PRESETS.find((p) => p.id === 'curation')!;
    const state = { sweep: preset.sweep, colour: 'recall' as const, workers: null, embed: false };
    const link = writeExplorerUrl(state);
    expect(link).toContain('x=curation-k');
    expect(readExplorerUrl(`?${link}`)).toEqual({ state, notices: [] });
  });

  it('the CLI sweeps M × exchange share, and names a bad axis value', async () => {
    const { code, out } = await cli('sweep', '--data', 'gaussian', '--dim', '1', '--loop', 'fully-synthetic', '--n-ini', '50', '--n-syn', '50',
      '--replicates', '4', '--generations', '4', '--n-eval', '20', '--x', 'models', '--x-values', '1,2', '--y', 'exchange', '--y-values', '0,0.5', '--threads', '1');
    expect(code).toBe(0);
    const doc = JSON.parse(out) as SweepResult;
    expect(doc.cells.map((c) => [c.x, c.y])).toEqual([[1, 0], [2, 0], [1, 0.5], [2, 0.5]]);
    // One model ignores the exchange share: its two cells are the same loop.
    expect(doc.cells[2]).toMatchObject({ x: 1, limit: doc.cells[0].limit });
    for (const [argv, message] of [
      [['--x', 'curation-k', '--x-values', '0,2'], 'x axis (K, --x curation-k) = 0: candidates K (--curation-k): 0 is out of range; allowed: an integer 1..100'],
      [['--y', 'exchange', '--y-values', '0,1.5', '--models', '2'], 'y axis (exchange, --y exchange) = 1.5: exchange share (--exchange): 1.5 is out of range; allowed: a number in [0, 1]'],
      [['--x', 'models', '--x-values', '1,2', '--learner', 'kde', '--data', 'zipf'], 'learner (--learner)'],
    ] as const) {
      const result = await cli('sweep', ...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toContain(message);
    }
  });
});
