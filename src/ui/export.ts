/**
 * Everything the page can save: a chart as SVG or PNG (canvas layers embedded as images, SVG
 * layers as vectors, captions as text, laid out as on screen), the metrics as CSV or JSON, and
 * the runs as run documents that the page (and anything reading the CLI's JSON) loads back.
 */
import { METRICS, type MetricName } from '../engine/metrics/registry';
import type { RunDocument } from '../engine/report/run-document';
import type { RunRecord } from './runs/run-record';

export function download(filename: string, content: Blob | string, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const escapeXml = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** A standalone SVG of what `root` shows. */
export function chartSvg(root: HTMLElement): { svg: string; width: number; height: number } {
  const box = root.getBoundingClientRect();
  const parts: string[] = [];
  for (const el of root.querySelectorAll<HTMLElement | SVGSVGElement>('canvas, svg, [data-export-text]')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (el instanceof SVGSVGElement && el.parentElement?.closest('svg')) continue;
    const at = `x="${r.left - box.left}" y="${r.top - box.top}" width="${r.width}" height="${r.height}"`;
    if (el instanceof HTMLCanvasElement) parts.push(`<image ${at} preserveAspectRatio="none" href="${el.toDataURL('image/png')}"/>`);
    else if (el instanceof SVGSVGElement) {
      const viewBox = el.getAttribute('viewBox') ?? `0 0 ${r.width} ${r.height}`;
      const ratio = el.getAttribute('preserveAspectRatio') ?? 'xMidYMid meet';
      const font = `font-family="${el.getAttribute('font-family') ?? 'system-ui, sans-serif'}" font-size="${el.getAttribute('font-size') ?? 12}"`;
      parts.push(`<svg ${at} viewBox="${viewBox}" preserveAspectRatio="${ratio}" ${font}>${el.innerHTML}</svg>`);
    } else {
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      parts.push(
        `<text x="${r.left - box.left}" y="${r.top - box.top + size}" font-family="system-ui, sans-serif" font-size="${size}" font-weight="${style.fontWeight}" fill="#111111">${escapeXml(el.textContent ?? '')}</text>`,
      );
    }
  }
  const width = Math.ceil(box.width);
  const height = Math.ceil(box.height);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#ffffff"/>${parts.join('')}</svg>`;
  return { svg, width, height };
}

export function chartPng(root: HTMLElement, scale = 2): Promise<Blob> {
  const { svg, width, height } = chartSvg(root);
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width * scale;
      canvas.height = height * scale;
      const ctx = canvas.getContext('2d')!;
      ctx.scale(scale, scale);
      ctx.drawImage(image, 0, 0);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png');
    };
    image.onerror = () => reject(new Error('the chart could not be rendered to PNG'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}

const STATS = ['mean', 'sd', 'median', 'q05', 'q95'] as const;

/** Long format: one line per run, generation and metric. */
export function metricsCsv(records: RunRecord[]): string {
  const lines = ['run,label,t,metric,' + STATS.join(',')];
  records.forEach((r, i) => {
    for (const row of r.rows)
      for (const m of r.metrics) {
        const s = row.summary[m];
        if (s) lines.push([i + 1, JSON.stringify(r.label), row.t, m, ...STATS.map((k) => s[k])].join(','));
      }
  });
  return lines.join('\n') + '\n';
}

/** Column-oriented metrics per run: { label, t, realVsReal?, metrics: { name: { mean: [...], median: [...], ... } } }. */
export function metricsJson(records: RunRecord[]): string {
  return JSON.stringify(
    records.map((r) => ({
      label: r.label,
      t: r.rows.map((row) => row.t),
      // MNIST: each metric of real digits against the held-out reference, the curves' reference level.
      ...(r.baseline ? { realVsReal: r.baseline } : {}),
      metrics: Object.fromEntries(
        r.metrics.map((m: MetricName) => [
          m,
          { label: METRICS[m].label, ...Object.fromEntries(STATS.map((k) => [k, r.rows.map((row) => row.summary[m]?.[k] ?? null)])) },
        ]),
      ),
    })),
    null,
    1,
  );
}

/** The runs in the CLI's format; one document, or a list for a compare view. */
export function runDocuments(records: RunRecord[]): RunDocument[] {
  return records.map((r) => ({
    spec: r.spec,
    generations: r.rows.map((row) => {
      const entry: RunDocument['generations'][number] = { t: row.t, metrics: row.summary, iterations: row.iterations };
      if (r.theory) entry.theory = Object.fromEntries(Object.entries(r.theory).map(([m, curve]) => [m, curve![row.t - 1]]));
      return entry;
    }),
  }));
}
