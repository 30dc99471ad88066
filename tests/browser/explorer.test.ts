/**
 * The admissibility explorer: a small sweep computes in parallel workers into a heatmap with its
 * boundary and shows the paper's findings; one worker gives the same cells; files match the CLI's;
 * a cell opens its run in the lab; links, cancel and the cache behave.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { boundaryPath } from '../../src/ui/explorer/boundary';
import { COLOUR_BY } from '../../src/ui/explorer/explorer-state';
import { SWEEP_PRESETS } from '../../src/ui/explorer/explorer-presets';
import { readExplorerUrl, writeExplorerUrl } from '../../src/ui/explorer/explorer-url';
import { loadSweepResult } from '../../src/ui/explorer/sweep-loader';
import { browserSession, screenshot } from './browser';
import { baseUrl, searchParams, waitForRuns } from './lab-page';

const { newPage } = browserSession();

/** n_s from 10 to 10⁴ against λ = 0.8, 0.95, 1: the paper's findings in 12 cells of the Gaussian's default R = 200, T = 50. */
const SMALL = { x: [10, 100, 1000, 10000], y: [0.8, 0.95, 1] };
const SMALL_QUERY = `view=explorer&x-values=${SMALL.x.join(',')}&y-values=${SMALL.y.join(',')}`;

async function openExplorer(page: Page, query: string): Promise<void> {
  await page.goto(`${baseUrl()}?${query}`);
  await page.waitForSelector('[data-testid=sweep-status]');
}

/** Waits for the sweep's state; with `total`, for that sweep's (the previous sweep's status may still be shown). */
/** Waits until the sweep's state is one of `state` (and it has `total` cells, when given). */
async function waitForSweep(page: Page, state: string | string[] = 'done', timeout = 30_000, total?: number): Promise<void> {
  await page.waitForFunction(
    ([want, cells]) => {
      const el = document.querySelector('[data-testid=sweep-status]');
      return want.includes(el?.getAttribute('data-state') ?? '') && (cells === null || Number(el!.getAttribute('data-total')) === cells);
    },
    [[state].flat(), total ?? null] as const,
    { timeout },
  );
}

async function status(page: Page): Promise<{ state: string; done: number; total: number; workers: number }> {
  return page.$eval('[data-testid=sweep-status]', (el) => ({
    state: el.getAttribute('data-state') ?? '',
    done: Number(el.getAttribute('data-done')),
    total: Number(el.getAttribute('data-total')),
    workers: Number(el.getAttribute('data-workers')),
  }));
}

interface Cell {
  ix: number;
  iy: number;
  ratio: string;
  verdict: string;
}

async function readCells(page: Page): Promise<Cell[]> {
  return page.$$eval('[data-testid=sweep-heatmap] [data-testid=sweep-cell]', (els) =>
    els.map((el) => ({
      ix: Number(el.getAttribute('data-ix')),
      iy: Number(el.getAttribute('data-iy')),
      ratio: el.getAttribute('data-ratio') ?? '',
      verdict: el.getAttribute('data-verdict') ?? '',
    })),
  );
}

const cellAt = (cells: Cell[], ix: number, iy: number) => cells.find((c) => c.ix === ix && c.iy === iy)!;

/**
 * The same document up to the last bits of each number: Node's and Chromium's V8 differ in the
 * last digit of some Math.log / Math.exp results (about 1e-16), which the baseline's difference
 * of O(1) terms turns into about 1e-12 absolute.
 */
