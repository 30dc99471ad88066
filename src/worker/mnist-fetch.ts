/**
 * MNIST in the browser and the worker: the four IDX files that scripts/mnist-assets.ts writes,
 * gzip-compressed, to public/mnist (served at `${baseUrl}mnist/<name>.gz`, 10.7 MiB in all),
 * fetched in parallel, decompressed with the platform's DecompressionStream('gzip') and parsed by
 * src/engine/digits/idx.ts.
 *
 * A server that sends the files with `Content-Encoding: gzip` has them decompressed by the browser
 * already; the gzip magic bytes decide whether to decompress, so both work.
 */
import type { Mnist } from '../engine/digits/digits';
import { MNIST_FILES, parseMnist } from '../engine/digits/idx';

/** Directory of the assets under the page's base URL. */
export const MNIST_ASSET_PATH = 'mnist/';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function gunzip(bytes: Uint8Array<ArrayBuffer>, name: string): Promise<Uint8Array> {
  if (!(bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b)) return bytes;
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw new Error(`MNIST: ${name}: cannot decompress (${messageOf(error)})`);
  }
}

async function fetchIdx(baseUrl: string, file: string, fetchFn: typeof fetch): Promise<Uint8Array> {
  const name = `${file}.gz`;
  const url = new URL(`${MNIST_ASSET_PATH}${name}`, baseUrl).href;
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch (error) {
    throw new Error(`MNIST: cannot fetch ${name} from ${url}: ${messageOf(error)}`);
  }
  if (!response.ok)
    throw new Error(`MNIST: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} for ${name} (${url})`);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new Error(`MNIST: ${name}: download failed (${messageOf(error)})`);
  }
  return await gunzip(bytes, name);
}

/**
 * MNIST's train and test splits from `${baseUrl}mnist/*.gz` (baseUrl: the page's base URL, ending
 * with '/'). Rejects with an error naming the file and the HTTP status or the defect found.
 * `fetchFn` replaces the global fetch (tests).
 */
export async function fetchMnist(baseUrl: string, fetchFn: typeof fetch = (input, init) => fetch(input, init)): Promise<Mnist> {
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
    [MNIST_FILES.trainImages, MNIST_FILES.trainLabels, MNIST_FILES.testImages, MNIST_FILES.testLabels].map((file) => fetchIdx(baseUrl, file, fetchFn)),
  );
  return parseMnist({ trainImages, trainLabels, testImages, testLabels });
}
