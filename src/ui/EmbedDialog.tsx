/**
 * The embed dialog: a frame size and what to hide, a live preview (the page itself in an iframe
 * at that size, scaled down where it does not fit), the snippet, and Copy. A modal <dialog>, so
 * focus moves into it, Escape closes it and the page behind is inert.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { CUSTOM_LIMITS, type FrameSize, HIDE_GROUPS, type HideGroup, SIZE_PRESETS, embedLink, embedSnippet, groupsHiddenIn } from './embed-code';
import { useTransientStatus } from './use-transient-status';

type SizeChoice = (typeof SIZE_PRESETS)[number]['id'] | 'custom';

/** Share of the window's height the preview may take, so the snippet and Copy stay in sight. */
const PREVIEW_HEIGHT_SHARE = 0.5;

const clampSide = (v: number) => Math.min(CUSTOM_LIMITS.max, Math.max(CUSTOM_LIMITS.min, Math.round(v)));

interface Props {
  /** Whether the page reads `hide=` (the lab does; the admissibility explorer does not). */
  hiding: boolean;
  onClose: () => void;
}

export function EmbedDialog({ hiding, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const snippetBox = useRef<HTMLTextAreaElement>(null);
  const previewBox = useRef<HTMLDivElement>(null);
  const id = useId();
  // The address bar is the page's state (App writes it on every change), so it is read once, on opening.
  const [href] = useState(() => location.href);
  const [choice, setChoice] = useState<SizeChoice>('slide');
  const [custom, setCustom] = useState({ width: 640, height: 420 });
  const [groups, setGroups] = useState<HideGroup[]>(() => (hiding ? groupsHiddenIn(new URL(href).searchParams) : []));
  const [room, setRoom] = useState({ width: 600, height: 400 });
  const [status, setStatus] = useTransientStatus();

  const closed = useRef(onClose);
  closed.current = onClose;
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    el.showModal();
    // Onto the size in use, the first choice a visitor makes (not the Close button).
    el.querySelector<HTMLInputElement>('input[type=radio]:checked')?.focus();
    // Escape fires 'cancel' and closes the dialog; the owner unmounts it on 'close'.
    const close = () => closed.current();
    el.addEventListener('close', close);
    return () => el.removeEventListener('close', close);
  }, []);

  useLayoutEffect(() => {
    const box = previewBox.current;
    if (!box) return;
    // Less the frame box's border, so a preview as wide as the dialog keeps its right edge in view.
    const measure = () => setRoom({ width: box.clientWidth - 2, height: Math.max(200, window.innerHeight * PREVIEW_HEIGHT_SHARE) });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  const size: FrameSize = choice === 'custom' ? custom : SIZE_PRESETS.find((p) => p.id === choice)!.size;
  const link = embedLink(href, groups);
  const snippet = embedSnippet(link, size);
  // The frame is laid out at its real size and scaled down as a whole, so the preview shows the
  // layout a host page gets (a narrower frame would reflow into a different page). A responsive
  // frame is shown as wide as the dialog, a typical column of a course page.
  const frameWidth = size.width ?? room.width;
  const scale = Math.min(1, room.height / size.height, room.width / frameWidth);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setStatus('Embed code copied.');
    } catch {
      snippetBox.current?.focus();
      snippetBox.current?.select();
      setStatus('Copying was refused here: the code is selected, press Ctrl+C (⌘C on a Mac) to copy it.');
    }
  };
  const toggle = (g: HideGroup, on: boolean) => setGroups((gs) => (on ? [...gs, g] : gs.filter((x) => x !== g)));

  return (
    <dialog ref={dialog} className="embed-dialog" aria-labelledby={`${id}-title`} data-testid="embed-dialog">
      <div className="embed-head">
        <h2 id={`${id}-title`}>Embed this lab</h2>
        <button type="button" onClick={() => dialog.current?.close()} aria-label="Close the embed dialog">
          Close
        </button>
      </div>
      <div className="embed-options">
        <fieldset>
          <legend>Frame size</legend>
          {[...SIZE_PRESETS, { id: 'custom' as const, label: 'Custom' }].map((p) => (
            <label key={p.id} className="inline-check">
              <input type="radio" name={`${id}-size`} value={p.id} checked={choice === p.id} onChange={() => setChoice(p.id)} data-testid={`embed-size-${p.id}`} />
              {p.label}
            </label>
          ))}
          {choice === 'custom' && (
            <div className="embed-custom">
              {(['width', 'height'] as const).map((side) => (
                <label key={side}>
                  {side} (px)
                  <input
                    type="number"
                    min={CUSTOM_LIMITS.min}
                    max={CUSTOM_LIMITS.max}
                    step={10}
                    defaultValue={custom[side]}
                    data-testid={`embed-${side}`}
                    onBlur={(e) => {
                      const typed = Number(e.currentTarget.value);
                      setCustom((c) => ({ ...c, [side]: clampSide(typed || c[side]) }));
                    }}
                    onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
                  />
                </label>
              ))}
            </div>
          )}
        </fieldset>
        {hiding && (
          <fieldset>
            <legend>Hide in the frame</legend>
            {HIDE_GROUPS.map((g) => (
              <label key={g.id} className="inline-check">
                <input type="checkbox" checked={groups.includes(g.id)} onChange={(e) => toggle(g.id, e.currentTarget.checked)} data-testid={`embed-hide-${g.id}`} />
                {g.label}
              </label>
            ))}
          </fieldset>
        )}
      </div>
      <p className="help" id={`${id}-preview-note`}>
        Preview: {size.width === null ? `100% (here ${frameWidth})` : size.width} × {size.height} px{scale < 1 ? `, shown at ${Math.round(scale * 100)}%` : ''}. It runs the lab as the
        frame will.
      </p>
      <div className="embed-preview" ref={previewBox}>
        <div className="embed-frame-box" style={{ width: frameWidth * scale, height: size.height * scale }}>
          <iframe
            src={link}
            title="Preview of the embedded lab"
            width={frameWidth}
            height={size.height}
            style={{ transform: `scale(${scale})` }}
            aria-describedby={`${id}-preview-note`}
            data-testid="embed-preview"
            data-width={size.width ?? '100%'}
            data-height={size.height}
            data-scale={scale.toFixed(3)}
          />
        </div>
      </div>
      <label htmlFor={`${id}-code`} className="embed-code-label">
        Code to paste into a page or slide
      </label>
      <textarea id={`${id}-code`} ref={snippetBox} readOnly value={snippet} rows={3} data-testid="embed-code" onFocus={(e) => e.currentTarget.select()} />
      <div className="embed-actions">
        <button type="button" onClick={copy} data-testid="embed-copy">
          Copy code
        </button>
        <span role="status" className="copied" data-testid="embed-status">
          {status}
        </span>
      </div>
    </dialog>
  );
}
