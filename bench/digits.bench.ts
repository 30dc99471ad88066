/**
 * Training speed of the MNIST digit generators (src/neural/digits: VAE, class-conditional VAE,
 * convolutional GAN) at their default sizes, in Node on the tfjs wasm and cpu backends, against
 * the same VAE in PyTorch on the CPU (bench/vae_torch.py, one thread and every core; skipped with
 * a note where `import torch` fails).
 *
 * "training digits / s" = minibatch rows per second (a GAN step counts B real digits), measured
 * between two progress reports of one fit on 2000 real training digits, after a warm-up, so it
 * excludes set-up. "generation" is a whole default fit on n = 2000 digits on wasm plus drawing
 * 1000 samples: what one generation of a digit loop costs in the worker without a GPU.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { loadLenet, loadMnist, mnistDataDir } from '../src/cli/mnist-node';
import { drawDigits } from '../src/engine/digits/digit-loop';
import { DIGIT_ROW } from '../src/engine/digits/digits';
import { Experiment } from '../src/engine/loops/experiment';
import { Rng } from '../src/engine/random/prng';
import { assertSpec } from '../src/spec/validate';
import type { DigitLearner } from '../src/engine/digits/digits';
import { CONV_GAN_DEFAULTS, convGanLearner } from '../src/neural/digits/conv-gan';
import { digitLearner } from '../src/neural/learner-factory';
import { VAE_DEFAULTS, cvaeLearner, vaeLearner } from '../src/neural/digits/vae';
import type { BenchResult } from './result';

const PYTHON = '/usr/bin/python3';
const N = 2000;
type DigitGeneratorKind = 'vae' | 'cvae' | 'conv-gan';
const KINDS: DigitGeneratorKind[] = ['vae', 'cvae', 'conv-gan'];

/** A generator of the kind at its defaults but for what the measurement sets. */
function generator(kind: DigitGeneratorKind, options: { epochs?: number; progressEvery?: number } = {}): DigitLearner {
  return kind === 'conv-gan' ? convGanLearner(options) : kind === 'cvae' ? cvaeLearner(options) : vaeLearner(options);
}
type Backend = 'wasm' | 'cpu';

function batchOf(kind: DigitGeneratorKind): number {
  return kind === 'conv-gan' ? CONV_GAN_DEFAULTS.batchSize : VAE_DEFAULTS.batchSize;
}

/**
 * The measured fit: digits (the first n of the 2000), epochs and the progress interval (the first
 * interval is the warm-up). tfjs's cpu backend is slow, so it trains on fewer digits.
 */
function plan(kind: DigitGeneratorKind, backend: Backend): { n: number; epochs: number; every: number } {
  const B = batchOf(kind);
  if (backend === 'cpu') return { n: 12 * B, epochs: 1, every: 2 };
  return kind === 'conv-gan' ? { n: N, epochs: 1, every: 10 } : { n: N, epochs: 3, every: Math.floor(N / B) };
}

async function trainingRate(kind: DigitGeneratorKind, backend: Backend, data: Float64Array): Promise<number> {
  const { n, epochs, every } = plan(kind, backend);
  const marks: [number, number][] = [];
  const model = await generator(kind, { epochs, progressEvery: every }).fit(data.subarray(0, n * DIGIT_ROW), n, Rng.stream(1, 2), {
    onProgress: (step) => marks.push([step, performance.now()]),
  });
  model.dispose?.();
  const [s0, t0] = marks[0];
  const [s1, t1] = marks[marks.length - 1];
  return ((s1 - s0) * batchOf(kind) * 1000) / (t1 - t0);
}

async function generationSeconds(kind: DigitGeneratorKind, data: Float64Array): Promise<{ fit: number; sample: number; steps: number }> {
  const start = performance.now();
  const model = await generator(kind).fit(data, N, Rng.stream(2, 2));
  const fitted = performance.now();
  await model.sample(Rng.stream(2, 3), 1000, 1);
  const sampled = performance.now();
  model.dispose?.();
  return { fit: (fitted - start) / 1000, sample: (sampled - fitted) / 1000, steps: model.iterations };
}

const MEMORY_GENERATIONS = 20;

/**
 * tfjs memory of a fully synthetic digit loop (small sizes: 200 digits, 1 epoch) after generation
 * 1 and after generation 20: each G^{t−1} must be freed when G^t is fit.
 */
