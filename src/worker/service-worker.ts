/**
 * The service worker: MAD Lab offline after the first visit. Built to `sw.js` beside index.html
 * by scripts/service-worker-plugin.ts, which writes the build's file list and version into
 * `__MAD_LAB_BUILD__`. It only ever caches the app's own files:
 *
 * - the app (index.html, scripts, styles, the worker chunks, the tfjs wasm binaries, LeNet's
 *   weights, the icon and the preview image): fetched when the service worker installs, into a
 *   cache named after the build's version;
 * - MNIST (10.7 MiB, needed only by digit runs): cached the first time a run fetches it through
 *   the service worker (a first visit's runs start before it is installed, so usually from the
 *   second page load on), in a cache named after the files' own hash, so a new build of the app
 *   does not fetch it again.
 *
 * Everything is served cache first (a classroom's poor network is not waited for); any other
 * request (another origin, a file not in the build) goes to the network untouched. A new build
 * installs in the background and waits: the page says so (src/ui/offline.ts) and it opens on the
 * next visit, or at once when the visitor asks (message 'skip-waiting'). Pages of the old version
 * keep their own files until then, so a lazily loaded chunk of theirs is never missing.
 *
 * A classic script without imports, so every browser can run it (module service workers are not
 * everywhere yet).
 */

interface Build {
  /** Hash of every file of the app and of the MNIST files. */
  version: string;
  /** Hash of the MNIST files alone. */
  dataVersion: string;
  /** The app's files, relative to the service worker's folder (the page's base). */
  app: string[];
  /** Files cached once fetched (MNIST). */
  data: string[];
}

declare const __MAD_LAB_BUILD__: Build;

/** The few service-worker shapes used here (the project's TypeScript lib is the DOM's, not WebWorker's). */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ServiceWorkerScope {
  readonly location: Location;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const scope = self as unknown as ServiceWorkerScope;
const BUILD = __MAD_LAB_BUILD__;
const PREFIX = 'mad-lab-';
const APP_CACHE = `${PREFIX}app-${BUILD.version}`;
const DATA_CACHE = `${PREFIX}data-${BUILD.dataVersion}`;
const base = new URL('./', scope.location.href);
/**
 * The page is kept under its folder's URL, not index.html's: some servers redirect index.html to
 * the folder, and a redirected response cannot answer a navigation.
 */
const pageUrl = base.href;
const indexUrl = new URL('index.html', base).href;
const appUrls = new Set(BUILD.app.map((path) => new URL(path, base).href).map((url) => (url === indexUrl ? pageUrl : url)));
const dataUrls = new Set(BUILD.data.map((path) => new URL(path, base).href));

scope.addEventListener('install', (event) => {
  // `no-cache`: a file of the same name from an earlier build (index.html, lenet.bin) is checked
  // with the server, not taken from the HTTP cache.
  event.waitUntil(caches.open(APP_CACHE).then((cache) => cache.addAll([...appUrls].map((url) => new Request(url, { cache: 'no-cache' })))));
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== APP_CACHE && name !== DATA_CACHE) await caches.delete(name);
      // A first visit is controlled at once, so that what the workers it starts from now on fetch
      // (MNIST) is cached too; workers started before this are outside the service worker's reach.
      await scope.clients.claim();
    })(),
  );
});

scope.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') void scope.skipWaiting();
});

/** From the cache, else from the network, and then kept. */
async function cacheFirst(request: Request, cacheName: string): Promise<Response> {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

scope.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  // The page itself, with whatever link parameters: its one index.html.
  if (request.mode === 'navigate' && (url.href === pageUrl || url.href === indexUrl)) {
    event.respondWith(cacheFirst(new Request(pageUrl), APP_CACHE));
  } else if (appUrls.has(url.href)) event.respondWith(cacheFirst(request, APP_CACHE));
  else if (dataUrls.has(url.href)) event.respondWith(cacheFirst(request, DATA_CACHE));
});
