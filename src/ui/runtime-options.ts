/**
 * How this browser runs the neural learners, read once from the link: `backend=webgpu|webgl|wasm|cpu`
 * forces a TensorFlow.js backend (otherwise the worker times the candidates and picks the
 * fastest), `backends=wasm,cpu` names the candidates timed (software renderers included when
 * listed: how a machine without a GPU sees the timing happen), and `fail-backend-at=K` makes the
 * backend fail in the middle of generation K, to see (and test) the fallback. They are not spec
 * fields: they say nothing about the experiment, and the page keeps them in the address bar as
 * they came. `assets` is the page's base URL, where the worker finds the files the page ships.
 */
import { pageBase } from './page-base';
import { BACKENDS, type BackendName, type Runtime } from '../worker/protocol';

/** The link parameters read here. */
export const RUNTIME_PARAMS = ['backend', 'backends', 'fail-backend-at'] as const;

export function readRuntime(search: string, assets: string): { runtime: Runtime; notices: string[] } {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  let backend: BackendName | null = null;
  const asked = params.get('backend');
  if (asked !== null) {
    if ((BACKENDS as readonly string[]).includes(asked)) backend = asked as BackendName;
    else notices.push(`backend: ${JSON.stringify(asked)} is not a TensorFlow.js backend; allowed: ${BACKENDS.join(' | ')}; choosing the fastest that works instead`);
  }
  let backends: BackendName[] | null = null;
  const listed = params.get('backends');
  if (listed !== null) {
    const names = listed.split(',');
    const wrong = names.filter((name) => !(BACKENDS as readonly string[]).includes(name));
    if (wrong.length === 0 && new Set(names).size === names.length) backends = BACKENDS.filter((b) => names.includes(b));
    else
      notices.push(
        `backends: ${JSON.stringify(listed)} ${wrong.length > 0 ? `names ${wrong.map((w) => JSON.stringify(w)).join(', ')}, not a TensorFlow.js backend` : 'names a backend twice'}; allowed: a comma-separated list of ${BACKENDS.join(' | ')}, each once; timing the default candidates instead`,
      );
  }
  let failBackendAt: number | null = null;
  const failAt = params.get('fail-backend-at');
  if (failAt !== null) {
    if (/^[1-9]\d*$/.test(failAt)) failBackendAt = Number(failAt);
    else notices.push(`fail-backend-at: ${JSON.stringify(failAt)} is not a generation; allowed: an integer ≥ 1; ignored`);
  }
  return { runtime: { backend, backends, failBackendAt, assets }, notices };
}

/** The link parameters that carry a runtime, "&backend=wasm", appended to the page's own. */
export function runtimeQuery(runtime: Runtime): string {
  return `${runtime.backend ? `&backend=${runtime.backend}` : ''}${runtime.backends ? `&backends=${runtime.backends.join(',')}` : ''}${runtime.failBackendAt ? `&fail-backend-at=${runtime.failBackendAt}` : ''}`;
}

/** This page's runtime, as the link it was opened with says, and where the page's files are. */
export const PAGE_RUNTIME = typeof location === 'undefined' ? readRuntime('', '') : readRuntime(location.search, pageBase());
