/** Keyboard use, small screens and a responsive main thread while runs go. */
import { describe, expect, it } from 'vitest';
import { browserSession, collectErrors, screenshot } from './browser';
import { open, searchParams, waitForRuns } from './lab-page';

const session = browserSession([], { width: 1280, height: 900 });
const { newPage } = session;

describe('accessibility', () => {
  it('works from the keyboard: tab to controls, move sliders, pick a scenario, play and pause', async () => {
    const page = await newPage();
    await open(page, 'speed=fast&generations=30&replicates=4');
    // The first Tab reaches the skip link; Enter on it puts Play under the keyboard; the next Tab goes on to Step.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the run controls');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('play-pause');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('step');
    // Every input, select and button has an accessible name.
    const unnamed = await page.$$eval('input, select, button, textarea', (els) =>
      els.filter((el) => {
        const e = el as HTMLInputElement;
        if (e.type === 'file' || e.closest('.visually-hidden')) return false;
        return !(e.labels?.length || e.getAttribute('aria-label') || (e.tagName === 'BUTTON' && e.textContent?.trim()) || e.closest('label'));
      }).map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);

    const slider = page.getByRole('slider', { name: 'n_s slider' });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => searchParams(page).get('n-syn')).toBe('120');

    await page.getByTestId('preset-lambda').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('preset-lambda').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('preset-text').textContent()).toContain('recall');

    // Space on the page (no control focused) pauses and plays.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Space');
    await waitForRuns(page, 'idle');
    expect(await page.getByTestId('play-pause').textContent()).toContain('Play');
    await page.keyboard.press('Space');
    await waitForRuns(page, 'done');
  });

  it('honours prefers-reduced-motion with a slower default speed', async () => {
    const context = await session.browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await open(page, 'generations=5');
    expect(await page.getByTestId('speed').inputValue()).toBe('slow');
    expect(searchParams(page).has('speed')).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is usable at 360 px wide', async () => {
    const page = await newPage(360, 740);
    await open(page, 'speed=max&generations=20');
    await waitForRuns(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'narrow-360');
  });

  it('keeps the main thread responsive during a run', async () => {
    const page = await newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    await open(page, 'speed=max&generations=100&replicates=2');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=run-status]')?.getAttribute('data-t')) >= 1);
    const during = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.length);
    // While the workers compute (a few generations in), a click is answered at once: pausing takes effect right away.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=run-status]')?.getAttribute('data-t')) >= 5);
    const clicked = Date.now();
    await page.getByTestId('play-pause').click();
    await waitForRuns(page, 'idle', 5000);
    const answered = Date.now() - clicked;
    await page.getByTestId('play-pause').click();
    await waitForRuns(page, 'done', 90_000);
    const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    const afterStart = tasks.slice(during);
    console.log(`long tasks after the first generation: ${afterStart.length} (${afterStart.map((d) => d.toFixed(0)).join(', ')} ms); pause answered in ${answered} ms`);
    // Timing on shared CI machines is noisy (quiet, the longest frame here is 60–260 ms; beside a
    // second browser test file one reached 1.4 s): the test only rules out blocking, a main thread
    // that computes the run itself (seconds on end); the benchmark measures the frames.
    expect(Math.max(0, ...afterStart)).toBeLessThan(2000);
    // Answered within a frame or two on a quiet machine; 2 s on a machine loaded twice over.
    expect(answered).toBeLessThan(5000);
  });
});
