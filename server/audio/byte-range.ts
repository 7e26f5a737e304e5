/**
 * What a `Range` header asks of a body of `length` bytes (RFC 9110 section 14): one range
 * (first and last byte, both included), `unsatisfiable` (answer 416), or `whole` (no
 * header, a unit other than bytes, a malformed value, or several ranges: those are answered
 * with the whole body, as the RFC allows, since a player asks for one range at a time).
 *
 * @example byteRange('bytes=0-99', 1000)  // { kind: 'range', first: 0, last: 99 }
 * @example byteRange('bytes=-100', 1000)  // { kind: 'range', first: 900, last: 999 }
 * @example byteRange('bytes=500-', 1000)  // { kind: 'range', first: 500, last: 999 }
 * @example byteRange('bytes=1000-', 1000) // { kind: 'unsatisfiable' }
 */
export type ByteRange =
  | { kind: 'whole' }
  | { kind: 'unsatisfiable' }
  | { kind: 'range'; first: number; last: number };

const single = /^bytes[ \t]*=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*$/i;

export function byteRange(header: string | undefined, length: number): ByteRange {
  if (header === undefined) return { kind: 'whole' };
  const match = single.exec(header);
  if (!match) return { kind: 'whole' };
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return { kind: 'whole' };
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || length === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', first: Math.max(0, length - suffix), last: length - 1 };
  }
  const first = Number(from);
  if (to !== '' && Number(to) < first) return { kind: 'whole' };
  if (first >= length) return { kind: 'unsatisfiable' };
  const last = to === '' ? length - 1 : Math.min(Number(to), length - 1);
  return { kind: 'range', first, last };
}
