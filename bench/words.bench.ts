/**
 * The word loop at research scale (issue 16): the unigram learner (counts, α = 0) over a Zipf
 * vocabulary of 10,000 words, n = 10,000 words per generation, 200 generations × 100 replicates,
 * fully synthetic. The engine's bare loop (fit + sample, as the peer does) and its whole run (every
 * word metric each generation, one thread and all cores) against the same loop in NumPy,
 * vectorised over the replicates, drawing word ids then counts as the engine does, and drawing the
 * counts at once with one multinomial per replicate. CPU time is reported beside wall time, since a
 * shared machine stretches the wall clock.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { runDocument } from '../src/cli/parallel-run';
import { Rng } from '../src/engine/random/prng';
import { unigramLearner } from '../src/engine/text/unigram';
import { Categorical, zipfProbabilities } from '../src/engine/text/zipf';
import { assertSpec } from '../src/spec/validate';
import type { BenchResult } from './result';

const [V, N, T, R] = [10_000, 10_000, 200, 100];

function timed<T>(run: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

/** Fit + sample only, replicate after replicate: mean vocabulary alive at t = T. */
function bareLoop(): number {
  const learner = unigramLearner({ vocabulary: V, smoothing: 0, topK: 0 });
  const real = new Categorical(zipfProbabilities(V, 1));
  let alive = 0;
  for (let r = 0; r < R; r++) {
    const rng = new Rng(1, r, 2, 3);
    let model = learner.fit(real.sample(rng, N), N);
    for (let t = 2; t <= T; t++) model = learner.fit(model.sample(rng, N, 1), N);
    alive += model.probabilities.reduce((a, q) => a + (q > 0 ? 1 : 0), 0) / R;
  }
  return alive;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function benchWords(): Promise<BenchResult> {
  const rows: [string, string][] = [];
  const bare = timed(bareLoop);
  rows.push(['engine bare loop (fit + sample), 1 thread', `${seconds(bare.ms)} wall, ${seconds(bare.cpuMs)} CPU; alive at t = ${T}: ${bare.value.toFixed(1)}`]);
  const spec = assertSpec({ data: 'zipf', learner: 'unigram', vocabulary: V, zipfBeta: 1, nIni: N, nSyn: N, generations: T, replicates: R, nEval: 10 });
  const cores = availableParallelism();
  for (const threads of [1, cores]) {
    const start = performance.now();
    await runDocument(spec, threads);
    rows.push([`engine whole run (every word metric), ${threads} thread${threads > 1 ? 's' : ''}`, seconds(performance.now() - start)]);
  }
  const peer = spawnSync('python3', ['bench/unigram_numpy.py', String(V), String(N), String(T), String(R)], { encoding: 'utf8' });
  type Timing = { ms: number; cpuMs: number; alive: number };
  const parsed = peer.status === 0 ? (JSON.parse(peer.stdout.trim()) as { numpy?: string; ids?: Timing; multinomial?: Timing; skipped?: string }) : { skipped: peer.stderr || 'python3 missing' };
  if (!parsed.ids || !parsed.multinomial) rows.push(['NumPy peer', `skipped: ${parsed.skipped}`]);
  else {
    for (const [name, t] of [['word ids then counts', parsed.ids], ['one multinomial per replicate', parsed.multinomial]] as const) {
      rows.push([`NumPy ${parsed.numpy}, ${name}`, `${seconds(t.ms)} wall, ${seconds(t.cpuMs)} CPU; alive at t = ${T}: ${t.alive.toFixed(1)}`]);
      rows.push([`ratio NumPy (${name}) / engine bare loop, CPU time`, `${(t.cpuMs / bare.cpuMs).toFixed(2)}× (above 1: the engine is faster)`]);
    }
  }
  return { title: `Unigram word loop: V = ${V.toLocaleString('en')}, n = ${N.toLocaleString('en')}, ${T} generations × ${R} replicates`, rows };
}
