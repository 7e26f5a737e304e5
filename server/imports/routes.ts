import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/database.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';

export type ImportRoutesOptions = {
  db: Db;
  catalog: QuestionnaireCatalog;
  communeCodes: ReadonlySet<string>;
};

/** Responses from other tools as CSV (server/API.md "Paper and import"). */
export const importRoutes: FastifyPluginAsyncZod<ImportRoutesOptions> = async () => {};
