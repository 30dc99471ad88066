/**
 * The sweep's progress for people and for tests: data-state is idle | running | done | error
 * (a cancelled sweep reads as idle), with data-done / data-total cells; cells per worker time,
 * an ETA, and Cancel or Resume.
 */
import { timeLeft } from '../../results/duration';
import { formatNumber } from '../charts/format';
import { type SweepProgress, etaSeconds } from './sweep-pool';

const HOOK_STATE = { running: 'running', done: 'done', cancelled: 'idle', error: 'error' } as const;
const WORDS = { running: 'computing', done: 'done', cancelled: 'cancelled', error: 'error' } as const;

interface Props {
  progress: SweepProgress;
  onCancel: () => void;
  onResume: () => void;
}

export function SweepStatus({ progress: p, onCancel, onResume }: Props) {
  const total = p.cells.length;
  const eta = etaSeconds(p);
  const perCell = p.computed > 0 ? p.computeMs / p.computed : null;
  let detail: string;
  if (p.state === 'running' && !p.baseline) detail = 'computing the real-only baseline that n_e is read from…';
  else if (p.state === 'done')
    detail =
      p.computed === 0
        ? 'every cell came from this session’s cache'
        : `${p.computed} cells computed in ${(p.elapsedMs! / 1000).toFixed(2)} s on ${p.workers} worker${p.workers === 1 ? '' : 's'}${p.cached ? `, ${p.cached} from the cache` : ''}`;
  else {
    const parts = [`${p.done} of ${total} cells`];
    if (p.cached) parts.push(`${p.cached} from the cache`);
    if (p.state === 'running') parts.push(`${p.workers} worker${p.workers === 1 ? '' : 's'}`);
    if (perCell !== null) parts.push(`${formatNumber(Number(perCell.toPrecision(2)))} ms per cell`);
    if (eta !== null) parts.push(timeLeft(eta));
    detail = parts.join(' · ');
  }
  return (
    <div
      className={`sweep-status run-status state-${p.state === 'cancelled' ? 'paused' : p.state}`}
      data-testid="sweep-status"
      data-state={HOOK_STATE[p.state]}
      data-done={p.done}
      data-total={total}
      data-workers={p.workers}
      data-elapsed-ms={p.elapsedMs === null ? undefined : p.elapsedMs.toFixed(0)}
    >
      <strong>Sweep</strong>
      <span className="state-word" role="status">
        {WORDS[p.state]}
      </span>
      <progress max={total} value={p.done} aria-label="Sweep progress" />
      <span className="progress-text">{detail}</span>
      {p.state === 'running' && (
        <button type="button" className="small" data-testid="sweep-cancel" onClick={onCancel}>
          Cancel
        </button>
      )}
      {(p.state === 'cancelled' || p.state === 'error') && (
        <button type="button" className="small" data-testid="sweep-resume" onClick={onResume}>
          {p.state === 'error' ? 'Retry' : 'Resume'}
        </button>
      )}
      {p.state === 'error' && (
        <p className="run-error" role="alert">
          {p.error}
        </p>
      )}
    </div>
  );
}
