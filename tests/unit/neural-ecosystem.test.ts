/**
 * Neural models feeding each other (engine/loops/ecosystem.ts with src/neural): the ecosystem fits
 * its networks one at a time, bypassing the learner's fitBatch, yet model 1 without exchange is
 * the single loop number for number; the models' Fréchet spread is measured on their fit-time
 * moments, a run is reproducible from its seed, and training progress counts every model's steps.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Experiment, type GenerationResult } from '../../src/engine/loops/experiment';
import { assertSpec } from '../../src/spec/validate';
import { pointLearner } from '../../src/neural/learner-factory';

const TINY = { hidden: 8, layers: 1, steps: 10, batchSize: 16, diffusionSteps: 10, nIni: 40, nSyn: 40, nReal: 20, nEval: 40, generations: 2 } as const;

/** Every generation's values, and the (step, steps) reports of training progress. */
async function run(more: Record<string, unknown>): Promise<{ values: GenerationResult['values'][]; progress: [number, number][] }> {
  const spec = assertSpec({ ...TINY, ...more });
  const experiment = new Experiment(spec, { learner: await pointLearner(spec) });
  const values: GenerationResult['values'][] = [];
  const progress: [number, number][] = [];
  const onProgress = (step: number, steps: number) => progress.push([step, steps]);
  for (let g = await experiment.next({ onProgress }); g; g = await experiment.next({ onProgress })) values.push(g.values);
  experiment.dispose();
  return { values, progress };
}

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

// The GAN runs two replicates, so that its single loop fits them through fitBatch while the
// ecosystem fits every network alone; the DDPM, whose 4096-draw fit-time sample makes a fit about
// 90 ms, runs one.
describe.each([
  ['gan', 2],
  ['diffusion', 1],
] as const)('%s models feeding each other', (learner, replicates) => {
  it('keep model 1 on the single loop without exchange, measure a positive spread, and count every model\'s training steps', async () => {
    const single = await run({ learner, replicates });
    const apart = await run({ learner, replicates, models: 2, exchange: 0 });
    for (const t of [0, 1]) for (const metric of ['fd', 'trace', 'precision', 'recall'] as const) expect(Array.from(apart.values[t][metric]), metric).toEqual(Array.from(single.values[t][metric]));
    const sharing = await run({ learner, replicates: 1, models: 2, exchange: 0.5 });
    expect(sharing.values[1].spread[0]).toBeGreaterThan(0);
    // Progress climbs through both models' steps, never back within a generation.
    const total = 2 * TINY.steps;
    expect(new Set(sharing.progress.map(([, steps]) => steps))).toEqual(new Set([total]));
    for (let k = 1; k < sharing.progress.length; k++) if (sharing.progress[k][0] < sharing.progress[k - 1][0]) expect(sharing.progress[k][0]).toBeLessThanOrEqual(TINY.steps);
    expect(Math.max(...sharing.progress.map(([step]) => step))).toBe(total);
  });
});

it('a neural ecosystem is reproducible from its seed', async () => {
  const spec = { learner: 'gan', replicates: 1, models: 2, exchange: 0.5 };
  expect((await run(spec)).values).toEqual((await run(spec)).values);
});
