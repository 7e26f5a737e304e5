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
/** A language's pack (`/api/languages/<code>?v=…`): kept by its path, so it opens offline. */
const isLanguagePack = (path) => /^\/api\/languages\/[a-z]{2,3}$/.test(path);

/** Recordings and their lists (web/src/shared/audio-precache.ts fills it on a kiosk). */
const audioCache = 'cbhpi-audio';
const isRecording = (path) => /^\/api\/audio\/[^/]+\/[a-z]{2,3}\/[^/]+$/.test(path);
const isRecordingList = (path) => /^\/api\/audio\/[^/]+$/.test(path);

/**
 * The kiosk keeps every offered language's pack from the start, so a resident can choose any
 * of them offline. Best effort: a kiosk without them still works in Vietnamese and English.
 */
async function precacheLanguages(cache) {
  if (pageId !== 'kiosk') return;
  try {
    const list = await (await fetch('/api/languages')).json();
    const others = list.filter((l) => l.offered && l.code !== 'vi' && l.code !== 'en');
    await Promise.all(
      others.map(async (l) => {
        const pack = await fetch(`/api/languages/${l.code}?v=${encodeURIComponent(l.version)}`);
        if (pack.ok) await cache.put(`/api/languages/${l.code}`, pack);
      }),
    );
  } catch {}
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      await cache.addAll([...precache, ...freshFirst]);
      await precacheLanguages(cache);
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

/**
 * A cached whole recording cut to the `Range` the audio element asks for (it asks even for
 * the first bytes); a range past the end is a 416, as from the server.
 */
async function ranged(response, range) {
  const match = /^bytes=(\d*)-(\d*)$/.exec(range ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return response;
  const body = await response.blob();
  const size = body.size;
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || start > end) {
    return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } });
  }
  return new Response(body.slice(start, end + 1), {
    status: 206,
    headers: {
      'Content-Type': response.headers.get('Content-Type') ?? 'application/octet-stream',
      'Content-Range': `bytes ${start}-${end}/${size}`,
      'Content-Length': String(end - start + 1),
      'Accept-Ranges': 'bytes',
    },
  });
}

/**
 * A recording under its versioned address never changes: served from the cache, else fetched
 * whole (a 206 cannot be cached) and kept, then cut to the range asked for.
 */
async function recording(request, key) {
  const cache = await caches.open(audioCache);
  let whole = await cache.match(key);
  if (!whole) {
    whole = await fetch(key);
    if (!whole.ok) return whole;
    await cache.put(key, whole.clone());
  }
  return ranged(whole, request.headers.get('Range'));
}

/**
 * A recordings list: fresh when online, else the one the kiosk precached (audio-precache.ts
 * writes them, with the recordings they name; a page with none makes no cache).
 */
async function recordingList(request, key) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(key, { cacheName: audioCache });
    if (cached) return cached;
    throw error;
  }
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
  } else if (isRecording(path) && url.searchParams.has('v')) {
    event.respondWith(recording(request, path + url.search));
  } else if (isRecordingList(path)) {
    event.respondWith(recordingList(request, path + url.search));
  } else if (freshFirst.includes(path) || isLanguagePack(path)) {
    event.respondWith(networkFirst(request, path));
  } else if (precached.has(path)) {
    // Another page's assets go to the network (and the browser's HTTP cache) untouched.
    event.respondWith(cacheFirst(request, path));
  }
});
