import type { RecordingListEntry } from '../../../server/audio/schema.ts';
import { recordingListUrl } from './audio-list.ts';

/**
 * The cache the service worker reads recordings and their lists from (service-worker.js).
 * Not tied to a page version: a recording's address changes with its bytes (`?v=`).
 */
export const audioCacheName = 'cbhpi-audio';

/**
 * A kiosk keeps every recording of its questionnaire in its offered languages, and each
 * language's list, so a resident hears them with no network. Written to the cache directly,
 * not through the service worker, which may not control the page yet on the first start after
 * pairing. Recordings no list names any more (replaced, removed) are dropped. Best effort:
 * offline, or on a browser with no Cache API, it does nothing and the kiosk works unheard.
 */
export async function precacheRecordings(questionnaireId: string) {
  if (typeof caches === 'undefined') return;
  try {
    const res = await fetch(`/api/audio/${encodeURIComponent(questionnaireId)}`);
    if (!res.ok) return;
    const all = (await res.json()) as RecordingListEntry[];
    const offered = await offeredCodes();
    const kept = offered ? all.filter((entry) => offered.has(entry.language)) : all;
    // No recordings and none kept from before: no cache made for nothing.
    if (kept.length === 0 && !(await caches.has(audioCacheName))) return;
    const cache = await caches.open(audioCacheName);
    const byLanguage = new Map<string, RecordingListEntry[]>();
    for (const entry of kept) {
      byLanguage.set(entry.language, [...(byLanguage.get(entry.language) ?? []), entry]);
    }
    for (const language of offered ?? byLanguage.keys()) {
      const list = byLanguage.get(language) ?? [];
      await cache.put(
        recordingListUrl(questionnaireId, language),
        new Response(JSON.stringify(list), { headers: { 'content-type': 'application/json' } }),
      );
    }
    const wanted = new Set(kept.map((entry) => new URL(entry.url, location.origin).href));
    for (const url of wanted) if (!(await cache.match(url))) await cache.add(url);
    const prefix = new URL(`/api/audio/${encodeURIComponent(questionnaireId)}/`, location.origin)
      .href;
    for (const request of await cache.keys()) {
      if (request.url.startsWith(prefix) && !wanted.has(request.url)) await cache.delete(request);
    }
  } catch {}
}

/** The languages offered to residents, or null when the server cannot say. */
async function offeredCodes(): Promise<Set<string> | null> {
  try {
    const res = await fetch('/api/languages');
    if (!res.ok) return null;
    const list = (await res.json()) as { code: string; offered: boolean }[];
    return new Set(list.filter((language) => language.offered).map((language) => language.code));
  } catch {
    return null;
  }
}
