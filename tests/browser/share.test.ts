/** Links, embedding and files: the URL reproduces a run, bad links are explained, runs export and load back. */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { browserSession, collectErrors, screenshot } from './browser';
import { open, openSettings, readTables, searchParams, waitForRuns } from './lab-page';

const session = browserSession([], { width: 1280, height: 900 });
let page: Page;

beforeEach(async () => {
  page = await session.newPage();
});

describe('share links', () => {
  it('reproduce identical metrics from the address bar alone', async () => {
    await open(page, 'speed=max&generations=8&replicates=3');
    await openSettings(page);
    await page.locator('.spec-controls [data-field=lambda] input.number-box').fill('0.8');
    await page.locator('.spec-controls [data-field=lambda] input.number-box').press('Enter');
    await page.locator('.spec-controls [data-field=seed] input.number-box').fill('7');
    await page.locator('.spec-controls [data-field=seed] input.number-box').press('Enter');
    await page.getByRole('button', { name: 'All four loops' }).click();
    await expect.poll(() => page.locator('[data-testid=run-status]').count()).toBe(4);
    await waitForRuns(page);
    const url = page.url();
    const params = searchParams(page);
    expect(params.get('v')).toBe('1');
    expect(params.get('lambda')).toBe('0.8');
    expect(params.get('seed')).toBe('7');
    expect(params.get('cmp')).toBe('loop:fully-synthetic,loop:augmentation,loop:fresh,loop:accumulate');
    const tables = await readTables(page);

    const again = await session.browser.newPage();
    await again.goto(url);
    await waitForRuns(again);
    expect(await readTables(again)).toEqual(tables);
    expect(again.url()).toBe(url);
    await again.close();
  });

  it('with bad values show a notice naming the fields and use defaults for those fields only', async () => {
    await open(page, 'v=9&speed=max&generations=12&n-ini=abc&lambda=2&loop=sideways&seed=5&colour=red&cmp=loop:fresh;n-real:-4,base');
    const notice = page.getByTestId('url-notice');
    await expect.poll(() => notice.isVisible()).toBe(true);
    const text = (await notice.textContent()) ?? '';
    for (const fragment of ['version', 'n_ini (n-ini=)', 'λ (lambda=)', 'loop (loop=)', 'one of fully-synthetic', 'colour', 'compare run 1', 'n_r (n-real=)'])
      expect(text).toContain(fragment);
    await waitForRuns(page);
    const params = searchParams(page);
    expect(params.get('seed')).toBe('5');
    expect(params.get('generations')).toBe('12');
    expect(params.get('v')).toBe('1');
    for (const bad of ['n-ini', 'lambda', 'loop', 'colour']) expect(params.has(bad)).toBe(false);
    expect(params.get('cmp')).toBe('loop:fresh,base');
    await screenshot(page, 'bad-link-notice');
  });

  it('embed=1 drops the page chrome and hide flags remove controls', async () => {
    await open(page, 'embed=1&hide=lambda,presets&seed_hide=1&speed=max&generations=10');
    await waitForRuns(page);
    expect(await page.locator('h1').count()).toBe(0);
    expect(await page.locator('[data-field=lambda]').count()).toBe(0);
    expect(await page.locator('.spec-controls [data-field=seed]').count()).toBe(0);
    expect(await page.locator('[data-testid^=preset-]').count()).toBe(0);
    expect(searchParams(page).get('embed')).toBe('1');
    await screenshot(page, 'embed');
  });
});

