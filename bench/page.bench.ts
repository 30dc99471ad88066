/**
 * The lab page in headless chromium against `vite preview` of dist/ (build first: npx vite build):
 * time from navigation to the first generation drawn, main-thread long tasks during a
 * 200-generation run, film-strip frames per second with 10,000 points per panel while scrubbing,
 * and the gzipped size of the JavaScript the page loads before it runs (the worker excluded).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { preview } from 'vite';
import { launch } from '../tests/browser/browser';
import type { BenchResult } from './result';

const DIST = 'dist';
const LOADS = 5;
const FPS_SECONDS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The entry chunk and everything it imports statically, with gzipped sizes. */
export function initialScripts(): { files: string[]; bytes: number; gzip: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  const visit = (path: string) => {
    // The build's URLs are relative ('./assets/x.js' in the page, 'assets/x.js' once joined): one name each.
    const file = normalize(path);
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(DIST, file), 'utf8');
    // Static imports only: `new Worker(new URL(...))` and dynamic import() chunks load later.
    for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) visit(join(dirname(file), m[1]));
  };
  entries.forEach(visit);
  let bytes = 0;
  let gzip = 0;
  for (const f of seen) {
    const content = readFileSync(join(DIST, f));
    bytes += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { files: [...seen], bytes, gzip };
}

async function firstGenerationMs(browser: Browser, url: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url);
  const mark = await page.waitForFunction(() => performance.getEntriesByName('mad:first-generation-drawn')[0]?.startTime, null, { polling: 20 });
  const ms = (await mark.jsonValue()) as number;
  await page.close();
  return ms;
}

async function longTasksDuringRun(browser: Browser, url: string): Promise<{ count: number; max: number; beforeFirst: number; seconds: number }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript(() => {
    const w = window as unknown as { tasks: { start: number; duration: number }[] };
    w.tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
  await page.goto(url);
  await page.waitForFunction(
    () => {
      // Not on an empty page: every() of no runs is true before the first render.
      const runs = [...document.querySelectorAll('[data-testid=run-status]')];
      return runs.length > 0 && runs.every((r) => r.getAttribute('data-state') === 'done');
    },
    null,
    { timeout: 300_000, polling: 200 },
  );
  const result = await page.evaluate(() => {
    const first = performance.getEntriesByName('mad:first-generation-drawn')[0].startTime;
    const tasks = (window as unknown as { tasks: { start: number; duration: number }[] }).tasks;
    const during = tasks.filter((t) => t.start >= first);
    return { count: during.length, max: Math.max(0, ...during.map((t) => t.duration)), beforeFirst: tasks.length - during.length, seconds: (performance.now() - first) / 1000 };
  });
  await page.close();
  return result;
}

async function filmStripFps(browser: Browser, url: string): Promise<{ fps: number; redraws: number }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.getAttribute('data-state') === 'done', null, { timeout: 300_000, polling: 200 });
  // Passed as source text: the bundler that runs this file would wrap named functions in helpers
  // that do not exist in the page.
  const result = (await page.evaluate(`(async () => {
    const scrubber = document.querySelector('[data-testid=scrubber]');
    const strip = document.querySelector('[data-testid=film-strip]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const max = Number(scrubber.max);
    let frames = 0;
    const seen = new Set();
    const end = performance.now() + ${FPS_SECONDS * 1000};
    await new Promise((resolve) => {
      function frame() {
        frames++;
        seen.add(strip.getAttribute('data-t'));
        if (performance.now() >= end) return resolve();
        // Each frame scrubs to another generation, so every panel is redrawn.
        setValue.call(scrubber, String(1 + (frames % (max - 1))));
        scrubber.dispatchEvent(new Event('input', { bubbles: true }));
        requestAnimationFrame(frame);
      }
      requestAnimationFrame(frame);
    });
    return { fps: frames / ${FPS_SECONDS}, redraws: seen.size };
  })()`)) as { fps: number; redraws: number };
  await page.close();
  return result;
}

export async function benchPage(): Promise<BenchResult> {
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not listen on a port');
  const base = `http://127.0.0.1:${address.port}/`;
  const browser = await launch();
  try {
    const first: number[] = [];
    for (let i = 0; i < LOADS; i++) first.push(await firstGenerationMs(browser, base));
    const run = await longTasksDuringRun(browser, `${base}?speed=max&generations=200`);
    const fps = await filmStripFps(browser, `${base}?speed=max&cmp=base&n-eval=10000&generations=40&replicates=2`);
    const js = initialScripts();
    return {
      title: 'Lab page in headless chromium (vite preview of dist/)',
      rows: [
        [`navigation → first generation drawn, default page (median of ${LOADS}, ms)`, `${median(first).toFixed(0)} (min ${Math.min(...first).toFixed(0)}, max ${Math.max(...first).toFixed(0)})`],
        ['main-thread tasks > 50 ms during a 200-generation run (2 runs, R = 10)', `${run.count} (longest ${run.max.toFixed(0)} ms; run took ${run.seconds.toFixed(1)} s; ${run.beforeFirst} during page load)`],
        [`film strip, 5 panels × 10,000 points, scrubbing every frame (fps over ${FPS_SECONDS} s)`, `${fps.fps.toFixed(1)} (${fps.redraws} different generations drawn)`],
        ['initial JavaScript, worker excluded (gzip / raw KB)', `${(js.gzip / 1024).toFixed(1)} / ${(js.bytes / 1024).toFixed(1)} (${js.files.join(', ')})`],
      ],
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
