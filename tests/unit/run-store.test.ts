/**
 * The run store hands React immutable snapshots: once per animation frame, a new object for each
 * run that changed and the same object for each run that did not, so charts re-render by identity.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyRecord, keepFrame } from '../../src/ui/runs/run-record';
import { RunStore } from '../../src/ui/runs/run-store';
import type { Spec } from '../../src/spec/schema';

let frames: FrameRequestCallback[] = [];
const nextFrame = () => {
  const due = frames;
  frames = [];
  for (const callback of due) callback(0);
};

beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
});
afterEach(() => vi.unstubAllGlobals());

function storeOfTwo() {
  const store = new RunStore();
  store.records = [emptyRecord(1, { generations: 10 } as Spec, 'a', '#D55E00', 'worker'), emptyRecord(2, { generations: 10 } as Spec, 'b', '#0072B2', 'worker')];
  return store;
}

describe('run store', () => {
  it('publishes once per frame, however many messages arrived', () => {
    const store = storeOfTwo();
    const listener = vi.fn();
    store.subscribe(listener);
    store.changed();
    store.changed(store.records[0]);
    expect(store.getSnapshots()).toEqual([]);
    expect(frames).toHaveLength(1);
    nextFrame();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshots().map((s) => s.label)).toEqual(['a', 'b']);
  });

  it('makes a new snapshot of a changed run only, and never changes a published one', () => {
    const store = storeOfTwo();
    store.changed();
    nextFrame();
    const [a1, b1] = store.getSnapshots();
    const [a] = store.records;
    a.rows.push({ t: 1, summary: {}, iterations: 0 });
    a.frames = keepFrame(a.frames, { t: 1, samples: new Float64Array(4), density: null, digits: null });
    a.state = 'running';
    store.changed(a);
    nextFrame();
    const [a2, b2] = store.getSnapshots();
    expect(a2).not.toBe(a1);
    expect(b2).toBe(b1);
    expect(a2.rows.map((r) => r.t)).toEqual([1]);
    expect(a2.frames.map((f) => f.t)).toEqual([1]);
    expect(a2.state).toBe('running');
    // The earlier snapshot still shows the run as it was: the record's lists were copied, not shared.
    expect(a1.rows).toEqual([]);
    expect(a1.frames).toEqual([]);
    expect(a1.state).toBe('idle');
    // Rows themselves are shared, so a table memoised by row renders only the new ones.
    a.rows.push({ t: 2, summary: {}, iterations: 0 });
    store.changed(a);
    nextFrame();
    expect(store.getSnapshots()[0].rows[0]).toBe(a2.rows[0]);
  });

  it('follows the list of runs: a replaced run gets its own snapshot, a dropped one goes', () => {
    const store = storeOfTwo();
    store.changed();
    nextFrame();
    const [a1] = store.getSnapshots();
    store.records = [emptyRecord(3, { generations: 5 } as Spec, 'c', '#D55E00', 'worker')];
    store.changed();
    nextFrame();
    const snapshots = store.getSnapshots();
    expect(snapshots.map((s) => s.runId)).toEqual([3]);
    expect(snapshots[0]).not.toBe(a1);
  });
});
