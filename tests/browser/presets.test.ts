/**
 * Every teaching scenario runs to done and shows the effect its text promises; a screenshot of
 * each is saved (test-results/screenshots/preset-*.png) for people to look at.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/ui/presets';
import { collectErrors, launch, screenshot } from './browser';
import { type Table, lastValue, open, readTables, searchParams, waitForRuns } from './lab-page';

let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  errors = collectErrors(page);
  await open(page, 'speed=max');
});
afterAll(async () => {
  await browser?.close();
});
afterEach(() => {
  expect(errors, 'console errors').toEqual([]);
});

/** What each scenario must show at its last generation, run by run. */
const CHECKS: Record<string, (tables: Table[]) => void> = {
  mad: ([t]) => {
    expect(lastValue(t, 'modes')).toBeLessThan(4);
    expect(lastValue(t, 'recall')).toBeLessThan(0.1);
  },
  unbiased: ([unbiased, mle]) => {
    // Both collapse: ln det falls far below its start.
    for (const t of [unbiased, mle]) expect(lastValue(t, 'logdet')).toBeLessThan(Number(t.rows[0][t.headers.indexOf('logdet')]) - 8);
  },
  'fixed-real': ([synthetic, augmentation]) => {
    expect(lastValue(augmentation, 'recall')).toBeGreaterThan(lastValue(synthetic, 'recall') + 0.3);
  },
  fresh: ([synthetic, , fresh]) => {
    expect(lastValue(synthetic, 'modes')).toBeLessThan(6);
    expect(lastValue(fresh, 'modes')).toBe(8);
  },
  lambda: ([unbiased, biased]) => {
    const at = (t: Table, metric: string, g: number) => Number(t.rows[g - 1][t.headers.indexOf(metric)]);
    expect(at(biased, 'precision', 10)).toBeGreaterThanOrEqual(0.95);
    expect(at(biased, 'recall', 10)).toBeLessThan(at(unbiased, 'recall', 10));
  },
  neural: ([synthetic, fresh]) => {
    expect(lastValue(synthetic, 'modes')).toBeLessThan(4);
    expect(lastValue(fresh, 'modes')).toBeGreaterThanOrEqual(6);
    expect(lastValue(fresh, 'precision')).toBeGreaterThan(lastValue(synthetic, 'precision') + 0.1);
  },
  accumulate: ([replace, accumulate]) => {
    expect(lastValue(accumulate, 'modes')).toBe(8);
    expect(lastValue(replace, 'modes')).toBeLessThan(6);
  },
};

describe('scenarios', () => {
  // The MNIST scenarios train networks for minutes: mnist.test.ts runs and checks them.
  for (const preset of PRESETS.filter((p) => p.base.data !== 'mnist'))
    it(`${preset.id}: ${preset.title}`, async () => {
      await page.getByTestId(`preset-${preset.id}`).click();
      await expect.poll(() => page.locator('[data-testid=run-status]').count()).toBe(preset.runs.length);
      await waitForRuns(page, 'done', 90_000);
      expect(searchParams(page).get('preset')).toBe(preset.id);
      expect(await page.getByTestId('preset-text').textContent()).toContain(preset.finding.slice(0, 40));
      CHECKS[preset.id](await readTables(page));
      await screenshot(page, `preset-${preset.id}`);
    });
});
