/**
 * The runs as the page sees them, fed by worker messages at any rate and read by React once per
 * animation frame: messages mutate the records and mark the store dirty; one requestAnimationFrame
 * callback bumps the version that components subscribe to.
 */
import type { RunRecord } from './run-record';

export class RunStore {
  records: RunRecord[] = [];
  private version = 0;
  private frame = 0;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  changed(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.version++;
      for (const l of this.listeners) l();
    });
  }
}
