import { chromium } from 'playwright-core';
import { preview } from 'vite';
const server = await preview({ preview: { port: 4199, host: '127.0.0.1' }, logLevel: 'warn' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
for (const q of (process.argv[2] ?? 'speed=max').split(' ')) {
  const t0 = Date.now();
  await page.goto(`http://127.0.0.1:4199/?${q}`);
  await page.waitForSelector('[data-testid=run-status]');
  const t1 = Date.now();
  await page.waitForFunction(() => { const r = [...document.querySelectorAll('[data-testid=run-status]')]; return r.length > 0 && r.every((x) => x.getAttribute('data-state') === 'done'); }, null, { timeout: 300000 });
  const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
  console.log(q, 'load', t1 - t0, 'ms; done after', Date.now() - t0, 'ms; main-thread task s', m.TaskDuration.toFixed(1));
}
await browser.close();
await server.close();
