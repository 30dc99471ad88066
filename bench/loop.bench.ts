/**
 * The research workload of the CLI: 2,000 replicates × 50 generations of the 1-D Gaussian fully
 * synthetic loop with n = 100. By default (`--metrics auto`, R > 100) it runs through sufficient
 * statistics; with every metric (`--metrics all`) it runs sample by sample with k-NN precision and
 * recall on n_eval points. The peer is the bare loop (fit + sample + Fréchet distance) vectorised
 * in NumPy, timed in-process and as a whole process, in the same run. On a shared machine the
 * processor time of each side (this process's, Python's) is the steadier comparison.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { runDocument } from '../src/cli/parallel-run';
import { assertSpec } from '../src/spec/validate';
import type { BenchResult } from './result';

const LOOP = { data: 'gaussian', dim: 1, learner: 'gaussian', loop: 'fully-synthetic', nIni: 100, nSyn: 100, generations: 50, replicates: 2000 } as const;
const CLI_FLAGS = ['--data', 'gaussian', '--dim', '1', '--learner', 'gaussian', '--loop', 'fully-synthetic', '--n-ini', '100', '--n-syn', '100', '--generations', '50', '--replicates', '2000'];
const REPEATS = 5;

async function timeEngine(input: Record<string, unknown>, threads: number): Promise<number> {
  return (await timeRun(input, threads)).ms;
}

/** Wall time and this process's processor time of one run document, in ms (one thread: the CPU time is the run's). */
async function timeRun(input: Record<string, unknown>, threads: number): Promise<{ ms: number; cpuMs: number }> {
  const spec = assertSpec({ ...LOOP, ...input });
  const start = performance.now();
  const cpu = process.cpuUsage();
  await runDocument(spec, threads);
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Wall time of a whole process, in ms; null if it failed. */
function processMs(command: string, args: string[]): number | null {
  const start = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  return run.status === 0 ? performance.now() - start : null;
}

function medianProcessMs(command: string, args: string[]): string {
  const times = Array.from({ length: REPEATS }, () => processMs(command, args));
  return times.includes(null) ? 'failed' : `${(median(times as number[]) / 1000).toFixed(2)} s`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function benchLoop(): Promise<BenchResult> {
  const rows: [string, string][] = [];
  const runs: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await timeRun({}, 1));
  const fast = runs.map((r) => r.ms);
  const fastCpu = runs.map((r) => r.cpuMs);
  rows.push(['sufficient statistics (default metrics), in process: first | median of later runs', `${seconds(fast[0])} | ${seconds(median(fast.slice(1)))}`]);
  rows.push(['  the same, processor time', `${seconds(fastCpu[0])} | ${seconds(median(fastCpu.slice(1)))}`]);

  const peerRuns = Array.from({ length: REPEATS }, () => spawnSync('python3', ['bench/gaussian_numpy.py'], { encoding: 'utf8' }));
  const parsed = peerRuns.map((run) => (run.status === 0 ? (JSON.parse(run.stdout.trim()) as { ms?: number; cpu_ms?: number; numpy?: string; skipped?: string }) : { skipped: run.stderr || 'python3 missing' }));
  const numpyMs = parsed.every((p) => p.ms !== undefined) ? median(parsed.map((p) => p.ms!)) : null;
  if (numpyMs === null) rows.push(['NumPy peer', `skipped: ${parsed.find((p) => p.skipped)?.skipped}`]);
  else {
    rows.push([`NumPy ${parsed[0].numpy} peer (fit + sample + fd only), in process, median`, seconds(numpyMs)]);
    const numpyCpu = median(parsed.map((p) => p.cpu_ms!));
    rows.push(['  the same, processor time', seconds(numpyCpu)]);
    rows.push(['ratio NumPy / sufficient statistics (medians): wall | processor', `${(numpyMs / median(fast.slice(1))).toFixed(1)}× | ${(numpyCpu / median(fastCpu.slice(1))).toFixed(1)}× (engine faster when > 1); first run: ${(numpyCpu / fastCpu[0]).toFixed(1)}× processor`]);
  }

  rows.push(['whole process: npm run --silent cli -- run … (median)', medianProcessMs('npm', ['run', '--silent', 'cli', '--', 'run', ...CLI_FLAGS])]);
  rows.push(['whole process: node --import tsx src/cli/main.ts run … (median)', medianProcessMs('node', ['--import', 'tsx', 'src/cli/main.ts', 'run', ...CLI_FLAGS])]);
  rows.push(['start-up alone: node --import tsx src/cli/main.ts --help | npm run --silent cli -- --help', `${medianProcessMs('node', ['--import', 'tsx', 'src/cli/main.ts', '--help'])} | ${medianProcessMs('npm', ['run', '--silent', 'cli', '--', '--help'])}`]);
  rows.push(['whole process: python3 bench/gaussian_numpy.py (median)', medianProcessMs('python3', ['bench/gaussian_numpy.py'])]);

  const cores = availableParallelism();
  for (const nEval of [10, 100, 1000]) {
    const one = await timeEngine({ nEval, metrics: 'all' }, 1);
    const all = await timeEngine({ nEval, metrics: 'all' }, cores);
    rows.push([`samples, --metrics all, n_eval = ${nEval}: 1 thread | ${cores} threads`, `${seconds(one)} | ${seconds(all)} (${(one / all).toFixed(2)}× speed-up)`]);
  }
  return { title: '1-D Gaussian loop: 2,000 replicates × 50 generations, n = 100', rows };
}
