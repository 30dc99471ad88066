/**
 * Every MNIST scenario shows what its text promises (tests/scenario-claims.ts), on one page in
 * turn, with its digit panels drawn. A file of its own, so that it runs beside the other MNIST
 * tests rather than after them. Screenshots: test-results/screenshots/mnist-preset-*.png.
 */
import { describe, expect, it } from 'vitest';
import { frameGenerations } from '../../src/ui/charts/FilmStrip';
import { PRESETS } from '../../src/ui/presets';
import { SCENARIO_CLAIMS } from '../scenario-claims';
import { browserSession, screenshot } from './browser';
import { digitPanels, expectDrawn } from './digit-panels';
import { open, pickPreset, readTables, runMeans, searchParams, waitForRuns } from './lab-page';

/** A scenario fits a Gaussian mixture per generation and run: about a minute on a quiet machine. */
const SCENARIO_TIMEOUT = 180_000;

const session = browserSession();

describe('MNIST scenarios', () => {
  // One page for all of them, in order: a slot whose spec does not change keeps its run, so the fully
  // synthetic loop that every scenario shows first is fitted once, not once per scenario.
  const scenarios = PRESETS.filter((p) => p.base.data === 'mnist');
  it(
    `each shows what its text promises: ${scenarios.map((p) => p.id).join(', ')}`,
    async () => {
      const page = await session.newPage();
      await open(page, 'speed=max');
      for (const preset of scenarios) {
        await pickPreset(page, preset);
        await expect.poll(() => page.locator('[data-testid=run-status]').count()).toBe(preset.runs.length);
        await waitForRuns(page, 'done', SCENARIO_TIMEOUT);
        expect(searchParams(page).get('preset')).toBe(preset.id);
        expect(await page.getByTestId('preset-text').textContent()).toContain(preset.finding.slice(0, 40));
        expectDrawn(await digitPanels(page).then((panels) => panels.slice(0, 4)), frameGenerations(preset.base.generations));
        SCENARIO_CLAIMS[preset.id]((await readTables(page)).map(runMeans));
        await screenshot(page, `mnist-preset-${preset.id}`);
      }
    },
    scenarios.length * SCENARIO_TIMEOUT,
  );
});
