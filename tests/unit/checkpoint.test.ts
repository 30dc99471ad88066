/**
 * Checkpoints: a resumable experiment computes exactly what a plain one does, and after a
 * generation that fails part-way, `rewind` + `next` recompute it as if nothing had happened.
 */
import { describe, expect, it } from 'vitest';
import { learnerFor } from '../../src/engine/learners';
import type { Learner } from '../../src/engine/learners/model';
import { Experiment, type GenerationResult } from '../../src/engine/loops/experiment';
import { LOOPS } from '../../src/spec/schema';
import { assertSpec } from '../../src/spec/validate';

const base = { data: 'ring', learner: 'kde', nIni: 60, nReal: 30, nSyn: 50, generations: 5, replicates: 3, nEval: 60, seed: 11 } as const;

async function run(experiment: Experiment): Promise<GenerationResult['values'][]> {
  const out: GenerationResult['values'][] = [];
  for (let g = await experiment.next(); g; g = await experiment.next()) out.push(g.values);
  return out;
}

/** A learner that throws on its `failAt`-th fit (1-based), once. */
function failingOnce(inner: Learner, failAt: number): Learner {
  let calls = 0;
  return {
    fit(data, n, rng, options) {
      calls += 1;
      if (calls === failAt) throw new Error('device lost');
      return inner.fit(data, n, rng, options);
    },
  };
}

describe('experiment checkpoints', () => {
  for (const loop of LOOPS) {
    it(`${loop}: resumable gives the same results, and a failed generation recomputed after rewind too`, async () => {
      const spec = assertSpec({ ...base, loop });
      const plain = await run(new Experiment(spec));
      expect(await run(new Experiment(spec, { resumable: true }))).toEqual(plain);

      // Fit 8 is generation 3's second replicate: replicate 0 has already moved on to t = 3.
      const experiment = new Experiment(spec, { resumable: true, learner: failingOnce(learnerFor(spec), 8) });
      const values: GenerationResult['values'][] = [];
      values.push((await experiment.next())!.values, (await experiment.next())!.values);
      await expect(experiment.next()).rejects.toThrow('device lost');
      expect(experiment.rewind()).toBe(2);
      expect(experiment.generation).toBe(2);
      values.push(...(await run(experiment)));
      expect(values).toEqual(plain);
    });
  }

  it('does not keep a generation whose signal was aborted by its end (results from a failed device)', async () => {
    const spec = assertSpec({ ...base, loop: 'accumulate' });
    const plain = await run(new Experiment(spec));
    const controller = new AbortController();
    const inner = learnerFor(spec);
    let calls = 0;
    // The device fails while generation 2's last replicate fits, and the fit still returns.
    const learner: Learner = {
      fit(data, n, rng, options) {
        if (++calls === 6) controller.abort();
        return inner.fit(data, n, rng, options);
      },
    };
    const experiment = new Experiment(spec, { resumable: true, learner });
    const values = [(await experiment.next())!.values];
    await expect(experiment.next({ signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(experiment.rewind()).toBe(1);
    values.push(...(await run(experiment)));
    expect(values).toEqual(plain);
  });

  it('rewinds before generation 1 too, and refuses without resumable', async () => {
    const spec = assertSpec({ ...base, loop: 'fresh' });
    const plain = await run(new Experiment(spec));
    const experiment = new Experiment(spec, { resumable: true, learner: failingOnce(learnerFor(spec), 2) });
    await expect(experiment.next()).rejects.toThrow('device lost');
    expect(experiment.rewind()).toBe(0);
    expect(await run(experiment)).toEqual(plain);
    expect(() => new Experiment(spec).rewind()).toThrow(/resumable/);
  });
});
