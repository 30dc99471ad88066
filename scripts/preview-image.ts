/**
 * Writes public/preview.png, the picture a shared link shows (Open Graph / Twitter card, 1200×630):
 * the page's opening comparison computed by the engine, not drawn by hand. The ring of 8, the GMM
 * learner, 100 synthetic points per generation: fully synthetic next to 100 fresh real points per
 * generation, replicate 1 of the page's defaults, drawn at t = 1 and t = 100 with the modes each
 * keeps. Headless chromium lays out the SVG (text included) and takes the PNG.
 *
 *   npm run preview-image        (after a change to the engine's defaults or to this picture)
 */
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { Experiment } from '../src/engine/loops/experiment';
import type { Spec } from '../src/spec/schema';
import { PAGE_DEFAULTS } from '../src/ui/lab-state';

const WIDTH = 1200;
const HEIGHT = 630;
const OUT = 'public/preview.png';
/** Colours of the page's palette (src/ui/palette.ts): the collapsing run and the steady one. */
const COLLAPSING = '#d55e00';
const STEADY = '#0072b2';

interface Shot {
  t: number;
  points: Float64Array;
  modes: number;
}

/** Replicate 1 of a loop: its evaluation samples and modes at each generation of `at`. */
async function run(spec: Spec, at: number[]): Promise<Shot[]> {
  const experiment = new Experiment(spec);
  const shots: Shot[] = [];
  for (let result = await experiment.next(); result; result = await experiment.next())
    if (at.includes(result.t)) shots.push({ t: result.t, points: result.first.evaluation, modes: result.first.metrics.modes });
  return shots;
}

/** One square panel of points, scaled so that the ring (radius 2 plus its spread) fills it. */
function panel(x: number, y: number, size: number, shot: Shot, colour: string): string {
  const scale = size / 6;
  const circles: string[] = [];
  for (let i = 0; i + 1 < shot.points.length; i += 2) {
    const px = x + size / 2 + shot.points[i] * scale;
    const py = y + size / 2 - shot.points[i + 1] * scale;
    if (px > x && px < x + size && py > y && py < y + size) circles.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="2.6"/>`);
  }
  return `<rect x="${x}" y="${y}" width="${size}" height="${size}" rx="10" fill="#f7f7f7" stroke="#ddd"/>
  <g fill="${colour}" fill-opacity="0.55">${circles.join('')}</g>
  <text x="${x + 12}" y="${y + 28}" class="small">t = ${shot.t} · ${shot.modes} of 8 modes</text>`;
}

function svg(collapsing: Shot[], steady: Shot[]): string {
  const size = 270;
  const rows: [string, string, Shot[]][] = [
    ['Trained on its own output', COLLAPSING, collapsing],
    ['With fresh real data', STEADY, steady],
  ];
  const blocks = rows.map(([title, colour, shots], i) => {
    const left = 40 + i * 580;
    const top = 228;
    return `<text x="${left}" y="${top - 18}" class="head" fill="${colour}">${title}</text>
    ${shots.map((shot, j) => panel(left + j * (size + 16), top, size, shot, colour)).join('\n')}`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
  <style>text { font-family: 'DejaVu Sans', Arial, sans-serif; fill: #222; } .title { font-size: 52px; font-weight: 700; }
  .sub { font-size: 26px; fill: #444; } .head { font-size: 28px; font-weight: 700; } .small { font-size: 18px; fill: #333; }</style>
  <rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>
  <text x="40" y="78" class="title">MAD Lab</text>
  <text x="40" y="122" class="sub">Self-consuming generative models, live in the browser: a ring of 8 clusters,</text>
  <text x="40" y="154" class="sub">a Gaussian mixture refit on its own samples for 100 generations.</text>
  ${blocks.join('\n')}
  <text x="40" y="566" class="sub">Move the real : synthetic mix and watch it collapse or hold steady.</text>
  <text x="40" y="604" class="small">After Alemohammad et al., Self-Consuming Generative Models Go MAD (ICLR 2024).</text>
</svg>`;
}

const base: Spec = { ...PAGE_DEFAULTS, replicates: 1 };
const at = [1, 100];
const [collapsing, steady] = await Promise.all([run({ ...base, loop: 'fully-synthetic' }, at), run({ ...base, loop: 'fresh' }, at)]);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
  await page.setContent(`<html><body style="margin:0">${svg(collapsing, steady)}</body></html>`);
  writeFileSync(OUT, await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT } }));
} finally {
  await browser.close();
}
console.log(`${OUT}: fully synthetic ${collapsing.map((s) => s.modes).join(' → ')} modes, fresh ${steady.map((s) => s.modes).join(' → ')} (t = ${at.join(', ')})`);
