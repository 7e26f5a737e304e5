import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Commune } from './schema.ts';
import { communeSchema } from './schema.ts';

/** The list only changes through a migration, so it is read once at start and served from memory. */
export const communeRoutes: FastifyPluginAsyncZod<{ communes: Commune[] }> = async (
  app,
  { communes },
) => {
  app.get(
    '/communes',
    {
      config: { access: 'public' },
      schema: {
        summary: 'All communes and wards of the province, by code',
        tags: ['communes'],
        response: { 200: z.array(communeSchema) },
      },
    },
    async () => communes,
  );
};
