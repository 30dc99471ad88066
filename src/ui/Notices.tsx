/** Problems found in the link (or a loaded file): each names the field and what is allowed. */
export function Notices({ title, notices, onDismiss, testId }: { title: string; notices: string[]; onDismiss: () => void; testId: string }) {
  if (notices.length === 0) return null;
  return (
    <div className="notice" role="alert" data-testid={testId}>
      <strong>{title}</strong>
      <ul>
        {notices.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
      <button type="button" className="small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
