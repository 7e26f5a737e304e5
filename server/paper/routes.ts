import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/database.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';

export type PaperRoutesOptions = {
  db: Db;
  catalog: QuestionnaireCatalog;
  communeCodes: ReadonlySet<string>;
};

/** Numbered paper forms, double entry and conflicts (server/API.md "Paper and import"). */
export const paperRoutes: FastifyPluginAsyncZod<PaperRoutesOptions> = async () => {};
