/** The page's core: the default experiment runs in the worker to done, controls restart runs. */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { browserSession, screenshot } from './browser';
import { expectStoryVisible, open, readTables, searchParams, waitForRuns } from './lab-page';

const session = browserSession();
let page: Page;

beforeEach(async () => {
  page = await session.newPage();
});

describe('the lab page', () => {
  it('opens on the default compare, shows generation 1 at once and runs to done, its story still on one 1440×900 screen', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await open(page, 'speed=max');
    const statuses = page.locator('[data-testid=run-status]');
    await expect.poll(() => statuses.count()).toBe(2);
    await page.waitForSelector('[data-testid=film-strip] canvas');
    await waitForRuns(page);
    const tables = await readTables(page);
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      expect(table.headers).toEqual(['t', 'fd', 'meanSq', 'trace', 'logdet', 'precision', 'recall', 'modes', 'modeVar']);
      expect(table.rows).toHaveLength(100);
      expect(table.rows.map((r) => r[0])).toEqual(Array.from({ length: 100 }, (_, i) => String(i + 1)));
    }
    const first = await page.evaluate(() => performance.getEntriesByName('mad:first-generation-drawn').length);
    expect(first).toBe(1);
    // Done, with the longest status lines: the film strips and the headline chart still fit.
    await expectStoryVisible(page, 2);
    await screenshot(page, 'default-done', false);

    // The first scenario's one run is the default's fully synthetic run: shown from its result, not
    // computed again; Reset computes it again, to watch.
    const states = () => page.evaluate(() => (window as unknown as { states: string[] }).states);
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { states: string[] }).states = seen;
      new MutationObserver(() => document.querySelectorAll('[data-testid=run-status]').forEach((s) => seen.push(s.getAttribute('data-state') ?? ''))).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-state'],
      });
    });
    await page.click('[data-testid=preset-mad]');
    await expect.poll(() => statuses.count()).toBe(1);
    await waitForRuns(page);
    // Until the scenario's run is drawn, the previous runs read as pending, never as its done.
    expect(await states()).toContain('pending');
    expect(await states()).not.toContain('running');
    expect((await readTables(page))[0]).toEqual(tables[0]);
    // (That a recomputed run gives the same numbers is the share test's: a link reproduces a run.)
    await page.click('[data-testid=reset]');
    await expect.poll(states).toContain('running');
  });

  it('restarts only the changed run and never mixes in results of a cancelled one', async () => {
    await open(page, 'speed=fast&generations=40&replicates=4');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=run-status]')?.getAttribute('data-t')) >= 3);
    // Change n_s three times while the runs go: each change cancels the run in flight.
    const box = page.locator('.spec-controls [data-field=n-syn] input.number-box');
    for (const n of ['90', '120', '150']) {
      await box.fill(n);
      await box.press('Enter');
    }
    expect(searchParams(page).get('n-syn')).toBe('150');
    await waitForRuns(page);
    const live = await readTables(page);
    const fresh = await session.browser.newPage();
    await open(fresh, new URL(page.url()).search.slice(1));
    await waitForRuns(fresh);
    expect(await readTables(fresh)).toEqual(live);
    await fresh.close();
  });

  it('shows settings the engine rejects as an error on the run, naming the rule', async () => {
    await open(page, 'speed=max&generations=10&cmp=base');
    const box = page.locator('.spec-controls [data-field=n-syn] input.number-box');
    await box.fill('5');
    await box.press('Enter');
    await waitForRuns(page, 'error');
    expect(await page.getByTestId('run-status').textContent()).toContain('needs at least 8');
    await box.fill('100');
    await box.press('Enter');
    await waitForRuns(page, 'done');
  });

  it('pauses, steps one generation and resumes', async () => {
    await open(page, 'speed=slow&generations=50&replicates=4');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=run-status]')?.getAttribute('data-t')) >= 1);
    await page.click('[data-testid=play-pause]');
    await waitForRuns(page, 'idle');
    const t0 = Number(await page.getAttribute('[data-testid=run-status]', 'data-t'));
    // Every generation the page shows from now on is recorded: a paused run shows only those stepped.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { seenT: number[] }).seenT = seen;
      const status = document.querySelector('[data-testid=run-status]')!;
      new MutationObserver(() => seen.push(Number(status.getAttribute('data-t')))).observe(status, { attributes: true, attributeFilter: ['data-t'] });
    });
    for (const k of [1, 2]) {
      await page.click('[data-testid=step]');
      await page.waitForFunction((t) => Number(document.querySelector('[data-testid=run-status]')?.getAttribute('data-t')) === t, t0 + k);
      await waitForRuns(page, 'idle');
    }
    expect(await page.evaluate(() => (window as unknown as { seenT: number[] }).seenT)).toEqual([t0 + 1, t0 + 2]);
    await page.click('[data-testid=play-pause]');
    await waitForRuns(page, 'running');
    await page.click('[data-testid=reset]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=run-status]')?.getAttribute('data-t')) <= 2);
  });
});
