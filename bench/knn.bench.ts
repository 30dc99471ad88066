/**
 * Precision/recall at k = 5 on 10,000 real vs 10,000 generated ring points: both k-NN manifolds
 * built and both coverage queries run, as once per generation with a fresh real set. Compared with
 * the O(n²) definition on the same data, and with SciPy's cKDTree on the same points (the peer).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ring } from '../src/engine/data/mixtures';
import { KnnManifold, precisionRecall } from '../src/engine/metrics/precision-recall';
import { Rng } from '../src/engine/random/prng';
import type { BenchResult } from './result';

const N = 10_000;
const K = 5;
const RUNS = 5;

export async function benchKnn(): Promise<BenchResult> {
  const real = ring().sample(Rng.fromKey(1), N);
  const fake = ring().sample(Rng.fromKey(2), N);
  const tree = medianMs(() => precisionRecall(new KnnManifold(real, N, 2, K), fake, N, 2, K));
  const brute = medianMs(() => bruteForcePrecisionRecall(real, fake));
  if (tree.result.precision !== brute.result.precision || tree.result.recall !== brute.result.recall)
    throw new Error('benchKnn: kd-tree and brute force disagree');
  const peer = scipyPeer(real, fake);
  return {
    title: `k-NN precision/recall, ${N} vs ${N} 2-D ring points, k = ${K} (median of ${RUNS} after a warm-up)`,
    rows: [
      ['kd-tree (ms)', tree.ms.toFixed(1)],
      ['brute force O(n²) (ms)', brute.ms.toFixed(1)],
      ['speed-up', `${(brute.ms / tree.ms).toFixed(0)}×`],
      ['precision / recall', `${tree.result.precision.toFixed(4)} / ${tree.result.recall.toFixed(4)}`],
      ...scipyRows(peer, tree.ms, tree.result),
    ],
  };
}

type Peer = { ms: number; precision: number; recall: number; scipy: string } | { skipped: string };

/** SciPy's cKDTree on the same points (bench/knn_scipy.py), passed as raw float64 files. */
function scipyPeer(real: Float64Array, fake: Float64Array): Peer {
  const dir = mkdtempSync(join(tmpdir(), 'knn-bench-'));
  try {
    const files = [join(dir, 'real.f64'), join(dir, 'fake.f64')];
    writeFileSync(files[0], real);
    writeFileSync(files[1], fake);
    const run = spawnSync('python3', ['bench/knn_scipy.py', ...files], { encoding: 'utf8' });
    return run.status === 0 ? (JSON.parse(run.stdout.trim()) as Peer) : { skipped: run.stderr || 'python3 missing' };
  } finally {
    rmSync(dir, { recursive: true });
  }
}

function scipyRows(peer: Peer, ms: number, ours: { precision: number; recall: number }): [string, string][] {
  if ('skipped' in peer) return [['SciPy cKDTree peer', `skipped: ${peer.skipped}`]];
  const same = peer.precision === ours.precision && peer.recall === ours.recall ? 'same precision and recall' : `differs: ${peer.precision} / ${peer.recall}`;
  return [
    [`SciPy ${peer.scipy} cKDTree peer (ms)`, `${peer.ms.toFixed(1)} (${same})`],
    ['ratio SciPy / kd-tree', `${(peer.ms / ms).toFixed(1)}× (kd-tree faster when > 1)`],
  ];
}

function medianMs<T>(run: () => T): { ms: number; result: T } {
  const result = run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[RUNS >> 1], result };
}

function bruteForcePrecisionRecall(real: Float64Array, fake: Float64Array) {
  return { precision: bruteCovers(real, kthSq(real), fake), recall: bruteCovers(fake, kthSq(fake), real) };
}

function sqDist(a: Float64Array, i: number, b: Float64Array, j: number): number {
  const dx = a[2 * i] - b[2 * j];
  const dy = a[2 * i + 1] - b[2 * j + 1];
  return dx * dx + dy * dy;
}

function kthSq(x: Float64Array): Float64Array {
  const out = new Float64Array(N);
  const best = new Float64Array(K);
  for (let i = 0; i < N; i++) {
    best.fill(Infinity);
    for (let j = 0; j < N; j++) {
      if (j === i) continue;
      const s = sqDist(x, j, x, i);
      if (s >= best[K - 1]) continue;
      let m = K - 1;
      for (; m > 0 && best[m - 1] > s; m--) best[m] = best[m - 1];
      best[m] = s;
    }
    out[i] = best[K - 1];
  }
  return out;
}

function bruteCovers(x: Float64Array, radiiSq: Float64Array, queries: Float64Array): number {
  let count = 0;
  for (let q = 0; q < N; q++)
    for (let i = 0; i < N; i++)
      if (sqDist(x, i, queries, q) <= radiiSq[i]) {
        count++;
        break;
      }
  return count / N;
}
