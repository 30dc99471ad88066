import { describe, expect, it } from 'vitest';
import { readRuntime, runtimeQuery } from '../../src/ui/runtime-options';

describe('runtime options in the link', () => {
  it('reads a forced backend and the failure test hook, and writes them back as they came', () => {
    const { runtime, notices } = readRuntime('?v=1&learner=gan&backend=webgl&fail-backend-at=3', 'https://example.org/course/lab/');
    expect(runtime).toEqual({ backend: 'webgl', backends: null, failBackendAt: 3, assets: 'https://example.org/course/lab/' });
    expect(notices).toEqual([]);
    expect(runtimeQuery(runtime)).toBe('&backend=webgl&fail-backend-at=3');
    expect(runtimeQuery(readRuntime('?learner=gan', '').runtime)).toBe('');
  });

  it('names a bad value and ignores it', () => {
    const { runtime, notices } = readRuntime('?backend=gpu&fail-backend-at=0', '');
    expect(runtime).toEqual({ backend: null, backends: null, failBackendAt: null, assets: '' });
    expect(notices[0]).toContain('allowed: webgpu | webgl | wasm | cpu');
    expect(notices[1]).toContain('fail-backend-at: "0"');
  });

  it('reads the backends to time against each other, in the fixed order, and writes them back', () => {
    const { runtime, notices } = readRuntime('?learner=gan&backends=cpu,wasm', '');
    expect(runtime.backends).toEqual(['wasm', 'cpu']);
    expect(notices).toEqual([]);
    expect(runtimeQuery(runtime)).toBe('&backends=wasm,cpu');
  });

  it('names a wrong or repeated backend in the list, with the allowed values, and times the default candidates', () => {
    const wrong = readRuntime('?backends=wasm,gpu', '');
    expect(wrong.runtime.backends).toBeNull();
    expect(wrong.notices).toEqual([
      'backends: "wasm,gpu" names "gpu", not a TensorFlow.js backend; allowed: a comma-separated list of webgpu | webgl | wasm | cpu, each once; timing the default candidates instead',
    ]);
    const twice = readRuntime('?backends=cpu,cpu', '');
    expect(twice.runtime.backends).toBeNull();
    expect(twice.notices[0]).toContain('backends: "cpu,cpu" names a backend twice; allowed:');
  });
});
