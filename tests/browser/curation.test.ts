/**
 * The curation and verification scenarios (src/ui/presets.ts) on the page: each runs to done and
 * its claim holds on the metrics tables (tests/scenario-claims.ts); the curator's controls appear where they matter and travel in the link.
 * Screenshots: test-results/screenshots/curation-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { domainOf } from '../../src/spec/domains';
import { PRESETS } from '../../src/ui/presets';
import { CURATION_SCENARIOS } from '../scenario-claims';
import { browserSession, screenshot } from './browser';
import { open, openSettings, readTables, runScenario, searchParams, waitForRuns } from './lab-page';

const session = browserSession([], { width: 1440, height: 900 });

describe('curation and verification', () => {
  for (const id of CURATION_SCENARIOS) {
    const preset = PRESETS.find((p) => p.id === id)!;
    it(`${id}: ${preset.title}`, async () => {
      const page = await session.newPage();
      await runScenario(page, preset);
      // The pictures mark the curator's target (a circle, or the band of target words), and only where a curator picks.
      expect(await page.locator('[data-target]').count() > 0).toBe(preset.base.curationK > 1);
      await screenshot(page, `curation-${id}`, false);
      if (domainOf(preset.base.data) === 'text') await expectWordCurator(page);
    }, 120_000);
  }

  it('draws the finite-K theory of the curated 1-D Gaussian beside its simulation', async () => {
    const page = await session.newPage();
    await open(page, 'data=gaussian&dim=1&learner=gaussian&curation-k=3&loop=fresh&n-real=100&n-syn=100&generations=10&replicates=20&speed=max');
    await waitForRuns(page, 'done', 60_000);
    for (const metric of ['reward', 'trace']) expect(await page.locator(`[data-testid=chart-${metric}] path[stroke-dasharray="5 4"]`).count(), metric).toBe(2);
    await page.getByTestId('chart-reward').scrollIntoViewIfNeeded();
    await screenshot(page, 'curation-theory', false);
  }, 90_000);

  it('shows β and the target only with K > 1, the accuracy only with a verifier, and keeps them in the link', async () => {
    const page = await session.newPage(390, 844);
    await open(page, 'generations=3&replicates=2&speed=max');
    await openSettings(page);
    const field = (flag: string) => page.locator(`[data-field=${flag}]`);
    await expect.poll(() => field('curation-k').count()).toBe(1);
    expect(await field('curation-beta').count()).toBe(0);
    expect(await field('verifier-accuracy').count()).toBe(0);
    await field('curation-k').locator('input.number-box').fill('3');
    await field('curation-k').locator('input.number-box').press('Enter');
    await expect.poll(() => field('curation-beta').count()).toBe(1);
    expect(await field('target-x').count()).toBe(1);
    await field('verifier').locator('select').selectOption('biased');
    await expect.poll(() => field('verifier-accuracy').count()).toBe(1);
    await waitForRuns(page, 'done', 60_000);
    const params = searchParams(page);
    expect([params.get('curation-k'), params.get('verifier')]).toEqual(['3', 'biased']);
    // The reward is measured once a curator picks, in every run's table.
    for (const table of await readTables(page)) expect(table.headers).toContain('reward');
    await field('curation-k').scrollIntoViewIfNeeded();
    await screenshot(page, 'curation-controls-phone', false);
    await page.getByTestId('loop-filter').first().scrollIntoViewIfNeeded();
    expect(await page.getByTestId('loop-filter').first().textContent()).toBe('1 of K = 3 pickedbiased verifier');
    await screenshot(page, 'curation-runs-phone', false);
  }, 90_000);
});

/** A curated word run: the closed form of its share of target words is drawn, and its settings offer target words, not a target point. */
async function expectWordCurator(page: Page): Promise<void> {
  expect(await page.locator('[data-testid=chart-targetShare] path[stroke-dasharray="5 4"]').count()).toBe(1);
  await openSettings(page);
  const field = (flag: string) => page.locator(`[data-field=${flag}]`);
  await expect.poll(() => field('target-words').count()).toBe(1);
  expect(await field('target-x').count()).toBe(0);
  expect(await field('verifier').count()).toBe(1);
  await field('curation-k').scrollIntoViewIfNeeded();
  await screenshot(page, 'curation-words-controls', false);
}
