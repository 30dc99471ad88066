/**
 * Training speed of the neural learners (src/neural) at their default sizes, batch 128, in Node on
 * the tfjs wasm and cpu backends, against the same training steps in PyTorch on the CPU
 * (bench/gan_torch.py, one thread; skipped with a note where `import torch` fails).
 *
 * Steps per second are measured between two progress reports of one fit, after a warm-up, so they
 * exclude set-up and the fit-time summary sample. "generation" is a whole default fit on wasm
 * (training + the 4096-point summary sample) plus drawing 1000 samples: what one generation of a
 * loop costs in the worker without a GPU.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { ring } from '../src/engine/data/mixtures';
import { Rng } from '../src/engine/random/prng';
import { DIFFUSION_DEFAULTS, diffusionLearner } from '../src/neural/diffusion';
import { GAN_DEFAULTS, ganLearner } from '../src/neural/gan';
import type { Learner } from '../src/engine/learners/model';
import type { BenchResult } from './result';

const PYTHON = '/usr/bin/python3';
const N = 1000;
type Kind = 'gan' | 'diffusion';
type Backend = 'wasm' | 'cpu';

/** Steps per measured fit and the progress interval: the first interval is the warm-up. */
const PLAN: Record<Backend, { steps: number; every: number }> = {
  wasm: { steps: 1200, every: 200 },
  cpu: { steps: 120, every: 20 },
};

function learner(kind: Kind, options: { steps: number; progressEvery: number; summarySamples?: number }): Learner {
  return kind === 'gan' ? ganLearner(options) : diffusionLearner(options);
}

async function stepsPerSecond(kind: Kind, backend: Backend): Promise<number> {
  const { steps, every } = PLAN[backend];
  const data = ring().sample(Rng.stream(1, 1), N);
  const marks: [number, number][] = [];
  const model = await learner(kind, { steps, progressEvery: every, summarySamples: 16 }).fit(data, N, Rng.stream(1, 2), {
    onProgress: (step) => marks.push([step, performance.now()]),
  });
  model.dispose?.();
  const [s0, t0] = marks[0];
  const [s1, t1] = marks[marks.length - 1];
  return ((s1 - s0) / (t1 - t0)) * 1000;
}

/** Replicates of the batched-training rows: the goal is the page at R = 8. */
const REPLICATES = 8;
const BATCH_PLAN: Record<Backend, { steps: number; every: number }> = {
  wasm: { steps: 300, every: 50 },
  cpu: { steps: 12, every: 4 },
};

/**
 * Replicate-steps per second (training steps summed over the replicates: the throughput a run of
 * R replicates gets) when `replicates` replicates train through fitBatch, as one computation
 * (`batch` on) or one after another (off).
 */
async function replicateStepsPerSecond(kind: Kind, backend: Backend, replicates: number, batch: 'on' | 'off'): Promise<number> {
  const { steps, every } = BATCH_PLAN[backend];
  const options = { steps, progressEvery: every, summarySamples: 16, batchReplicates: batch } as const;
  const fitter = kind === 'gan' ? ganLearner(options) : diffusionLearner(options);
  const jobs = Array.from({ length: replicates }, (_, r) => ({ data: ring().sample(Rng.stream(1, r, 1), N), n: N, rng: Rng.stream(1, r, 2) }));
  const marks: [number, number][] = [];
  const models = await fitter.fitBatch!(jobs, { onProgress: (step) => marks.push([step, performance.now()]) });
  for (const model of models) model.dispose?.();
  // From the first report to the last: one after another, that spans every replicate's fit.
  const [s0, t0] = marks[0];
  const [s1, t1] = marks[marks.length - 1];
  return ((s1 - s0) / (t1 - t0)) * 1000;
}

async function generationSeconds(kind: Kind): Promise<{ fit: number; sample: number }> {
  const data = ring().sample(Rng.stream(2, 1), N);
  const start = performance.now();
  const model = await (kind === 'gan' ? ganLearner() : diffusionLearner()).fit(data, N, Rng.stream(2, 2));
  const fitted = performance.now();
  await model.sample(Rng.stream(2, 3), N, 1);
  const sampled = performance.now();
  model.dispose?.();
  return { fit: (fitted - start) / 1000, sample: (sampled - fitted) / 1000 };
}

