/**
 * `npm run bench -- webgpu`: the TensorFlow.js learners in the built page on a real GPU, per
 * backend (WebGPU, hardware WebGL, WASM) and for R = 1 and R = 8 replicates, in headless chromium
 * started with the flags that reach a GPU without a display (Vulkan through ANGLE; see the
 * toolchain notes). Build first (`npm run build`).
 *
 * It first asks the page for its WebGPU adapter and WebGL renderer and prints them: a figure means
 * something only on a real adapter. Where there is none (a machine without a GPU, where chromium
 * offers only SwiftShader's fallback adapter) it says so and measures nothing, unless
 * WEBGPU_BENCH_FALLBACK=1 asks for the fallback's figures anyway (to try the script).
 *
 * Each figure is one generation of one run: the page's own worker time for it (data-compute-ms of
 * the run's status line: fitting every replicate, drawing its samples and computing its metrics),
 * page load and tfjs start-up excluded. Per replicate: R × the generation's training work ÷ that
 * time, in training steps (2-D networks) or training digits (MNIST: epochs × digits) per second,
 * so R = 8 shows what a batch of replicates gains over one. The engine's learners (pca-gmm among
 * the digit generators) do not use tfjs and are left out.
 */
import type { Browser, Page } from 'playwright-core';
import { preview } from 'vite';
import { LEARNER_TABLE, learnersWhere } from '../src/spec/learners';
import type { BackendName } from '../src/worker/protocol';
import { launch } from '../tests/browser/browser';
import type { BenchResult } from './result';

const GPU_FLAGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=vulkan', '--ignore-gpu-blocklist'];
const BACKENDS: BackendName[] = ['webgpu', 'webgl', 'wasm'];
const REPLICATES = [1, 8];
const N_INI = 1000;
/** Training per generation: a few seconds per replicate on WASM, so R = 8 stays under a minute. */
const STEPS = 1000;
const EPOCHS = 2;
const TIMEOUT_MS = 240_000;

interface GpuInfo {
  webgpu: string | null;
  fallback: boolean;
  webgl: string | null;
}

/** What the page sees: its WebGPU adapter (vendor, architecture, description) and WebGL renderer. */
function gpuInfo(page: Page): Promise<GpuInfo> {
  return page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    const adapter = (await gpu?.requestAdapter().catch(() => null)) as
      | { isFallbackAdapter?: boolean; info?: { vendor: string; architecture: string; description: string; isFallbackAdapter?: boolean } }
      | null
      | undefined;
    const info = adapter?.info;
    const gl = document.createElement('canvas').getContext('webgl2');
    const debug = gl?.getExtension('WEBGL_debug_renderer_info');
    return {
      webgpu: adapter ? [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' / ') || 'an adapter without info' : null,
      fallback: Boolean(info?.isFallbackAdapter ?? adapter?.isFallbackAdapter),
      webgl: gl && debug ? String(gl.getParameter(debug.UNMASKED_RENDERER_WEBGL)) : null,
    };
  });
}

/** One generation of one run: its worker time and the backend it trained on. */
async function generation(browser: Browser, base: string, query: string): Promise<{ ms: number; used: string }> {
  const page = await browser.newPage();
  try {
    await page.goto(`${base}?${query}&n-ini=${N_INI}&generations=1&n-eval=100&cmp=base&speed=max`);
    await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.getAttribute('data-state') === 'done', null, {
      timeout: TIMEOUT_MS,
      polling: 200,
    });
    const ms = Number(await page.getByTestId('run-status').getAttribute('data-compute-ms'));
    return { ms, used: (await page.getByTestId('training').getAttribute('data-backend')) ?? '' };
  } finally {
    await page.close();
  }
}

export async function benchWebgpu(): Promise<BenchResult> {
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not listen on a port');
  const base = `http://127.0.0.1:${address.port}/`;
  const rows: [string, string][] = [];
  const browser = await launch(GPU_FLAGS);
  try {
    const probe = await browser.newPage();
    await probe.goto(base);
    const gpu = await gpuInfo(probe);
    await probe.close();
    rows.push(
      ['WebGPU adapter', gpu.webgpu ? `${gpu.webgpu}${gpu.fallback ? ' (fallback adapter: not a GPU)' : ''}` : 'none'],
      ['WebGL renderer', gpu.webgl ?? 'none'],
    );
    const real = gpu.webgpu !== null && !gpu.fallback;
    if (!real && process.env.WEBGPU_BENCH_FALLBACK !== '1') {
      rows.push(['figures', 'unmeasured: no real WebGPU adapter on this machine (WEBGPU_BENCH_FALLBACK=1 measures the fallback anyway)']);
      return { title: 'WebGPU on a real GPU', rows };
    }
    for (const learner of learnersWhere((entry) => entry.runtime === 'tfjs')) {
      const digits = LEARNER_TABLE[learner].domain === 'digits';
      const work = digits ? `data=mnist&learner=${learner}&epochs=${EPOCHS}` : `learner=${learner}&steps=${STEPS}`;
      const unit = digits ? 'training digits / s' : 'training steps / s';
      const perReplicate = digits ? EPOCHS * N_INI : STEPS;
      for (const backend of BACKENDS)
        for (const R of REPLICATES) {
          const { ms, used } = await generation(browser, base, `${work}&backend=${backend}&replicates=${R}`);
          const label = `${learner}: ${backend}, R = ${R}, ${unit} per replicate`;
          rows.push([label, used === backend ? `${((R * perReplicate) / (ms / 1000)).toFixed(0)} (generation ${(ms / 1000).toFixed(1)} s)` : `ran on ${used} instead`]);
        }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { title: `TensorFlow.js learners in the page on this machine's GPU: one generation, ${N_INI} training points or digits`, rows };
}
