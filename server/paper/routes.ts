import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/database.ts';
import type { LanguageFiles } from '../languages/read-language-files.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import { batchRoutes } from './batch-routes.ts';
import { conflictRoutes } from './conflict-routes.ts';
import { entryRoutes } from './entry-routes.ts';

export type PaperRoutesOptions = {
  db: Db;
  catalog: QuestionnaireCatalog;
  communeCodes: ReadonlySet<string>;
  /** The shipped languages: a batch is printed only in a complete one. */
  languageFiles: LanguageFiles;
  now?: () => Date;
};

/** Numbered paper forms, double entry and conflicts (server/API.md "Paper and import"). */
export const paperRoutes: FastifyPluginAsyncZod<PaperRoutesOptions> = async (app, options) => {
  // Only our own options: fastify's (the `/api` prefix) are applied to this plugin already.
  const { db, catalog, communeCodes, languageFiles, now } = options;
  const own = { db, catalog, communeCodes, languageFiles, ...(now ? { now } : {}) };
  await app.register(batchRoutes, own);
  await app.register(entryRoutes, own);
  await app.register(conflictRoutes, own);
};
