/**
 * The replicates of a neural run trained as one computation (src/neural/batched-mlp.ts): each
 * replicate's model is the one it gets trained alone, whatever the batch, and an experiment whose
 * replicates train together gives the results of one whose replicates train one after another.
 * Tiny networks on the cpu backend: the claim is about arithmetic, not about speed.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeEach, describe, expect, it } from 'vitest';
import { ring } from '../../src/engine/data/mixtures';
import { Experiment } from '../../src/engine/loops/experiment';
import type { FitJob, Learner, Model } from '../../src/engine/learners/model';
import { Rng } from '../../src/engine/random/prng';
import { assertSpec } from '../../src/spec/validate';
import { diffusionLearner } from '../../src/neural/diffusion';
import { ganLearner } from '../../src/neural/gan';

const N = 40;
const TINY = { hidden: 8, layers: 2, steps: 15, batchSize: 16, progressEvery: 5, summarySamples: 64 } as const;
const LEARNERS = {
  gan: (batch: 'on' | 'off', more = {}) => ganLearner({ ...TINY, latentDim: 2, batchReplicates: batch, ...more }),
  diffusion: (batch: 'on' | 'off', more = {}) => diffusionLearner({ ...TINY, diffusionSteps: 10, batchReplicates: batch, ...more }),
};

/** Replicate r's fit: its own data and its own model stream, as in an experiment. */
function job(r: number): FitJob {
  return { data: ring().sample(Rng.stream(7, r, 1), N), n: N, rng: Rng.stream(7, r, 2) };
}

/** What a model shows of itself: its fit-time moments and 50 samples from a fixed stream. */
async function fingerprint(model: Model): Promise<number[]> {
  const sample = await model.sample(Rng.stream(99), 50, 1);
  return [...model.mean, ...model.cov, ...sample];
}

function expectClose(actual: number[], expected: number[], label: string): void {
  expect(actual.length, label).toBe(expected.length);
  const worst = Math.max(...actual.map((v, i) => Math.abs(v - expected[i]) / (1 + Math.abs(expected[i]))));
  expect(worst, label).toBeLessThan(1e-4);
}

async function fingerprints(models: Model[]): Promise<number[][]> {
  const out = await Promise.all(models.map(fingerprint));
  for (const model of models) model.dispose?.();
  return out;
}

// Every test trains on cpu unless it says otherwise.
beforeEach(() => useBackend('cpu'));

async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
}

describe.each(['gan', 'diffusion'] as const)('%s: replicates trained as one batch', (kind) => {
  // wasm takes the products unfused (batched-mlp.ts): both kernels are checked.
  it.each(['cpu', 'wasm'] as const)('on %s, replicate r gets the model it gets alone, in a batch of 1 or of 3; replicates differ', async (backend) => {
    await useBackend(backend);
    const alone = await fingerprints(await Promise.all([0, 1, 2].map((r) => { const j = job(r); return LEARNERS[kind]('off').fit(j.data, j.n, j.rng); })));
    const three = await fingerprints(await LEARNERS[kind]('on').fitBatch!([0, 1, 2].map(job)));
    const one = await fingerprints(await LEARNERS[kind]('on').fitBatch!([job(1)]));
    for (let r = 0; r < 3; r++) expectClose(three[r], alone[r], `replicate ${r}, batch of 3`);
    expectClose(one[0], alone[1], 'replicate 1, batch of 1');
    // Each replicate draws from its own streams: the batch does not train three copies of one network.
    expect(Math.abs(alone[0][0] - alone[1][0])).toBeGreaterThan(1e-3);
  });

  it('warm start: a batch continues each replicate from its own G^{t−1}', async () => {
    const first = await LEARNERS[kind]('off', { warmStart: true }).fitBatch!([0, 1].map(job));
    const again = (r: number): FitJob => ({ ...job(r + 5), previous: first[r] });
    const alone = await Promise.all([0, 1].map((r) => { const j = again(r); return LEARNERS[kind]('off', { warmStart: true }).fit(j.data, j.n, j.rng, { previous: j.previous }); }));
    const batched = await LEARNERS[kind]('on', { warmStart: true }).fitBatch!([0, 1].map(again));
    const [a, b] = [await fingerprints(alone), await fingerprints(batched)];
    for (let r = 0; r < 2; r++) expectClose(b[r], a[r], `replicate ${r}`);
    for (const model of first) model.dispose?.();
  });

  it('progress is summed over the batch; an abort stops it within one step and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const calls: [number, number][] = [];
    (await LEARNERS[kind]('on').fitBatch!([0, 1, 2].map(job), { onProgress: (step, steps) => calls.push([step, steps]) })).forEach((m) => m.dispose?.());
    expect(calls).toEqual([5, 10, 15].map((s) => [3 * s, 3 * TINY.steps]));
    const controller = new AbortController();
    const fit = LEARNERS[kind]('on', { steps: 20000 }).fitBatch!([0, 1].map(job), {
      signal: controller.signal,
      onProgress: (step) => step >= 20 && controller.abort(),
    });
    await expect(fit).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('an experiment whose replicates train together', () => {
  it('gives every replicate the values it gets when they train one after another', async () => {
    for (const learner of ['gan', 'diffusion'] as const) {
      const spec = assertSpec({ learner, nIni: N, nSyn: N, nReal: 20, nEval: 40, replicates: 3, generations: 2, loop: 'accumulate' });
      const run = async (fitter: Learner, count: { batches: number }) => {
        const batch = fitter.fitBatch;
        const counted: Learner = { fit: fitter.fit, fitBatch: batch && ((jobs, options) => (count.batches++, batch(jobs, options))) };
        const e = new Experiment(spec, { learner: counted, resumable: true });
        const out = [];
        for (let g = await e.next(); g; g = await e.next()) out.push(Object.values(g.values).flatMap((v) => [...v]));
        e.dispose();
        return out;
      };
      const together = { batches: 0 };
      const apart = { batches: 0 };
      const a = await run(LEARNERS[learner]('on'), together);
      const b = await run({ fit: LEARNERS[learner]('off').fit }, apart);
      expect(together.batches, learner).toBe(2);
      for (let g = 0; g < 2; g++) expectClose(a[g].filter(Number.isFinite), b[g].filter(Number.isFinite), `${learner}, generation ${g + 1}`);
    }
  });
});
