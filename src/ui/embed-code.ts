/**
 * The iframe snippet of the embed dialog: the current link with `embed=1`, the `hide=` list the
 * teacher chose, and the frame's size. The page reads these back like any other link
 * (url-state.ts), so the preview is the embed itself, not a picture of it.
 */
import { SPEC_KEYS, specFields } from '../spec/schema';
import { queryString } from '../spec/codec';

export interface FrameSize {
  /** Pixels, or null for 100% of the host page's column. */
  width: number | null;
  height: number;
}

export const SIZE_PRESETS = [
  { id: 'slide', label: 'Slide, 640 × 420', size: { width: 640, height: 420 } },
  { id: 'medium', label: '800 × 600', size: { width: 800, height: 600 } },
  { id: 'responsive', label: 'Responsive, 100% × 760', size: { width: null, height: 760 } },
] as const satisfies readonly { id: string; label: string; size: FrameSize }[];

/** Bounds of a custom size: smaller frames cannot show a film strip, larger ones are no longer embeds. */
export const CUSTOM_LIMITS = { min: 240, max: 2000 } as const;

/**
 * What a teacher can take out of the frame, each as the existing `hide=` entries it stands for.
 * "Settings" hides every control of the experiment and the compare editor: viewers can then only
 * play, step and scrub the run the link describes.
 */
export const HIDE_GROUPS = [
  { id: 'presets', label: 'Scenario buttons', entries: ['presets'] },
  { id: 'settings', label: 'Settings (viewers only play and scrub)', entries: [...SPEC_KEYS.map((k) => specFields[k].flag), 'compare', 'data-input'] },
  { id: 'export', label: 'Save and load', entries: ['export'] },
  { id: 'tables', label: 'Metrics tables', entries: ['tables'] },
] as const;

export type HideGroup = (typeof HIDE_GROUPS)[number]['id'];

/** The `hide=` entries of a link (`hide=a,b` and `a_hide=1` alike, as url-state.ts reads them). */
export function hiddenIn(params: URLSearchParams): Set<string> {
  const out = new Set((params.get('hide') ?? '').split(',').filter(Boolean));
  for (const [name, value] of params) if (name.endsWith('_hide') && value !== '0' && value !== 'false') out.add(name.slice(0, -'_hide'.length));
  return out;
}

/** The groups a link hides entirely: the dialog's starting choice. */
export function groupsHiddenIn(params: URLSearchParams): HideGroup[] {
  const hidden = hiddenIn(params);
  return HIDE_GROUPS.filter((g) => g.entries.every((e) => hidden.has(e))).map((g) => g.id);
}

/**
 * The embed link of `href`: its settings kept, `embed=1`, and one `hide=` list holding the
 * chosen groups plus whatever else the link already hid (a single control, say) outside them.
 */
export function embedLink(href: string, groups: readonly HideGroup[]): string {
  const url = new URL(href);
  const hidden = hiddenIn(url.searchParams);
  for (const g of HIDE_GROUPS) for (const e of g.entries) if (!groups.includes(g.id)) hidden.delete(e);
  for (const g of HIDE_GROUPS) if (groups.includes(g.id)) for (const e of g.entries) hidden.add(e);
  const pairs = [...url.searchParams].filter(([name]) => name !== 'embed' && name !== 'hide' && !name.endsWith('_hide'));
  pairs.push(['embed', '1']);
  if (hidden.size > 0) pairs.push(['hide', [...hidden].join(',')]);
  return `${url.origin}${url.pathname}?${queryString(pairs)}`;
}

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

export function embedSnippet(link: string, size: FrameSize): string {
  const width = size.width === null ? '100%' : String(size.width);
  return `<iframe src="${escapeAttribute(link)}" width="${width}" height="${size.height}" style="border:0" title="MAD Lab" loading="lazy"></iframe>`;
}
