import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { DatabaseKind } from '../db/connect.ts';
import type { Db } from '../db/database.ts';

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
        tags: ['health'],
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['embedded', 'postgres']) }),
        },
      },
    },
    async () => {
      // A health check that does not touch the database would report a server that cannot work.
      await sql`select 1`.execute(db);
      return { status: 'ok' as const, database: databaseKind };
    },
  );
};
