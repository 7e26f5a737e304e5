import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { DatabaseKind } from '../db/connect.ts';
import type { Db } from '../db/database.ts';
import { isDatabaseUnavailable } from '../db/database-unavailable.ts';
import { summariseError } from '../db/error-summary.ts';
import { databaseUnavailableMessage } from '../errors.ts';

const databaseKindSchema = z.enum(['embedded', 'postgres']);

export const healthRoutes: FastifyPluginAsyncZod<{ db: Db; databaseKind: DatabaseKind }> = async (
  app,
  { db, databaseKind },
) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Whether the server and its database answer',
        description:
          '503 `degraded` while the database cannot be reached; the server keeps running and recovers by itself.',
        tags: ['health'],
        response: {
          200: z.object({ status: z.literal('ok'), database: databaseKindSchema }),
          503: z.object({
            status: z.literal('degraded'),
            database: databaseKindSchema,
            error: z.object({ code: z.literal('database_unavailable'), message: z.string() }),
          }),
        },
      },
    },
    async (request, reply) => {
      // A health check that does not touch the database would report a server that cannot work.
      try {
        await sql`select 1`.execute(db);
      } catch (error) {
        // Any failure of `select 1` means the database cannot serve, whatever its cause; only
        // an unexpected one is logged as an error.
        const level = isDatabaseUnavailable(error) ? 'warn' : 'error';
        request.log[level]({ err: summariseError(error) }, 'health check: database unavailable');
        return reply.status(503).send({
          status: 'degraded' as const,
          database: databaseKind,
          error: { code: 'database_unavailable' as const, message: databaseUnavailableMessage },
        });
      }
      return { status: 'ok' as const, database: databaseKind };
    },
  );
};
