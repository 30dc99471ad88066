/**
 * Vite plugin: builds src/worker/service-worker.ts to `sw.js` beside index.html and writes into it what it caches,
 * read from the finished build: every file of the bundle and of public/, except MNIST (public/mnist,
 * cached only once a digit run fetches it) and the English word table (its chunks, cached only once
 * an English word run loads them), and a version hashed from their contents, so that any
 * change to the app makes a new service worker, and only a change does.
 *
 * Also makes the link-preview URLs absolute when the build is told where it will be served
 * (SITE_URL=https://host/folder/): some preview readers do not resolve relative image URLs.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

const SOURCE = 'src/worker/service-worker.ts';
const OUTPUT = 'sw.js';
const PLACEHOLDER = '__MAD_LAB_BUILD__';
/** Files fetched only when needed, and cached then: MNIST, and the chunks of the English word table. */
const DATA = /^(mnist\/|assets\/brown-words-)/;

function publicFiles(dir: string): { path: string; content: Uint8Array }[] {
  if (!dir) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => ({ path: path.split(sep).join('/'), content: readFileSync(join(dir, path)) }));
}

function hashOf(files: { path: string; content: string | Uint8Array }[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(file.path).update('\0').update(file.content).update('\0');
  return hash.digest('hex').slice(0, 16);
}

const PREVIEW_TAGS = /(<meta\s+property="og:image"\s+content=")([^"]*)(")/g;

export function serviceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'mad-lab:service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: join(config.root, SOURCE), fileName: OUTPUT });
    },
    transformIndexHtml(html) {
      const site = process.env.SITE_URL;
      if (!site) return html;
      const root = new URL(site.endsWith('/') ? site : `${site}/`);
      const absolute = html.replace(PREVIEW_TAGS, (_, open: string, url: string, close: string) => `${open}${new URL(url, root).href}${close}`);
      return absolute.replace('<meta property="og:type"', `<meta property="og:url" content="${root.href}" />\n    <meta property="og:type"`);
    },
    generateBundle(_, bundle) {
      const built = Object.values(bundle)
        .filter((file) => file.fileName !== OUTPUT)
        .map((file) => ({ path: file.fileName, content: file.type === 'chunk' ? file.code : file.source }));
      const shipped = publicFiles(config.publicDir);
      const data = [...built, ...shipped].filter((file) => DATA.test(file.path));
      const app = [...built, ...shipped].filter((file) => !DATA.test(file.path));
      const build = {
        version: hashOf([...app, ...data]),
        dataVersion: hashOf(data),
        app: app.map((file) => file.path).sort(),
        data: data.map((file) => file.path).sort(),
      };
      const sw = bundle[OUTPUT];
      if (sw?.type !== 'chunk' || sw.code.split(PLACEHOLDER).length !== 2) throw new Error(`${OUTPUT}: expected one ${PLACEHOLDER} in the built service worker`);
      sw.code = sw.code.replace(PLACEHOLDER, JSON.stringify(build));
    },
  };
}
