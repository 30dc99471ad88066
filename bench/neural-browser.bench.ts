/**
 * Training speed of the neural learners in the built page, per TensorFlow.js backend, in headless
 * chromium (vite preview of dist/: build first), at their default sizes and batch 128, against the
 * same training step in PyTorch on this machine's CPU (bench/gan_torch.py; skipped with a note
 * where `import torch` fails).
 *
 * Each figure is what the page itself reports (data-steps-per-second of a run's training line):
 * training steps per second over one generation of one replicate, from its first progress report
 * to its last, so page load, tfjs start-up and the fit-time summary sample are excluded. WebGPU runs
 * on the SwiftShader fallback adapter here (--enable-unsafe-webgpu), WebGL on SwiftShader: forced,
 * since the page skips both on a machine without a GPU. Steps per backend are sized to take a few
 * seconds each. The MNIST generators (vae, conv-gan) train on 1000 digits at their default batch,
 * reported as training digits per second (steps/s × batch), the VAE against the same VAE in
 * PyTorch (bench/vae_torch.py).
 */
import type { Browser } from 'playwright-core';
import { preview } from 'vite';
import { normaliseSpec } from '../src/spec/validate';
import { specFields } from '../src/spec/schema';
import type { BackendName } from '../src/worker/protocol';
import { launch } from '../tests/browser/browser';
import { runVaeTorch } from './digits.bench';
import { runTorch } from './neural.bench';
import type { BenchResult } from './result';

type Kind = 'gan' | 'diffusion';

const STEPS: Record<BackendName, number> = { webgpu: 40, webgl: 300, wasm: 3000, cpu: 300 };
const TIMEOUT_MS = 300_000;
/** Replicates of the batched rows, and their steps per backend (each replicate trains them). */
const REPLICATES = 8;
const STEPS_BATCHED: Record<BackendName, number> = { webgpu: 20, webgl: 40, wasm: 200, cpu: 20 };

/** Digit generators: epochs of 1000 MNIST digits per backend, sized like STEPS (≥ 3 progress reports). */
type DigitKind = 'vae' | 'conv-gan';
const EPOCHS: Record<DigitKind, Record<BackendName, number>> = {
  vae: { webgpu: 3, webgl: 5, wasm: 15, cpu: 3 },
  'conv-gan': { webgpu: 1, webgl: 1, wasm: 2, cpu: 1 },
};

/** The page's training steps per second, summed over a run's `replicates` replicates (replicate-steps / s). */
async function stepsPerSecond(browser: Browser, base: string, query: string, backend: BackendName, replicates = 1): Promise<{ rate: number; used: string }> {
  const page = await browser.newPage();
  try {
    await page.goto(`${base}?${query}&backend=${backend}&n-ini=1000&generations=1&replicates=${replicates}&n-eval=100&cmp=base&speed=max`);
    await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.getAttribute('data-state') === 'done', null, {
      timeout: TIMEOUT_MS,
      polling: 200,
    });
    const training = page.getByTestId('training');
    return { rate: Number(await training.getAttribute('data-steps-per-second')), used: (await training.getAttribute('data-backend')) ?? '' };
  } finally {
    await page.close();
  }
}

const fixed = (v: number, digits = 0) => v.toFixed(digits);

/** The batch size a digit generator trains with by default (the page's link leaves it out). */
function digitBatch(kind: DigitKind): number {
  const checked = normaliseSpec({ data: 'mnist', learner: kind });
  if (!checked.ok) throw new Error(checked.issues[0].message);
  return checked.value.batchSize;
}

