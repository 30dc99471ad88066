/**
 * The fixed LeNet of the digit metrics: the shipped weights (public/models/lenet.bin, made by
 * scripts/train-lenet.ts) load, classify MNIST's 10,000 test digits with ≥ 98% accuracy on wasm
 * (the backend the worker uses without a GPU), and `embed` returns the DigitFeatures contract's
 * shapes without leaking tensors. Figures quoted were measured on this project's machine (x86-64,
 * 2 cores, Node 20, tfjs 4.22 wasm).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LENET_BIN_PATH, loadLenet, loadMnist } from '../../src/cli/mnist-node';
import { DigitVerifier, VERIFIER_CONFIDENCE, targetRewards } from '../../src/engine/digits/digit-curation';
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_ROW, type DigitSplit, UNLABELLED } from '../../src/engine/digits/digits';
import { Rng } from '../../src/engine/random/prng';
import {
  fetchLenet,
  initLenet,
  LENET_BATCH,
  LENET_FEATURES,
  LENET_LAYOUT,
  LENET_PARAMS,
  LeNet,
  lenetForward,
  lenetWeights,
  unpackLenet,
} from '../../src/neural/digits/lenet';

async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  await tf.setBackend(name);
  await tf.ready();
}

/** Digit rows (pixels / 255, then the label) of digits [start, start + n) of a split. */
function rowsOf(split: DigitSplit, start: number, n: number, label?: number): Float64Array {
  const rows = new Float64Array(n * DIGIT_ROW);
  for (let i = 0; i < n; i++) {
    const src = (start + i) * DIGIT_PIXELS;
    for (let p = 0; p < DIGIT_PIXELS; p++) rows[i * DIGIT_ROW + p] = split.images[src + p] / 255;
    rows[i * DIGIT_ROW + DIGIT_PIXELS] = label ?? split.labels[start + i];
  }
  return rows;
}

const doc = JSON.parse(readFileSync(join(LENET_BIN_PATH, '..', 'lenet.json'), 'utf8')) as {
  parameters: number;
  layout: { name: string; shape: number[] }[];
  testAccuracy: number;
  training: { seed: number; seconds: number };
};

