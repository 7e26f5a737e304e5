import type { FastifyServerOptions } from 'fastify';
import { summariseError } from './db/error-summary.ts';

/**
 * Logs say what happened to which route and how it ended, never who asked or what they
 * answered: no client address, no body, no query string (it may carry a wave or a commune,
 * harmless, but a stray token would not be), and of an error only its summary: a database
 * error carries the statement's values (error-summary.ts says which fields and why).
 */
export function loggerOptions(
  level: string,
): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({
        id: request.id,
        method: request.method,
        path: request.url.split('?')[0],
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      // The error handler logs summaries already; this catches Fastify's own `{ err }` lines.
      // (Fastify's type expects pino's message and stack, which are exactly what is left out.)
      err: summariseError as never,
    },
  };
}
