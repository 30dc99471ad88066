import { describe, expect, it } from 'vitest';
import type { Backends } from '../../src/worker/backend';
import { chooseBackend, rememberMeasurements, trainingSizeKey } from '../../src/worker/backend-choice';
import { defaultSpec } from '../../src/spec/schema';
import type { BackendName, Runtime } from '../../src/worker/protocol';

const gan = { ...defaultSpec('gan'), learner: 'gan' as const, hidden: 8, layers: 1, batchSize: 32, replicates: 1 };

/** A worker's backends as the choice sees them: `usable` started; timing is never asked for here. */
function backends(usable: BackendName[]): Backends {
  return {
    ready: Promise.resolve(),
    usable: (b: BackendName) => usable.includes(b),
    detail: (b: BackendName) => `${b} detail`,
    skipped: ['WebGL: software renderer only (SwiftShader), slower than WASM'],
    hold: () => {
      throw new Error('timing was not expected');
    },
  } as unknown as Backends;
}

const runtime = (backend: BackendName | null, listed: BackendName[] | null): Runtime => ({ backend, backends: listed, failBackendAt: null, assets: '' });
const noLearner = () => Promise.reject(new Error('no learner was expected'));

describe('the backend a run trains on', () => {
  it('is timed per learner and the settings that size a training step, not those that count steps', () => {
    const key = trainingSizeKey(gan);
    expect(key).toBe(`gan hidden=8 layers=1 batch-size=32 latent-dim=${gan.latentDim} replicates=1`);
    expect(trainingSizeKey({ ...gan, steps: 30, learningRate: 0.01, seed: 9, generations: 4, warmStart: 'on' })).toBe(key);
    expect(trainingSizeKey({ ...gan, hidden: 16 })).not.toBe(key);
    expect(trainingSizeKey({ ...gan, replicates: 4 })).not.toBe(key);
    // Models feeding each other train one network at a time, whatever R.
    expect(trainingSizeKey({ ...gan, replicates: 4, models: 2 })).toBe(key);
    expect(trainingSizeKey({ ...defaultSpec('vae'), learner: 'vae' as const, data: 'mnist' as const, batchSize: 32, replicates: 1 })).toBe('vae batch-size=32 replicates=1');
  });

  it('is forced by backend=, and is the only candidate without timing when one is usable', async () => {
    expect(await chooseBackend(gan, runtime('cpu', null), backends(['wasm', 'cpu']), noLearner)).toMatchObject({ backend: 'cpu', reason: 'forced', measurement: null });
    const only = await chooseBackend(gan, runtime(null, null), backends(['wasm', 'cpu']), noLearner);
    expect(only).toEqual({ backend: 'wasm', detail: 'wasm detail', skipped: ['WebGL: software renderer only (SwiftShader), slower than WASM'], reason: 'only', measurement: null });
    // A learner with no network (its metrics' classifier alone runs on tfjs) is not timed either.
    const pcaGmm = { ...defaultSpec('pca-gmm'), learner: 'pca-gmm' as const, data: 'mnist' as const };
    expect(await chooseBackend(pcaGmm, runtime(null, ['wasm', 'cpu']), backends(['wasm', 'cpu']), noLearner)).toMatchObject({ backend: 'wasm', reason: 'no-network' });
  });

  it('takes the fastest usable backend of figures timed elsewhere in the page, without timing again', async () => {
    const measurement = { key: trainingSizeKey({ ...gan, hidden: 12 }), figures: [{ backend: 'webgl' as const, stepsPerSecond: 900 }, { backend: 'cpu' as const, stepsPerSecond: 400 }, { backend: 'wasm' as const, stepsPerSecond: 300 }], overheadMs: 800 };
    rememberMeasurements([measurement]);
    const choice = await chooseBackend({ ...gan, hidden: 12, steps: 99 }, runtime(null, ['wasm', 'cpu', 'webgl']), backends(['wasm', 'cpu']), noLearner);
    expect(choice).toMatchObject({ backend: 'cpu', reason: 'reused', measurement });
  });
});