function expectSameDocument(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', path).toBe(true);
    expect(Object.keys(actual as object), path).toEqual(Object.keys(expected));
    for (const [k, v] of Object.entries(expected)) expectSameDocument((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else expect(actual, path).toBe(expected);
}

/** What `npm run cli -- sweep <args>` prints, run in this process on one thread. */
async function cli(args: string[]): Promise<string> {
  let out = '';
  const code = await runCli(['sweep', ...args, '--threads', '1'], { out: (t) => (out += t), err: () => undefined });
  expect(code).toBe(0);
  return out;
}

describe('the admissibility explorer', () => {
  it('sweeps n_s × λ in parallel workers into a heatmap with its boundary, showing the paper’s findings', async () => {
    const page = await newPage();
    await openExplorer(page, SMALL_QUERY);
    await waitForSweep(page);
    // One worker per core.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(await status(page)).toMatchObject({ done: 12, total: 12, workers: Math.min(cores, 12) });
    const cells = await readCells(page);
    expect(cells).toHaveLength(12);
    expect(cells.every((c) => Number(c.ratio) > 0 && ['admissible', 'inadmissible', 'undetermined'].includes(c.verdict))).toBe(true);
    // λ = 1 (the top row): synthetic data never hurt the Gaussian.
    for (let ix = 0; ix < 4; ix++) expect(cellAt(cells, ix, 2).verdict).toBe('admissible');
    // λ < 1: admissible with a little synthetic data, lost past a threshold in n_s, earlier with more bias.
    const threshold = (iy: number) => [0, 1, 2, 3].find((ix) => cellAt(cells, ix, iy).verdict === 'inadmissible')!;
    for (const iy of [0, 1]) {
      expect(cellAt(cells, 0, iy).verdict).toBe('admissible');
      expect(cellAt(cells, 3, iy).verdict).toBe('inadmissible');
    }
    expect(threshold(0)).toBeLessThanOrEqual(threshold(1));
    expect(await page.getAttribute('[data-testid=sweep-boundary]', 'd')).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(await page.getByTestId('sweep-findings').textContent()).toContain('λ = 1: admissible at every n_s swept');
    expect(await page.getByTestId('sweep-legend').textContent()).toContain('synthetic data helped');
    const params = searchParams(page);
    expect(params.get('view')).toBe('explorer');
    // A list that a range reproduces is written as the range.
    expect(params.get('x-range')).toBe('10:10000:4:log');
    expect(params.get('y-values')).toBe('0.8,0.95,1');
    await screenshot(page, 'explorer-small');
  });

  it('gives identical cells with one worker and with the parallel pool', async () => {
    // Three workers whatever the machine, so cells really are split between threads.
    const parallel = await newPage();
    await openExplorer(parallel, `${SMALL_QUERY}&workers=3`);
    const single = await newPage();
    await openExplorer(single, `${SMALL_QUERY}&workers=1`);
    await waitForSweep(parallel);
    await waitForSweep(single);
    expect((await status(parallel)).workers).toBe(3);
    expect((await status(single)).workers).toBe(1);
    // Each heatmap draws its last cells in the animation frame after its status says done.
    const { total } = await status(parallel);
    for (const p of [parallel, single]) await expect.poll(async () => (await readCells(p)).length).toBe(total);
    expect(await readCells(single)).toEqual(await readCells(parallel));
    expect(searchParams(single).get('workers')).toBe('1');
  });

  it('exports the sweep as the CLI prints it, as CSV and as a figure, and loads a CLI sweep back', async () => {
    const page = await newPage();
    await openExplorer(page, SMALL_QUERY);
    await waitForSweep(page);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sweep-export-json').click()]);
    const exported = readFileSync(await json.path(), 'utf8');
    expectSameDocument(JSON.parse(exported), JSON.parse(await cli(['--x-values', SMALL.x.join(','), '--y-values', SMALL.y.join(',')])));

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sweep-export-csv').click()]);
    const lines = readFileSync(await csv.path(), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(13);
    expect(lines[0]).toMatch(/^ix,iy,n-syn,lambda,reference,n_e,/);

    const card = page.getByTestId('sweep-card');
    const [svg] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'SVG' }).click()]);
    const svgText = readFileSync(await svg.path(), 'utf8');
    expect(svgText).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('admissible boundary');
    const [png] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'PNG' }).click()]);
    expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');

    await page.getByTestId('sweep-load').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"sweep":{"x":{"field":"n-syn"}},"cells":[]}') });
    expect(await page.getByTestId('sweep-load-errors').textContent()).toContain('is not a sweep field');
    // A sweep this page never computed loads complete, straight into the heatmap and the link.
    const other = await cli(['--x-values', '20,2000', '--y-values', '0.6,0.9', '--replicates', '30']);
    await page.getByTestId('sweep-load').setInputFiles({ name: 'cli.json', mimeType: 'application/json', buffer: Buffer.from(other) });
    await expect.poll(() => searchParams(page).get('x-values')).toBe('20,2000');
    await waitForSweep(page);
    expect(await status(page)).toMatchObject({ done: 4, total: 4 });
    const loaded = JSON.parse(other);
    expect((await readCells(page)).map((c) => Number(c.ratio))).toEqual(loaded.cells.map((c: { ratio: { value: number } }) => c.ratio.value));
    expect(searchParams(page).get('replicates')).toBe('30');
  });

  it('opens a clicked cell in the lab with its spec, and goes back to the sweep at once from the cache', async () => {
    const page = await newPage();
    await openExplorer(page, `${SMALL_QUERY}&replicates=40`);
    await waitForSweep(page);
    // Keyboard: into the diagram, then two cells right and one up.
    await page.locator('[data-testid=sweep-cell][tabindex="0"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    expect(await page.getByTestId('cell-details').textContent()).toContain('n_s = 1000, λ = 0.95');
    await page.locator('[data-testid=sweep-cell][data-ix="2"][data-iy="0"]').click();
    await page.waitForSelector('[data-testid=run-status]');
    const params = searchParams(page);
    expect(params.has('view')).toBe(false);
    expect(Object.fromEntries(['data', 'dim', 'learner', 'estimator', 'loop', 'n-real', 'n-syn', 'lambda', 'replicates', 'generations', 'n-eval'].map((k) => [k, params.get(k)]))).toEqual({
      data: 'gaussian',
      dim: '1',
      learner: 'gaussian',
      estimator: null, // unbiased: the lab's default too
      loop: 'fresh',
      'n-real': null, // 100: the lab's default too
      'n-syn': '1000',
      lambda: '0.8',
      replicates: '40',
      generations: '50',
      'n-eval': '100',
    });
    // The cell's loop beside its real-only reference.
    expect(params.get('cmp')).toBe('base,n-syn:0');
    expect(await page.getByTestId('opened-cell').textContent()).toContain('n_s = 1000, λ = 0.8');
    await waitForRuns(page);
    await screenshot(page, 'explorer-cell-in-lab');

    await page.getByTestId('back-to-explorer').click();
    await waitForSweep(page, 'done', 1000);
    expect(await status(page)).toMatchObject({ done: 12, total: 12 });
    expect(searchParams(page).get('x-range')).toBe('10:10000:4:log');
  });

  it('recolours without recomputing, edits axes, and takes every computed cell from the cache', async () => {
    const page = await newPage();
    await openExplorer(page, SMALL_QUERY);
    await waitForSweep(page);
    const before = await readCells(page);
    await page.getByTestId('sweep-colour').selectOption('recall');
    await expect.poll(() => searchParams(page).get('colour')).toBe('recall');
    expect(await page.getByTestId('sweep-legend').textContent()).toContain('recall');
    expect((await status(page)).state).toBe('done');

    const xs = page.getByTestId('sweep-x-values');
    await xs.fill('10,abc');
    await xs.press('Enter');
    expect(await page.locator('[data-field=x-axis] [role=alert]').textContent()).toContain('"abc" is not a number');
    // A sub-sweep of cells already computed: nothing reaches a worker but the baseline.
    await xs.fill('10,1000');
    await xs.press('Enter');
    await expect.poll(() => searchParams(page).get('x-values')).toBe('10,1000');
    await waitForSweep(page, 'done', 5000, 2 * SMALL.y.length);
    expect(await page.getByTestId('sweep-status').textContent()).toContain('every cell came from this session’s cache');
    await expect.poll(async () => cellAt(await readCells(page), 1, 0)).toEqual({ ...cellAt(before, 2, 0), ix: 1 });
    // Back to the first sweep: done at once.
    await xs.fill('10:10000:4:log');
    await xs.press('Enter');
    await waitForSweep(page, 'done', 1000, SMALL.x.length * SMALL.y.length);
    // The heatmap redraws in the next animation frame after the status says done.
    await expect.poll(() => readCells(page)).toEqual(before);
    expect(searchParams(page).get('x-range')).toBe('10:10000:4:log');
    // The same survives a reload of the tab (sessionStorage).
    await page.reload();
    await waitForSweep(page, 'done', 5000);
    await expect.poll(() => readCells(page)).toEqual(before);
  });

  it('streams cells with progress and an ETA, cancels, and resumes from the cells already computed', async () => {
    const page = await newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    // Two workers on any machine, so the sweep is still running when Cancel is pressed.
    await openExplorer(page, 'view=explorer&x-range=10:10000:5:log&y-values=0.7,0.9,0.99,1&replicates=2000&workers=2');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=sweep-status]')?.getAttribute('data-done')) >= 3, null, { timeout: 30_000 });
    expect(await page.getByTestId('sweep-status').textContent()).toMatch(/\d+ of 20 cells · \d+ workers? · [\d.]+ ms per cell · (about .+|under a second) left/);
    await page.getByTestId('sweep-cancel').click();
    await waitForSweep(page, 'idle', 2000);
    const cancelled = (await status(page)).done;
    expect(cancelled).toBeLessThan(20);
    // Nothing is computed after the cancel: on resume, exactly the cells counted here come from the cache (checked below).
    expect(await page.locator('[data-testid=sweep-cell][data-verdict=pending]').count()).toBe(20 - cancelled);
    await page.getByTestId('sweep-resume').click();
    expect((await status(page)).done).toBeGreaterThanOrEqual(cancelled);
    await waitForSweep(page, 'done', 60_000);
    expect(await page.getByTestId('sweep-status').textContent()).toContain(`${cancelled} from the cache`);
    // Workers on every core, yet the page never blocks (the benchmark measures; this rules out
    // blocking, a main thread that computes cells itself: seconds each at 2,000 replicates). With
    // the other test file's page beside it a task was stretched to 1.2 s once (CI, 2026-11-30),
    // so the bound is the access test's 2 s.
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    expect(Math.max(0, ...longTasks)).toBeLessThan(2000);
  });

  it('explains bad sweep links and uses defaults for those parts only', async () => {
    const page = await newPage();
    await openExplorer(page, 'view=explorer&x=n-sin&y-range=0.5:1:abc&lambda=3&replicates=20&colour=pink&workers=0&cmp=base');
    const notice = page.getByTestId('url-notice');
    await expect.poll(() => notice.isVisible()).toBe(true);
    const text = (await notice.textContent()) ?? '';
    for (const fragment of ['x: "n-sin" is not a sweep field', 'y-range: "0.5:1:abc" has a part that is not a number', 'λ (lambda=)', 'colour', 'workers', 'unknown parameter "cmp"'])
      expect(text).toContain(fragment);
    // The sweep starts on the defaults for the bad parts: its size and link tell, without waiting for its end.
    await waitForSweep(page, ['running', 'done'], 30_000, 100);
    const params = searchParams(page);
    expect(params.get('replicates')).toBe('20');
    for (const bad of ['x', 'y-range', 'lambda', 'colour', 'workers', 'cmp']) expect(params.has(bad)).toBe(false);
    await screenshot(page, 'explorer-bad-link');

    // A problem between fields, named by the engine's sweep check: the axis goes, the loop stays.
    const other = await newPage();
    await openExplorer(other, 'view=explorer&loop=fully-synthetic&y=n-real&y-values=10,100&x-values=10,100');
    expect(await other.getByTestId('url-notice').textContent()).toContain('n_r has no effect with loop=fully-synthetic; sweep it with loop=fresh|accumulate');
    await waitForSweep(other, ['running', 'done']);
    expect(searchParams(other).get('loop')).toBe('fully-synthetic');
    expect(searchParams(other).has('y')).toBe(false);
  });

  it('switches views from the header and fits a phone screen', async () => {
    const page = await newPage(360, 740);
    await page.goto(`${baseUrl()}?speed=max&generations=5`);
    await page.getByTestId('view-explorer').click();
    await waitForSweep(page);
    expect(searchParams(page).get('view')).toBe('explorer');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'explorer-narrow-360');
    await page.getByTestId('view-lab').click();
    await waitForRuns(page);
    // The lab comes back with its own settings.
    expect(searchParams(page).get('generations')).toBe('5');
  });
});