/**
 * The same GAN step written the usual tfjs way, for comparison: tf.variable weights, autodiff
 * (optimizer.minimize, i.e. tf.variableGrads) and tf.train.adam. On wasm its matMul gradients take
 * the slow transposed path; src/neural's hand-written backward avoids it.
 */
async function naiveGanStepsPerSecond(steps: number, warmup: number): Promise<number> {
  const rng = Rng.stream(3, 1);
  const B = 128;
  const k = GAN_DEFAULTS.latentDim;
  const h = GAN_DEFAULTS.hidden;
  const glorot = (a: number, b: number) => {
    const limit = Math.sqrt(6 / (a + b));
    return tf.variable(tf.tensor2d(Float32Array.from({ length: a * b }, () => limit * (2 * rng.uniform() - 1)), [a, b]));
  };
  const layer = (a: number, b: number) => ({ w: glorot(a, b), b: tf.variable(tf.zeros([b])) });
  const mlp = (input: number, output: number) => {
    const sizes = [input, ...Array.from({ length: GAN_DEFAULTS.layers }, () => h), output];
    return sizes.slice(1).map((size, i) => layer(sizes[i], size));
  };
  const gLayers = mlp(k, 2);
  const dLayers = mlp(2, 1);
  const run = (layers: typeof gLayers, x: tf.Tensor2D, act: (t: tf.Tensor2D) => tf.Tensor2D) =>
    layers.reduce((y, l, i) => {
      const z = tf.add(tf.matMul(y, l.w), l.b) as tf.Tensor2D;
      return i + 1 < layers.length ? act(z) : z;
    }, x);
  const g = (z: tf.Tensor2D) => run(gLayers, z, (t) => tf.relu(t));
  const d = (x: tf.Tensor2D) => run(dLayers, x, (t) => tf.leakyRelu(t, 0.2));
  const gVars = gLayers.flatMap((l) => [l.w, l.b]);
  const dVars = dLayers.flatMap((l) => [l.w, l.b]);
  const optG = tf.train.adam(GAN_DEFAULTS.learningRate, 0.5, 0.999, 1e-8);
  const optD = tf.train.adam(GAN_DEFAULTS.learningRate, 0.5, 0.999, 1e-8);
  const data = ring().sample(rng, N);
  const normals = (count: number) => Float32Array.from({ length: count }, () => rng.normal());
  const step = () => {
    const real = tf.tensor2d(Float32Array.from({ length: 2 * B }, (_, i) => data[2 * rng.int(N) + (i % 2)]), [B, 2]);
    const zD = tf.tensor2d(normals(B * k), [B, k]);
    const zG = tf.tensor2d(normals(B * k), [B, k]);
    const fake = tf.tidy(() => g(zD));
    optD.minimize(() => tf.add(tf.mean(tf.softplus(tf.neg(d(real)))), tf.mean(tf.softplus(d(fake)))) as tf.Scalar, false, dVars);
    optG.minimize(() => tf.mean(tf.softplus(tf.neg(d(g(zG))))) as tf.Scalar, false, gVars);
    tf.dispose([real, zD, zG, fake]);
  };
  for (let i = 0; i < warmup; i++) step();
  const start = performance.now();
  for (let i = 0; i < steps; i++) step();
  const rate = (steps / (performance.now() - start)) * 1000;
  optG.dispose();
  optD.dispose();
  tf.dispose([...gVars, ...dVars]);
  return rate;
}

export interface Peer {
  torch: string;
  threads: number;
  ganStepsPerSecond: number;
  diffusionStepsPerSecond: number;
}

