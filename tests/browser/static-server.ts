/**
 * A plain static file server, as a course site or a project page would be: files by extension,
 * no special headers, no rewrites. It serves a folder (dist/) under a nested path, and answers the
 * folder's path without its trailing slash with index.html itself instead of redirecting (as some
 * servers do): the harder case for relative URLs; and it redirects index.html to the folder, as
 * servers with clean URLs do (a redirected response cannot answer a navigation from a service
 * worker's cache). Tests can also serve a page of their own (a host page on another origin) and
 * replace a file's content (a new build).
 */
import { readFile, stat } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
};

export interface StaticServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** The folder's URL, with its trailing slash. */
  readonly url: string;
  /** Serves `content` for a file of the folder from now on (a new build's file, say). */
  replace(path: string, content: string): void;
  /** Stops serving (the network gone); again: nothing more. */
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server did not listen on a port');
  return `http://127.0.0.1:${address.port}`;
}

async function close(server: Server): Promise<void> {
  if (!server.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

/** Serves the files of `root` under `mount` (e.g. '/course/week-3/lab/'). */
export async function serveFolder(root: string, mount: string): Promise<StaticServer> {
  const replaced = new Map<string, string>();
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (path === `${mount}index.html`) {
      response.writeHead(301, { Location: mount }).end();
      return;
    }
    const inside = path === mount.slice(0, -1) ? 'index.html' : path.startsWith(mount) ? path.slice(mount.length) || 'index.html' : null;
    const file = inside === null ? null : normalize(join(root, inside.endsWith('/') ? `${inside}index.html` : inside));
    if (file === null || !file.startsWith(normalize(root)) || request.method !== 'GET') {
      response.writeHead(404).end();
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const override = replaced.get(inside!);
    if (override !== undefined) {
      response.writeHead(200, { 'Content-Type': type }).end(override);
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  const origin = await listen(server);
  return {
    origin,
    url: `${origin}${mount}`,
    replace: (path, content) => replaced.set(path, content),
    close: () => close(server),
  };
}

/** Serves one HTML page at '/' (a host page on an origin of its own). */
export async function servePage(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.url === '/') response.writeHead(200, { 'Content-Type': TYPES['.html'] }).end(html);
    else response.writeHead(404).end();
  });
  const url = `${await listen(server)}/`;
  return { url, close: () => close(server) };
}