describe('files', () => {
  it('exports the whole run as JSON that loads back into the page', async () => {
    await open(page, 'speed=max&generations=15&replicates=4');
    await waitForRuns(page);
    const tables = await readTables(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-run').click()]);
    const path = await download.path();
    const documents = JSON.parse(readFileSync(path, 'utf8'));
    expect(documents).toHaveLength(2);
    expect(documents[0].generations).toHaveLength(15);
    expect(documents[1].spec.loop).toBe('fresh');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const lines = readFileSync(await csv.path(), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('run,label,t,metric,mean,sd,median,q05,q95');
    expect(lines).toHaveLength(1 + 2 * 15 * 8);

    const card = page.getByTestId('chart-recall');
    const [svg] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'SVG' }).click()]);
    const svgText = readFileSync(await svg.path(), 'utf8');
    expect(svgText).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('recall');
    const [png] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'PNG' }).click()]);
    expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');
    expect(png.suggestedFilename()).toBe('metric-recall.png');

    const viewer = await session.browser.newPage();
    const viewerErrors = collectErrors(viewer);
    await open(viewer, 'speed=slow&generations=5');
    await viewer.getByTestId('load-run').setInputFiles(path);
    await waitForRuns(viewer);
    expect(await readTables(viewer)).toEqual(tables);
    expect(new URL(viewer.url()).searchParams.get('generations')).toBe('15');
    await viewer.getByTestId('load-run').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"spec":{"lambda":3},"generations":[]}') });
    const loadErrors = (await viewer.getByTestId('load-errors').textContent()) ?? '';
    expect(loadErrors).toContain('λ: 3 is out of range');
    // An MNIST document from the CLI brings its "real vs real" baseline, drawn as on a run of the page.
    const fd = (mean: number) => ({ fd: { mean, sd: 1, median: mean, q05: mean, q95: mean } });
    const mnist = { spec: { data: 'mnist', learner: 'pca-gmm', generations: 2 }, generations: [{ t: 1, metrics: fd(110) }, { t: 2, metrics: fd(150) }], baseline: { fd: 2.5 } };
    await viewer.getByTestId('load-run').setInputFiles({ name: 'mnist.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(mnist)) });
    await expect.poll(() => viewer.getByTestId('chart-fd').first().locator('line[stroke-dasharray="6 4"]').count()).toBe(1);
    expect(await viewer.getByTestId('chart-fd').first().textContent()).toContain('real vs real');
    expect(viewerErrors).toEqual([]);
    await viewer.close();
  });

  it('runs on points pasted as CSV, and explains a bad CSV line', async () => {
    await open(page, 'speed=max&generations=8&replicates=3');
    await openSettings(page);
    await page.locator('[data-testid=data-input] summary').click();
    const csv = page.getByLabel('CSV of points (x,y per line)');
    await csv.fill('x,y\n1,2\nthree,4\n');
    await page.getByTestId('use-csv').click();
    expect(await page.locator('[data-testid=data-input] [role=alert]').textContent()).toContain('line 3');
    const rows = Array.from({ length: 40 }, (_, i) => `${Math.cos(i / 3).toFixed(5)},${(Math.sin(i / 3) * 2).toFixed(5)}`);
    await csv.fill(`x,y\n${rows.join('\n')}\n`);
    await page.getByTestId('use-csv').click();
    await waitForRuns(page);
    const params = searchParams(page);
    expect(params.get('data')).toBe('points');
    expect(params.get('pts')!.split(';')).toHaveLength(40);
    expect(params.get('pts')!.split(';')[1]).toBe(`${Number(Math.cos(1 / 3).toPrecision(4))},${Number((Math.sin(1 / 3) * 2).toPrecision(4))}`);
  });

  it('runs on points drawn on the canvas, carried in the link', async () => {
    await open(page, 'speed=max&generations=10&replicates=3');
    await openSettings(page);
    await page.locator('[data-testid=data-input] summary').click();
    const canvas = page.getByTestId('draw-canvas');
    const box = (await canvas.boundingBox())!;
    for (const [cx, cy] of [[0.3, 0.3], [0.7, 0.7]]) {
      await page.mouse.move(box.x + cx * box.width, box.y + cy * box.height);
      await page.mouse.down();
      for (let i = 0; i < 8; i++) await page.mouse.move(box.x + (cx + i * 0.01) * box.width, box.y + cy * box.height);
      await page.mouse.up();
    }
    await page.getByTestId('use-drawn').click();
    await waitForRuns(page);
    const params = searchParams(page);
    expect(params.get('data')).toBe('points');
    const points = params.get('pts')!.split(';');
    expect(points.length).toBeGreaterThanOrEqual(10);
    expect(points.every((p) => /^-?\d+(\.\d{1,2})?,-?\d+(\.\d{1,2})?$/.test(p))).toBe(true);
    const tables = await readTables(page);
    const again = await session.browser.newPage();
    await again.goto(page.url());
    await waitForRuns(again);
    expect(await readTables(again)).toEqual(tables);
    await again.close();
    await screenshot(page, 'drawn-points');
  });
});
