import type { FastifyServerOptions } from 'fastify';

/**
 * Logs say what happened to which route and how it ended, never who asked or what they
 * answered: no client address, no body, no query string (it may carry a wave or a commune,
 * harmless, but a stray token would not be).
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({
        id: request.id,
        method: request.method,
        path: request.url.split('?')[0],
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}