export async function benchNeuralBrowser(): Promise<BenchResult> {
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not listen on a port');
  const base = `http://127.0.0.1:${address.port}/`;
  const rows: [string, string][] = [];
  const wasm: Record<Kind, number> = { gan: 0, diffusion: 0 };
  const wasmReplicates: Record<Kind, number> = { gan: 0, diffusion: 0 };
  let wasmVaeDigits = 0;
  try {
    for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
      const browser = await launch(backend === 'webgpu' ? ['--enable-unsafe-webgpu'] : []);
      try {
        const label = backend === 'webgpu' ? 'webgpu (SwiftShader fallback adapter)' : backend === 'webgl' ? 'webgl (SwiftShader)' : backend;
        for (const kind of ['gan', 'diffusion'] as const) {
          const { rate, used } = await stepsPerSecond(browser, base, `learner=${kind}&steps=${STEPS[backend]}`, backend);
          if (backend === 'wasm') wasm[kind] = rate;
          rows.push([`${kind}: ${label} training steps / s`, used === backend ? fixed(rate, rate < 10 ? 1 : 0) : `ran on ${used} instead`]);
          // The page trains R replicates as one computation where that pays (WebGL, WebGPU) and one after another elsewhere.
          const batched = await stepsPerSecond(browser, base, `learner=${kind}&steps=${STEPS_BATCHED[backend]}`, backend, REPLICATES);
          if (backend === 'wasm') wasmReplicates[kind] = batched.rate;
          rows.push([
            `${kind}: ${label} replicate-steps / s at R = ${REPLICATES}; / R = 1`,
            batched.used === backend ? `${fixed(batched.rate, batched.rate < 10 ? 1 : 0)}; ${fixed(batched.rate / rate, 2)}×` : `ran on ${batched.used} instead`,
          ]);
        }
        for (const kind of ['vae', 'conv-gan'] as const) {
          const { rate, used } = await stepsPerSecond(browser, base, `data=mnist&learner=${kind}&epochs=${EPOCHS[kind][backend]}`, backend);
          const batch = digitBatch(kind);
          if (backend === 'wasm' && kind === 'vae') wasmVaeDigits = rate * batch;
          rows.push([`MNIST ${kind}: ${label} training digits / s (batch ${batch})`, used === backend ? fixed(rate * batch) : `ran on ${used} instead`]);
        }
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  const vaePeer = runVaeTorch();
  if ('skipped' in vaePeer) rows.push(['MNIST vae: PyTorch CPU peer', `skipped: ${vaePeer.skipped}`]);
  else {
    const torch = vaePeer.samplesPerSecond['1'];
    rows.push(
      [`MNIST vae: PyTorch ${vaePeer.torch} CPU (1 thread) training digits / s`, fixed(torch)],
      ['MNIST vae: page wasm / PyTorch time per digit', `${fixed(torch / wasmVaeDigits, 2)}×`],
    );
  }
  const peer = runTorch();
  if ('skipped' in peer) rows.push(['PyTorch CPU peer', `skipped: ${peer.skipped}`]);
  else
    for (const kind of ['gan', 'diffusion'] as const) {
      const torch = kind === 'gan' ? peer.ganStepsPerSecond : peer.diffusionStepsPerSecond;
      rows.push(
        [`${kind}: PyTorch ${peer.torch} CPU (${peer.threads} thread) steps / s`, fixed(torch)],
        [`${kind}: page wasm / PyTorch time per step`, `${fixed(torch / wasm[kind], 2)}× (goal ≤ 2×)`],
        [`${kind}: page wasm replicate-steps / s at R = ${REPLICATES} / PyTorch's one network`, `${fixed(wasmReplicates[kind] / torch, 2)}× (goal ≥ 1×)`],
      );
    }
  const h = specFields.hidden.default;
  const l = specFields.layers.default;
  return {
    title: `Neural learners in the page (headless chromium, one worker), default sizes: ${l} hidden layers of ${h}, batch ${specFields.batchSize.default}, 1000 ring points`,
    rows,
  };
}

// Run directly: `npx tsx bench/neural-browser.bench.ts` (after `npx vite build`).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { title, rows } = await benchNeuralBrowser();
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n${title}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}
