/**
 * The queue's keyset cursor: the last row's completion time (to the microsecond, as the
 * database sorts it: a JavaScript Date would round it to the millisecond and skip or repeat
 * rows) and its id, as opaque base64url text. `decodeReviewCursor` answers null for anything
 * it did not make.
 *
 * @example encodeReviewCursor({ at: '2026-05-01T08:00:00.123456Z', id: '0b6c…' }) // 'MjAyNi0wNS0w…'
 */
export type ReviewCursor = { at: string; id: string };

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeReviewCursor(cursor: ReviewCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeReviewCursor(text: string): ReviewCursor | null {
  const [at, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !at || !id || !instant.test(at) || !uuid.test(id)) return null;
  if (Number.isNaN(Date.parse(at))) return null;
  return { at, id };
}
