/**
 * Headless Debian chromium through playwright-core, with the flags that work on machines without
 * a GPU and without network (see the toolchain notes), and console-error collection.
 */
import { mkdirSync } from 'node:fs';
import { type Browser, type ConsoleMessage, type Page, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export const SCREENSHOTS = 'test-results/screenshots';

const BASE_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export async function launch(extraFlags: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...BASE_FLAGS, ...extraFlags] });
}

/** Messages that are the environment's, not the page's: the Debian wrapper and WebGPU being off. */
const NOISE = [/\/usr\/bin\/chromium: \d+: \[/, /No available adapters/];

/** Collects console errors and uncaught page errors of a page. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' && !NOISE.some((re) => re.test(m.text()))) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** The whole page by default; `fullPage = false` keeps what a visitor sees before scrolling. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage });
}

export interface BrowserSession {
  /** The file's browser, launched before its first test. */
  readonly browser: Browser;
  /** A page that is checked for console errors and closed after the test that opened it. */
  newPage(width?: number, height?: number): Promise<Page>;
}

/** The harness of a browser test file: one browser for the file, fresh pages per test. */
export function browserSession(flags: string[] = [], viewport = { width: 1400, height: 1000 }): BrowserSession {
  let browser: Browser | undefined;
  const pages: [Page, string[]][] = [];
  beforeAll(async () => {
    browser = await launch(flags);
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const [page, errors] of pages.splice(0)) {
      expect(errors, 'console errors').toEqual([]);
      await page.close();
    }
  });
  return {
    get browser() {
      return browser as Browser;
    },
    async newPage(width = viewport.width, height = viewport.height) {
      const page = await (browser as Browser).newPage({ viewport: { width, height } });
      pages.push([page, collectErrors(page)]);
      return page;
    },
  };
}
