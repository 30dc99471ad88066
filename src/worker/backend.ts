/**
 * Which TensorFlow.js backend the worker's neural learners train on, and the switch to the next
 * one when it fails. Loaded with tfjs only when a run needs a neural learner.
 *
 * The rule, fastest first: WebGPU with a real adapter → WebGL2 (OffscreenCanvas) on a hardware
 * renderer → WASM (SIMD, one thread) → CPU (plain JavaScript). Software paths are skipped unless
 * `?backend=` asks for them: a WebGPU *fallback* adapter (isFallbackAdapter: SwiftShader) and a
 * WebGL renderer that is software (SwiftShader, llvmpipe). On a machine without a GPU both are far
 * slower than WASM for these small networks (toolchain notes: an MLP training step ~3.6 and ~48
 * steps/s against ~250 on WASM). tfjs's own guard, failIfMajorPerformanceCaveat, does not catch
 * them: headless chromium hands out a SwiftShader WebGL2 context with it set, so the renderer
 * string decides.
 *
 * Failure: a backend that cannot start is skipped with its reason. One that fails later (its
 * device or context lost, or any error of a generation) is given up for the next one down, or,
 * from the last (CPU, or a forced backend), for the fastest one above it that has not failed; the
 * worker then rewinds its runs to the last finished generation (engine checkpoints). Once every
 * backend has failed, the run ends saying that none is left. `epoch` counts the switches, so a
 * run can tell that its state belongs to a backend given up since.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_LABELS, BACKENDS, type BackendName } from './protocol';

/** Renderer strings of software rasterisers. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** The few WebGPU shapes used here (the project's TypeScript lib has no WebGPU types). */
interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

/** A backend that started, or why it did not. */
type Attempt = { ok: true; detail: string } | { ok: false; why: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function tryWebGpu(forced: boolean, onLost: (why: string) => void): Promise<Attempt> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return { ok: false, why: 'not available in this browser' };
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { ok: false, why: messageOf(error) };
  }
  if (!adapter) return { ok: false, why: 'no adapter (no usable GPU, or WebGPU switched off)' };
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter';
  if ((info.isFallbackAdapter ?? adapter.isFallbackAdapter) && !forced)
    return { ok: false, why: `only a software fallback adapter (${name}), slower than WASM` };
  // The webgpu backend registers itself on import, and only where navigator.gpu exists.
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) return { ok: false, why: 'TensorFlow.js could not start it' };
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string; reason?: string }> } }).device;
  void device?.lost?.then((lost) => onLost(`device lost (${lost.message || lost.reason || 'no reason given'})`));
  return { ok: true, detail: name };
}

