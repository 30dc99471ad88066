/** React's view of the run store: re-renders at most once per animation frame. */
import { useSyncExternalStore } from 'react';
import type { RunStore } from './run-store';

export function useRunsVersion(store: RunStore): number {
  return useSyncExternalStore(store.subscribe, store.getVersion);
}
