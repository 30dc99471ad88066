/**
 * Models feeding each other on the page: the scenario runs to done and its claim holds on the
 * metrics tables (tests/scenario-claims.ts); the exchange control appears only with M > 1 and the
 * fields travel in the link; the pictures say they show model 1. Screenshots:
 * test-results/screenshots/ecosystem-*.png.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/ui/presets';
import { ECOSYSTEM_SCENARIOS } from '../scenario-claims';
import { browserSession, screenshot } from './browser';
import { open, openSettings, readTables, runScenario, searchParams, waitForRuns } from './lab-page';

const session = browserSession([], { width: 1440, height: 900 });

describe('models feeding each other', () => {
  for (const id of ECOSYSTEM_SCENARIOS.filter((id) => id !== 'words-web')) {
    const preset = PRESETS.find((p) => p.id === id)!;
    it(`${id}: ${preset.title}`, async () => {
      const page = await session.newPage();
      const tables = await runScenario(page, preset);
      for (const table of tables) expect(table.headers).toContain('spread');
      expect(await page.getByTestId('chart-spread').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('loop-models').last().textContent()).toBe(preset.id === 'web' ? 'M = 4 modelson a shared web' : 'M = 4 models75% shared');
      expect(await page.getByText(', model 1 of 4 (').count()).toBe(2);
      await screenshot(page, `ecosystem-${id}`, false);
      await page.getByTestId('chart-spread').first().scrollIntoViewIfNeeded();
      await screenshot(page, `ecosystem-${id}-chart`, false);
    }, 120_000);
  }

  it('words-web: three language models swapping text or writing one web', async () => {
    const preset = PRESETS.find((p) => p.id === 'words-web')!;
    const page = await session.newPage();
    const [alone, ...shared] = await runScenario(page, preset);
    expect(alone.headers).not.toContain('spread');
    for (const table of shared) expect(table.headers).toContain('spread');
    expect(await page.getByTestId('loop-models').allTextContents()).toEqual(['M = 3 models50% shared', 'M = 3 modelson a shared web']);
    await screenshot(page, 'ecosystem-words-web', false);
  }, 120_000);

  it('shows the exchange and the other models\' λ only with M > 1 and keeps them in the link', async () => {
    const page = await session.newPage(390, 844);
    await open(page, 'data=gaussian&dim=1&learner=gaussian&lambda=0.8&n-ini=50&n-syn=50&generations=5&replicates=3&speed=max');
    await openSettings(page);
    const field = (flag: string) => page.locator(`[data-field=${flag}]`);
    await expect.poll(() => field('models').count()).toBe(1);
    expect(await field('exchange').count()).toBe(0);
    expect(await field('other-lambdas').count()).toBe(0);
    await field('models').locator('input.number-box').fill('3');
    await field('models').locator('input.number-box').press('Enter');
    await expect.poll(() => field('exchange').count()).toBe(1);
    const others = field('other-lambdas').locator('input.number-box');
    await others.fill('1,abc');
    await others.press('Enter');
    await expect.poll(() => field('other-lambdas').locator('[role=alert]').textContent()).toContain('"1,abc" has a part "abc" that is not a number');
    await others.fill('1');
    await others.press('Enter');
    await expect.poll(() => page.getByTestId('loop-lambda').first().textContent()).toBe('λ = 0.8, 1, 1');
    await waitForRuns(page, 'done', 60_000);
    expect(searchParams(page).get('models')).toBe('3');
    expect(searchParams(page).get('other-lambdas')).toBe('1');
    // A mixing matrix replaces the exchange share, whose control then goes.
    const mixing = field('mixing').locator('input.number-box');
    await mixing.fill('1,0,0,1,0,0,0.5,0,0.5');
    await mixing.press('Enter');
    await expect.poll(() => field('exchange').count()).toBe(0);
    await expect.poll(() => page.getByTestId('loop-models').first().textContent()).toBe('M = 3 modelsmixing matrix');
    expect(await page.getByTestId('loop-diagram').first().locator('svg').getAttribute('aria-label')).toContain('the mixing matrix (1, 0, 0; 1, 0, 0; 0.5, 0, 0.5)');
    expect(searchParams(page).get('mixing')).toBe('1,0,0,1,0,0,0.5,0,0.5');
    await page.getByTestId('loop-models').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'ecosystem-mixing-phone', false);
    await mixing.fill('');
    await mixing.press('Enter');
    await expect.poll(() => field('exchange').count()).toBe(1);
    // Clearing the matrix restarts the runs, whose tables have only the t column until their first generation.
    await expect.poll(async () => (await readTables(page)).map((table) => table.headers.includes('spread')), { timeout: 60_000 })
      .toEqual([true, true]);
    // The 1-D Gaussian ecosystem has its closed forms drawn as dashed lines.
    expect(await page.locator('[data-testid=chart-trace] path[stroke-dasharray="5 4"]').count()).toBeGreaterThan(0);
    await field('models').scrollIntoViewIfNeeded();
    await screenshot(page, 'ecosystem-controls-phone', false);
    await page.getByTestId('loop-models').first().scrollIntoViewIfNeeded();
    expect(await page.getByTestId('loop-models').first().textContent()).toBe('M = 3 models50% shared');
    await screenshot(page, 'ecosystem-runs-phone', false);
  }, 90_000);
});
