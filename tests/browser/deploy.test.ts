/**
 * The build deployed as a teacher would: dist/ copied into a nested folder of a plain static file
 * server (tests/browser/static-server.ts, not Vite), opened with and without the trailing slash,
 * where a mixture run, an MNIST generation and the explorer work, with nothing fetched outside the
 * folder and link-preview metadata in the page; offline after the first visit (service worker),
 * with a new build picked up after a short notice; and framed by a page on another origin, where
 * keyboard focus stays in the frame and the frame reports its height. Screenshots: deploy-*.png.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserSession, screenshot } from './browser';
import { readTables, waitForRuns } from './lab-page';
import { type StaticServer, serveFolder, servePage } from './static-server';
import { HEIGHT_MESSAGE } from '../../src/ui/embed-height';

const FOLDER = '/course/week-3/mad-lab/';
const MIXTURE = 'speed=max&generations=5&replicates=2';
/** One generation of a VAE on a few hundred digits: MNIST, LeNet and the wasm binaries all load. */
const MNIST = 'data=mnist&learner=vae&n-ini=200&n-syn=200&n-real=200&epochs=1&generations=1&replicates=1&n-eval=100&speed=max&cmp=base';
/** A 2 × 2 sweep of the Gaussian loop, small enough for seconds. */
const EXPLORER = 'view=explorer&x-values=10,100&y-values=0.9,1&replicates=20&generations=10';
/** Loading MNIST and LeNet, then training, on a loaded machine. */
const MNIST_TIMEOUT = 120_000;

const session = browserSession();
let page: Page;
let lab: StaticServer;

beforeEach(async () => {
  page = await session.newPage();
  lab = await serveFolder('dist', FOLDER);
});

afterEach(async () => {
  await lab.close();
});

/** Waits for each run of the page's link to finish, and checks that every generation has finite metrics. */
async function expectRunsDone(p: Page, generations: number, timeout = 60_000): Promise<void> {
  await p.waitForSelector('[data-testid=run-status]');
  await waitForRuns(p, 'done', timeout);
  const tables = await readTables(p);
  expect(tables.length).toBeGreaterThan(0);
  for (const table of tables) {
    expect(table.rows.map((r) => r[0])).toEqual(Array.from({ length: generations }, (_, i) => String(i + 1)));
    for (const row of table.rows) for (const value of row.slice(1)) expect(Number.isFinite(Number(value)), `${row}`).toBe(true);
  }
}

async function expectDigitsDrawn(p: Page): Promise<void> {
  const panels = await p.$$eval('[data-testid=film-strip] canvas[data-testid=digit-panel]', (canvases) => canvases.length);
  expect(panels).toBe(2);
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Uint8Array): [number, number] {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
}

