/**
 * The neural learners inside the engine's loops: built from the spec, deterministic per backend,
 * leak-free over 50 generations, cancellable, and resumable after a generation that fails in the
 * middle of training (what the worker does when a GPU backend is lost); two runs interleaved on
 * different backends through the worker's backend gate get the results each has alone.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { learnerFor } from '../../src/engine/learners';
import { Experiment, type GenerationResult } from '../../src/engine/loops/experiment';
import { Rng } from '../../src/engine/random/prng';
import type { Spec } from '../../src/spec/schema';
import { assertSpec } from '../../src/spec/validate';
import { DiffusionModel } from '../../src/neural/diffusion';
import { GanModel } from '../../src/neural/gan';
import { pointLearner } from '../../src/neural/learner-factory';
import { BackendGate } from '../../src/worker/backend-gate';

const TINY = { hidden: 8, layers: 1, steps: 20, batchSize: 16, diffusionSteps: 10, nIni: 40, nSyn: 40, nReal: 20, nEval: 40, replicates: 2 } as const;

function spec(learner: 'gan' | 'diffusion', more: Record<string, unknown> = {}): Spec {
  return assertSpec({ ...TINY, learner, generations: 4, ...more });
}

async function experiment(s: Spec): Promise<Experiment> {
  return new Experiment(s, { learner: await pointLearner(s), resumable: true });
}

async function run(e: Experiment, onProgress?: (step: number, steps: number) => void): Promise<GenerationResult['values'][]> {
  const out: GenerationResult['values'][] = [];
  for (let g = await e.next({ onProgress }); g; g = await e.next({ onProgress })) out.push(g.values);
  e.dispose();
  return out;
}

async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
}

describe('neural learners from the spec', () => {
  it('builds the learner the spec names with its settings; the engine alone refuses them', async () => {
    await useBackend('wasm');
    expect(await pointLearner(assertSpec({ learner: 'gmm' }))).toHaveProperty('fit');
    await expect(pointLearner(assertSpec({ data: 'mnist', learner: 'vae' }))).rejects.toThrow(/does not generate points/);
    expect(() => learnerFor(spec('gan'))).toThrow(/not fit by the engine/);
    const data = new Float64Array(Array.from({ length: 80 }, (_, i) => Math.sin(i)));
    const gan = await (await pointLearner(spec('gan', { latentDim: 3, steps: 7 }))).fit(data, 40, Rng.stream(1));
    expect(gan).toBeInstanceOf(GanModel);
    expect((gan as GanModel).latentDim).toBe(3);
    expect(gan.iterations).toBe(7);
    gan.dispose?.();
    const ddpm = await (await pointLearner(spec('diffusion', { diffusionSteps: 12 }))).fit(data, 40, Rng.stream(1));
    expect((ddpm as DiffusionModel).schedule.T).toBe(12);
    ddpm.dispose?.();
  });
});

describe.each(['cpu', 'wasm'] as const)('neural loops on %s', (backend) => {
  it('the same seed gives the same results; a generation that fails mid-training and is recomputed after rewind changes nothing', async () => {
    await useBackend(backend);
    for (const learner of ['gan', 'diffusion'] as const) {
      // Accumulate: the training set carries state across generations too.
      const s = spec(learner, { loop: 'accumulate' });
      const plain = await run(await experiment(s));
      expect(await run(await experiment(s))).toEqual(plain);
      const e = await experiment(s);
      const values = [(await e.next())!.values, (await e.next())!.values];
      // Fail half-way through generation 3's second replicate, as a lost GPU would.
      const lost = e.next({ onProgress: (step, steps) => { if (step > steps / 2) throw new Error('device lost'); } });
      await expect(lost).rejects.toThrow('device lost');
      expect(e.rewind()).toBe(2);
      values.push(...(await run(e)));
      expect(values, learner).toEqual(plain);
    }
  });
});

describe('neural loops on wasm: memory and cancel', () => {
  it('no tensor leak: tf.memory().numTensors is the same after every one of 15 generations', async () => {
    await useBackend('wasm');
    for (const [learner, warmStart] of [['gan', 'off'], ['diffusion', 'on']] as const) {
      const before = tf.memory().numTensors;
      const e = await experiment(spec(learner, { generations: 15, replicates: 1, steps: 5, loop: 'fresh', warmStart }));
      const counts: number[] = [];
      for (let g = await e.next(); g; g = await e.next()) counts.push(tf.memory().numTensors);
      // One model per replicate is alive between generations, and the count never grows.
      expect(new Set(counts).size, `${learner}: ${counts.join(',')}`).toBe(1);
      e.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('an abort stops a generation within one training step and frees its tensors', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const e = await experiment(spec('gan', { steps: 20000 }));
    const controller = new AbortController();
    let last = 0;
    const next = e.next({ signal: controller.signal, onProgress: (step) => { last = step; if (step >= 30) controller.abort(); } });
    await expect(next).rejects.toMatchObject({ name: 'AbortError' });
    // Progress comes every 10 steps; the abort lands before the next step.
    expect(last).toBe(30);
    e.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('neural runs of one worker on different backends', () => {
  it('interleaved through the backend gate, switching tfjs between them, each gets the results it has alone', async () => {
    // Warm start keeps each run's model (tensors on its backend) across the other run's generations.
    const gan = spec('gan', { warmStart: 'on', generations: 2, replicates: 1 });
    const diffusion = spec('diffusion', { generations: 2, replicates: 1 });
    const alone = async (s: Spec, backend: 'cpu' | 'wasm') => {
      await useBackend(backend);
      return run(await experiment(s));
    };
    const expected = [await alone(gan, 'wasm'), await alone(diffusion, 'cpu')];
    const gate = new BackendGate();
    const holdsSeen: string[] = [];
    // As the worker does: every generation holds its backend, selected once granted; training yields mid-generation.
    const interleaved = async (s: Spec, backend: 'cpu' | 'wasm') => {
      const e = await experiment(s);
      const out: GenerationResult['values'][] = [];
      for (;;) {
        const release = await gate.hold(backend);
        try {
          if (tf.getBackend() !== backend) await tf.setBackend(backend);
          const g = await e.next({ onProgress: () => holdsSeen.push(`${backend}:${tf.getBackend()}`) });
          if (!g) break;
          out.push(g.values);
        } finally {
          release();
        }
      }
      e.dispose();
      return out;
    };
    expect(await Promise.all([interleaved(gan, 'wasm'), interleaved(diffusion, 'cpu')])).toEqual(expected);
    // Every training step ran on its run's own backend, and the runs took turns.
    expect(holdsSeen.every((h) => h.split(':')[0] === h.split(':')[1])).toBe(true);
    expect(new Set(holdsSeen.map((h) => h.split(':')[0]))).toEqual(new Set(['wasm', 'cpu']));
  });
});