describe('LeNet: the shipped weights', () => {
  let lenet: LeNet;
  beforeAll(async () => {
    await useBackend('wasm');
    lenet = await loadLenet();
  });
  afterAll(() => lenet.dispose());

  it('lenet.bin holds the layout that lenet.json documents', () => {
    expect(LENET_PARAMS).toBe(61706);
    expect(readFileSync(LENET_BIN_PATH).length).toBe(4 * LENET_PARAMS);
    expect(doc.parameters).toBe(LENET_PARAMS);
    expect(doc.layout).toEqual(LENET_LAYOUT.map(({ name, shape }) => ({ name, shape: [...shape] })));
    expect(doc.testAccuracy).toBeGreaterThanOrEqual(0.988);
  });

  it('classifies the 10,000 test digits with ≥ 98% accuracy (the figure lenet.json records)', async () => {
    const { test } = loadMnist();
    const rows = rowsOf(test, 0, test.count);
    const before = tf.memory().numTensors;
    const started = performance.now();
    const embedding = await lenet.embed(rows, test.count);
    const ms = performance.now() - started;
    expect(tf.memory().numTensors).toBe(before);
    let correct = 0;
    for (let i = 0; i < test.count; i++) if (embedding.classes[i] === test.labels[i]) correct++;
    const accuracy = correct / test.count;
    // Measured here: 99.26% (74 errors, as lenet.json records), 76–180 ms per 1000 digits (machine load).
    console.log(`LeNet on wasm: test accuracy ${(100 * accuracy).toFixed(2)}%, ${(ms / 10).toFixed(0)} ms per 1000 digits`);
    expect(accuracy).toBeGreaterThanOrEqual(0.98);
    expect(Math.abs(accuracy - doc.testAccuracy)).toBeLessThanOrEqual(0.001);
    // classifyBytes (what train-lenet.ts measures with) agrees.
    const classes = await lenet.classifyBytes(test.images.subarray(0, 1000 * DIGIT_PIXELS), 1000);
    expect(Array.from(classes)).toEqual(Array.from(embedding.classes.subarray(0, 1000)));

    // The class log-probabilities: a distribution over the ten classes whose largest is the class.
    let confident = 0;
    for (let i = 0; i < test.count; i++) {
      const row = Array.from(embedding.logProbabilities.subarray(i * DIGIT_CLASSES, (i + 1) * DIGIT_CLASSES));
      expect(row.reduce((s, l) => s + Math.exp(l), 0)).toBeCloseTo(1, 5);
      expect(row.indexOf(Math.max(...row))).toBe(embedding.classes[i]);
      if (Math.exp(row[embedding.classes[i]]) >= VERIFIER_CONFIDENCE) confident++;
    }
    // The digit verifier's threshold keeps nearly every real digit (measured: 98.5%, README "Curating digits").
    console.log(`LeNet: ${(100 * confident / test.count).toFixed(2)}% of the test digits have a class probability ≥ ${VERIFIER_CONFIDENCE}`);
    expect(confident / test.count).toBeGreaterThan(0.97);
  });

  it('the digit verifier accepts what LeNet is confident of (and the biased one only the digits 0–4); the curator’s reward is ln p(c | x)', async () => {
    const { test } = loadMnist();
    const n = 300;
    const rows = rowsOf(test, 0, n);
    const embedding = await lenet.embed(rows, n);
    const confident = (i: number) => embedding.logProbabilities[i * DIGIT_CLASSES + embedding.classes[i]] >= Math.log(VERIFIER_CONFIDENCE);
    const support = await new DigitVerifier(lenet, false, 1).verdicts(rows, n, Rng.stream(1));
    const biased = await new DigitVerifier(lenet, true, 1).verdicts(rows, n, Rng.stream(1));
    for (let i = 0; i < n; i++) {
      expect(support[i], `digit ${i}`).toBe(confident(i) ? 1 : 0);
      expect(biased[i], `digit ${i}`).toBe(confident(i) && embedding.classes[i] < 5 ? 1 : 0);
    }
    const rewards = targetRewards(embedding, n, 7);
    for (let i = 0; i < n; i++) expect(rewards[i]).toBe(embedding.logProbabilities[i * DIGIT_CLASSES + 7]);
  });

  it('embed: n×84 non-negative features, n classes, the label column ignored, batches seamless, no tensor leak', async () => {
    const { test } = loadMnist();
    const n = LENET_BATCH + 7;
    const before = tf.memory().numTensors;
    const a = await lenet.embed(rowsOf(test, 0, n), n);
    expect(tf.memory().numTensors).toBe(before);
    expect(a.dim).toBe(LENET_FEATURES);
    expect(lenet.dim).toBe(84);
    expect(a.features).toBeInstanceOf(Float64Array);
    expect(a.features.length).toBe(n * 84);
    expect(a.classes).toBeInstanceOf(Uint8Array);
    expect(a.classes.length).toBe(n);
    expect(a.logProbabilities.length).toBe(n * DIGIT_CLASSES);
    expect(a.features.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(a.features.some((v) => v > 0)).toBe(true);
    // Unlabelled rows (generator samples) give the same embedding.
    const b = await lenet.embed(rowsOf(test, 0, n, UNLABELLED), n);
    expect(Array.from(b.features)).toEqual(Array.from(a.features));
    // The digits after the first batch, embedded on their own.
    const c = await lenet.embed(rowsOf(test, LENET_BATCH, 7), 7);
    for (let k = 0; k < 7 * 84; k++) expect(c.features[k]).toBeCloseTo(a.features[LENET_BATCH * 84 + k], 4);
    expect(Array.from(c.classes)).toEqual(Array.from(a.classes.subarray(LENET_BATCH)));
    const empty = await lenet.embed(new Float64Array(0), 0);
    expect([empty.features.length, empty.classes.length, empty.logProbabilities.length, empty.dim]).toEqual([0, 0, 0, 84]);
    await expect(lenet.embed(new Float64Array(DIGIT_ROW), 2)).rejects.toThrow(RangeError);
    await expect(lenet.embed(new Float64Array(0), -1)).rejects.toThrow(/non-negative integer/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the training forward pass (lenetForward) gives the features and logits of the fused inference pass', async () => {
    const { test } = loadMnist();
    const n = 50;
    const rows = rowsOf(test, 0, n);
    const embedding = await lenet.embed(rows, n);
    const weights = lenetWeights(readFileSync(LENET_BIN_PATH));
    const pixels = new Float32Array(n * DIGIT_PIXELS);
    for (let i = 0; i < n; i++) for (let p = 0; p < DIGIT_PIXELS; p++) pixels[i * DIGIT_PIXELS + p] = rows[i * DIGIT_ROW + p];
    const [features, classes] = tf.tidy(() => {
      const out = lenetForward(unpackLenet(tf.tensor1d(weights)), tf.tensor4d(pixels, [n, 28, 28, 1]));
      return [out.features.dataSync(), tf.argMax(out.logits, 1).dataSync()];
    });
    for (let k = 0; k < n * 84; k++) expect(features[k]).toBeCloseTo(embedding.features[k], 3);
    expect(Array.from(classes)).toEqual(Array.from(embedding.classes));
  });

  it('follows a switch of backend (a worker whose backend failed): the same LeNet gives the same classes and features on cpu', async () => {
    const { test } = loadMnist();
    const n = 200;
    const rows = rowsOf(test, 0, n);
    const onWasm = await lenet.embed(rows, n);
    await useBackend('cpu');
    try {
      const onCpu = await lenet.embed(rows, n);
      expect(Array.from(onCpu.classes)).toEqual(Array.from(onWasm.classes));
      let worst = 0;
      for (let k = 0; k < n * 84; k++) worst = Math.max(worst, Math.abs(onCpu.features[k] - onWasm.features[k]) / (1 + Math.abs(onWasm.features[k])));
      expect(worst).toBeLessThan(1e-4);
    } finally {
      await useBackend('wasm');
    }
  });
});

describe('LeNet: loading and lifecycle', () => {
  it('rejects weight files of the wrong size or with non-finite numbers, and reports HTTP errors', async () => {
    await useBackend('wasm');
    expect(() => LeNet.fromBytes(new Uint8Array(12), 'w.bin')).toThrow('w.bin: 12 bytes, expected 246824 (61706 float32 numbers)');
    const nan = new Float32Array(LENET_PARAMS);
    nan[5] = NaN;
    expect(() => LeNet.fromBytes(new Uint8Array(nan.buffer))).toThrow('LeNet weights: weight 5 is NaN');
    expect(() => new LeNet(new Float32Array(3))).toThrow('LeNet: 3 weights, expected 61706');
    const bin = new Uint8Array(readFileSync(LENET_BIN_PATH));
    const urls: string[] = [];
    const ok = (async (input: RequestInfo | URL) => {
      urls.push(String(input));
      return new Response(bin);
    }) as typeof fetch;
    const fetched = await fetchLenet('https://example.test/lab/', ok);
    expect(urls).toEqual(['https://example.test/lab/models/lenet.bin']);
    fetched.dispose();
    const missing = (async () => new Response('no', { status: 404, statusText: 'Not Found' })) as typeof fetch;
    await expect(fetchLenet('https://example.test/', missing)).rejects.toThrow('LeNet weights: HTTP 404 Not Found for https://example.test/models/lenet.bin');
    await expect(loadLenet('/nonexistent/lenet.bin')).rejects.toThrow(/cannot read \/nonexistent\/lenet\.bin/);
  });

  it('frees its weights on dispose and refuses to embed after it', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const lenet = new LeNet(initLenet(Rng.stream(1)));
    expect(tf.memory().numTensors).toBe(before + LENET_LAYOUT.length);
    lenet.dispose();
    lenet.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(lenet.embed(new Float64Array(DIGIT_ROW), 1)).rejects.toThrow('LeNet: used after dispose()');
  });

  it('initLenet is seeded: Glorot-uniform weights within their limits, zero biases', () => {
    const a = initLenet(Rng.stream(7));
    expect(Array.from(initLenet(Rng.stream(7)))).toEqual(Array.from(a));
    expect(a.length).toBe(LENET_PARAMS);
    // conv1: fans 25 and 150 → limit √(6/175) ≈ 0.185; its bias (6 numbers at 150..155) is zero.
    expect(Math.max(...a.subarray(0, 150).map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 175));
    expect(Array.from(a.subarray(150, 156))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
