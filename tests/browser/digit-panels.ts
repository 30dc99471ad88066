/** What the digit panels of a film strip show, read from their canvases. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface Panel {
  label: string;
  /** Variance of the grey levels over the whole canvas. */
  variance: number;
  /** Share of pixels darker than the gutters between digits: ink, not background. */
  ink: number;
}

export async function digitPanels(p: Page): Promise<Panel[]> {
  return p.$$eval('[data-testid=film-strip] canvas[data-testid=digit-panel]', (canvases) =>
    (canvases as HTMLCanvasElement[]).map((canvas) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let sum = 0;
      let sq = 0;
      let ink = 0;
      const n = data.length / 4;
      for (let q = 0; q < data.length; q += 4) {
        sum += data[q];
        sq += data[q] * data[q];
        if (data[q] < 200) ink++;
      }
      return { label: canvas.getAttribute('aria-label') ?? '', variance: sq / n - (sum / n) ** 2, ink: ink / n };
    }),
  );
}

export function expectDrawn(panels: Panel[], generations: number[]): void {
  expect(panels.map((p) => p.label.split(':')[0])).toEqual(['real digits (training split)', ...generations.map((t) => `t = ${t}`)]);
  for (const panel of panels) {
    expect(panel.variance, panel.label).toBeGreaterThan(0);
    expect(panel.ink, panel.label).toBeGreaterThan(0.01);
  }
}