async function controlled(p: Page): Promise<void> {
  await p.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

describe('deployed to a nested folder of a plain static server', () => {
  it('opens without the trailing slash, from a server that answers with index.html instead of redirecting', async () => {
    // A page of its own, to see its console: the browser's preload scanner reads the asset tags
    // before the page's first script adds the slash, and its early requests miss (parent folder).
    const bare = await session.browser.newPage();
    const errors: { text: string; url: string }[] = [];
    bare.on('console', (m) => m.type() === 'error' && errors.push({ text: m.text(), url: m.location().url }));
    bare.on('pageerror', (e) => errors.push({ text: String(e), url: '' }));
    try {
      await bare.goto(`${lab.url.slice(0, -1)}?${MIXTURE}`);
      await expectRunsDone(bare, 5);
      expect(new URL(bare.url()).pathname).toBe(FOLDER);
      const parent = new URL('../assets/', lab.url).href;
      for (const error of errors) {
        expect(error.text).toContain('404');
        expect(error.url.startsWith(parent), error.url).toBe(true);
      }
    } finally {
      await bare.close();
    }
  });

  it('runs a mixture, an MNIST generation and the explorer, fetches only from its folder, previews itself, and works offline after the first visit', async () => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${lab.url}?${MIXTURE}`);
    await expectRunsDone(page, 5);
    await screenshot(page, 'deploy-nested-mixture', false);

    const meta = await page.$$eval('meta[property], meta[name]', (tags) =>
      Object.fromEntries(tags.map((t) => [t.getAttribute('property') ?? t.getAttribute('name'), t.getAttribute('content') ?? ''])),
    );
    expect(await page.title()).toBe('MAD Lab: self-consuming generative models');
    for (const key of ['description', 'og:title', 'og:description', 'og:image:alt']) expect(meta[key]?.length, key).toBeGreaterThan(30);
    expect(meta['twitter:card']).toBe('summary_large_image');
    const image = await fetch(new URL(meta['og:image'], page.url()));
    expect(image.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await image.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(pngSize(bytes)).toEqual([Number(meta['og:image:width']), Number(meta['og:image:height'])]);
    expect(pngSize(bytes)).toEqual([1200, 630]);

    // The service worker lives in the folder and controls it (from this first visit on).
    await controlled(page);
    expect(await page.evaluate(async () => navigator.serviceWorker.ready.then((r) => [r.scope, r.active?.scriptURL]))).toEqual([lab.url, `${lab.url}sw.js`]);

    // A second load, whose workers fetch through the service worker: MNIST is cached once fetched.
    await page.goto(`${lab.url}?${MNIST}`);
    await expectRunsDone(page, 1, MNIST_TIMEOUT);
    await expectDigitsDrawn(page);
    await screenshot(page, 'deploy-nested-mnist', false);

    await page.goto(`${lab.url}?${EXPLORER}`);
    await page.waitForFunction(() => document.querySelector('[data-testid=sweep-status]')?.getAttribute('data-state') === 'done', null, { timeout: 60_000 });
    expect(await page.locator('[data-testid=sweep-heatmap] [data-testid=sweep-cell]').count()).toBe(4);
    await screenshot(page, 'deploy-nested-explorer', false);

    // Scripts, styles, workers, wasm, MNIST, LeNet: all under the folder.
    expect(requests.filter((url) => !url.startsWith(lab.url) && !/^(data|blob):/.test(url))).toEqual([]);
    for (const file of ['mnist/train-images-idx3-ubyte.gz', 'models/lenet.bin']) expect(requests, file).toContain(`${lab.url}${file}`);
    expect(requests.some((url) => /assets\/tfjs-backend-wasm-simd-\w+\.wasm$/.test(url))).toBe(true);

    // Offline: the server gone, the browser offline. The app, and MNIST since a digit run fetched it, come from the cache.
    await lab.close();
    await page.context().setOffline(true);
    await page.goto(`${lab.url}?${MNIST}`);
    await expectRunsDone(page, 1, MNIST_TIMEOUT);
    await expectDigitsDrawn(page);
    await page.goto(`${lab.url}?${MIXTURE}`);
    await expectRunsDone(page, 5);
    await screenshot(page, 'deploy-offline', false);
    // Only the app's own caches: the app of this build and the data.
    expect((await page.evaluate(() => caches.keys())).map((name) => name.replace(/-\w+$/, '')).sort()).toEqual(['mad-lab-app', 'mad-lab-data']);
  });
});

describe('a new build on the server', () => {
  it('is downloaded in the background, announced with a short notice, and opens on reload', async () => {
    await page.goto(`${lab.url}?${MIXTURE}`);
    await controlled(page);
    expect(await page.getByTestId('update-notice').count()).toBe(0);
    const sw = readFileSync('dist/sw.js', 'utf8');
    const version = /"version":"(\w+)"/.exec(sw)![1];
    lab.replace('sw.js', sw.replace(`"version":"${version}"`, `"version":"${version}next"`));

    await page.reload();
    const notice = page.getByTestId('update-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain('opens on your next visit');
    await screenshot(page, 'deploy-update-notice', false);
    await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.getByTestId('update-reload').click()]);
    await expectRunsDone(page, 5);
    expect(await page.getByTestId('update-notice').count()).toBe(0);
    expect((await page.evaluate(() => caches.keys())).filter((name) => name.startsWith('mad-lab-app-'))).toEqual([`mad-lab-app-${version}next`]);
  });
});

describe('embedded by a page on another origin', () => {
  it('runs in the frame, leaves the host focused until entered, keeps keyboard focus inside, and reports its height', async () => {
    const src = `${lab.url}?${MIXTURE}&embed=1`;
    const host = await servePage(`<!doctype html><html lang="en"><head><title>Course page</title><link rel="icon" href="data:,"></head><body>
      <label>Notes <input id="notes"></label>
      <iframe id="lab" src="${src.replace(/&/g, '&amp;')}" width="640" height="420" style="border:0" title="MAD Lab"></iframe>
      <p style="height: 1500px">Below the lab.</p>
      <script>
        window.heights = [];
        const frame = document.getElementById('lab');
        addEventListener('message', (e) => {
          if (e.source !== frame.contentWindow || e.data?.type !== '${HEIGHT_MESSAGE}') return;
          heights.push(e.data.height);
          frame.height = String(e.data.height);
        });
        document.getElementById('notes').focus();
      </script></body></html>`);
    try {
      await page.goto(host.url);
      const frame = page.frameLocator('#lab');
      await frame.locator('[data-testid=run-status]').first().waitFor();
      const inner = page.frames().find((f) => f.url().startsWith(lab.url))!;
      await waitForRuns(inner, 'done');
      // Loading and running took nothing from the host: its field still has focus.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('notes');

      // The host sized the frame to the height it reported, which is the frame's content height.
      const reported = await page.evaluate(() => (window as unknown as { heights: number[] }).heights.at(-1));
      const content = await inner.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
      expect(reported).toBe(content);
      expect(await page.$eval('#lab', (f) => f.getBoundingClientRect().height)).toBe(content);
      expect(await inner.evaluate(() => document.documentElement.scrollHeight <= document.documentElement.clientHeight)).toBe(true);

      // Tab from the host enters the frame at its skip link; Enter, Space and Tab act inside it,
      // and Space (play or pause) does not scroll the host page, which is taller than the window.
      await page.keyboard.press('Tab');
      expect(await inner.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the run controls');
      await page.keyboard.press('Enter');
      expect(await inner.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('play-pause');
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      expect(await inner.evaluate(() => document.hasFocus() && document.activeElement !== document.body)).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('lab');
      expect(await page.evaluate(() => scrollY)).toBe(0);
      await screenshot(page, 'deploy-embed-host');
    } finally {
      await host.close();
    }
  });
});
