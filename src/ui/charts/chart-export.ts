/**
 * Saving a chart: a standalone SVG or PNG of what a chart card shows (canvas layers embedded as
 * images, SVG layers as vectors, captions as text, laid out as on screen), and the download that
 * every export of the page goes through.
 */
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
