/**
 * The embed dialog shows the embed it writes (a live iframe at the chosen size, the same link as
 * the snippet) and gets out of the way; 1-D runs are drawn as histograms against the real density.
 */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { SCREENSHOTS, browserSession, screenshot } from './browser';
import { baseUrl, open, waitForRuns } from './lab-page';

const session = browserSession([], { width: 1280, height: 900 });
let page: Page;

beforeEach(async () => {
  page = await session.newPage();
});

const SMALL = 'speed=max&generations=5&replicates=2';

/** The iframe element's src attribute and the src inside the snippet, HTML entities decoded. */
async function previewAndSnippet(page: Page): Promise<{ src: string; snippet: string; snippetSrc: string }> {
  const src = (await page.getByTestId('embed-preview').getAttribute('src')) ?? '';
  const snippet = await page.getByTestId('embed-code').inputValue();
  const raw = /src="([^"]*)"/.exec(snippet)?.[1] ?? '';
  return { src, snippet, snippetSrc: raw.replace(/&quot;/g, '"').replace(/&amp;/g, '&') };
}

describe('embed dialog', () => {
  it('previews the embed live at the chosen size, copies the snippet, and closes on Escape', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await open(page, `${SMALL}&lambda=0.8`);
    const opener = page.getByTestId('embed-open');
    await opener.click();
    const dialog = page.getByTestId('embed-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getAttribute('aria-labelledby')).toBeTruthy();
    // Focus moved into the dialog, onto the first size choice.
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid=embed-dialog]') !== null)).toBe(true);

    let { src, snippet, snippetSrc } = await previewAndSnippet(page);
    let params = new URL(src).searchParams;
    expect(params.get('embed')).toBe('1');
    expect(params.get('lambda')).toBe('0.8');
    expect(params.get('generations')).toBe('5');
    expect(snippetSrc).toBe(src);
    expect(snippet).toContain('width="640" height="420"');
    const preview = page.getByTestId('embed-preview');
    expect(await preview.getAttribute('width')).toBe('640');
    expect(await preview.getAttribute('height')).toBe('420');
    // The preview is the page itself, running as an embed: its film strip draws.
    const frame = page.frameLocator('[data-testid=embed-preview]');
    await expect.poll(() => frame.locator('[data-testid=run-status][data-state=done]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await frame.locator('h1').count()).toBe(0);
    await screenshot(page, 'embed-dialog-slide', false);

    // 800×600 does not fit under half the window's height: scaled down, the frame keeps its size.
    await page.getByTestId('embed-size-medium').check();
    await expect.poll(() => preview.getAttribute('width')).toBe('800');
    expect(await preview.getAttribute('height')).toBe('600');
    expect(Number(await preview.getAttribute('data-scale'))).toBeLessThan(1);
    const box = await preview.boundingBox();
    const dialogBox = await dialog.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(dialogBox!.x + dialogBox!.width);
    expect((await previewAndSnippet(page)).snippet).toContain('width="800" height="600"');

    // Custom size and hiding the settings: both reach the preview and the snippet.
    await page.getByTestId('embed-size-custom').check();
    await page.getByTestId('embed-width').fill('700');
    await page.getByTestId('embed-height').fill('500');
    await page.getByTestId('embed-height').press('Enter');
    await page.getByTestId('embed-hide-settings').check();
    await expect.poll(() => preview.getAttribute('width')).toBe('700');
    expect(await preview.getAttribute('height')).toBe('500');
    ({ src, snippet, snippetSrc } = await previewAndSnippet(page));
    params = new URL(src).searchParams;
    expect(params.get('hide')?.split(',')).toEqual(expect.arrayContaining(['lambda', 'loop', 'compare']));
    expect(snippetSrc).toBe(src);
    expect(snippet).toContain('width="700" height="500"');
    // The frame reloads with the new link: wait for the page that reads it, not the one before.
    await expect.poll(() => frame.locator('[data-testid=run-status]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => frame.locator('[data-field=lambda]').count(), { timeout: 30_000 }).toBe(0);
    // With every control hidden, no empty settings fold is left in the frame.
    expect(await frame.locator('details.compact-controls').isVisible()).toBe(false);

    await page.getByTestId('embed-copy').click();
    await expect.poll(() => page.getByTestId('embed-status').textContent()).toContain('copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    await screenshot(page, 'embed-dialog-custom', false);
    // The status says what just happened, then clears.
    await expect.poll(() => page.getByTestId('embed-status').textContent(), { timeout: 10_000 }).toBe('');

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('embed-open');
    expect(await page.locator('.header-tools').textContent()).not.toContain('copied');
  });

  it('selects the snippet when the clipboard refuses', async () => {
    await open(page, SMALL);
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    });
    await page.getByTestId('embed-open').click();
    await page.getByTestId('embed-size-responsive').check();
    const code = page.getByTestId('embed-code');
    await expect.poll(() => code.inputValue()).toContain('width="100%" height="760"');
    await page.getByTestId('embed-copy').click();
    await expect.poll(() => page.getByTestId('embed-status').textContent()).toContain('selected');
    const selection = await code.evaluate((t: HTMLTextAreaElement) => [t.selectionStart, t.selectionEnd, t.value.length, document.activeElement === t]);
    expect(selection).toEqual([0, selection[2], selection[2], true]);
    await screenshot(page, 'embed-dialog-refused', false);
    await page.getByRole('button', { name: 'Close the embed dialog' }).click();
    await expect.poll(() => page.getByTestId('embed-dialog').count()).toBe(0);
  });

  it('offers no hide options in the admissibility explorer, which reads no hide= list', async () => {
    await page.goto(`${baseUrl()}?view=explorer&x-values=10,100&y-values=1`);
    await page.getByTestId('embed-open').click();
    const src = new URL((await page.getByTestId('embed-preview').getAttribute('src')) ?? '');
    expect(src.searchParams.get('view')).toBe('explorer');
    expect(src.searchParams.get('embed')).toBe('1');
    expect(src.searchParams.has('hide')).toBe(false);
    expect(await page.locator('[data-testid^=embed-hide-]').count()).toBe(0);
    const frame = page.frameLocator('[data-testid=embed-preview]');
    await expect.poll(() => frame.locator('[data-testid=sweep-status]').count(), { timeout: 30_000 }).toBe(1);
    expect(await frame.locator('[data-testid=url-notice]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('embed-dialog').count()).toBe(0);
  });
});

describe('1-D data', () => {
  it('draws each panel as a histogram of samples against the real density, on one x axis', async () => {
    await open(page, `data=gaussian&dim=1&learner=gaussian&${SMALL}`);
    await waitForRuns(page);
    // Every strip of the page (the default compares two loops), four panels each: real, then t = 1, 3, 5.
    const panels = page.locator('[data-testid=film-strip] .film-panel');
    expect(await page.locator('[data-testid=film-strip]').count()).toBe(2);
    expect(await panels.count()).toBe(8);
    expect(await page.locator('[data-testid=film-strip] [data-kind=cloud]').count()).toBe(0);
    const drawn = await panels.evaluateAll((figures) =>
      figures.map((f) => ({
        kind: f.getAttribute('data-kind'),
        bars: f.querySelectorAll('rect[data-bar]').length,
        heights: [...f.querySelectorAll('rect[data-bar]')].map((r) => Number(r.getAttribute('height'))),
        reference: f.querySelector('path[data-reference]')?.getAttribute('d')?.length ?? 0,
        ticks: [...f.querySelectorAll('text[data-tick]')].map((t) => t.textContent).join(' '),
      })),
    );
    for (const panel of drawn) {
      expect(panel.kind).toBe('histogram');
      // A spread of N(0, 1)-like samples fills many bins, each with a visible height.
      expect(panel.bars).toBeGreaterThan(8);
      expect(Math.max(...panel.heights)).toBeGreaterThan(50);
      expect(panel.reference).toBeGreaterThan(100);
    }
    // One window for the whole page: the same axis under every panel.
    expect(new Set(drawn.map((p) => p.ticks)).size).toBe(1);
    expect(drawn[0].ticks).toContain('0');
    const help = await page.locator('.run-body .help').first().textContent();
    expect(help).toContain('histogram');
    await screenshot(page, '1d-histograms', false);
    await page.locator('[data-testid=film-strip]').first().screenshot({ path: `${SCREENSHOTS}/1d-strip.png` });
  });

  it('keeps 2-D data as point clouds', async () => {
    await open(page, `data=gaussian&dim=2&learner=gaussian&${SMALL}`);
    await waitForRuns(page);
    expect(await page.locator('[data-testid=film-strip] [data-kind=cloud]').count()).toBe(8);
    expect(await page.locator('[data-testid=film-strip] [data-kind=histogram]').count()).toBe(0);
  });
});
