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
 *
 * Why a pause after each: at full speed the runs change every frame, and rendering them back to
 * back kept the main thread busy all the time; on a two-core laptop that is a core taken from the
 * engine workers (a three-run scenario spent as much time drawing as computing). After a render
 * that took r ms the next one waits 3r, so drawing takes at most about a quarter of the main
 * thread: a fast machine still draws many times a second, a slow one draws less often and
 * computes sooner. A run's first generation ends a pause at once: it is what a visitor waits for
 * (the pause after drawing the runs' start had held it back by up to half a second).
 */
import { startTransition, useEffect, useRef, useState } from 'react';
import type { RunSnapshot } from './run-record';
import type { RunStore } from './run-store';

/** The longest pause between renders, so that a slow render never leaves the runs looking stuck. */
const MAX_PAUSE_MS = 500;

/**
 * The most of the main thread that drawing the runs takes: after a render of r ms the next waits
 * 3r. Measured with two three- and two-run scenarios side by side on two cores (2026-12-01): at
 * half the main thread they took 22 s with 12.7 s of main-thread work each, at a quarter 17 s and 6.4 s.
 */
const DRAWING_SHARE = 1 / 4;

/** Whether `next` shows a generation of a run that `shown` had none of. */
function firstGeneration(shown: readonly RunSnapshot[], next: readonly RunSnapshot[]): boolean {
  return next.some((run) => run.rows.length > 0 && !shown.some((s) => s.runId === run.runId && s.rows.length > 0));
}

export function useRuns(store: RunStore): readonly RunSnapshot[] {
  const [snapshots, setSnapshots] = useState(store.getSnapshots);
  /** The list last handed to React: the same list again would render nothing, and commit nothing. */
  const requested = useRef(snapshots);
  /** While a render is under way or pausing after one, newer snapshots wait. */
  const rendering = useRef(false);
  /** The pause after the last committed render, while it lasts. */
  const pausing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const requestedAt = useRef(0);
  const behind = useRef(false);

  const publish = useRef(() => {
    const next = store.getSnapshots();
    if (next === requested.current) return;
    if (pausing.current !== null && firstGeneration(requested.current, next)) {
      clearTimeout(pausing.current);
      pausing.current = null;
      rendering.current = false;
      behind.current = false;
    }
    if (rendering.current) {
      behind.current = true;
      return;
    }
    rendering.current = true;
    requested.current = next;
    requestedAt.current = performance.now();
    startTransition(() => setSnapshots(next));
  });

  useEffect(() => {
    const unsubscribe = store.subscribe(() => publish.current());
    // Changes between the first render and the subscription.
    publish.current();
    return unsubscribe;
  }, [store]);

  // Committed: after as long again, the next snapshot may go, and one that waited goes then.
  useEffect(() => {
    // The first render was not requested: nothing to pause after.
    if (!rendering.current) return;
    const release = () => {
      pausing.current = null;
      rendering.current = false;
      if (behind.current) {
        behind.current = false;
        publish.current();
      }
    };
    // A first generation that came while this render was under way goes next, without a pause.
    const first = behind.current && firstGeneration(requested.current, store.getSnapshots());
    const pause = first ? 0 : Math.min(MAX_PAUSE_MS, ((1 - DRAWING_SHARE) / DRAWING_SHARE) * (performance.now() - requestedAt.current));
    const timer = setTimeout(release, pause);
    pausing.current = timer;
    return () => clearTimeout(timer);
  }, [snapshots]);

  return snapshots;
}
