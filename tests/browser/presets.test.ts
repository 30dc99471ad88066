/**
 * Every teaching scenario runs to done and shows the effect its text promises, read from the
 * page's metrics tables (tests/scenario-claims.ts); a screenshot of each is saved (test-results/screenshots/preset-*.png)
 * for people to look at.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/ui/presets';
import { CURATION_SCENARIOS, ECOSYSTEM_SCENARIOS, SCENARIO_CLAIMS } from '../scenario-claims';
import { collectErrors, launch, screenshot } from './browser';
import { open, pickPreset, readTables, runMeans, searchParams, waitForRuns } from './lab-page';

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

describe('scenarios', () => {
  it('every scenario has a claim to check', () => {
    for (const preset of PRESETS) expect(SCENARIO_CLAIMS[preset.id], preset.id).toBeTypeOf('function');
  });

  // The MNIST scenarios load MNIST and LeNet: mnist-scenarios.test.ts runs and checks them on one page, in turn.
  // The curation scenarios: curation.test.ts; models feeding each other: ecosystem.test.ts.
  for (const preset of PRESETS.filter((p) => p.base.data !== 'mnist' && !CURATION_SCENARIOS.includes(p.id) && !ECOSYSTEM_SCENARIOS.includes(p.id)))
    it(`${preset.id}: ${preset.title}`, async () => {
      await pickPreset(page, preset);
      await expect.poll(() => page.locator('[data-testid=run-status]').count()).toBe(preset.runs.length);
      // The longest, the neural scenario, takes about 50 s on a quiet machine: room for one twice as slow.
      await waitForRuns(page, 'done', 200_000);
      expect(searchParams(page).get('preset')).toBe(preset.id);
      expect(await page.getByTestId('preset-text').textContent()).toContain(preset.finding.slice(0, 40));
      SCENARIO_CLAIMS[preset.id]((await readTables(page)).map(runMeans));
      await screenshot(page, `preset-${preset.id}`);
    }, 240_000);
});
