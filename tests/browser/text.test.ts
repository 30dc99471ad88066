/**
 * The text panel of a word run: the film strip's rank–frequency plots lose dots (words) from
 * generation to generation exactly as many as each panel says, the sample text marks rare words,
 * the survival chart follows the rank bands, and a link with the text fields reads back.
 */
import { describe, expect, it } from 'vitest';
import { browserSession, screenshot } from './browser';
import { open, searchParams, waitForRuns } from './lab-page';

const session = browserSession();

describe('words', () => {
  it('draws G^t’s words on the rank–frequency plot, with sample text and surviving rank bands', async () => {
    const page = await session.newPage();
    await open(page, 'preset=rare-words&speed=max');
    await waitForRuns(page, 'done', 90_000);
    // The run's headline speaks of words, as its charts do.
    expect(await page.getByTestId('run-headline').textContent()).toMatch(/^t = 100, mean of 10 replicates: words alive \d+ · rare-word mass 0\.\d\d$/);
    const panels = page.locator('[data-kind=words]');
    await expect.poll(() => panels.count()).toBe(4);
    // Each panel of G^t has one dot per word it can still produce, and says how many.
    const alive: number[] = [];
    for (let i = 1; i < 4; i++) {
      const panel = panels.nth(i);
      const dots = await panel.locator('[data-word]').count();
      expect(await panel.locator('[data-alive]').textContent()).toBe(`${dots} words`);
      alive.push(dots);
    }
    expect(alive[0]).toBeGreaterThan(alive[2]);
    expect(alive[2]).toBeLessThan(200);
    // The real panel draws the Zipf line and real words; every panel shows sample text.
    await expect.poll(() => panels.first().locator('[data-reference]').count()).toBe(1);
    for (let i = 0; i < 4; i++) expect((await panels.nth(i).getByTestId('sample-text').textContent())!.split(' ').length).toBeGreaterThan(10);
    // The rare words of the real text are marked.
    expect(await panels.first().locator('mark').count()).toBeGreaterThan(0);
    // The survival chart follows half-decades of ranks; the rarest band is lost, the commonest kept whole.
    const survival = page.getByTestId('survival-run1');
    expect(await survival.getByTestId('class-labels').locator('li').allTextContents()).toEqual(['1–3', '4–10', '11–32', '33–100', '101–316', '317–1000']);
    await survival.getByText('Table view').click();
    const rows = survival.getByTestId('survival-table').locator('tbody tr');
    // Fewer than a tenth of its words left (the chart's threshold), lost well before the end.
    expect(Number(await rows.last().locator('td').first().textContent())).toBeLessThan(0.1);
    expect(Number(await rows.last().locator('td').nth(1).textContent())).toBeLessThan(50);
    expect(await rows.first().locator('td').first().textContent()).toBe('1.00');
    await screenshot(page, 'text-panel');
  }, 120_000);

  it('runs on English words: real words in the sample text, the corpus credited, its table loaded only then', async () => {
    const page = await session.newPage();
    const chunks: string[] = [];
    page.on('request', (request) => chunks.push(request.url()));
    await open(page, 'generations=3&speed=max');
    await waitForRuns(page, 'done', 60_000);
    // Runs of points never fetch the word table.
    expect(chunks.filter((url) => url.includes('brown-words'))).toEqual([]);
    await open(page, 'data=english&learner=unigram&vocabulary=2000&n-ini=2000&n-syn=2000&generations=10&replicates=2&speed=max');
    await waitForRuns(page, 'done', 60_000);
    expect(chunks.filter((url) => url.includes('brown-words')).length).toBeGreaterThan(0);
    // Two runs (the page's fully synthetic and fresh loops), four panels each.
    const panels = page.locator('[data-kind=words]');
    await expect.poll(() => panels.count()).toBe(8);
    expect(await panels.first().locator('[data-alive]').textContent()).toBe('2000 words');
    // The commonest English words lead the real sample text; the rare ones are marked.
    const realText = (await panels.first().getByTestId('sample-text').textContent())!.split(' ');
    expect(realText.filter((w) => ['the', 'of', 'and', 'to', 'a', 'in'].includes(w)).length).toBeGreaterThan(5);
    expect(await panels.first().locator('mark').count()).toBeGreaterThan(0);
    // G^10 has lost words, and the footer credits the corpus.
    const alive = Number((await panels.nth(3).locator('[data-alive]').textContent())!.split(' ')[0]);
    expect(alive).toBeLessThan(1000);
    expect(await page.getByTestId('english-credit').textContent()).toContain('Brown Corpus');
    expect(searchParams(page).get('data')).toBe('english');
    await screenshot(page, 'text-english');
  }, 120_000);

  it('runs the bigram learner: its words on the plot and text along its chain', async () => {
    const page = await session.newPage();
    await open(page, 'data=zipf&learner=bigram&vocabulary=300&n-ini=600&n-syn=600&generations=8&replicates=2&speed=max');
    await waitForRuns(page, 'done', 60_000);
    const panels = page.locator('[data-kind=words]');
    await expect.poll(() => panels.count()).toBe(8);
    const alive = Number((await panels.nth(3).locator('[data-alive]').textContent())!.split(' ')[0]);
    expect(alive).toBeLessThan(300);
    expect(await panels.nth(3).locator('[data-word]').count()).toBe(alive);
    expect((await panels.nth(3).getByTestId('sample-text').textContent())!.split(' ').length).toBeGreaterThan(10);
    expect(searchParams(page).get('learner')).toBe('bigram');
  }, 90_000);

  it('keeps the text fields in the link', async () => {
    const page = await session.newPage();
    await open(page, 'data=zipf&learner=unigram&vocabulary=300&zipf-beta=1.5&smoothing=0.1&top-k=50&generations=5&replicates=2');
    await waitForRuns(page, 'done', 60_000);
    const params = searchParams(page);
    expect([params.get('vocabulary'), params.get('zipf-beta'), params.get('smoothing'), params.get('top-k')]).toEqual(['300', '1.5', '0.1', '50']);
    // With smoothing every word stays possible.
    expect(await page.locator('[data-kind=words]').last().locator('[data-alive]').textContent()).toBe('300 words');
  }, 90_000);
});
