/**
 * The IDX file format of MNIST (LeCun et al.): a pure parser, shared by the Node loader
 * (src/cli/mnist-node.ts), the browser/worker loader (src/worker/mnist-fetch.ts) and the asset
 * script (scripts/mnist-assets.ts).
 *
 * An IDX file is a big-endian header, then the data row-major:
 *   bytes 0–3   magic: 0x00 0x00 type rank (type 0x08 = unsigned byte);
 *               2051 (0x00000803) for images (rank 3), 2049 (0x00000801) for labels (rank 1)
 *   then rank × uint32 dimensions, then ∏ dims bytes.
 */
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_SIDE, type DigitSplit, type Mnist } from './digits';

/** Magic number of an IDX file of unsigned-byte images (rank 3). */
export const IDX_IMAGES_MAGIC = 2051;
/** Magic number of an IDX file of unsigned-byte labels (rank 1). */
export const IDX_LABELS_MAGIC = 2049;

/** Credit line of the data set, shown by the page and the README. */
export const mnistCredit = 'MNIST: Yann LeCun, Corinna Cortes, Christopher J. C. Burges (CC BY-SA 3.0)';

/** The four files of MNIST, by split and kind, as shipped (without the .gz of the web assets). */
export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

export interface IdxImages {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** count×rows×cols bytes, row-major (a view into the parsed buffer). */
  readonly pixels: Uint8Array;
}

export interface IdxLabels {
  readonly count: number;
  /** count bytes (a view into the parsed buffer). */
  readonly labels: Uint8Array;
}

function bytesOf(buffer: ArrayBuffer | Uint8Array): Uint8Array {
  return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
}

function readHeader(bytes: Uint8Array, name: string, magic: number, rank: number): number[] {
  const headerSize = 4 + 4 * rank;
  if (bytes.byteLength < 4) throw new Error(`${name}: truncated IDX header (${bytes.byteLength} bytes, need at least ${headerSize})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = view.getUint32(0, false);
  if (found !== magic) {
    const what = magic === IDX_IMAGES_MAGIC ? 'images' : 'labels';
    const hint = found === IDX_IMAGES_MAGIC ? ' (an images file)' : found === IDX_LABELS_MAGIC ? ' (a labels file)' : (found >>> 16) === 0x1f8b ? ' (gzip data: decompress it first)' : '';
    throw new Error(`${name}: bad IDX magic number ${found}${hint}, expected ${magic} for ${what}`);
  }
  if (bytes.byteLength < headerSize)
    throw new Error(`${name}: truncated IDX header (${bytes.byteLength} bytes, need at least ${headerSize})`);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const size = dims.reduce((a, b) => a * b, 1);
  const expected = headerSize + size;
  if (bytes.byteLength < expected)
    throw new Error(`${name}: truncated IDX data (${bytes.byteLength} bytes, the header [${dims.join('×')}] needs ${expected})`);
  if (bytes.byteLength > expected)
    throw new Error(`${name}: ${bytes.byteLength - expected} unexpected trailing bytes after the IDX data [${dims.join('×')}]`);
  return dims;
}

/** Parses an IDX images file (magic 2051). `name` appears in error messages. */
export function parseIdxImages(buffer: ArrayBuffer | Uint8Array, name = 'IDX images'): IdxImages {
  const bytes = bytesOf(buffer);
  const [count, rows, cols] = readHeader(bytes, name, IDX_IMAGES_MAGIC, 3);
  return { count, rows, cols, pixels: bytes.subarray(16, 16 + count * rows * cols) };
}

/** Parses an IDX labels file (magic 2049). `name` appears in error messages. */
export function parseIdxLabels(buffer: ArrayBuffer | Uint8Array, name = 'IDX labels'): IdxLabels {
  const bytes = bytesOf(buffer);
  const [count] = readHeader(bytes, name, IDX_LABELS_MAGIC, 1);
  return { count, labels: bytes.subarray(8, 8 + count) };
}

/**
 * One split from its parsed images and labels: checks that the counts match, that the images are
 * 28×28 and that every label is 0..9. `name` (e.g. 'train') appears in error messages.
 */
export function digitSplit(images: IdxImages, labels: IdxLabels, name = 'MNIST split'): DigitSplit {
  if (images.rows !== DIGIT_SIDE || images.cols !== DIGIT_SIDE)
    throw new Error(`${name}: images are ${images.rows}×${images.cols}, expected ${DIGIT_SIDE}×${DIGIT_SIDE}`);
  if (images.count !== labels.count) throw new Error(`${name}: ${images.count} images but ${labels.count} labels`);
  if (images.pixels.length !== images.count * DIGIT_PIXELS)
    throw new Error(`${name}: ${images.pixels.length} pixel bytes, expected ${images.count * DIGIT_PIXELS}`);
  for (let i = 0; i < labels.count; i++)
    if (labels.labels[i] >= DIGIT_CLASSES) throw new Error(`${name}: label ${labels.labels[i]} of digit ${i} is not in 0..${DIGIT_CLASSES - 1}`);
  return { images: images.pixels, labels: labels.labels, count: images.count };
}

/** MNIST from the four raw (uncompressed) IDX files. */
export function parseMnist(files: Record<keyof typeof MNIST_FILES, ArrayBuffer | Uint8Array>): Mnist {
  return {
    train: digitSplit(parseIdxImages(files.trainImages, MNIST_FILES.trainImages), parseIdxLabels(files.trainLabels, MNIST_FILES.trainLabels), 'MNIST train'),
    test: digitSplit(parseIdxImages(files.testImages, MNIST_FILES.testImages), parseIdxLabels(files.testLabels, MNIST_FILES.testLabels), 'MNIST test'),
  };
}
