/**
 * The neural learners in the built page, on every TensorFlow.js backend path this machine has:
 * without a GPU the automatic choice lands on WASM (and says why not WebGPU or WebGL); forced
 * WebGL (SwiftShader), WASM, CPU and WebGPU (a SwiftShader fallback adapter, which needs
 * --enable-unsafe-webgpu) each train one tiny generation; a backend that fails in the middle of a
 * run falls back and the run completes with every generation; `backends=wasm,cpu` times both on
 * the run's network and a second run of that size reuses the figures. Screenshots of a GAN and a
 * diffusion run and of the timing go to test-results/screenshots/neural-*.png.
 */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { browserSession, screenshot } from './browser';
import { open, openSettings, readTables, waitForRuns } from './lab-page';

/** One tiny generation: a few training steps of a small network. */
const TINY = 'steps=40&hidden=8&layers=1&batch-size=32&diffusion-steps=10&n-ini=100&n-syn=100&n-real=100&n-eval=100&replicates=1&speed=max';

let page: Page;

async function trainings(p: Page): Promise<{ backend: string; text: string }[]> {
  return p.$$eval('[data-testid=training]', (els) => els.map((e) => ({ backend: e.getAttribute('data-backend') ?? '', text: e.textContent ?? '' })));
}

describe('neural learners in the page (no GPU flags)', () => {
  const session = browserSession();
  beforeEach(async () => {
    page = await session.newPage();
  });

  it('picks WASM by itself untimed (the only candidate), says why not WebGPU or WebGL, and shows its speed', async () => {
    await open(page, `learner=gan&generations=1&cmp=base&${TINY}`);
    await waitForRuns(page);
    const [training] = await trainings(page);
    expect(training.backend).toBe('wasm');
    expect(training.text).toMatch(/TensorFlow\.js on WASM \(SIMD\) · \d+ training steps\/s/);
    expect(training.text).toContain('WebGPU: no adapter');
    expect(training.text).toContain('WebGL: software renderer only (SwiftShader)');
    expect(training.text).toContain('WASM is the only candidate usable here, so nothing was timed.');
    expect((await readTables(page))[0].rows).toHaveLength(1);
  });

  for (const [backend, learner] of [
    ['webgl', 'diffusion'],
    ['wasm', 'gan'],
    ['cpu', 'diffusion'],
  ] as const)
    it(`backend=${backend} trains a ${learner} generation on ${backend}`, async () => {
      await open(page, `learner=${learner}&generations=1&cmp=base&backend=${backend}&${TINY}`);
      await waitForRuns(page);
      const [training] = await trainings(page);
      expect(training.backend).toBe(backend);
      expect(training.text).toContain('Chosen by backend= in the link');
      expect((await readTables(page))[0].rows).toHaveLength(1);
      // The runtime settings stay in the address bar.
      expect(new URL(page.url()).searchParams.get('backend')).toBe(backend);
    });

  it('times the backends of backends= on the run\'s network, shows the figures, and a second run of that size reuses them', async () => {
    await open(page, `learner=gan&generations=1&cmp=base&backends=wasm,cpu&${TINY}`);
    await waitForRuns(page);
    expect(await page.getByTestId('url-notice').count()).toBe(0);
    const choice = page.getByTestId('backend-choice');
    expect(await choice.getAttribute('data-reason')).toBe('measured');
    const timed = (await choice.textContent()) ?? '';
    const figures = /Timed on this learner and size: (WASM|CPU) (\d+) · (WASM|CPU) (\d+) training steps\/s \(gan hidden=8 layers=1 batch-size=32 latent-dim=\d+ replicates=1\); chosen: fastest\. Timing took \d+ ms\./.exec(timed);
    expect(figures, timed).not.toBeNull();
    expect(new Set([figures![1], figures![3]])).toEqual(new Set(['WASM', 'CPU']));
    expect(Number(figures![2])).toBeGreaterThanOrEqual(Number(figures![4]));
    expect(await page.getByTestId('training').getAttribute('data-backend')).toBe(figures![1].toLowerCase());
    await screenshot(page, 'neural-backends-timed');
    // Fewer steps: another run, of the same size, so the figures timed above are used, not timed again.
    await openSettings(page);
    const box = page.locator('.spec-controls [data-field=steps] input.number-box');
    await box.fill('30');
    await box.press('Enter');
    await expect.poll(() => choice.getAttribute('data-reason'), { timeout: 30_000 }).toBe('reused');
    await waitForRuns(page);
    expect(await choice.textContent()).toContain(`Timed earlier in this page on this learner and size: ${figures![0].slice('Timed on this learner and size: '.length, figures![0].indexOf('; chosen'))}; chosen: fastest.`);
    expect(await page.getByTestId('training').getAttribute('data-backend')).toBe(figures![1].toLowerCase());
  });

  it('falls back when the backend fails in the middle of a run, and completes every generation', async () => {
    await open(page, `learner=gan&generations=3&fail-backend-at=2&${TINY}`);
    await waitForRuns(page);
    for (const training of await trainings(page)) {
      expect(training.backend).toBe('cpu');
      expect(training.text).toContain('WASM failed (simulated failure, fail-backend-at=2); switched to CPU, and this run computes generation 2 from the state after generation 1');
      expect(training.text).toContain('nothing already computed is lost');
    }
    await expect.poll(() => page.getByTestId('backend-notice').count()).toBe(2);
    for (const table of await readTables(page)) expect(table.rows.map((r) => r[0])).toEqual(['1', '2', '3']);
  });

  it('falls back from WebGL to WASM, and a warm start begins again from scratch', async () => {
    await open(page, `learner=diffusion&warm-start=on&generations=3&cmp=base&backend=webgl&fail-backend-at=3&${TINY}`);
    await waitForRuns(page);
    const [training] = await trainings(page);
    expect(training.backend).toBe('wasm');
    expect(training.text).toContain('WebGL failed (simulated failure, fail-backend-at=3); switched to WASM');
    expect(training.text).toContain('Warm start begins again from scratch at generation 3');
    expect((await readTables(page))[0].rows).toHaveLength(3);
  });

  it('shows training step k of N while a long generation trains, and drops it when cancelled', async () => {
    await open(page, `learner=gan&generations=2&cmp=base&${TINY.replace('steps=40', 'steps=20000')}`);
    await page.waitForFunction(() => /step \d+ of 20000 · /.test(document.querySelector('[data-testid=training]')?.textContent ?? ''));
    await openSettings(page);
    const box = page.locator('.spec-controls [data-field=steps] input.number-box');
    await box.fill('40');
    await box.press('Enter');
    await waitForRuns(page);
    const live = await readTables(page);
    const fresh = await session.browser.newPage();
    await open(fresh, new URL(page.url()).search.slice(1));
    await waitForRuns(fresh);
    expect(await readTables(fresh)).toEqual(live);
    await fresh.close();
  });

  it('GAN and diffusion runs draw their samples and contours (screenshots)', async () => {
    for (const learner of ['gan', 'diffusion']) {
      // One run each (cmp=base): the pictures of a neural run, not a comparison.
      await open(page, `learner=${learner}&hidden=32&steps=300&diffusion-steps=40&n-ini=400&n-syn=200&n-real=400&generations=2&replicates=1&n-eval=500&speed=max&cmp=base`);
      await waitForRuns(page);
      await page.waitForSelector('[data-testid=film-strip] canvas');
      expect((await readTables(page)).map((t) => t.rows.length)).toEqual([2]);
      await screenshot(page, `neural-${learner}`);
    }
  });
});

describe('neural learners with WebGPU switched on (a SwiftShader fallback adapter)', () => {
  const session = browserSession(['--enable-unsafe-webgpu']);
  beforeEach(async () => {
    page = await session.newPage();
  });

  it('skips the fallback adapter unless asked for it', async () => {
    await open(page, `learner=gan&generations=1&cmp=base&${TINY}`);
    await waitForRuns(page);
    const [training] = await trainings(page);
    expect(training.backend).toBe('wasm');
    expect(training.text).toContain('WebGPU: only a software fallback adapter');
  });

  it('backend=webgpu trains a GAN generation on WebGPU', async () => {
    await open(page, `learner=gan&generations=1&cmp=base&backend=webgpu&${TINY.replace('steps=40', 'steps=10')}`);
    await waitForRuns(page);
    const [training] = await trainings(page);
    expect(training.backend).toBe('webgpu');
    expect((await readTables(page))[0].rows).toHaveLength(1);
  });
});
