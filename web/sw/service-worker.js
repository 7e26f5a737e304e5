// The service worker: the resident page and the kiosk must open and be filled with no network.
// Built by vite.config.ts, which fills in the build's files and version below.
const version = '__VERSION__';
const precache = __PRECACHE__;
const cacheName = `cbhpi-${version}`;
/** Pages and the data a form needs, fetched fresh when possible and kept for offline use. */
const freshFirst = ['/', '/kiosk', '/api/questionnaires/current', '/api/communes'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      await cache.addAll([...precache, ...freshFirst]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== cacheName) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

async function networkFirst(request, cacheKey) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(cacheKey, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(cacheKey);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(cacheName)).put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname.replace(/\/$/, '') || '/';
  if (request.mode === 'navigate' && (path === '/' || path === '/kiosk')) {
    event.respondWith(networkFirst(request, path));
  } else if (freshFirst.includes(path)) {
    event.respondWith(networkFirst(request, path));
  } else if (path.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  }
});
