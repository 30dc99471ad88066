/** React's view of the run store: a new list of snapshots at most once per animation frame. */
import { useSyncExternalStore } from 'react';
import type { RunSnapshot } from './run-record';
import type { RunStore } from './run-store';

export function useRuns(store: RunStore): readonly RunSnapshot[] {
  return useSyncExternalStore(store.subscribe, store.getSnapshots);
}
