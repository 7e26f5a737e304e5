import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export const contentTypes = {
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * Sends a file as it is produced. `Readable.from` pulls the next chunk only when the socket
 * has taken the last ones, so a slow client slows the database reads instead of filling
 * memory; a client that goes away ends the stream and with it the reads.
 */
export function sendDownload(
  reply: FastifyReply,
  file: {
    filename: string;
    type: keyof typeof contentTypes;
    chunks: AsyncIterable<string | Uint8Array>;
  },
) {
  return (
    reply
      .header('content-type', contentTypes[file.type])
      // Filenames are built from a checked wave and commune code: ASCII, no quotes.
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      // Responses are personal data: no shared cache keeps a copy.
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(Readable.from(file.chunks, { objectMode: false }))
  );
}
