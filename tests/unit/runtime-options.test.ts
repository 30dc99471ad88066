import { describe, expect, it } from 'vitest';
import { readRuntime, runtimeQuery } from '../../src/ui/runtime-options';

describe('runtime options in the link', () => {
  it('reads a forced backend and the failure test hook, and writes them back as they came', () => {
    const { runtime, notices } = readRuntime('?v=1&learner=gan&backend=webgl&fail-backend-at=3', 'https://example.org/course/lab/');
    expect(runtime).toEqual({ backend: 'webgl', failBackendAt: 3, assets: 'https://example.org/course/lab/' });
    expect(notices).toEqual([]);
    expect(runtimeQuery(runtime)).toBe('&backend=webgl&fail-backend-at=3');
    expect(runtimeQuery(readRuntime('?learner=gan', '').runtime)).toBe('');
  });

  it('names a bad value and ignores it', () => {
    const { runtime, notices } = readRuntime('?backend=gpu&fail-backend-at=0', '');
    expect(runtime).toEqual({ backend: null, failBackendAt: null, assets: '' });
    expect(notices[0]).toContain('allowed: webgpu | webgl | wasm | cpu');
    expect(notices[1]).toContain('fail-backend-at: "0"');
  });
});
