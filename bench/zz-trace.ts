import { preview } from 'vite';
import { launch } from '../tests/browser/browser';
const server = await preview({ build: { outDir: process.env.OUTDIR ?? 'dist' }, preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
const a = server.httpServer.address() as { port: number };
const browser = await launch([]);
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(`http://127.0.0.1:${a.port}/?${process.argv[2] ?? ''}`);
await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=run-status]')].some((r) => Number(r.getAttribute('data-t')) >= 1), null, { timeout: 60000 });
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=run-status]')].every((r) => r.getAttribute('data-state') === 'done'), null, { timeout: 400000, polling: 500 });
const buf = await browser.stopTracing();
const events = JSON.parse(buf.toString()).traceEvents as any[];
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
const tasks = mine.filter((e) => e.name === 'RunTask' && e.dur > 50000).sort((a, b) => b.dur - a.dur);
console.log('tasks > 50 ms', tasks.length);
for (const t of tasks.slice(0, 8)) {
  const inside = new Map<string, number>();
  for (const e of mine) if (e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur && e.name !== 'RunTask') inside.set(e.name, (inside.get(e.name) ?? 0) + e.dur / 1000);
  const fn = mine.filter((e) => e.name === 'FunctionCall' && e.ts >= t.ts && e.ts < t.ts + t.dur).map((e) => `${e.args?.data?.functionName || '?'}@${(e.args?.data?.url || '').split('/').pop()}:${e.args?.data?.lineNumber}`).slice(0, 3);
  console.log(Math.round(t.dur / 1000), [...inside].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${Math.round(v)}`).join(' | '), fn.join(' '));
}
await browser.close(); await server.close();