describe('explorer links, files and boundary (no browser needed)', () => {
  it('links read back exactly what they write, for every preset and colouring', () => {
    for (const { sweep } of SWEEP_PRESETS)
      for (const colour of COLOUR_BY) {
        const state = { sweep, colour, workers: 3, embed: true };
        expect(readExplorerUrl(`?${writeExplorerUrl(state)}`)).toEqual({ state, notices: [] });
      }
  });

  it('a sweep file with its cells out of order is refused, naming the cell', async () => {
    const doc = JSON.parse(await cli(['--x-values', '10,1000', '--y-values', '1', '--replicates', '10']));
    expect(loadSweepResult(JSON.stringify(doc)).ok).toBe(true);
    doc.cells.reverse();
    const loaded = loadSweepResult(JSON.stringify(doc));
    expect(loaded.ok ? [] : loaded.errors).toContain('cells[0]: expected the cell ix = 0, iy = 0 (x = 10, y = 1): cells are listed row by row');
  });

  it('the boundary of a single row is a vertical line where the ratio crosses 1 between two cells', () => {
    // log ratios 0.69, 0.41, −0.69: the crossing lies 0.37 of the way from centre 1.5 to centre 2.5.
    expect(boundaryPath({ nx: 3, ny: 1, ratios: [2, 1.5, 0.5] }, { left: 0, top: 0, cellWidth: 10, cellHeight: 10 })).toBe('M18.7,0.0L18.7,5.0M18.7,5.0L18.7,10.0');
    expect(boundaryPath({ nx: 2, ny: 2, ratios: [2, 2, 2, 2] }, { left: 0, top: 0, cellWidth: 10, cellHeight: 10 })).toBe('');
  });
});
