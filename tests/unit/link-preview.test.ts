/**
 * The page's link-preview metadata (index.html) and its image (public/preview.png, made by
 * scripts/preview-image.ts): present, consistent, and the image a real 1200×630 PNG. The built
 * page and the image as served are checked by tests/browser/deploy.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const html = readFileSync('index.html', 'utf8');

function meta(key: string): string | undefined {
  return new RegExp(`<meta\\s+(?:property|name)="${key}"\\s+content="([^"]*)"`).exec(html)?.[1];
}

describe('link preview', () => {
  it('has a title, a description and an image for Open Graph and Twitter cards', () => {
    expect(/<title>([^<]+)<\/title>/.exec(html)?.[1]).toBe(meta('og:title'));
    for (const key of ['description', 'og:title', 'og:description', 'og:image:alt']) expect(meta(key)?.length, key).toBeGreaterThan(30);
    // Twitter/X cards read the Open Graph title, description and image; only the card's kind is their own.
    expect(meta('twitter:card')).toBe('summary_large_image');
    expect(meta('og:image')).toBe('/preview.png');
  });

  it('ships the image it names, a PNG of the size it states', () => {
    const png = readFileSync(`public${meta('og:image')}`);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(meta('og:image:width')), Number(meta('og:image:height'))]);
    expect(png.length).toBeGreaterThan(10_000);
  });
});
