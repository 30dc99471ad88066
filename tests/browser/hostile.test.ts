/**
 * Hostile and heavy links in the built page (issue 12): an inherited name as a value, coordinates
 * too large, a run of hours next to a light one, a forced backend that fails, more drawn points
 * than a link holds. The page must render, say what it did, and keep running the other runs.
 */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { browserSession } from './browser';
import { open, openSettings, readTables, waitForRuns } from './lab-page';

const session = browserSession([], { width: 1280, height: 900 });
let page: Page;

beforeEach(async () => {
  page = await session.newPage();
});

const runState = (p: Page) => p.$$eval('[data-testid=run-status]', (els) => els.map((e) => ({ state: e.getAttribute('data-state'), t: Number(e.getAttribute('data-t')) })));

describe('hostile and heavy links', () => {
  it('render with a notice for an inherited name and for coordinates too large', async () => {
    const pts = encodeURIComponent(Array.from({ length: 20 }, (_, i) => `${i + 1}e200,${i % 7}e200`).join(';'));
    await open(page, `speed=toString&data=points&pts=${pts}&generations=3&replicates=2&seed=6`);
    const text = (await page.getByTestId('url-notice').textContent()) ?? '';
    expect(text).toContain('speed: "toString" is not allowed');
    expect(text).toContain('coordinates too large; allowed: |x|, |y| ≤ 1e50');
    await waitForRuns(page, 'done', 20_000);
    expect(new URL(page.url()).searchParams.get('seed')).toBe('6');
  });

  it('keep a light run going beside a run of hours, and reset stops the heavy one at once', async () => {
    const heavy = 'replicates:10000;n-ini:50000;n-syn:50000;n-eval:50000';
    await open(page, `speed=max&generations=3&replicates=2&cmp=${heavy},base`);
    expect(await page.getByTestId('url-notice').textContent()).toMatch(/run 1 is very large: about [\d.e+]+ samples .* roughly [\d.]+ (hours|days) in this tab/);
    const lightDone = () => page.waitForFunction(() => document.querySelectorAll('[data-testid=run-status]')[1]?.getAttribute('data-state') === 'done', null, { timeout: 25_000 });
    await lightDone();
    expect((await runState(page))[0]).toEqual({ state: 'running', t: 0 });
    // Reset cancels the heavy generation part-way; the light run starts again and finishes again.
    await page.keyboard.press('r');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=run-status]')[1]?.getAttribute('data-state') !== 'done');
    await lightDone();
    expect((await readTables(page))[1].rows).toHaveLength(3);
  });

  it('fall from a forced CPU backend that fails to the next one, saying so', async () => {
    const tiny = 'steps=40&hidden=8&layers=1&batch-size=32&n-ini=100&n-syn=100&n-eval=100&replicates=1&speed=max';
    await open(page, `learner=gan&generations=3&cmp=base&backend=cpu&fail-backend-at=2&${tiny}`);
    await waitForRuns(page, 'done', 40_000);
    const training = page.getByTestId('training');
    expect(await training.getAttribute('data-backend')).toBe('wasm');
    expect(await training.textContent()).toContain('CPU failed (simulated failure, fail-backend-at=2); switched to WASM, and this run computes generation 2 from the state after generation 1');
    expect((await readTables(page))[0].rows.map((r) => r[0])).toEqual(['1', '2', '3']);
  });

  it('leave a point set too large for a link out of the address, saying so', async () => {
    await open(page, 'speed=max&generations=2&replicates=2');
    await openSettings(page);
    await page.locator('[data-testid=data-input] summary').click();
    const rows = Array.from({ length: 600 }, (_, i) => `${Math.cos(i / 7).toFixed(4)},${Math.sin(i / 5).toFixed(4)}`);
    await page.getByLabel('CSV of points (x,y per line)').fill(`x,y\n${rows.join('\n')}\n`);
    await page.getByTestId('use-csv').click();
    await expect.poll(() => page.getByTestId('points-not-in-link').isVisible()).toBe(true);
    expect(await page.getByTestId('points-not-in-link').textContent()).toContain('These 600 points are too many for a link');
    await waitForRuns(page, 'done', 20_000);
    expect(page.url().length).toBeLessThanOrEqual(6000);
    expect(new URL(page.url()).searchParams.has('pts')).toBe(false);
  });
});
