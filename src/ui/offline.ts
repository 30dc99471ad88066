/**
 * Offline after the first visit: registers the service worker (src/worker/service-worker.ts, built to sw.js beside
 * index.html) and tells the visitor when a new version has been downloaded. Only in a build: the
 * dev server's files change at every edit.
 *
 * An update installs in the background during a visit and waits (see src/worker/service-worker.ts): the page shows a
 * short notice that it opens on the next visit, with Reload to open it now.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { pageBase } from './page-base';
import { UpdateNotice } from './UpdateNotice';

let shown = false;

/** Once per page, however many builds arrive meanwhile: Reload opens the newest one waiting. */
function showUpdateNotice(registration: ServiceWorkerRegistration): void {
  if (shown) return;
  shown = true;
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  const reload = () => {
    // The new version takes over; this page reloads into it once it controls the page.
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    registration.waiting?.postMessage('skip-waiting');
  };
  root.render(createElement(UpdateNotice, { onReload: reload, onDismiss: () => root.unmount() }));
}

export async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  let registration: ServiceWorkerRegistration;
  try {
    registration = await navigator.serviceWorker.register(new URL('sw.js', pageBase()).href);
  } catch {
    // Refused where storage is blocked (a frame on a host with strict privacy settings, a private
    // window): the lab then works as before, online only.
    return;
  }
  // An update is a new worker installed while an older one controls the page (on a first visit
  // nothing controls it yet, and there is nothing to announce).
  const announce = () => {
    if (navigator.serviceWorker.controller) showUpdateNotice(registration);
  };
  if (registration.waiting) announce();
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') announce();
    });
  });
}
