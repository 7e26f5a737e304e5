/**
 * Each offline page's own service worker (built by vite.config.ts) and the scope it keeps: a
 * resident's phone caches the resident page's files only, a kiosk the kiosk's. `/kiosk` is a
 * longer scope than `/`, so the kiosk's worker, not the resident's, serves the kiosk.
 */
const workers: Record<string, { script: string; scope: string }> = {
  '/': { script: '/sw.js', scope: '/' },
  '/kiosk': { script: '/kiosk-sw.js', scope: '/kiosk' },
};

/**
 * Installs the service worker that keeps this page and the questionnaire on the device, once
 * the page has loaded: on a slow line its downloads would otherwise compete with the first
 * screen's. What the page itself has fetched by then the worker takes from the HTTP cache.
 */
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const worker = workers[location.pathname.replace(/\/$/, '') || '/'];
  if (!worker) return;
  const register = () =>
    navigator.serviceWorker.register(worker.script, { scope: worker.scope }).catch(() => {
      // Without it the page still works online; offline it would not open, nothing else breaks.
    });
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
