/**
 * The TensorFlow.js backends this worker can train on, which one holds tfjs now, and which have
 * failed. Loaded with tfjs only when a run needs it.
 *
 * Every backend is started once, up front, in the order WebGPU with a real adapter → WebGL2
 * (OffscreenCanvas) on a hardware renderer → WASM (SIMD, one thread) → CPU (plain JavaScript).
 * Software paths are skipped unless the link asks for them (`?backend=`, or listed in
 * `?backends=`): a WebGPU *fallback* adapter (isFallbackAdapter: SwiftShader) and a WebGL renderer
 * that is software (SwiftShader, llvmpipe). On a machine without a GPU both are far slower than
 * WASM for these small networks (toolchain notes: an MLP training step ~3.6 and ~48 steps/s
 * against ~250 on WASM). tfjs's own guard, failIfMajorPerformanceCaveat, does not catch them:
 * headless chromium hands out a SwiftShader WebGL2 context with it set, so the renderer string
 * decides. Which started backend a run uses is chosen per learner and size (backend-choice.ts);
 * runs on different backends take turns through the gate (backend-gate.ts).
 *
 * Failure: a backend that cannot start is skipped with its reason. One that fails later (its
 * device or context lost, or any error of a generation) is given up: the generations on it stop at
 * their next step, and each of its runs moves to another backend (`fallbackFrom`) and rewinds to
 * its last finished generation (engine checkpoints). Once every backend has failed, a run ends
 * saying that none is left.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BackendGate } from './backend-gate';
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

/** Down the list first, as the fixed order would have gone; then those above. */
function fallbackOrder(from: BackendName): BackendName[] {
  const at = BACKENDS.indexOf(from);
  return [...BACKENDS.slice(at + 1), ...BACKENDS.slice(0, at)];
}

export class Backends {
  /** Resolves once every backend has been tried. */
  readonly ready: Promise<void>;
  /** The backends that started, in BACKENDS order, with what each runs on ("SIMD", the adapter, the renderer). */
  private readonly started = new Map<BackendName, string>();
  /** Why each backend that did not start was skipped, one line each ("WebGPU: no adapter"). */
  private readonly notStarted: string[] = [];
  /** Backends that failed during this session, and why: never used again. */
  private readonly failed = new Map<BackendName, string>();
  /** Why a backend is unusable (device lost), until it is given up. */
  private readonly lost = new Map<BackendName, string>();
  /** Aborted when its backend fails: generations training on it stop at their next step. */
  private readonly failure = new Map<BackendName, AbortController>();
  private readonly gate = new BackendGate();

  /** `asked`: the backends the link names (`?backend=`, `?backends=`), software renderers allowed. */
  constructor(asked: readonly BackendName[]) {
    this.ready = this.startAll(asked);
  }

  private async startAll(asked: readonly BackendName[]): Promise<void> {
    for (const backend of BACKENDS) {
      const forced = asked.includes(backend);
      const onLost = (why: string) => this.lose(backend, why);
      let attempt: Attempt;
      try {
        attempt =
          backend === 'webgpu' ? await tryWebGpu(forced, onLost) : backend === 'webgl' ? await tryWebGl(forced, onLost) : backend === 'wasm' ? await tryWasm() : await tryCpu();
      } catch (error) {
        attempt = { ok: false, why: messageOf(error) };
      }
      if (attempt.ok) {
        this.started.set(backend, attempt.detail);
        this.failure.set(backend, new AbortController());
      } else this.notStarted.push(`${BACKEND_LABELS[backend]}: ${attempt.why}`);
    }
  }

  /** Whether a run can train on `backend`: it started and has not failed. */
  usable(backend: BackendName): boolean {
    return this.started.has(backend) && !this.failed.has(backend);
  }

  /** What `backend` runs on ("SIMD", the adapter, the renderer). */
  detail(backend: BackendName): string {
    return this.started.get(backend) ?? '';
  }

  /** Why `backend` was given up; null while it is usable. */
  failedWhy(backend: BackendName): string | null {
    return this.failed.get(backend) ?? null;
  }

  /** Why backends are not used: those that did not start, and those that failed. */
  get skipped(): string[] {
    return [...this.notStarted, ...[...this.failed.keys()].map((b) => `${BACKEND_LABELS[b]}: failed during this session`)];
  }

  /** Aborted once `backend` fails; pass it to every generation that trains on it. */
  signal(backend: BackendName): AbortSignal {
    return this.failure.get(backend)?.signal ?? AbortSignal.abort();
  }

  /**
   * Resolves once `backend` holds tfjs for the caller; call the function it resolves to when the
   * tfjs work is done. Exclusive: no other run's work meanwhile (timing).
   */
  async hold(backend: BackendName, exclusive = false): Promise<() => void> {
    const release = await this.gate.hold(backend, exclusive);
    try {
      if (this.usable(backend) && tf.getBackend() !== backend) await tf.setBackend(backend);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  /**
   * Test hook (`?fail-backend-at=`): breaks `backend` from under the runs, as a lost device
   * would: it is removed, so the next operation on it throws. `why` names the failure.
   */
  breakDown(backend: BackendName, why: string): void {
    // Stopping the generation does not rely on its next operation throwing: with CPU removed,
    // tfjs quietly starts another backend by itself and the run would go on under CPU's name.
    this.lose(backend, why);
    remove(backend);
  }

  /** Marks `backend` as unusable: generations on it stop at their next training step. */
  lose(backend: BackendName, why: string): void {
    if (!this.lost.has(backend)) this.lost.set(backend, why);
    this.failure.get(backend)?.abort();
  }

  /**
   * Gives up `backend` after a generation on it failed with `error` (the loss, when it was lost,
   * says more than the error it caused). Returns why it was given up.
   */
  fail(backend: BackendName, error: string): string {
    const known = this.failed.get(backend);
    if (known) return known;
    const why = this.lost.get(backend) ?? error;
    this.failed.set(backend, why);
    this.failure.get(backend)?.abort();
    remove(backend);
    return why;
  }

  /**
   * Where a run goes when `from` fails: the fastest usable one of `preferred` (its timed figures,
   * fastest first), else the next usable one in fallbackOrder; null when none is left.
   */
  fallbackFrom(from: BackendName, preferred: readonly BackendName[]): BackendName | null {
    return [...preferred, ...fallbackOrder(from)].find((b) => this.usable(b)) ?? null;
  }
}
