/** Helpers for driving the lab page in tests: open a link, wait for runs, read the metrics tables. */
import type { Frame, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { topicOf } from '../../src/ui/controls/PresetBar';
import type { Preset } from '../../src/ui/presets';
import { type RunMeans, SCENARIO_CLAIMS } from '../scenario-claims';

export const baseUrl = () => inject('baseUrl');

export async function open(page: Page, query = ''): Promise<void> {
  await page.goto(`${baseUrl()}${query ? `?${query}` : ''}`);
  await page.waitForSelector('[data-testid=run-status]');
}

/** Opens a scenario as a visitor does: its topic in the scenario bar, then its button. */
export async function pickPreset(page: Page, preset: Preset): Promise<void> {
  await page.getByTestId(`preset-topic-${topicOf(preset)}`).click();
  await page.getByTestId(`preset-${preset.id}`).click();
}

/** Waits until every run's status hook reads `state` (done by default), in a page or a frame. */
export async function waitForRuns(page: Page | Frame, state = 'done', timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const runs = [...document.querySelectorAll('[data-testid=run-status]')];
      return runs.length > 0 && runs.every((r) => r.getAttribute('data-state') === want);
    },
    state,
    { timeout },
  );
}

export interface Table {
  headers: string[];
  /** Raw values (data-value) per row, t first. */
  rows: string[][];
}

export async function readTables(page: Page): Promise<Table[]> {
  return page.$$eval('[data-testid=metrics-table]', (tables) =>
    tables.map((table) => ({
      headers: [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
      rows: [...table.querySelectorAll('tbody tr')].map((tr) => [
        tr.querySelector('th')?.textContent ?? '',
        ...[...tr.querySelectorAll('td')].map((td) => td.getAttribute('data-value') ?? ''),
      ]),
    })),
  );
}

/** A table as per-generation means (t = 1 is the first row), for the scenario claims. */
export function runMeans(table: Table): RunMeans {
  return {
    generations: table.rows.length,
    mean(metric, t) {
      const column = table.headers.indexOf(metric);
      if (column < 0) throw new Error(`no column ${metric} in ${table.headers.join(',')}`);
      if (Number(table.rows[t - 1]?.[0]) !== t) throw new Error(`no row for t = ${t}`);
      return Number(table.rows[t - 1][column]);
    },
  };
}

export function searchParams(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

/** Opens the settings folded away so that the story comes first: all settings (data, learner, network, run) and Compare. */
export async function openSettings(page: Page): Promise<void> {
  for (const selector of ['details.compact-controls', 'details.more-settings', 'details.compare-section']) {
    const details = page.locator(selector);
    if ((await details.count()) > 0 && !(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('> summary').click();
  }
}

/** Whether an element's box lies wholly inside the viewport, as the page first shows it (no scrolling). */
const STORY = ['[data-testid=film-strip]', '[data-testid=headline-charts] .metric-svg'];

/** The story of the page, every run's film strip and the headline chart, lies inside the viewport. */
export async function expectStoryVisible(page: Page, runs: number): Promise<void> {
  const strips = await inViewport(page, STORY[0]);
  const charts = await inViewport(page, STORY[1]);
  expect(strips).toHaveLength(runs);
  expect(charts.length).toBeGreaterThan(0);
  for (const box of [...strips, ...charts]) expect(box.inside, `${box.selector} at ${box.box.map(Math.round)}`).toBe(true);
}

export async function inViewport(page: Page, selector: string): Promise<{ selector: string; inside: boolean; box: [number, number, number, number] }[]> {
  const { width, height } = page.viewportSize()!;
  const boxes = await page.$$eval(selector, (els) => els.map((e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom] as [number, number, number, number]; }));
  return boxes.map((box) => ({ selector, inside: box[0] >= 0 && box[1] >= 0 && box[2] <= width + 0.5 && box[3] <= height + 0.5 && box[2] > box[0] && box[3] > box[1], box }));
}

/**
 * Opens a scenario by its link and runs it to done: its text is shown, and its claim
 * (tests/scenario-claims.ts) holds on the page's tables, which are returned for further checks.
 */
export async function runScenario(page: Page, preset: Preset, timeout = 90_000): Promise<Table[]> {
  await open(page, `preset=${preset.id}&speed=max`);
  await expect.poll(() => page.locator('[data-testid=run-status]').count()).toBe(preset.runs.length);
  await waitForRuns(page, 'done', timeout);
  expect(await page.getByTestId('preset-text').textContent()).toContain(preset.finding.slice(0, 40));
  const tables = await readTables(page);
  SCENARIO_CLAIMS[preset.id](tables.map(runMeans));
  return tables;
}