function webGlRenderer(gl: WebGL2RenderingContext): string {
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

async function tryWebGl(forced: boolean, onLost: (why: string) => void): Promise<Attempt> {
  if (typeof OffscreenCanvas === 'undefined') return { ok: false, why: 'no OffscreenCanvas in workers here' };
  const probe = new OffscreenCanvas(1, 1).getContext('webgl2', { failIfMajorPerformanceCaveat: !forced });
  if (!probe) return { ok: false, why: forced ? 'no WebGL2 context' : 'no WebGL2 context without a major performance caveat' };
  const renderer = webGlRenderer(probe);
  probe.getExtension('WEBGL_lose_context')?.loseContext();
  const software = SOFTWARE_RENDERER.exec(renderer)?.[0];
  if (software && !forced) return { ok: false, why: `software renderer only (${software}), slower than WASM` };
  // tfjs asks for failIfMajorPerformanceCaveat unless told that software WebGL is welcome.
  tf.env().set('SOFTWARE_WEBGL_ENABLED', Boolean(software));
  if (!(await tf.setBackend('webgl'))) return { ok: false, why: 'TensorFlow.js could not start it' };
  const canvas = (tf.backend() as unknown as { gpgpu?: { gl?: { canvas?: EventTarget } } }).gpgpu?.gl?.canvas;
  canvas?.addEventListener('webglcontextlost', () => onLost('WebGL context lost'));
  return { ok: true, detail: renderer };
}

// Production mode skips tfjs's debug checks: a few per cent per training step, whose ~200 small
// operations cost more in bookkeeping than in arithmetic.
tf.enableProdMode();
// Set before any backend starts: tfjs may start one by itself (the best registered) when an
// operation runs while none is selected. The threaded build breaks under the minifier, and tfjs
// would use one thread on two cores anyway.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });

async function tryWasm(): Promise<Attempt> {
  if (!(await tf.setBackend('wasm'))) return { ok: false, why: 'TensorFlow.js could not start it' };
  return { ok: true, detail: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'SIMD' : 'no SIMD' };
}

async function tryCpu(): Promise<Attempt> {
  return (await tf.setBackend('cpu')) ? { ok: true, detail: 'plain JavaScript' } : { ok: false, why: 'TensorFlow.js could not start it' };
}

/**
 * Removes a backend (freeing its memory; a lost device may refuse, its memory gone anyway) and
 * parks tfjs on the CPU backend at once, so that operations still in flight fail fast instead of
 * making tfjs start the best remaining backend by itself.
 */
function remove(backend: BackendName): void {
  try {
    tf.removeBackend(backend);
  } catch {
    // Already removed, or its device is gone.
  }
  // CPU itself may be the one removed (or removed before): then there is nothing to park on.
  if (backend !== 'cpu') tf.setBackend('cpu').catch(() => undefined);
}

export interface BackendChoice {
  backend: BackendName;
  detail: string;
  /** Why each faster backend was not used. */
  skipped: string[];
  forced: boolean;
}

export class Backends {
  private choice: BackendChoice | null = null;
  /** Bumped at every switch: state computed under an older epoch belongs to a backend given up. */
  epoch = 0;
  /** Why the backend in use is unusable (device lost), until the switch away from it. */
  lost: string | null = null;
  /** The backend given up at the last switch, and why. */
  lastFailure: { from: BackendName; reason: string } | null = null;
  /** Resolves once the backend of this epoch is ready. */
  ready: Promise<BackendChoice>;
  /** Aborted when the backend of this epoch fails: generations training on it stop at their next step. */
  private failure = new AbortController();

  /** Backends that failed during this session: never tried again. */
  private readonly failed = new Set<BackendName>();

  constructor(private readonly forced: BackendName | null) {
    this.ready = this.startFrom(BACKENDS.slice(BACKENDS.indexOf(forced ?? BACKENDS[0])), []);
  }

  /** Aborted once the backend in use fails; pass it to every generation that trains on it. */
  get signal(): AbortSignal {
    return this.failure.signal;
  }

  /**
   * Test hook (`?fail-backend-at=`): breaks the backend in use from under the runs, as a lost
   * device would: it is removed, so the next operation on it throws. `why` names the failure.
   */
  breakDown(why: string): void {
    const backend = this.choice?.backend;
    if (!backend) return;
    // Stopping the generation does not rely on its next operation throwing: with CPU removed,
    // tfjs quietly starts another backend by itself and the run would go on under CPU's name.
    this.lose(why);
    remove(backend);
  }

  /** Marks the backend in use as unusable: generations on it stop at their next training step. */
  lose(why: string): void {
    this.lost ??= why;
    this.failure.abort();
  }

  /**
   * Gives up the backend in use for the next one down. Generations still training on it are
   * aborted and the epoch changes at once; `ready` resolves with the new choice. Returns false
   * when there is nothing left to fall back to.
   */
  fallBack(reason: string): boolean {
    const from = this.choice?.backend;
    if (!from) return false;
    this.failed.add(from);
    const at = BACKENDS.indexOf(from);
    // Down the list first, as the automatic choice would have gone; then those above, skipped before.
    const next = [...BACKENDS.slice(at + 1), ...BACKENDS.slice(0, at)].filter((b) => !this.failed.has(b));
    if (next.length === 0) return false;
    this.failure.abort();
    this.failure = new AbortController();
    this.epoch += 1;
    this.lost = null;
    this.lastFailure = { from, reason };
    this.choice = null;
    remove(from);
    this.ready = this.startFrom(next, [...this.failed].map((b) => `${BACKEND_LABELS[b]}: failed during this session`));
    return true;
  }

  private async startFrom(candidates: readonly BackendName[], skipped: string[]): Promise<BackendChoice> {
    for (const backend of candidates) {
      const forced = backend === this.forced;
      const onLost = (why: string) => {
        if (this.choice?.backend === backend) this.lose(why);
      };
      let attempt: Attempt;
      try {
        attempt =
          backend === 'webgpu' ? await tryWebGpu(forced, onLost) : backend === 'webgl' ? await tryWebGl(forced, onLost) : backend === 'wasm' ? await tryWasm() : await tryCpu();
      } catch (error) {
        attempt = { ok: false, why: messageOf(error) };
      }
      if (attempt.ok) {
        this.choice = { backend, detail: attempt.detail, skipped, forced };
        return this.choice;
      }
      skipped = [...skipped, `${BACKEND_LABELS[backend]}: ${attempt.why}`];
    }
    throw new Error(`no TensorFlow.js backend is left to run on: ${skipped.join('; ')}`);
  }
}
