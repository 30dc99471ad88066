/**
 * `npm run bench`: every benchmark, each printing its figures and its ratio against a peer measured
 * in the same run. Pass names to run a subset: `npm run bench -- gmm knn`. The page benchmarks
 * (page, neural-browser, webgpu) need a build (`npm run build`) first; webgpu runs only by name.
 */
import { benchDigits } from './digits.bench';
import { benchGmm } from './gmm.bench';
import { benchKnn } from './knn.bench';
import { benchLoop } from './loop.bench';
import { benchNeuralBrowser } from './neural-browser.bench';
import { benchNeural } from './neural.bench';
import { benchPcaGmm } from './pca-gmm.bench';
import { benchPage } from './page.bench';
import { benchSweep } from './sweep.bench';
import { benchWebgpu } from './webgpu.bench';
import { benchWords } from './words.bench';
import type { BenchResult } from './result';

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  gmm: benchGmm,
  knn: benchKnn,
  loop: benchLoop,
  sweep: benchSweep,
  page: benchPage,
  neural: benchNeural,
  'neural-browser': benchNeuralBrowser,
  digits: benchDigits,
  'pca-gmm': benchPcaGmm,
  words: benchWords,
};
/** Run only when asked for by name: it needs a real GPU, and says so and stops without one. */
const ON_REQUEST: Record<string, () => Promise<BenchResult>> = { webgpu: benchWebgpu };

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !Object.hasOwn(BENCHES, w) && !Object.hasOwn(ON_REQUEST, w));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}; allowed: ${[...Object.keys(BENCHES), ...Object.keys(ON_REQUEST)].join(', ')}\n`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  const { title, rows } = await (BENCHES[name] ?? ON_REQUEST[name])();
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n${title}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}
