/**
 * The admissibility explorer in headless chromium against `vite preview` of dist/ (build first:
 * npx vite build): the default 10 × 10 sweep (1-D Gaussian fresh loop, 200 replicates × 50
 * generations per cell) with one Web Worker and with one per core, timed as the page reports it
 * (from the sweep's start, workers created and baseline included, to its last cell). Then, in the
 * same page, the same sweep with another seed (workers already running: the cells alone), the
 * sweep with 4× the replicates (how the cells themselves scale), and the longest main-thread task
 * while the cells stream in. Goal: near-linear speed-up, and the default sweep under 10 s.
 */
import type { Browser, Page } from 'playwright-core';
import { preview } from 'vite';
import { launch } from '../tests/browser/browser';
import type { BenchResult } from './result';

const CELLS = 100;
const REPEATS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Seconds of the sweep on screen once it is done, as its status reports them. */
async function sweepSeconds(page: Page, seed: number): Promise<number> {
  await page.waitForFunction(
    (want) => {
      const status = document.querySelector('[data-testid=sweep-status]');
      return status?.getAttribute('data-state') === 'done' && new URL(location.href).searchParams.get('seed') === want;
    },
    seed === 1 ? null : String(seed),
    { timeout: 300_000, polling: 50 },
  );
  return Number(await page.getAttribute('[data-testid=sweep-status]', 'data-elapsed-ms')) / 1000;
}

interface Run {
  cold: number;
  warm: number;
  longestTask: number;
}

/** One page: the sweep from a cold start, then again with seed 2 on the running workers. */
async function run(browser: Browser, base: string, query: string): Promise<Run> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript(() => {
    const w = window as unknown as { tasks: number[] };
    w.tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.tasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  await page.goto(`${base}?view=explorer&${query}`);
  const cold = await sweepSeconds(page, 1);
  const before = await page.evaluate(() => (window as unknown as { tasks: number[] }).tasks.length);
  const seed = page.locator('.spec-controls [data-field=seed] input.number-box');
  await seed.fill('2');
  await seed.press('Enter');
  const warm = await sweepSeconds(page, 2);
  // Page load aside: the tasks while this sweep's cells stream in.
  const longestTask = await page.evaluate((from) => Math.max(0, ...(window as unknown as { tasks: number[] }).tasks.slice(from)), before);
  await page.close();
  return { cold, warm, longestTask };
}

export async function benchExplorer(): Promise<BenchResult> {
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not listen on a port');
  const base = `http://127.0.0.1:${address.port}/`;
  const browser = await launch();
  try {
    const probe = await browser.newPage();
    await probe.goto(base);
    const cores = await probe.evaluate(() => navigator.hardwareConcurrency);
    await probe.close();
    const one: Run[] = [];
    const all: Run[] = [];
    for (let i = 0; i < REPEATS; i++) {
      one.push(await run(browser, base, 'workers=1'));
      all.push(await run(browser, base, `workers=${cores}`));
    }
    const heavyOne = await run(browser, base, 'workers=1&replicates=800');
    const heavyAll = await run(browser, base, `workers=${cores}&replicates=800`);
    const m = (runs: Run[], k: keyof Run) => median(runs.map((r) => r[k]));
    const rate = (s: number) => `${(CELLS / s).toFixed(0)} cells/s`;
    const oneCold = m(one, 'cold');
    const allCold = m(all, 'cold');
    const oneWarm = m(one, 'warm');
    const allWarm = m(all, 'warm');
    return {
      title: `Admissibility explorer in headless chromium: default 10 × 10 sweep, 1-D Gaussian fresh loop, 200 replicates × 50 generations per cell (median of ${REPEATS})`,
      rows: [
        ['1 worker, from start (workers, baseline, cells)', `${oneCold.toFixed(2)} s, ${rate(oneCold)}`],
        [`${cores} workers, from start`, `${allCold.toFixed(2)} s, ${rate(allCold)} (${(oneCold / allCold).toFixed(2)}× speed-up; goal < 10 s: ${allCold < 10 ? 'met' : 'missed'})`],
        ['1 worker | all, workers already running (another seed)', `${oneWarm.toFixed(2)} s | ${allWarm.toFixed(2)} s, ${rate(oneWarm)} | ${rate(allWarm)} (${(oneWarm / allWarm).toFixed(2)}× speed-up)`],
        [
          `800 replicates per cell: 1 worker | ${cores} workers (warm)`,
          `${heavyOne.warm.toFixed(2)} s | ${heavyAll.warm.toFixed(2)} s (${(heavyOne.warm / heavyAll.warm).toFixed(2)}× speed-up)`,
        ],
        [`longest main-thread task > 50 ms while cells stream in (1 | ${cores} workers; 0: none)`, `${m(one, 'longestTask').toFixed(0)} ms | ${m(all, 'longestTask').toFixed(0)} ms`],
      ],
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