async function memoryOverGenerations(kind: DigitGeneratorKind): Promise<{ tensors: [number, number]; bytes: [number, number] }> {
  const spec = assertSpec({ data: 'mnist', learner: kind, nIni: 200, nSyn: 200, nEval: 100, epochs: 1, generations: MEMORY_GENERATIONS, replicates: 1 });
  const features = await loadLenet();
  const experiment = new Experiment(spec, { digits: { mnist: loadMnist(), features, learner: await digitLearner(spec) } });
  const tensors: number[] = [];
  const bytes: number[] = [];
  for (let g = await experiment.next(); g; g = await experiment.next()) {
    tensors.push(tf.memory().numTensors);
    bytes.push(tf.memory().numBytes);
  }
  experiment.dispose();
  features.dispose();
  return { tensors: [tensors[0], tensors[tensors.length - 1]], bytes: [bytes[0], bytes[bytes.length - 1]] };
}

export interface VaePeer {
  torch: string;
  cores: number;
  batchSize: number;
  samplesPerSecond: Record<string, number>;
}

/** The PyTorch peer's training digits per second (bench/vae_torch.py), or why it did not run. */
export function runVaeTorch(): VaePeer | { skipped: string } {
  const script = fileURLToPath(new URL('./vae_torch.py', import.meta.url));
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found` };
  const result = spawnSync(PYTHON, [script, mnistDataDir()], {
    encoding: 'utf8',
    env: { ...process.env, VAE_BATCH: String(VAE_DEFAULTS.batchSize), VAE_LR: String(VAE_DEFAULTS.learningRate) },
  });
  if (result.status !== 0) return { skipped: `peer failed: ${(result.stderr || String(result.error)).trim()}` };
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

const fixed = (v: number, digits = 0) => v.toFixed(digits);

export async function benchDigits(): Promise<BenchResult> {
  const previousBackend = tf.getBackend() as string | undefined;
  const data = drawDigits(loadMnist().train, Rng.stream(1, 1), N);
  const rate: Record<Backend, Record<string, number>> = { wasm: {}, cpu: {} };
  const rows: [string, string][] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    await tf.setBackend(backend);
    await tf.ready();
    for (const kind of KINDS) {
      rate[backend][kind] = await trainingRate(kind, backend, data);
      rows.push([`${kind}: tfjs ${backend} training digits / s (batch ${batchOf(kind)})`, fixed(rate[backend][kind])]);
    }
  }
  await tf.setBackend('wasm');
  await tf.ready();
  for (const kind of KINDS) {
    const { fit, sample, steps } = await generationSeconds(kind, data);
    const epochs = kind === 'conv-gan' ? CONV_GAN_DEFAULTS.epochs : VAE_DEFAULTS.epochs;
    rows.push([`${kind}: wasm default generation (${epochs} epochs = ${steps} steps on ${N}; sample 1000) s`, `${fixed(fit, 2)}; ${fixed(sample, 3)}`]);
  }
  for (const kind of KINDS) {
    const { tensors, bytes } = await memoryOverGenerations(kind);
    rows.push([`${kind}: tfjs tensors (bytes) after generation 1 → ${MEMORY_GENERATIONS} of a loop`, `${tensors[0]} (${bytes[0]}) → ${tensors[1]} (${bytes[1]})`]);
  }
  const peer = runVaeTorch();
  if ('skipped' in peer) {
    rows.push(['vae: PyTorch CPU peer', `skipped: ${peer.skipped}`]);
  } else {
    for (const [threads, torchRate] of Object.entries(peer.samplesPerSecond)) {
      rows.push(
        [`vae: PyTorch ${peer.torch} CPU (${threads} thread${threads === '1' ? '' : 's'}) training digits / s`, fixed(torchRate)],
        [`vae: tfjs wasm / PyTorch (${threads} thread${threads === '1' ? '' : 's'}) time per digit`, `${fixed(torchRate / rate.wasm.vae, 2)}×`],
      );
    }
  }
  if (previousBackend) await tf.setBackend(previousBackend);
  return {
    title: `Digit generators, default sizes, ${N} MNIST training digits (VAE 784-${VAE_DEFAULTS.hidden}-${2 * VAE_DEFAULTS.latentDim} / ${VAE_DEFAULTS.latentDim}-${VAE_DEFAULTS.hidden}-784; conv GAN z ${CONV_GAN_DEFAULTS.latentDim}, ${CONV_GAN_DEFAULTS.channels}/${2 * CONV_GAN_DEFAULTS.channels} channels, ${CONV_GAN_DEFAULTS.kernel}×${CONV_GAN_DEFAULTS.kernel} kernels)`,
    rows,
  };
}

// Run directly: `npx tsx bench/digits.bench.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { title, rows } = await benchDigits();
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n${title}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}
