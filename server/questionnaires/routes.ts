import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/database.ts';
import { currentQuestionnaireSchema } from '../waves/current-schema.ts';
import type { WaveRecord } from '../waves/queries.ts';
import type { QuestionnaireCatalog } from './load-questionnaires.ts';
import { findServedQuestionnaire } from './served-questionnaire.ts';

const publicWave = (wave: WaveRecord | null) =>
  wave && { id: wave.id, name: wave.name, opensOn: wave.opensOn, closesOn: wave.closesOn };

export const questionnaireRoutes: FastifyPluginAsyncZod<{
  db: Db;
  catalog: QuestionnaireCatalog;
  now?: () => Date;
}> = async (app, { db, catalog, now = () => new Date() }) => {
  app.get(
    '/questionnaires/current',
    {
      config: { access: 'public' },
      schema: {
        summary:
          "The open wave's questionnaire, with its normalised scoring block, and which wave is open",
        description:
          'With no wave open, `openWave` is null and the questionnaire is the next wave’s (else the newest published).',
        tags: ['questionnaires'],
        response: { 200: currentQuestionnaireSchema },
      },
    },
    async () => {
      // Read for every request (two probes of a few rows), so a wave opened, changed or closed
      // by any server process is what every page gets next.
      const { questionnaire, open, next } = await findServedQuestionnaire(db, catalog, now());
      const { id, title, scoring, survey } = questionnaire;
      return {
        id,
        title,
        scoring,
        survey,
        openWave: publicWave(open),
        nextWave: publicWave(next),
      };
    },
  );
};
