/**
 * A framed lab (an embed: `embed=1` in an iframe on a course page or a slide) tells its host how
 * tall its content is, so that a host that listens can size the frame to it and show no inner
 * scroll bar. The message, posted to `window.parent` whenever the height changes:
 *
 *     { type: 'mad-lab:height', height: 612 }    // CSS pixels, an integer
 *
 * To any origin ('*'): a host may be anywhere, and the height tells nothing private. A host
 * should check `event.source === frame.contentWindow` before resizing that frame.
 */
export const HEIGHT_MESSAGE = 'mad-lab:height';

export interface HeightMessage {
  type: typeof HEIGHT_MESSAGE;
  height: number;
}

/** Starts reporting when the page is in a frame; does nothing on a page of its own. */
export function reportHeightToHost(): void {
  if (window.parent === window) return;
  let last = -1;
  const report = () => {
    // The body's own height is the content's: the root element is never shorter than the frame.
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height } satisfies HeightMessage, '*');
  };
  new ResizeObserver(report).observe(document.body);
}
