import { byteRange } from './byte-range.ts';

/** How much of the sha256 a recording's URL carries: enough that two versions never share one. */
export const versionLength = 12;

/** Where a recording is fetched; `?v=` changes with its bytes, so a cache may keep it for good. */
export function recordingUrl(
  id: { questionnaireId: string; language: string; key: string },
  sha256: string,
) {
  const path = [id.questionnaireId, id.language, id.key].map(encodeURIComponent).join('/');
  return `/api/audio/${path}?v=${sha256.slice(0, versionLength)}`;
}

export type RecordingMeta = { contentType: string; sha256: string; byteLength: number };

/**
 * The headers every answer about a recording carries. Cached for a year, unchanged, when the
 * URL names this version (`?v=`); without it, or with another version's, the client must
 * revalidate, so an old link never pins a replaced recording.
 */
export function recordingHeaders(meta: RecordingMeta, askedVersion: string | undefined) {
  const pinned = askedVersion === meta.sha256.slice(0, versionLength);
  return {
    etag: `"${meta.sha256}"`,
    'cache-control': pinned
      ? 'public, max-age=31536000, immutable'
      : 'public, max-age=0, must-revalidate',
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
  };
}

/** Whether an `If-None-Match` list names this ETag (weak or strong, as RFC 9110 compares for GET). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export type RecordingAnswer =
  | { kind: 'not_modified' }
  | { kind: 'unsatisfiable' }
  | { kind: 'bytes'; status: 200 | 206; first: number; last: number };

/**
 * What to answer a GET of a recording, decided before any of its bytes are read: 304 when the
 * client holds this version, 416 for a range outside it, one range (206), else the whole.
 * A range with an `If-Range` of another version would splice two recordings: the whole then.
 */
export function planRecordingAnswer(
  meta: RecordingMeta,
  headers: { 'if-none-match'?: string; 'if-range'?: string; range?: string },
): RecordingAnswer {
  const etag = `"${meta.sha256}"`;
  if (matchesEtag(headers['if-none-match'], etag)) return { kind: 'not_modified' };
  const ifRange = headers['if-range'];
  const asked = ifRange === undefined || ifRange === etag ? headers.range : undefined;
  const range = byteRange(asked, meta.byteLength);
  if (range.kind === 'unsatisfiable') return { kind: 'unsatisfiable' };
  if (range.kind === 'whole') {
    return { kind: 'bytes', status: 200, first: 0, last: meta.byteLength - 1 };
  }
  return { kind: 'bytes', status: 206, first: range.first, last: range.last };
}
