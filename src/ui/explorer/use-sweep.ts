/**
 * A pool for the explorer's lifetime (its workers end when the view closes; the cache outlives
 * it), started on every new sweep; and, apart, React's view of its progress, redrawn at most once
 * per animation frame however fast cells arrive, in the one component that shows it.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Sweep } from '../../engine/admissibility/sweep';
import { type SweepProgress, SweepPool } from './sweep-pool';

export function useSweepPool(sweep: Sweep, workers: number): SweepPool {
  const pool = useMemo(() => new SweepPool(workers), [workers]);
  useEffect(() => () => pool.dispose(), [pool]);
  // Sweeps are rebuilt on every edit; only a different one restarts the pool.
  const key = JSON.stringify(sweep);
  useEffect(() => pool.start(sweep), [pool, key]);
  return pool;
}

export function useProgress(pool: SweepPool): SweepProgress | null {
  useSyncExternalStore(pool.subscribe, pool.getVersion);
  return pool.progress;
}
