/**
 * GMM learner speed in the loop it serves: the fully synthetic ring-of-8 loop (K = 8, n = 1000,
 * 100 generations, λ = 1), our EM against scikit-learn's GaussianMixture running the same loop
 * (bench/gmm_sklearn.py). Only fit + sample are timed. The two libraries count EM iterations
 * differently: scikit-learn's n_iter_ includes the M-step after the E-step that met the tolerance,
 * ours counts only the M-steps applied to the returned model, so ours reads about one lower.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ring } from '../src/engine/data/mixtures';
import { gmmLearner } from '../src/engine/learners/gmm';
import { Rng } from '../src/engine/random/prng';
import type { BenchResult } from './result';

const N = 1000;
const GENERATIONS = 100;
const PYTHON = '/usr/bin/python3';

interface LoopFigures {
  msPerGeneration: number;
  emIterationsPerGeneration: number;
  msPerIteration: number;
}

function runLoop(seed: number): LoopFigures {
  const learner = gmmLearner({ components: 8 });
  const modelRng = Rng.stream(seed, 2);
  let data = ring().sample(Rng.stream(seed, 1), N);
  let elapsed = 0;
  let iterations = 0;
  for (let g = 0; g < GENERATIONS; g++) {
    const start = performance.now();
    const model = learner.fit(data, N, modelRng);
    data = model.sample(modelRng, N, 1);
    elapsed += performance.now() - start;
    iterations += model.iterations;
  }
  return {
    msPerGeneration: elapsed / GENERATIONS,
    emIterationsPerGeneration: iterations / GENERATIONS,
    msPerIteration: elapsed / iterations,
  };
}

function runSklearn(): (LoopFigures & { sklearn: string }) | { skipped: string } {
  const script = fileURLToPath(new URL('./gmm_sklearn.py', import.meta.url));
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found` };
  const result = spawnSync(PYTHON, [script], { encoding: 'utf8' });
  if (result.status !== 0) return { skipped: `peer failed: ${(result.stderr || String(result.error)).trim()}` };
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

const fixed = (v: number, digits = 3) => v.toFixed(digits);

export async function benchGmm(): Promise<BenchResult> {
  // The first loop only warms the JIT, as the peer's timings exclude Python's start-up.
  runLoop(0);
  const ours = runLoop(1);
  const peer = runSklearn();
  const rows: [string, string][] = [
    ['ours: ms / generation', fixed(ours.msPerGeneration)],
    ['ours: EM iterations / generation', fixed(ours.emIterationsPerGeneration, 2)],
    ['ours: ms / EM iteration', fixed(ours.msPerIteration)],
  ];
  if ('skipped' in peer) {
    rows.push(['scikit-learn', `skipped: ${peer.skipped}`]);
  } else {
    rows.push(
      [`scikit-learn ${peer.sklearn}: ms / generation`, fixed(peer.msPerGeneration)],
      ['scikit-learn: EM iterations / generation', fixed(peer.emIterationsPerGeneration, 2)],
      ['scikit-learn: ms / EM iteration', fixed(peer.msPerIteration)],
      ['speed-up (scikit-learn / ours) per generation', `${fixed(peer.msPerGeneration / ours.msPerGeneration, 1)}×`],
      ['speed-up (scikit-learn / ours) per EM iteration', `${fixed(peer.msPerIteration / ours.msPerIteration, 1)}×`],
    );
  }
  return { title: `GMM (K = 8, full) fully synthetic ring loop: n = ${N}, ${GENERATIONS} generations`, rows };
}
