/**
 * MNIST in the built page: tiny VAE and class-conditional VAE runs draw grids of digits (the real
 * panel first), fill the metrics table with the MNIST metrics, show one row per digit class and
 * the "real vs real" level, credit the data set (in embeds too) and export the digits; switching
 * the data to MNIST in the controls moves the learner and the sizes with a notice (the MNIST
 * scenarios: mnist-scenarios.test.ts). Screenshots go to test-results/screenshots/mnist-*.png.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { browserSession, screenshot } from './browser';
import { digitPanels, expectDrawn } from './digit-panels';
import { open, openSettings, readTables, searchParams, waitForRuns } from './lab-page';

/** A few network steps on a few hundred digits: the pipeline end to end, in seconds. */
const TINY = 'data=mnist&n-ini=200&n-syn=200&n-real=200&epochs=1&replicates=1&n-eval=100&speed=max&cmp=base';
const METRICS = ['t', 'fd', 'precision', 'recall', 'classes', 'entropy'];
/** Loading MNIST and LeNet, then training: slower than the 2-D runs. */
const RUN_TIMEOUT = 180_000;
const TEST_TIMEOUT = 240_000;

const session = browserSession();
let page: Page;

beforeEach(async () => {
  page = await session.newPage();
});

describe('MNIST runs in the page', () => {
  it('a VAE run draws real and generated digits, fills the MNIST metrics, the class rows and real vs real, and exports them', async () => {
    await open(page, `${TINY}&learner=vae&generations=2`);
    await waitForRuns(page, 'done', RUN_TIMEOUT);
    expectDrawn(await digitPanels(page), [1, 2]);

    const [table] = await readTables(page);
    expect(table.headers).toEqual(METRICS);
    expect(table.rows.map((r) => r[0])).toEqual(['1', '2']);
    for (const row of table.rows) for (const value of row.slice(1)) expect(Number.isFinite(Number(value)), `${row}`).toBe(true);

    const survival = page.getByTestId('mode-survival');
    expect(await survival.locator('figcaption').textContent()).toMatch(/^Digit classes produced by Gᵗ \(LeNet labels, replicate 1\): \d+ of 10 at t = 2$/);
    expect(await survival.locator('[data-testid=class-labels] li').allTextContents()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(await page.getByTestId('chart-fd').locator('svg').textContent()).toContain('real vs real');
    expect(await page.getByTestId('mnist-credit').textContent()).toContain('Yann LeCun, Corinna Cortes, Christopher J. C. Burges');
    expect(await page.locator('.page-footer').textContent()).toContain('CC BY-SA 3.0');

    // The film strip's SVG export embeds the digit grids as images beside their captions.
    const strip = page.locator('.run-panel .chart-card').first();
    const [svg] = await Promise.all([page.waitForEvent('download'), strip.getByRole('button', { name: 'SVG' }).click()]);
    const svgText = readFileSync(await svg.path(), 'utf8');
    expect(svgText.match(/<image /g)).toHaveLength(3);
    for (const word of ['>real ', '>digits ', '>(training ', '>split)<']) expect(svgText).toContain(word);
    const classes = page.getByTestId('survival-run1');
    const [classSvg] = await Promise.all([page.waitForEvent('download'), classes.getByRole('button', { name: 'SVG' }).click()]);
    expect(classSvg.suggestedFilename()).toBe('classes-run1.svg');
    expect(readFileSync(await classSvg.path(), 'utf8')).toContain('>9</text>');
    await screenshot(page, 'mnist-vae');
  }, TEST_TIMEOUT);

  it('a class-conditional VAE generation with guidance runs in an embed, credited', async () => {
    await open(page, `${TINY}&learner=cvae&lambda=0.5&generations=1&embed=1&hide=lambda`);
    await waitForRuns(page, 'done', RUN_TIMEOUT);
    expectDrawn(await digitPanels(page), [1]);
    const [table] = await readTables(page);
    expect(table.headers).toEqual(METRICS);
    expect(table.rows.map((r) => r[0])).toEqual(['1']);
    expect(await page.locator('h1').count()).toBe(0);
    expect(await page.getByTestId('mnist-credit').isVisible()).toBe(true);
    await screenshot(page, 'mnist-cvae-embed');
  }, TEST_TIMEOUT);

  it('survives its backend failing mid-run: LeNet and the generator move to CPU and the run completes from generation 1', async () => {
    await open(page, `${TINY}&learner=vae&generations=2&fail-backend-at=2`);
    await waitForRuns(page, 'done', RUN_TIMEOUT);
    const training = page.getByTestId('training');
    expect(await training.getAttribute('data-backend')).toBe('cpu');
    expect(await training.textContent()).toContain('WASM failed (simulated failure, fail-backend-at=2); switched to CPU, and this run computes generation 2 from the state after generation 1');
    const [table] = await readTables(page);
    expect(table.rows.map((r) => r[0])).toEqual(['1', '2']);
    for (const row of table.rows) for (const cell of row.slice(1)) expect(Number.isFinite(Number(cell)), cell).toBe(true);
    expectDrawn(await digitPanels(page), [1, 2]);
  }, TEST_TIMEOUT);

  it('choosing MNIST in the controls switches the learner and the sizes, says so, and switches back', async () => {
    await open(page, 'speed=max&generations=5&replicates=2');
    // Paused (Space), so that no digit run computes while the controls are checked: only the moons run at the end.
    await page.keyboard.press(' ');
    await openSettings(page);
    const data = page.locator('.spec-controls [data-field=data] select');
    await data.selectOption('mnist');
    await waitForRuns(page, 'idle');
    const notice = page.getByTestId('switch-notice');
    await expect.poll(() => notice.isVisible()).toBe(true);
    const text = (await notice.textContent()) ?? '';
    for (const fragment of ['Switched to MNIST digits', 'learner: Gaussian mixture (EM) → Gaussian mixture in PCA space (digits)', 'K: 8 → 40', 'n_ini: 100 → 1000', 'generations T: 5 → 10', 'replicates R: 2 → 1'])
      expect(text).toContain(fragment);
    const learner = page.locator('.spec-controls [data-field=learner] select');
    expect(await learner.inputValue()).toBe('pca-gmm');
    expect(await learner.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['pca-gmm', 'vae', 'cvae', 'conv-gan']);
    // The mixture's K is shown; no network settings (of the 2-D networks or of the digit networks) are.
    expect(await page.locator('.spec-controls [data-field=components]').getAttribute('class')).not.toContain('disabled');
    for (const field of ['hidden', 'epochs', 'learningRate', 'batchSize']) expect(await page.locator(`.spec-controls [data-field=${field}]`).count(), field).toBe(0);
    const params = searchParams(page);
    expect(params.get('data')).toBe('mnist');
    expect(params.has('learner')).toBe(false);
    expect(params.get('generations')).toBeNull();
    await expect.poll(() => page.getByTestId('mnist-credit').isVisible()).toBe(true);
    await screenshot(page, 'mnist-switch');
    // A digit network shows its training settings.
    await learner.selectOption('vae');
    await expect.poll(() => page.locator('.spec-controls [data-field=epochs]').count()).toBe(1);
    expect(await page.locator('.spec-controls [data-field=epochs]').getAttribute('class')).not.toContain('disabled');

    await data.selectOption('moons');
    await expect.poll(async () => (await notice.textContent()) ?? '').toContain('learner: VAE (digits, TensorFlow.js) → Gaussian mixture (EM)');
    expect(await learner.inputValue()).toBe('gmm');
    await page.click('[data-testid=play-pause]');
    // The mixture runs on the moons again: a generation of each is enough to show it.
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid=run-status]')].every((r) => r.getAttribute('data-state') !== 'error' && Number(r.getAttribute('data-t')) >= 1),
      null,
      { timeout: RUN_TIMEOUT },
    );
    expect(await page.getByTestId('mnist-credit').count()).toBe(0);
  }, TEST_TIMEOUT);
});
