import { Workbox } from 'workbox-window';

let registered = false;

/**
 * Registers the service worker that vite-plugin-pwa (Workbox) builds as /sw.js: it precaches
 * the app shell, so /submit opens with no connection at all. (`vite dev` has no sw.js: the
 * registration fails there, with a warning, and nothing else changes.)
 */
export function registerServiceWorker(): void {
  if (registered || !('serviceWorker' in navigator)) return;
  registered = true;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.register().catch((error: unknown) => {
    registered = false;
    console.warn('service worker not registered:', error instanceof Error ? error.message : error);
  });
}
