/**
 * A status line that says what just happened ("Link copied") and then clears itself: a message
 * left beside the buttons reads as a claim about the present long after it stopped being one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a status stays: long enough to read a sentence, short enough not to go stale. */
export const STATUS_MS = 4000;

export function useTransientStatus(ms = STATUS_MS): [string | null, (message: string | null) => void] {
  const [status, setStatus] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const show = useCallback(
    (message: string | null) => {
      window.clearTimeout(timer.current);
      setStatus(message);
      if (message !== null) timer.current = window.setTimeout(() => setStatus(null), ms);
    },
    [ms],
  );
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return [status, show];
}
