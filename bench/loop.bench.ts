/**
 * The research workload of the CLI: 2,000 replicates × 50 generations of the 1-D Gaussian fully
 * synthetic loop with n = 100, through the whole engine (sampling, fit, all metrics), against the
 * bare loop (fit + sample + Fréchet distance) vectorised in NumPy as the peer.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { runDocument } from '../src/cli/parallel-run';
import { assertSpec } from '../src/spec/validate';
import type { BenchResult } from './result';

async function timeEngine(nEval: number, threads: number): Promise<number> {
  const spec = assertSpec({ data: 'gaussian', dim: 1, learner: 'gaussian', loop: 'fully-synthetic', nIni: 100, nSyn: 100, generations: 50, replicates: 2000, nEval });
  const start = performance.now();
  await runDocument(spec, threads);
  return performance.now() - start;
}

export async function benchLoop(): Promise<BenchResult> {
  const rows: [string, string][] = [];
  const cores = availableParallelism();
  const withEval: [number, number][] = [];
  for (const nEval of [10, 100, 1000]) {
    const one = await timeEngine(nEval, 1);
    const all = await timeEngine(nEval, cores);
    withEval.push([nEval, one]);
    rows.push([`engine, all metrics, n_eval = ${nEval}: 1 thread | ${cores} threads`, `${(one / 1000).toFixed(2)} s | ${(all / 1000).toFixed(2)} s (${(one / all).toFixed(2)}× speed-up)`]);
  }
  const peer = spawnSync('/usr/bin/python3', ['bench/gaussian_numpy.py'], { encoding: 'utf8' });
  const parsed = peer.status === 0 ? (JSON.parse(peer.stdout.trim()) as { ms?: number; numpy?: string; skipped?: string }) : { skipped: peer.stderr || 'python3 missing' };
  if (parsed.ms === undefined) rows.push(['NumPy peer', `skipped: ${parsed.skipped}`]);
  else {
    rows.push([`NumPy ${parsed.numpy} peer (fit + sample + fd only)`, `${(parsed.ms / 1000).toFixed(2)} s`]);
    rows.push(['ratio engine (n_eval = 10) / NumPy', `${(withEval[0][1] / parsed.ms).toFixed(1)}×`]);
  }
  return { title: '1-D Gaussian loop: 2,000 replicates × 50 generations, n = 100', rows };
}
