import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { chooseEncoding } from './choose-encoding.ts';

/** Below this a compressed body saves less than its headers and the work cost. */
export const compressAbove = 1024;

const brotli = promisify(brotliCompress);
const deflate = promisify(gzip);
const jsonType = /^application\/(?:[\w.+-]+\+)?json\b/i;

/** Adds `accept-encoding` to `Vary`, keeping what is there. */
function varyOnEncoding(reply: FastifyReply) {
  const current = String(reply.getHeader('vary') ?? '');
  const names = current.split(',').map((name) => name.trim().toLowerCase());
  if (names.includes('accept-encoding') || names.includes('*')) return;
  reply.header('vary', current ? `${current}, accept-encoding` : 'accept-encoding');
}

/**
 * Compresses JSON answers above `compressAbove` bytes with brotli or gzip, as the client
 * takes them. Only bodies Fastify holds whole (a serialised object, a string, a buffer):
 * a streamed body, such as an export, passes untouched and keeps streaming. Brotli at
 * quality 5 costs a few milliseconds for the largest answers and saves most of gzip's bytes
 * and more; the static files have their best copies made at build time instead.
 */
export function registerJsonCompression(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (reply.hasHeader('content-encoding')) return payload;
    if (!jsonType.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (body.length <= compressAbove) return payload;
    // The answer now depends on the request's Accept-Encoding, also when it goes out plain.
    varyOnEncoding(reply);
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    if (!encoding) return payload;
    const compressed =
      encoding === 'br'
        ? await brotli(body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 5,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          })
        : await deflate(body, { level: 6 });
    reply.header('content-encoding', encoding);
    reply.header('content-length', compressed.length);
    return compressed;
  });
}
