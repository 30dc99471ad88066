/**
 * The lab tells its story on one screen: at the sizes visitors use (1440×900, 1280×720, a 640×420
 * embed on a slide, a 390×844 phone) every run's film strip and the headline chart lie inside the
 * viewport without scrolling; projector mode keeps compared runs side by side; the headline figures
 * say what they are, follow the scrubber and match the table; a scenario link loads the scenario;
 * a neural learner starts at sizes that draw within seconds. (The layout at the end of the default
 * runs, with their longest status lines, is checked at 1440×900 by lab.test.ts, which runs them to
 * done anyway.) Screenshots: test-results/screenshots/screen-*.png.
 */
import { describe, expect, it } from 'vitest';
import { topicOf } from '../../src/ui/controls/PresetBar';
import { PRESETS } from '../../src/ui/presets';
import { browserSession, screenshot } from './browser';
import { expectStoryVisible, inViewport, open, openSettings, readTables, searchParams, waitForRuns } from './lab-page';

const session = browserSession();

describe('one screen tells the story', () => {
  for (const [width, height, query] of [
    [1440, 900, ''],
    [1280, 720, ''],
    [390, 844, ''],
    [640, 420, 'embed=1'],
  ] as const)
    it(`${width}×${height}${query ? ` (${query})` : ''}: both film strips and the headline chart without scrolling`, async () => {
      const page = await session.newPage(width, height);
      await open(page, `speed=max${query ? `&${query}` : ''}`);
      // The layout is final once every run has drawn a few generations (status lines, strips, chart).
      await page.waitForFunction(() => {
        const runs = [...document.querySelectorAll('[data-testid=run-status]')];
        return runs.length === 2 && runs.every((r) => Number(r.getAttribute('data-t')) >= 5) && document.querySelector('[data-testid=headline-charts] .metric-svg');
      }, null, { timeout: 60_000 });
      await expectStoryVisible(page, 2);
      if (query) {
        expect(await page.locator('h1').count()).toBe(0);
        expect(await page.locator('[data-testid^=preset-]').count()).toBe(0);
      }
      await screenshot(page, `screen-${width}x${height}${query ? '-embed' : ''}`, false);
    });

  it('projector mode keeps compared runs side by side at 1280×720', async () => {
    const page = await session.newPage(1280, 720);
    await open(page, 'speed=max&theme=projector&generations=20');
    await waitForRuns(page);
    const panels = await page.$$eval('.run-panel', (els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    expect(panels).toHaveLength(2);
    expect(Math.abs(panels[0].top - panels[1].top)).toBeLessThan(2);
    expect(panels[1].left).toBeGreaterThanOrEqual(panels[0].right - 1);
    await expectStoryVisible(page, 2);
    await screenshot(page, 'screen-projector-1280x720', false);
  });
});

describe('numbers that agree', () => {
  it('each headline says what it is, follows the scrubber and matches the table and the chart it summarises', async () => {
    const page = await session.newPage();
    await open(page, 'speed=max&generations=30&replicates=4');
    await waitForRuns(page);
    const headlines = page.getByTestId('run-headline');
    expect(await headlines.first().textContent()).toMatch(/^t = 30, mean of 4 replicates: modes \d\.\d of 8 · recall/);
    const scrubber = page.getByTestId('scrubber');
    await scrubber.fill('7');
    await expect.poll(() => headlines.first().textContent()).toMatch(/^t = 7, mean of 4 replicates: /);
    // The figure is the table's mean at that generation, and the survival chart speaks of the same t.
    const [table] = await readTables(page);
    const modes = Number(table.rows[6][table.headers.indexOf('modes')]);
    expect(await headlines.first().textContent()).toContain(`modes ${modes.toFixed(1)} of 8`);
    expect(await page.getByTestId('survival-run1').locator('figcaption').textContent()).toMatch(/replicate 1\): \d of 8 at t = 7$/);
    expect(await page.getByTestId('headline-charts').textContent()).toContain('line: mean of 4 replicates; band: 5–95% of them');
    expect(await page.getByTestId('headline-modes').locator('h3').textContent()).toBe('modes covered (higher is better)');
  });

  it('draws each run’s loop in proportion: fresh data beside synthetic, none in the fully synthetic loop', async () => {
    const page = await session.newPage();
    await open(page, 'speed=max&generations=5&replicates=2&n-real=150&n-syn=50');
    await waitForRuns(page);
    const diagrams = await page.$$eval('[data-testid=loop-diagram]', (els) => els.map((e) => [e.getAttribute('data-real'), e.getAttribute('data-synthetic')]));
    expect(diagrams).toEqual([
      ['0', '50'],
      ['150', '50'],
    ]);
    // The mix control keeps n_r + n_s and moves the share.
    await page.locator('#mix-p').fill('0.25');
    await expect.poll(() => [searchParams(page).get('n-real'), searchParams(page).get('n-syn')]).toEqual(['50', '150']);
  });
});

describe('links and learners that start right', () => {
  it('?preset=NAME loads the whole scenario, and its link stays that short', async () => {
    const page = await session.newPage();
    await open(page, 'preset=accumulate&speed=max');
    await expect.poll(() => page.locator('[data-testid=run-status]').count()).toBe(2);
    expect(await page.getByTestId('preset-text').textContent()).toContain('Accumulate');
    expect(await page.getByTestId('preset-accumulate').getAttribute('aria-pressed')).toBe('true');
    const labels = await page.locator('.run-panel').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(labels).toEqual(['Run 1: fully synthetic', 'Run 2: accumulate']);
    expect(new URL(page.url()).search).toBe('?v=1&speed=max&preset=accumulate');
  });

  it('shows the scenarios one topic at a time: a link opens the topic of its scenario, a topic lists its own', async () => {
    const page = await session.newPage(1280, 720);
    await open(page, 'preset=words-temperature&speed=max');
    const pressed = () => page.locator('.preset-topics [aria-pressed=true]').getAttribute('data-testid');
    const shown = () => page.locator('.presets button.preset').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(await pressed()).toBe('preset-topic-words');
    expect(await shown()).toEqual(PRESETS.filter((p) => topicOf(p) === 'words').map((p) => `preset-${p.id}`));
    expect(await page.getByTestId('preset-words-temperature').getAttribute('aria-pressed')).toBe('true');
    // Looking at another topic changes the list, not the runs or the link.
    const url = page.url();
    await page.getByTestId('preset-topic-curation').click();
    await expect.poll(shown).toEqual(PRESETS.filter((p) => topicOf(p) === 'curation').map((p) => `preset-${p.id}`));
    expect(page.url()).toBe(url);
    expect(await page.getByTestId('preset-text').textContent()).toContain('Temperature');
    // Every scenario is in exactly one topic.
    expect(new Set(PRESETS.map(topicOf)).size).toBe(5);
  });

  it('on a phone, shows every topic and brings the chosen scenario into its sideways-scrolling row', async () => {
    const page = await session.newPage(390, 844);
    await open(page, 'preset=accumulate');
    const topics = await inViewport(page, '.preset-topics button');
    expect(topics).toHaveLength(5);
    for (const topic of topics) expect(topic.inside, `topic at ${topic.box.map(Math.round)}`).toBe(true);
    await expect.poll(async () => (await inViewport(page, '[data-testid=preset-accumulate]'))[0].inside).toBe(true);
    await screenshot(page, 'phone-scenarios', false);
  });

  it('controls without effect are hidden, not greyed; picking a neural learner sizes the run and says what changed', async () => {
    const page = await session.newPage();
    await open(page, 'speed=max&generations=5&replicates=2');
    await openSettings(page);
    expect(await page.locator('.spec-controls [data-field=dim]').count()).toBe(0);
    expect(await page.locator('.spec-controls [data-field=hidden]').count()).toBe(0);
    await page.locator('.spec-controls [data-field=learner] select').selectOption('gan');
    const notice = page.getByTestId('switch-notice');
    await expect.poll(() => notice.isVisible()).toBe(true);
    const text = (await notice.textContent()) ?? '';
    for (const fragment of ['Switched to GAN', 'replicates R: 2 → 1', 'generations T: 5 → 10', 'n_ini: 100 → 400', 'training steps: 2000 → 1000', 'hidden units: 64 → 32'])
      expect(text).toContain(fragment);
    expect(await page.locator('.spec-controls [data-field=hidden]').count()).toBe(1);
    // Progress says what it counts while the first generation trains.
    await page.waitForFunction(() => /generation 1: training step \d+ of 1000/.test(document.querySelector('[data-testid=training]')?.textContent ?? ''));
    expect(searchParams(page).get('learner')).toBe('gan');
    expect(searchParams(page).has('replicates')).toBe(false);
    // The same sizes come with a link that names only the learner, and draw without an estimate;
    // a link that asks a GAN for R = 10 and T = 100 says first what it costs.
    const linked = await session.newPage();
    await open(linked, 'learner=diffusion&speed=max');
    expect(await linked.locator('[data-testid=run-status] .progress-text').first().textContent()).toContain('of 10');
    expect(await linked.getByTestId('run-estimate').count()).toBe(0);
    await open(linked, 'learner=gan&replicates=10&generations=100&speed=max');
    expect(await linked.getByTestId('run-estimate').first().textContent()).toMatch(/^estimated about 1\.\d hours in this tab/);
  });
});
