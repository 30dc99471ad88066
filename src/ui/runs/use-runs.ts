/**
 * React's view of the run store: the latest list of snapshots, rendered as a transition.
 *
 * Why not useSyncExternalStore: it renders every store change synchronously, so the whole page's
 * re-render (film strips, metric charts, tables) ran inside the store's animation-frame callback
 * as one task, and those were the main thread's long tasks during a run. A transition lets React
 * render in slices of a few milliseconds and yield to input and painting between them.
 *
 * Why one at a time: a transition that a newer one interrupts starts over, so at a busy run's
 * rate of snapshots (every frame) renders that take longer than a frame would never finish. The
 * next snapshot is therefore handed to React only once the previous one is on screen; snapshots
 * that arrive meanwhile collapse into the newest.
 */
import { startTransition, useEffect, useRef, useState } from 'react';
import type { RunSnapshot } from './run-record';
import type { RunStore } from './run-store';

export function useRuns(store: RunStore): readonly RunSnapshot[] {
  const [snapshots, setSnapshots] = useState(store.getSnapshots);
  /** The list last handed to React: the same list again would render nothing, and commit nothing. */
  const requested = useRef(snapshots);
  const rendering = useRef(false);
  const behind = useRef(false);

  const publish = useRef(() => {
    const next = store.getSnapshots();
    if (next === requested.current) return;
    if (rendering.current) {
      behind.current = true;
      return;
    }
    rendering.current = true;
    requested.current = next;
    startTransition(() => setSnapshots(next));
  });

  useEffect(() => {
    const unsubscribe = store.subscribe(() => publish.current());
    // Changes between the first render and the subscription.
    publish.current();
    return unsubscribe;
  }, [store]);

  // Committed: the next snapshot may go, and one that waited goes now.
  useEffect(() => {
    rendering.current = false;
    if (behind.current) {
      behind.current = false;
      publish.current();
    }
  }, [snapshots]);

  return snapshots;
}
