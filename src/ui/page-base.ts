/**
 * The page's base URL, ending with '/': the folder its index.html was served from. The build
 * uses relative URLs (vite `base: './'`, BASE_URL './'), so the same dist/ works in any folder of
 * any host; the dev server serves from the root (BASE_URL '/'). Public files (MNIST, LeNet, the
 * service worker) lie directly under it.
 */
export function pageBase(): string {
  return new URL(import.meta.env.BASE_URL, document.baseURI).href;
}
