import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffRoles } from '../auth/access.ts';
import type { Db } from '../db/database.ts';
import { errorSchema } from '../shared-schemas.ts';
import { findAuditPage } from './queries.ts';
import { auditPageSchema, auditQuerySchema } from './schema.ts';

export type AuditRoutesOptions = { db: Db };

export const auditRoutes: FastifyPluginAsyncZod<AuditRoutesOptions> = async (app, { db }) => {
  app.get(
    '/audit',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'The audit log of staff changes, newest first',
        description:
          'Every change to data or access (review decisions, users, kiosks) with who, when, ' +
          'the target and the reason. Pass `nextCursor` back as `cursor` for the next page.',
        tags: ['audit'],
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, 400: errorSchema },
      },
    },
    async (request) => findAuditPage(db, request.query),
  );
};
