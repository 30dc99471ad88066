import { describe, expect, it } from 'vitest';
import { BackendGate } from '../../src/worker/backend-gate';

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('the backend gate of a worker whose runs train on different backends', () => {
  it('lets runs of one backend share it, and switches only once they have all released it', async () => {
    const gate = new BackendGate();
    const events: string[] = [];
    const a = await gate.hold('wasm');
    const b = await gate.hold('wasm');
    void gate.hold('cpu').then((release) => {
      events.push(`cpu granted on ${gate.backend}`);
      release();
    });
    await settle();
    a();
    await settle();
    expect(events).toEqual([]);
    expect(gate.backend).toBe('wasm');
    b();
    await settle();
    expect(events).toEqual(['cpu granted on cpu']);
  });

  it('serves in order: a run of the backend in use waits behind one waiting to switch, so that one is not starved', async () => {
    const gate = new BackendGate();
    const order: string[] = [];
    const first = await gate.hold('wasm');
    const waiting = ['cpu', 'wasm'].map((backend) =>
      gate.hold(backend as 'cpu' | 'wasm').then((release) => {
        order.push(backend);
        release();
      }),
    );
    first();
    await Promise.all(waiting);
    expect(order).toEqual(['cpu', 'wasm']);
  });

  it('an exclusive hold (timing a backend) shares it with nobody, and a double release counts once', async () => {
    const gate = new BackendGate();
    const timing = await gate.hold('cpu', true);
    let joined = false;
    const other = gate.hold('cpu').then((release) => {
      joined = true;
      return release;
    });
    await settle();
    expect(joined).toBe(false);
    timing();
    timing();
    const release = await other;
    expect(joined).toBe(true);
    // The second release of the exclusive hold did not free the shared one: an exclusive request still waits.
    let exclusive = false;
    void gate.hold('cpu', true).then(() => (exclusive = true));
    await settle();
    expect(exclusive).toBe(false);
    release();
    await settle();
    expect(exclusive).toBe(true);
  });
});
