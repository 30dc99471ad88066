/**
 * The admissibility explorer on words: choosing word data in its controls starts the words'
 * default sweep (total variation, its closed-form baseline), whose cells, details, colourings and
 * link speak of words; the words preset on a phone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, screenshot } from './browser';
import { baseUrl, openSettings, searchParams } from './lab-page';

const { newPage } = browserSession();

async function waitForSweep(page: Page, total: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector('[data-testid=sweep-status]');
      return el?.getAttribute('data-state') === 'done' && Number(el.getAttribute('data-total')) === n;
    },
    total,
    { timeout: 30_000 },
  );
}

const verdictAt = (page: Page, ix: number, iy: number) => page.getAttribute(`[data-testid=sweep-cell][data-ix="${ix}"][data-iy="${iy}"]`, 'data-verdict');

describe('the admissibility explorer on words', () => {
  it('switches to the words’ default sweep when word data are chosen, and shows words in cells, details, colours and link', async () => {
    const page = await newPage(1440, 900);
    // One Gaussian cell to start from, so the switch does not wait on a large point sweep.
    await page.goto(`${baseUrl()}?view=explorer&x-values=10&y-values=1`);
    await waitForSweep(page, 1);
    await openSettings(page);
    await page.locator('[data-field=data] select').first().selectOption('zipf');
    expect(await page.locator('[data-field=learner] select').first().inputValue()).toBe('unigram');
    expect(await page.getByTestId('sweep-x-values').inputValue()).toBe('10:10000:7:log');
    // Two of its columns keep the test short: n_s = 316 and 3162.
    await page.getByTestId('sweep-x-values').fill('316,3162');
    await page.getByTestId('sweep-x-values').press('Enter');
    await waitForSweep(page, 10);
    // n_s = 3162: unbiased words (λ = 1, the top row) help, sharpened ones (λ = 0.8, the bottom row) hurt.
    expect(await verdictAt(page, 1, 4)).toBe('admissible');
    expect(await verdictAt(page, 1, 0)).toBe('inadmissible');
    await page.locator('[data-testid=sweep-cell][data-ix="1"][data-iy="0"]').hover();
    const details = (await page.getByTestId('cell-details').textContent()) ?? '';
    expect(details).toContain('total variation to the real words');
    expect(details).toMatch(/words it can still produce \d+ of 1000/);
    const colours = await page.getByTestId('sweep-colour').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(colours).toEqual(['ratio', 'tv', 'alive', 'tailMass']);
    await page.getByTestId('sweep-colour').selectOption('alive');
    await expect.poll(() => page.getByTestId('sweep-legend').textContent()).toContain('words G^T can still produce');
    expect(searchParams(page).get('data')).toBe('zipf');
    expect(searchParams(page).get('colour')).toBe('alive');
    await screenshot(page, 'explorer-words-1440', false);
  });

  it('runs the words preset on a phone', async () => {
    const page = await newPage(390, 844);
    await page.goto(`${baseUrl()}?view=explorer&data=zipf&x-values=10&y-values=1`);
    await waitForSweep(page, 1);
    await openSettings(page);
    await page.getByTestId('sweep-preset-words').click();
    await waitForSweep(page, 18);
    expect(await page.getByTestId('sweep-preset-words').getAttribute('aria-pressed')).toBe('true');
    // λ = 1 (the top row) at p = 0.9: admissible; λ = 0.9 (the bottom row) at p = 0.9: not.
    expect(await verdictAt(page, 5, 2)).toBe('admissible');
    expect(await verdictAt(page, 5, 0)).toBe('inadmissible');
    await page.getByTestId('sweep-heatmap').scrollIntoViewIfNeeded();
    await screenshot(page, 'explorer-words-390', false);
  });
});
