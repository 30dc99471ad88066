/** Title, one-sentence pitch, share link, embed dialog, projector switch, and the switch between the lab's two views. */
import { useCallback, useRef, useState } from 'react';
import { EmbedDialog } from './EmbedDialog';
import type { View } from './page-view';
import { useTransientStatus } from './use-transient-status';

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
  const [copied, setCopied] = useTransientStatus();
  const [embedding, setEmbedding] = useState(false);
  const embedButton = useRef<HTMLButtonElement>(null);
  const shareLink = async () => {
    const url = location.href;
    setCopied((await copy(url)) ? 'Link copied' : 'Copying was refused here: copy the address bar, it holds the link');
  };
  const closeEmbed = useCallback(() => {
    setEmbedding(false);
    embedButton.current?.focus();
  }, []);
  return (
    <header className="page-header">
      <div>
        <h1>MAD Lab</h1>
        <p className="tagline">
          Models trained on their own output, generation after generation, go MAD: <em>Model Autophagy Disorder</em> (Alemohammad et al., ICLR 2024).
        </p>
      </div>
      <div className="header-tools">
        <button type="button" data-testid="copy-link" onClick={shareLink}>
          Copy link
        </button>
        <button type="button" className="desktop-only" ref={embedButton} aria-haspopup="dialog" data-testid="embed-open" onClick={() => setEmbedding(true)}>
          Embed…
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
      {embedding && <EmbedDialog hiding={view === 'lab'} onClose={closeEmbed} />}
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
