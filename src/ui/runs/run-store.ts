/**
 * The runs as the page sees them, fed by worker messages at any rate and read by React once per
 * animation frame: messages mutate the records and mark them changed; one requestAnimationFrame
 * callback then publishes a new list of immutable snapshots, in which only the changed runs are
 * new objects, so each chart re-renders when, and only when, its runs changed.
 */
import { type RunRecord, type RunSnapshot, snapshotOf } from './run-record';

export class RunStore {
  records: RunRecord[] = [];
  private snapshots: readonly RunSnapshot[] = [];
  private readonly published = new WeakMap<RunRecord, RunSnapshot>();
  private readonly dirty = new Set<RunRecord>();
  private frame = 0;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshots = (): readonly RunSnapshot[] => this.snapshots;

  /** Marks the given records changed (none given: all of them, and the list itself) for the next frame. */
  changed(...records: RunRecord[]): void {
    for (const r of records.length > 0 ? records : this.records) this.dirty.add(r);
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.snapshots = this.records.map((r) => {
        let snapshot = this.published.get(r);
        if (!snapshot || this.dirty.has(r)) {
          snapshot = snapshotOf(r);
          this.published.set(r, snapshot);
        }
        return snapshot;
      });
      this.dirty.clear();
      for (const l of this.listeners) l();
    });
  }
}
