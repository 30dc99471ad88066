/** Title, one-sentence pitch, share link, projector switch, and the switch between the lab's two views. */
import { useState } from 'react';
import type { View } from './explorer/view';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

interface Props {
  view: View;
  onView: (view: View) => void;
  /** The projector switch, where the view has one. */
  projector?: boolean;
  onProjector?: (on: boolean) => void;
}

const VIEWS: [View, string][] = [
  ['lab', 'Lab'],
  ['explorer', 'Admissibility explorer'],
];

export function Header({ view, onView, projector, onProjector }: Props) {
  const [copied, setCopied] = useState<string | null>(null);
  const share = async (what: 'link' | 'embed') => {
    const url = location.href;
    const embedUrl = `${url}${url.includes('?') ? '&' : '?'}embed=1`;
    const text = what === 'link' ? url : `<iframe src="${embedUrl}" width="100%" height="760" style="border:0" title="MAD Lab"></iframe>`;
    const ok = await copy(text);
    setCopied(ok ? (what === 'link' ? 'Link copied' : 'Embed code copied') : `Copy failed; the ${what === 'link' ? 'link' : 'embed code'} is: ${text}`);
  };
  return (
    <header className="page-header">
      <div>
        <h1>MAD Lab</h1>
        <p className="tagline">
          Models trained on their own output, generation after generation, go MAD: <em>Model Autophagy Disorder</em> (Alemohammad et al., ICLR 2024).
        </p>
      </div>
      <div className="header-tools">
        <button type="button" data-testid="copy-link" onClick={() => share('link')}>
          Copy link
        </button>
        <button type="button" className="desktop-only" onClick={() => share('embed')}>
          Embed
        </button>
        {onProjector && (
          <button type="button" className="desktop-only" aria-pressed={projector} onClick={() => onProjector(!projector)}>
            Projector
          </button>
        )}
        <span className="copied" role="status">
          {copied}
        </span>
      </div>
      {/* After the tools in the DOM as on screen (a row of its own), so tab order follows the page. */}
      <nav className="view-tabs" aria-label="Views">
        {VIEWS.map(([id, name]) => (
          <button key={id} type="button" className="view-tab" aria-current={view === id ? 'page' : undefined} data-testid={`view-${id}`} onClick={() => view !== id && onView(id)}>
            {name}
          </button>
        ))}
      </nav>
    </header>
  );
}
