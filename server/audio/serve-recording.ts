import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../errors.ts';
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

/** Whether an `If-None-Match` list names this ETag (weak or strong, as RFC 9110 compares for GET). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Sends a stored recording: its type, its sha256 as the ETag, a 304 when the client holds it,
 * one byte range (206) when asked for one, else the whole. Cached for a year, unchanged, when
 * the URL names this version (`?v=`); without it, or with another version's, the client
 * must revalidate, so an old link never pins a replaced recording.
 */
export function sendRecording(
  request: FastifyRequest,
  reply: FastifyReply,
  recording: { contentType: string; sha256: string; bytes: Buffer },
  askedVersion: string | undefined,
) {
  const etag = `"${recording.sha256}"`;
  const pinned = askedVersion === recording.sha256.slice(0, versionLength);
  reply
    .header('etag', etag)
    .header(
      'cache-control',
      pinned ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
    )
    .header('accept-ranges', 'bytes')
    .header('x-content-type-options', 'nosniff');
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.status(304).send();

  const { bytes } = recording;
  const ifRange = request.headers['if-range'];
  // A range of an older version would splice two recordings: then the whole is sent.
  const rangeHeader = ifRange === undefined || ifRange === etag ? request.headers.range : undefined;
  const range = byteRange(rangeHeader, bytes.length);
  if (range.kind === 'unsatisfiable') {
    return reply
      .status(416)
      .header('content-range', `bytes */${bytes.length}`)
      .send(
        errorBody(
          'range_not_satisfiable',
          `The recording is ${bytes.length} bytes; the range asked for lies outside it`,
        ),
      );
  }
  reply.type(recording.contentType);
  if (range.kind === 'whole') return reply.status(200).send(bytes);
  return reply
    .status(206)
    .header('content-range', `bytes ${range.first}-${range.last}/${bytes.length}`)
    .send(bytes.subarray(range.first, range.last + 1));
}
