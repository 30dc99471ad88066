/** The note that a new version of the lab has been downloaded (src/ui/offline.ts). */
export function UpdateNotice({ onReload, onDismiss }: { onReload: () => void; onDismiss: () => void }) {
  return (
    <div className="update-notice" role="status" data-testid="update-notice">
      <span>A new version of MAD Lab has been downloaded: it opens on your next visit.</span>{' '}
      <button type="button" className="small" onClick={onReload} data-testid="update-reload">
        Reload now
      </button>{' '}
      <button type="button" className="small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
