/**
 * The Gaussian mixture in principal components of the digits (src/engine/digits/pca-gmm.ts):
 * candidates of its size (principal components, components K, training digits n) measured as the
 * loop measures a first generation, against the VAE at its default training as the peer.
 *
 * A candidate's figures are means over seeds 1–3: fit on n real training digits, draw n_eval = 500
 * samples (λ = 1), embed them with the shipped LeNet (wasm) and measure FD, k-NN precision/recall
 * (k = 5) and classes against 500 held-out test digits; "s" is fit + sample (the generator's own
 * time; LeNet's is the same for every generator). The bar for a first generation:
 * precision ≥ 0.7 and recall ≥ 0.4 of the real-vs-real baseline, in ≤ 3 s.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { loadLenet, loadMnist } from '../src/cli/mnist-node';
import { drawDigits, realBaseline } from '../src/engine/digits/digit-loop';
import { digitMeasures, digitReference } from '../src/engine/digits/digit-metrics';
import type { DigitLearner } from '../src/engine/digits/digits';
import { pcaGmmLearner } from '../src/engine/digits/pca-gmm';
import { Rng } from '../src/engine/random/prng';
import { assertSpec } from '../src/spec/validate';
import { vaeLearner } from '../src/neural/digits/vae';
import type { BenchResult } from './result';

const N_EVAL = 500;
const SEEDS = [1, 2, 3];
/** [principal components, K, training digits]: the chosen size first, then one change at a time. */
const CANDIDATES: [number, number, number][] = [
  [50, 40, 1000],
  [50, 40, 2000],
  [20, 40, 1000],
  [30, 40, 1000],
  [80, 40, 1000],
  [50, 10, 1000],
  [50, 20, 1000],
  [50, 50, 1000],
  [50, 1, 1000],
];

interface Figures {
  precision: number;
  recall: number;
  fd: number;
  classes: number;
  seconds: number;
}

const fixed = (v: number, digits: number) => v.toFixed(digits);

/** The figures of a generator, or of real digits (no time). */
function format(f: Figures, timed = true): string {
  const figures = `precision ${fixed(f.precision, 2)} · recall ${fixed(f.recall, 2)} · FD ${fixed(f.fd, 0)} · classes ${fixed(f.classes * 10, 1)}`;
  return timed ? `${figures} · ${fixed(f.seconds, 2)} s` : figures;
}

export async function benchPcaGmm(): Promise<BenchResult> {
  await tf.setBackend('wasm');
  await tf.ready();
  const mnist = loadMnist();
  const lenet = await loadLenet();
  const references = await Promise.all(
    SEEDS.map(async (seed) => digitReference(await lenet.embed(drawDigits(mnist.test, Rng.stream(seed, 1), N_EVAL), N_EVAL), N_EVAL)),
  );

  async function measure(learner: DigitLearner, n: number): Promise<Figures> {
    const sum: Figures = { precision: 0, recall: 0, fd: 0, classes: 0, seconds: 0 };
    for (const [i, seed] of SEEDS.entries()) {
      const rows = drawDigits(mnist.train, Rng.stream(seed, 2), n);
      const start = performance.now();
      const model = await learner.fit(rows, n, Rng.stream(seed, 3));
      const samples = await model.sample(Rng.stream(seed, 4), N_EVAL, 1);
      sum.seconds += (performance.now() - start) / 1000;
      model.dispose?.();
      const m = digitMeasures(references[i], await lenet.embed(samples, N_EVAL), N_EVAL);
      sum.precision += m.precision;
      sum.recall += m.recall;
      sum.fd += m.fd;
      sum.classes += m.classes;
    }
    const k = SEEDS.length;
    return { precision: sum.precision / k, recall: sum.recall / k, fd: sum.fd / k, classes: sum.classes / k, seconds: sum.seconds / k };
  }

  const real: Figures = { precision: 0, recall: 0, fd: 0, classes: 0, seconds: 0 };
  for (const seed of SEEDS) {
    const b = await realBaseline(assertSpec({ data: 'mnist', learner: 'pca-gmm', nEval: N_EVAL, seed }), { mnist, features: lenet });
    real.precision += b.precision / SEEDS.length;
    real.recall += b.recall / SEEDS.length;
    real.fd += b.fd / SEEDS.length;
    real.classes += b.classes / SEEDS.length;
  }
  const rows: [string, string][] = [[`real vs real (${N_EVAL} training digits against ${N_EVAL} test digits)`, format(real, false)]];
  let chosen: Figures | null = null;
  for (const [pcs, components, n] of CANDIDATES) {
    const f = await measure(pcaGmmLearner({ components, pcs }), n);
    chosen ??= f;
    const bar = f.precision >= 0.7 * real.precision && f.recall >= 0.4 * real.recall && f.seconds <= 3 ? 'meets the bar' : 'misses the bar';
    rows.push([`pca-gmm, ${pcs} PCs, K = ${components}, n = ${n}`, `${format(f)} (${bar})`]);
  }
  const vae = await measure(vaeLearner(), 1000);
  rows.push(['peer: vae, default training (30 epochs), n = 1000', format(vae)]);
  rows.push(['pca-gmm (first row) against the vae: recall ×, time ×', `${fixed(chosen!.recall / vae.recall, 1)}, ${fixed(chosen!.seconds / vae.seconds, 2)}`]);
  lenet.dispose();
  return { title: `pca-gmm candidates: first generation, means of seeds ${SEEDS.join(', ')} (LeNet features, wasm)`, rows };
}
