/** The embed dialog's link and snippet, and the 1-D film strip's samples and histogram. */
import { describe, expect, it } from 'vitest';
import { densityHistogram } from '../../src/ui/charts/histogram';
import { embedLink, embedSnippet, groupsHiddenIn } from '../../src/ui/embed-code';
import { readUrl } from '../../src/ui/url-state';
import { firstTwoCoordinates } from '../../src/worker/view';

const PAGE = 'https://lab.example/mad/?v=1&lambda=0.8&hide=seed,tables';

describe('embed link', () => {
  it('keeps the settings, adds embed=1 and merges the chosen hide groups with what the link hid', () => {
    const link = embedLink(PAGE, ['presets', 'settings']);
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe('https://lab.example/mad/');
    expect(url.searchParams.get('lambda')).toBe('0.8');
    expect(url.searchParams.get('embed')).toBe('1');
    // tables was not chosen, so unticking its group removed it; seed belongs to settings, kept once.
    const hide = url.searchParams.get('hide')!.split(',');
    expect(hide).toEqual(expect.arrayContaining(['presets', 'seed', 'lambda', 'compare', 'data-input']));
    expect(hide).not.toContain('tables');
    expect(new Set(hide).size).toBe(hide.length);
    const { state, notices } = readUrl(url.search);
    expect(notices).toEqual([]);
    expect(state.embed).toBe(true);
    expect(state.base.lambda).toBe(0.8);
    expect(groupsHiddenIn(url.searchParams)).toEqual(['presets', 'settings']);
  });

  it('starts from the groups the page already hides, and keeps a single hidden control outside them', () => {
    expect(groupsHiddenIn(new URL(PAGE).searchParams)).toEqual(['tables']);
    const hide = new URL(embedLink('https://lab.example/?lambda_hide=1', [])).searchParams.get('hide');
    expect(hide).toBe(null);
    expect(new URL(embedLink('https://lab.example/?hide=presets&x_hide=1', ['export'])).searchParams.get('hide')).toBe('x,export');
  });

  it('writes an iframe whose src attribute decodes to the link', () => {
    const link = embedLink(PAGE, []);
    const snippet = embedSnippet(link, { width: null, height: 760 });
    expect(snippet).toContain('width="100%" height="760"');
    const src = /src="([^"]*)"/.exec(snippet)![1];
    expect(src.replace(/&quot;/g, '"').replace(/&amp;/g, '&')).toBe(link);
  });
});

describe('density histogram', () => {
  it('gets 1-D samples as (x, 0): no invented second coordinate to skew the strip table’s variance', () => {
    expect([...firstTwoCoordinates(Float64Array.from([0.5, -1, 2]), 3, 1)]).toEqual([0.5, 0, -1, 0, 2, 0]);
  });

  it('has area equal to the share of samples inside the window and counts the rest by side', () => {
    const values = Float64Array.from([-5, -1, -0.5, 0, 0.25, 0.5, 1, 1, 2.9, 7]);
    const h = densityHistogram(values, -3, 3, 12);
    expect(h.bars).toHaveLength(12);
    for (const b of h.bars) expect(b.x1 - b.x0).toBeCloseTo(0.5, 12);
    const area = h.bars.reduce((s, b) => s + b.density * (b.x1 - b.x0), 0);
    expect(area).toBeCloseTo(8 / 10, 12);
    expect([h.below, h.above, h.total]).toEqual([1, 1, 10]);
  });
});
