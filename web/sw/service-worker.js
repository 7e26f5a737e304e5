// A page's service worker: the resident page (`/sw.js`) and the kiosk (`/kiosk-sw.js`) must
// open and be filled with no network. Built by vite.config.ts, once per page, which fills in
// that page's files (from the bundle graph), its data and its version below.
const version = '__VERSION__';
const pageId = '__PAGE_ID__';
const page = '__PAGE__';
const precache = __PRECACHE__;
/** The page and the data its form needs, fetched fresh when possible and kept for offline use. */
const freshFirst = [page, ...__DATA__];
const cachePrefix = `cbhpi-${pageId}-`;
const cacheName = `${cachePrefix}${version}`;
const precached = new Set(precache);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      await cache.addAll([...precache, ...freshFirst]);
      await self.skipWaiting();
    })(),
  );
});

/** This page's older caches, and the one cache all pages shared before each had its own. */
const isStale = (key) =>
  key !== cacheName && (key.startsWith(cachePrefix) || /^cbhpi-[0-9a-f]{12}$/.test(key));

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (isStale(key)) await caches.delete(key);
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

async function cacheFirst(request, path) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(path);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(path, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname.replace(/\/$/, '') || '/';
  if (request.mode === 'navigate') {
    // Only this page: the resident worker's scope (`/`) also covers the staff pages.
    if (path === page) event.respondWith(networkFirst(request, path));
  } else if (freshFirst.includes(path)) {
    event.respondWith(networkFirst(request, path));
  } else if (precached.has(path)) {
    // Another page's assets go to the network (and the browser's HTTP cache) untouched.
    event.respondWith(cacheFirst(request, path));
  }
});