/** The PyTorch peer's steps per second (bench/gan_torch.py), or why it did not run. */
export function runTorch(): Peer | { skipped: string } {
  const script = fileURLToPath(new URL('./gan_torch.py', import.meta.url));
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found` };
  const result = spawnSync(PYTHON, [script], { encoding: 'utf8' });
  if (result.status !== 0) return { skipped: `peer failed: ${(result.stderr || String(result.error)).trim()}` };
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

const fixed = (v: number, digits = 0) => v.toFixed(digits);

export async function benchNeural(): Promise<BenchResult> {
  const previousBackend = tf.getBackend() as string | undefined;
  const rate: Record<Backend, Record<Kind, number>> = { wasm: { gan: 0, diffusion: 0 }, cpu: { gan: 0, diffusion: 0 } };
  const rows: [string, string][] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    await tf.setBackend(backend);
    await tf.ready();
    for (const kind of ['gan', 'diffusion'] as const) {
      rate[backend][kind] = await stepsPerSecond(kind, backend);
      rows.push([`${kind}: tfjs ${backend} training steps / s`, fixed(rate[backend][kind])]);
    }
  }
  const perReplicate = { wasm: {}, cpu: {} } as Record<Backend, Record<Kind, { apart: number; together: number }>>;
  for (const backend of ['wasm', 'cpu'] as const) {
    await tf.setBackend(backend);
    await tf.ready();
    for (const kind of ['gan', 'diffusion'] as const) {
      const one = await replicateStepsPerSecond(kind, backend, 1, 'off');
      const apart = await replicateStepsPerSecond(kind, backend, REPLICATES, 'off');
      const together = await replicateStepsPerSecond(kind, backend, REPLICATES, 'on');
      const batchOfOne = await replicateStepsPerSecond(kind, backend, 1, 'on');
      perReplicate[backend][kind] = { apart, together };
      rows.push(
        [`${kind}: tfjs ${backend} replicate-steps / s, R = 1: alone; through the batched path`, `${fixed(one)}; ${fixed(batchOfOne)}`],
        [`${kind}: tfjs ${backend} replicate-steps / s, R = ${REPLICATES}: one after another; as one batch`, `${fixed(apart)}; ${fixed(together)}`],
        [`${kind}: tfjs ${backend} R = ${REPLICATES} as one batch / one after another`, `${fixed(together / apart, 2)}×`],
      );
    }
  }
  await tf.setBackend('wasm');
  await tf.ready();
  const naive = await naiveGanStepsPerSecond(600, 100);
  rows.push(['gan, written the usual tfjs way (autodiff + tf.train.adam): wasm steps / s', fixed(naive)]);
  rows.push(['gan: speed-up of src/neural over the usual tfjs way (wasm)', `${fixed(rate.wasm.gan / naive, 1)}×`]);
  for (const kind of ['gan', 'diffusion'] as const) {
    const { fit, sample } = await generationSeconds(kind);
    const steps = kind === 'gan' ? GAN_DEFAULTS.steps : DIFFUSION_DEFAULTS.steps;
    rows.push([`${kind}: wasm default generation (${steps} steps + summary; sample ${N}) s`, `${fixed(fit, 2)}; ${fixed(sample, 3)}`]);
  }
  const peer = runTorch();
  if ('skipped' in peer) {
    rows.push(['PyTorch CPU peer', `skipped: ${peer.skipped}`]);
  } else {
    for (const kind of ['gan', 'diffusion'] as const) {
      const torchRate = kind === 'gan' ? peer.ganStepsPerSecond : peer.diffusionStepsPerSecond;
      rows.push(
        [`${kind}: PyTorch ${peer.torch} CPU (${peer.threads} thread) steps / s`, fixed(torchRate)],
        [`${kind}: tfjs wasm / PyTorch time per step`, `${fixed(torchRate / rate.wasm[kind], 2)}× (goal ≤ 2×)`],
        [
          `${kind}: tfjs wasm replicate-steps / s at R = ${REPLICATES} (the faster way) / PyTorch's one network`,
          `${fixed(Math.max(perReplicate.wasm[kind].apart, perReplicate.wasm[kind].together) / torchRate, 2)}× (goal ≥ 1×)`,
        ],
      );
    }
  }
  if (previousBackend) await tf.setBackend(previousBackend);
  return {
    title: `Neural learners, default sizes, batch 128, ${N} ring points (GAN ${GAN_DEFAULTS.latentDim}-${GAN_DEFAULTS.hidden}×${GAN_DEFAULTS.layers}-2 / 2-${GAN_DEFAULTS.hidden}×${GAN_DEFAULTS.layers}-1; DDPM denoiser ${DIFFUSION_DEFAULTS.hidden}×${DIFFUSION_DEFAULTS.layers}, T = ${DIFFUSION_DEFAULTS.diffusionSteps})`,
    rows,
  };
}

// Run directly: `npx tsx bench/neural.bench.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { title, rows } = await benchNeural();
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n${title}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}
